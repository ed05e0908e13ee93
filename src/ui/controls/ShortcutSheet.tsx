import { useEffect, useRef } from 'react';

const KEYS: Array<[string[], string]> = [
  [['Space'], 'Play or pause'],
  [['→'], 'Step forward'],
  [['←'], 'Step back'],
  [['Home'], 'Back to the start'],
  [['End'], 'Jump to the end'],
  [['Tab'], 'Move between controls'],
  [['?'], 'Show this sheet'],
  [['Esc'], 'Close this sheet'],
];

export default function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="sheet" aria-labelledby="keys-title" onClose={onClose} onCancel={onClose}>
      <h2 id="keys-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {KEYS.map(([keys, what]) => (
            <tr key={what}>
              <td style={{ width: 90 }}>
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ color: 'var(--text-3)', fontSize: 12 }}>
        On the timeline slider, the arrow keys, Page Up/Down, Home and End move the cursor too. In the hex dump of the message inspector, the arrow keys move
        between bytes and name the field of each.
      </p>
      <form method="dialog" style={{ textAlign: 'right', marginTop: 12 }}>
        <button className="btn" type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
