import type { ReactNode } from 'react';
import { clampInt } from '../../scenarios/limits';

/**
 * A number a sandbox action is made with, kept whole and within the scenario format's limits as it
 * is typed, so that whatever the sandbox makes can be saved and opened again. `unit` is how many
 * kept units one typed unit is (1000 when the learner types seconds and milliseconds are kept).
 */
export function NumberField(props: {
  caption: ReactNode;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  unit?: number;
  suffix?: string;
  describedBy?: string;
  onChange: (value: number) => void;
}) {
  const unit = props.unit ?? 1;
  return (
    <label className="sb-field inline">
      <span>{props.caption}</span>
      <input
        type="number"
        min={props.min / unit}
        max={props.max / unit}
        step={props.step ?? 1}
        value={props.value / unit}
        onChange={(e) => props.onChange(clampInt(Number(e.target.value) * unit, props.min, props.max))}
        aria-label={props.label}
        {...(props.describedBy ? { 'aria-describedby': props.describedBy } : {})}
      />
      {props.suffix && <span>{props.suffix}</span>}
    </label>
  );
}
