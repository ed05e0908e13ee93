/**
 * Which learning goals are earned at a step. A goal is reached with the caption that teaches it, but
 * not ticked while a question asked at or before that caption is still unanswered: the goal list
 * must never give an answer away, nor credit one the learner has not given.
 */
import { captionAt } from '../scenarios';
import type { Answer } from './progress';
import type { TimelineIndex } from './timelineIndex';

export type GoalState = 'done' | 'current' | 'todo';

export function goalStates(ix: TimelineIndex, goalCount: number, step: number, answers: Readonly<Record<string, Answer>>, quizOn: boolean): GoalState[] {
  const caption = captionAt(ix.captions, step);
  const reachedAt = new Map<number, number>();
  for (const c of ix.captions) if (c.goal !== undefined && !reachedAt.has(c.goal)) reachedAt.set(c.goal, c.step);
  const answeredUpTo = (at: number) => {
    if (!quizOn) return true;
    for (const [qs, q] of ix.questionAt) if (qs <= at && !answers[q.id]) return false;
    return true;
  };
  return Array.from({ length: goalCount }, (_, g): GoalState => {
    const at = reachedAt.get(g);
    if (at === undefined || at > step || !answeredUpTo(at)) return 'todo';
    // The last step closes the lecture: a goal taught there is earned, not in progress.
    return caption?.goal === g && step < ix.timeline.steps.length - 1 ? 'current' : 'done';
  });
}
