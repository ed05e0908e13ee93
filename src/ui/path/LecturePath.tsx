/** The recommended order of the lectures, each with the learner's progress kept in this browser. */
import { useEffect, useRef } from 'react';
import { LECTURES } from '../../scenarios';
import { lectureOf } from '../../store/progress';
import { useApp, useActions } from '../context';
import { useT } from '../i18n';

export default function LecturePath({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const progress = useApp((s) => s.progress);
  const current = useApp((s) => lectureOf(s.scenarioId));
  const a = useActions();
  const m = useT();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const finished = LECTURES.filter((l) => progress.get(l.id)?.finished).length;
  const next = LECTURES.find((l) => !progress.get(l.id)?.finished);
  return (
    <dialog ref={ref} className="sheet path" aria-labelledby="path-title" onClose={onClose} onCancel={onClose} data-testid="lecture-path">
      <h2 id="path-title">{m.path.title}</h2>
      <p className="muted small">{m.path.intro(finished, LECTURES.length)}</p>
      <ol className="path-list">
        {LECTURES.map((l) => {
          const p = progress.get(l.id);
          const answers = Object.values(p?.answers ?? {});
          const right = answers.filter((x) => 'correct' in x && x.correct).length;
          const state = p?.finished ? 'finished' : answers.length ? 'started' : 'not-started';
          const title = m.lectureTitles[l.title] ?? l.title;
          return (
            <li key={l.id} className={`path-item ${state}`} data-lecture={l.id}>
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
                {title}
              </button>
              <span className="muted small" data-testid="path-status">
                {m.path.state[state]}
                {answers.length ? m.path.answered(right, answers.length) : ''}
                {next?.id === l.id ? m.path.next : ''}
              </span>
              {p && (
                <button type="button" className="link small" onClick={() => a.forgetLecture(l.id)} aria-label={m.path.againLabel(title)}>
                  {m.path.again}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <form method="dialog" style={{ textAlign: 'right', marginTop: 12 }}>
        <button className="btn" type="submit" autoFocus>
          {m.path.close}
        </button>
      </form>
    </dialog>
  );
}
