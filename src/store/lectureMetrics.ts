/** How long a lecture is, as a learner meets it: the figures behind "≤ 10 minutes, nothing tedious". */
import type { Timeline } from '../engine';
import { captions, findStep } from '../scenarios/narration';
import { longestRun, similarGroups } from './similarSteps';

export interface LectureMetrics {
  steps: number;
  /** The longest run of similar steps (same kind, actor and message type). */
  longestRun: number;
  /** Presses of "next" from the first step to the last, with similar steps skipped. */
  stops: number;
  questions: number;
  /** Words of captions, questions (prompt, choices, explanation), summary and goals. */
  words: number;
  minutes: number;
  /** The same estimate stepping through every step, one by one. */
  minutesUnskipped: number;
}

/** Seconds to look at one stop (the stage, the step line), reading speed, and time to think about a question. */
export const SECONDS_PER_STOP = 6;
export const WORDS_PER_MINUTE = 150;
export const SECONDS_PER_QUESTION = 40;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * An estimate, not a measurement: stops × 6 s + words at 150 a minute + 40 s of thinking per
 * question. With no skipping it gives about 75 minutes for the seven lectures the walkthrough timed
 * at 80, so it errs on the short side by a little.
 */
export function lectureMetrics(t: Timeline): LectureMetrics {
  const barriers = new Set<number>(captions(t).map((c) => c.step));
  for (const q of t.spec.questions ?? []) {
    const at = findStep(t, q.before);
    if (at !== undefined) barriers.add(at);
  }
  const groups = similarGroups(t, barriers);
  const hidden = groups.reduce((n, g) => n + (g.to - g.from), 0);
  const stops = t.steps.length - 1 - hidden;
  const spec = t.spec;
  const texts = [spec.summary, ...spec.goals, ...(spec.narration ?? []).flatMap((n) => [n.title, n.text])];
  for (const q of spec.questions ?? []) texts.push(q.prompt, ...q.choices, q.explanation);
  const words = texts.reduce((n, s) => n + wordCount(s), 0);
  const questions = spec.questions?.length ?? 0;
  const estimate = (n: number) => (n * SECONDS_PER_STOP + questions * SECONDS_PER_QUESTION) / 60 + words / WORDS_PER_MINUTE;
  const steps = t.steps.length - 1;
  return { steps, longestRun: longestRun(t), stops, questions, words, minutes: estimate(stops), minutesUnskipped: estimate(steps) };
}
