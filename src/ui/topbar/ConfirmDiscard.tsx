import { useEffect, useRef } from 'react';
import { useT } from '../i18n';

/** Asks before choosing another lecture throws away the learner's sandbox work. */
export function ConfirmDiscard({ title, steps, onDiscard, onKeep }: { title: string; steps: number; onDiscard: () => void; onKeep: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const m = useT();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="sheet confirm"
      role="alertdialog"
      aria-labelledby="discard-title"
      aria-describedby="discard-text"
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <h2 id="discard-title">{m.discard.title}</h2>
      <p id="discard-text">{m.discard.text(title, steps)}</p>
      <div className="confirm-buttons">
        <button type="button" className="btn" autoFocus onClick={onKeep}>
          {m.discard.keep}
        </button>
        <button type="button" className="btn danger" onClick={onDiscard}>
          {m.discard.discard}
        </button>
      </div>
    </dialog>
  );
}
