import { useEffect, useRef } from 'react';

/** Asks before choosing another lecture throws away the learner's sandbox work. */
export function ConfirmDiscard({ title, steps, onDiscard, onKeep }: { title: string; steps: number; onDiscard: () => void; onKeep: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
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
      <h2 id="discard-title">Discard your sandbox work?</h2>
      <p id="discard-text">
        Opening “{title}” replaces the scenario you built in the sandbox ({steps} {steps === 1 ? 'change' : 'changes'} that Undo could take back). Save it as a
        file or share its link first to keep it.
      </p>
      <div className="confirm-buttons">
        <button type="button" className="btn" autoFocus onClick={onKeep}>
          Keep working
        </button>
        <button type="button" className="btn danger" onClick={onDiscard}>
          Discard and open
        </button>
      </div>
    </dialog>
  );
}
