/** The recommended order of the lectures, each with the learner's progress kept in this browser. */
import { useEffect, useRef } from 'react';
import { LECTURES } from '../../scenarios';
import { lectureOf } from '../../store/progress';
import { useApp, useActions } from '../context';

export default function LecturePath({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const progress = useApp((s) => s.progress);
  const current = useApp((s) => lectureOf(s.scenarioId));
  const a = useActions();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const finished = LECTURES.filter((l) => progress.get(l.id)?.finished).length;
  const next = LECTURES.find((l) => !progress.get(l.id)?.finished);
  return (
    <dialog ref={ref} className="sheet path" aria-labelledby="path-title" onClose={onClose} onCancel={onClose} data-testid="lecture-path">
      <h2 id="path-title">Lecture path</h2>
      <p className="muted small">
        From what a netlink socket is to a full receive queue and a kernel module of your own. {finished} of {LECTURES.length} watched to the end; kept in this
        browser.
      </p>
      <ol className="path-list">
        {LECTURES.map((l) => {
          const p = progress.get(l.id);
          const answers = Object.values(p?.answers ?? {});
          const right = answers.filter((x) => 'correct' in x && x.correct).length;
          const state = p?.finished ? 'finished' : answers.length ? 'started' : 'not started';
          return (
            <li key={l.id} className={`path-item ${state.replace(' ', '-')}`} data-lecture={l.id}>
              <span className="path-mark" aria-hidden="true">
                {p?.finished ? '✓' : ''}
              </span>
              <button
                type="button"
                className="link path-open"
                aria-current={current === l.id ? 'page' : undefined}
                onClick={() => {
                  void a.loadLecture(l.id);
                  ref.current?.close();
                }}
              >
                {l.title}
              </button>
              <span className="muted small" data-testid="path-status">
                {state}
                {answers.length ? ` · ${right} of ${answers.length} answered right` : ''}
                {next?.id === l.id ? ' · next' : ''}
              </span>
              {p && (
                <button type="button" className="link small" onClick={() => a.forgetLecture(l.id)} aria-label={`Start ${l.title} again`}>
                  start again
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <form method="dialog" style={{ textAlign: 'right', marginTop: 12 }}>
        <button className="btn" type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
