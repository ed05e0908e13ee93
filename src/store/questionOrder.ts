/**
 * The order in which a learner meets a lecture's questions. Types only from the index: the
 * handout and the page's selectors both number questions this way, and the handout must not load
 * the index's code.
 */
import type { QuestionSpec } from '../engine';
import type { TimelineIndex } from './timelineIndex';
/** The questions in the order a learner meets them: by the step each comes before (any never placed last, as listed). */
export function questionsInOrder(index: Pick<TimelineIndex, 'questionAt'>, questions: readonly QuestionSpec[]): QuestionSpec[] {
  const at = new Map<string, number>();
  for (const [step, q] of index.questionAt) at.set(q.id, step);
  return questions
    .map((q, i) => ({ q, key: at.get(q.id) ?? Infinity, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.q);
}
