import { lazy, Suspense, useState } from 'react';
import { useLectureText, useT } from '../i18n';
import { stepMessage } from '../../engine';
import { captionAt, LECTURES } from '../../scenarios';
import { ownActionStep } from '../../scenarios/narration';
import { useApp, useActions } from '../context';
import { kindClass } from '../kinds';
import { SummaryCard } from './SummaryCard';
import { RichText } from './RichText';
import { StepLine, useSayStep } from './StepLine';
import { goalStates } from '../../store/goals';
import { selectIndex, selectQuestionCount, selectQuiz, selectQuizEnabled, selectSpec, selectStep } from '../../store/selectors';

export function NarrationPanel() {
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const spec = useApp(selectSpec);
  const m = useT();
  const tl = useLectureText();
  const t = ix.timeline;
  const last = t.steps.length - 1;
  const caption = captionAt(ix.captions, step);
  // In the sandbox, the learner's own action is narrated, not the lecture's last caption.
  const say = useSayStep();
  const first = ownActionStep(t, step, spec.id.endsWith('-sandbox'));
  const own = first && {
    title: first.index === step ? m.narration.yourAction : m.narration.followsTitle,
    text: (first.index === step ? m.narration.yourActionText : m.narration.followsText)(say(first, t)),
  };
  const cur = t.steps.at(step)!;
  const msg = stepMessage(cur, t);
  const segs = Math.min(last + 1, 40);
  const segOf = (i: number) => Math.floor((i * segs) / (last + 1));
  const nowSeg = segOf(step);
  const quiz = useApp(selectQuiz);
  const states = goalStates(ix, spec.goals.length, step, quiz.answers, quiz.enabled);
  const goalState = (g: number) => states[g]!;
  const done = spec.goals.filter((_, i) => goalState(i) === 'done').length;
  return (
    <section className={`panel narration-panel ${msg ? kindClass(msg.kind) : ''}`} aria-label={m.narration.region} data-testid="narration">
      <div className="step-line">
        <span>{m.narration.stepOf(step, last)}</span>
        <span title={tl(t.spec.title)}>{tl(t.spec.title).split('—')[1]?.trim() ?? ''}</span>
      </div>
      <div className="segments" aria-hidden="true">
        {Array.from({ length: segs }, (_, i) => (
          <span key={i} className={i < nowSeg ? 'past' : i === nowSeg ? 'now' : undefined} />
        ))}
      </div>
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="caption">
        <h2 className="narr-title">{own ? own.title : tl(caption?.title ?? t.spec.title)}</h2>
        <p className="narr-text">
          <RichText text={own ? own.text : tl(caption?.text ?? t.spec.summary)} />
        </p>
        <p className="narr-step" data-testid="step-summary">
          <span className="sr-only">{m.narration.stepSr(step)}</span>
          {step === 0 ? m.narration.start : <StepLine step={cur} t={t} bars />}
        </p>
      </div>
      {step === last && <SummaryCard />}
      <QuizSwitch />
      <PathLine />
      {spec.goals.length > 0 && (
        <>
          <div className="goals-head">
            <span className="caps">{m.narration.goals}</span>
            <span className="caps">
              {done} / {spec.goals.length}
            </span>
          </div>
          <ul className="goals" aria-label={m.narration.goals}>
            {spec.goals.map((g, i) => {
              const st = goalState(i);
              return (
                <li key={i} className={st}>
                  <span className="box" aria-hidden="true">
                    {st === 'done' ? '✓' : ''}
                  </span>
                  <span>
                    {tl(g)}
                    <span className="sr-only"> ({m.narration.goalState[st]})</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

const LecturePath = lazy(() => import('../path/LecturePath'));

/** The way into the lecture path, with how far along it the learner is. */
function PathLine() {
  const progress = useApp((s) => s.progress);
  const [open, setOpen] = useState(false);
  const m = useT();
  const finished = LECTURES.filter((l) => progress.get(l.id)?.finished).length;
  return (
    <p className="path-line">
      <span className="caps">{m.path.title}</span>
      <span className="muted small">{m.path.finished(finished, LECTURES.length)}</span>
      <button type="button" className="link" onClick={() => setOpen(true)} data-testid="path-button">
        {m.path.show}
      </button>
      {open && (
        <Suspense fallback={null}>
          <LecturePath onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </p>
  );
}

function QuizSwitch() {
  const count = useApp(selectQuestionCount);
  const enabled = useApp(selectQuizEnabled);
  const set = useActions().setQuizEnabled;
  const m = useT();
  if (!count) return null;
  return (
    <label className="switch quiz-switch">
      <input type="checkbox" role="switch" checked={enabled} onChange={(e) => set(e.target.checked)} aria-checked={enabled} />
      <span>{m.narration.askMe(count)}</span>
    </label>
  );
}
