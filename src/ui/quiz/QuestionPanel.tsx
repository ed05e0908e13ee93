/** Predict, then see: a question before the step it is about; the reveal plays that step. */
import { useLectureText, useT } from '../i18n';
import { useEffect, useRef } from 'react';
import { selectLanes, selectOpenQuestion, selectOpenQuestionNumber, selectQuiz, selectSpec } from '../../store/selectors';
import { answerOf } from '../../store/slices/quiz';
import { useApp, useActions } from '../context';
import { RichText } from '../narration/RichText';

export default function QuestionPanel() {
  const quiz = useApp(selectQuiz);
  const spec = useApp(selectSpec);
  const lanes = useApp(selectLanes);
  const answer = useActions().answer;
  const toggle = useActions().toggleChoice;
  const skip = useActions().skipQuestion;
  const close = useActions().closeQuestion;
  const tryVariation = useActions().tryVariation;
  const heading = useRef<HTMLHeadingElement>(null);
  const q = useApp(selectOpenQuestion);
  const n = useApp(selectOpenQuestionNumber);
  const m = useT();
  const tl = useLectureText();
  // Move focus to the question when it appears, so keyboard and screen-reader users meet it first.
  useEffect(() => {
    heading.current?.focus();
  }, [q?.id, quiz.open?.phase]);
  if (!q || !quiz.open) return null;
  const total = spec.questions?.length ?? 0;
  const result = answerOf(quiz, q.id);
  const reveal = quiz.open.phase === 'reveal' && result && 'correct' in result;
  const pickOnStage = q.choices.some((c) => lanes.some((l) => l.process === c));
  return (
    <section className="panel question" aria-label={m.quiz.region} data-testid="question">
      <div className="step-line">
        <span>{m.quiz.questionOf(n, total)}</span>
        <span>{m.quiz.predict}</span>
      </div>
      <h2 className="q-prompt" tabIndex={-1} ref={heading}>
        <RichText text={tl(q.prompt)} />
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reveal) close();
          else if (quiz.draft.length) answer([...quiz.draft]);
        }}
      >
        <fieldset className="choices" disabled={!!reveal}>
          <legend className="sr-only">{q.kind === 'single' ? m.quiz.chooseOne : m.quiz.chooseAll}</legend>
          {q.choices.map((c, i) => {
            const ticked = quiz.draft.includes(i) || (reveal && result.chosen.includes(i));
            const isAnswer = q.answer.includes(i);
            return (
              <label key={i} className={`choice${reveal ? (isAnswer ? ' right' : ticked ? ' wrong' : '') : ''}`}>
                <input type={q.kind === 'single' ? 'radio' : 'checkbox'} name={`q-${q.id}`} checked={!!ticked} onChange={() => toggle(i)} />
                <span>
                  <RichText text={tl(c)} />
                </span>
                {reveal && isAnswer && <span className="tag">{ticked ? m.quiz.yourAnswerRight : m.quiz.theAnswer}</span>}
                {reveal && !isAnswer && ticked && <span className="tag">{m.quiz.yourAnswer}</span>}
              </label>
            );
          })}
        </fieldset>
        {!reveal && pickOnStage && <p className="muted small">{m.quiz.pickOnStage}</p>}
        <div role="status" aria-live="assertive" className="reveal">
          {reveal && (
            <>
              <p className={`verdict ${result.correct ? 'ok' : 'no'}`}>{result.correct ? m.quiz.right : m.quiz.notQuite}</p>
              <p className="narr-text">
                <RichText text={tl(q.explanation)} />
              </p>
              <p className="muted small">{m.quiz.afterReveal}</p>
              {q.tryIt && (
                <button type="button" className="btn" onClick={() => void tryVariation(q.id)} data-testid="try-it">
                  {m.quiz.tryIt(tl(q.tryIt.label))}
                </button>
              )}
            </>
          )}
        </div>
        <div className="q-buttons">
          {reveal ? (
            <button type="submit" className="btn primary">
              {m.quiz.continue}
            </button>
          ) : (
            <>
              <button type="button" className="btn" onClick={skip}>
                {m.quiz.skip}
              </button>
              <button type="submit" className="btn primary" aria-disabled={quiz.draft.length === 0}>
                {m.quiz.check}
              </button>
            </>
          )}
        </div>
      </form>
    </section>
  );
}
