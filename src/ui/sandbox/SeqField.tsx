import { U32_MAX } from '../../scenarios/limits';
import { NumberField } from './NumberField';

/** The `nlmsg_seq` a sandbox request is sent with: a whole number from 0 to 2³²−1, as a scenario file allows. */
export function SeqField({ value, onChange, label }: { value: number; onChange: (seq: number) => void; label: string }) {
  return <NumberField caption="seq" label={label} value={value} min={0} max={U32_MAX} onChange={onChange} />;
}
