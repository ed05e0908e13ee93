import { clampInt, U32_MAX } from '../../scenarios/limits';

/** The `nlmsg_seq` a sandbox request is sent with: a whole number from 0 to 2³²−1, as a scenario file allows. */
export function SeqField({ value, onChange, label }: { value: number; onChange: (seq: number) => void; label: string }) {
  return (
    <label className="sb-field inline">
      <span>seq</span>
      <input type="number" min={0} max={U32_MAX} value={value} onChange={(e) => onChange(clampInt(Number(e.target.value), 0, U32_MAX))} aria-label={label} />
    </label>
  );
}
