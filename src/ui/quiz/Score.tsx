import { useT } from '../i18n';
import { useApp } from '../context';
import { selectQuiz, selectSpec } from '../../store/selectors';

/** The score, once the scenario has been played to its end. */
export function Score() {
  const quiz = useApp(selectQuiz);
  const spec = useApp(selectSpec);
  const total = spec.questions?.length ?? 0;
  const m = useT();
  if (!total) return null;
  const answered = Object.values(quiz.answers);
  const right = answered.filter((a) => 'correct' in a && a.correct).length;
  const skipped = answered.filter((a) => 'skipped' in a).length;
  return (
    <p className="score" data-testid="score">
      {m.quiz.score(right, total, skipped, total - answered.length)}
    </p>
  );
}
