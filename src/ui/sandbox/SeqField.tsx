/** The `nlmsg_seq` a sandbox request is sent with: a whole number, never negative. */
export function SeqField({ value, onChange, label }: { value: number; onChange: (seq: number) => void; label: string }) {
  return (
    <label className="sb-field inline">
      <span>seq</span>
      <input type="number" min={0} value={value} onChange={(e) => onChange(Math.max(0, Math.floor(Number(e.target.value) || 0)))} aria-label={label} />
    </label>
  );
}
