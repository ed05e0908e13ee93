/** A transfer question's variation (QuestionSpec.tryIt) as a scenario of its own, forked from the lecture's run. */
import { forkScenario, type QuestionSpec, type ScenarioSpec, type Timeline } from '../engine';
import { findStep } from './narration';

/** The gap between the fork's moment and the variation's first action, so the fork is seen first. */
const LEAD_MS = 10;

/**
 * The lecture's run up to the fork (just before the step `forkBefore` finds, or its end), then the
 * variation's actions, whose `at` counts from the fork. Undefined when the question has no
 * variation or its fork point is not in this run.
 */
export function variationScenario(t: Timeline, q: QuestionSpec): ScenarioSpec | undefined {
  const v = q.tryIt;
  if (!v) return undefined;
  let at = t.steps.length - 1;
  if (v.forkBefore) {
    const before = findStep(t, v.forkBefore);
    if (before === undefined) return undefined;
    at = Math.max(0, before - 1);
  }
  const start = t.steps.at(at)!.timeMs + LEAD_MS;
  return forkScenario(
    t,
    at,
    v.actions.map((a) => ({ ...a, at: start + a.at })),
    0,
  );
}
