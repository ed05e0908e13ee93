import { useT } from '../i18n';
import type { Messages } from '../../i18n';
import { useEffect, useRef } from 'react';

const KEYS: Array<[string[], keyof Messages['shortcuts']['keys']]> = [
  [['Space'], 'play'],
  [['→'], 'forward'],
  [['←'], 'back'],
  [['Home'], 'home'],
  [['End'], 'end'],
  [['Tab'], 'tab'],
  [['?'], 'help'],
  [['Esc'], 'close'],
];

export default function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const m = useT();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="sheet" aria-labelledby="keys-title" onClose={onClose} onCancel={onClose}>
      <h2 id="keys-title">{m.shortcuts.title}</h2>
      <table>
        <tbody>
          {KEYS.map(([keys, what]) => (
            <tr key={what}>
              <td style={{ width: 90 }}>
                {keys.map((k) => (
                  <kbd key={k}>{m.shortcuts.keyNames[k] ?? k}</kbd>
                ))}
              </td>
              <td>{m.shortcuts.keys[what]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ color: 'var(--text-3)', fontSize: 12 }}>{m.shortcuts.note}</p>
      <form method="dialog" style={{ textAlign: 'right', marginTop: 12 }}>
        <button className="btn" type="submit" autoFocus>
          {m.shortcuts.closeButton}
        </button>
      </form>
    </dialog>
  );
}
