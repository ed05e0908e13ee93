/** Which caption belongs to which step: captions bind to the first step their matcher finds. */
import { pruneTranslations } from './i18n';
import { messageTypeName, stepActor, stepMessage, type NarrationSpec, type ScenarioSpec, type Step, type Timeline } from '../engine';

export type StepMatcher = Omit<NarrationSpec, 'title' | 'text' | 'goal'>;

/** The index of the action a matcher names, by index or by label; -1 for a label no action has. */
export function actionIndex(spec: ScenarioSpec, action: number | string): number {
  return typeof action === 'number' ? action : spec.actions.findIndex((a) => a.label === action);
}

/** Whether a step matches; `action` is the matcher's action already resolved to an index. */
function matches(step: Step, t: Timeline, m: StepMatcher, action: number | undefined): boolean {
  if (action !== undefined && step.cause !== action) return false;
  if (m.event !== undefined && step.event.kind !== m.event) return false;
  if (m.actor !== undefined && stepActor(step, t) !== m.actor) return false;
  if (m.messageType !== undefined) {
    const msg = stepMessage(step, t);
    if (!msg || messageTypeName(msg.message.header.type, msg.protocol) !== m.messageType) return false;
  }
  return true;
}

/** The first step that a matcher finds; no action means the opening step 0. */
export function findStep(t: Timeline, m: StepMatcher): number | undefined {
  if (m.action === undefined && m.event === undefined && m.actor === undefined && m.messageType === undefined) return 0;
  let left = m.nth ?? 1;
  // Resolved once: a label lookup per step would make long scenarios quadratic.
  const action = m.action === undefined ? undefined : actionIndex(t.spec, m.action);
  for (const s of t.steps) if (s.index > 0 && matches(s, t, m, action) && --left === 0) return s.index;
  return undefined;
}

export interface Caption {
  step: number;
  title: string;
  text: string;
  goal?: number;
}

/** Captions sorted by the step they start at. */
export function captions(t: Timeline): Caption[] {
  const out: Caption[] = [];
  for (const n of t.spec.narration ?? []) {
    const step = findStep(t, n);
    if (step !== undefined) out.push({ step, title: n.title, text: n.text, ...(n.goal !== undefined ? { goal: n.goal } : {}) });
  }
  return out.sort((a, b) => a.step - b.step);
}

/** The caption in force at a step: the latest one that starts at or before it. */
export function captionAt(list: readonly Caption[], step: number): Caption | undefined {
  let found: Caption | undefined;
  for (const c of list) {
    if (c.step <= step) found = c;
    else break;
  }
  return found;
}

/**
 * Where each caption and question of a scenario lands in a run of it. A caption lands nowhere when
 * its matcher finds no step, or when an earlier caption starts at the same step (it would never be
 * shown); a question lands nowhere when its matcher finds no step.
 */
export interface Placement {
  narration: Array<{ step: number } | { step: undefined } | { step: number; sameAs: number }>;
  questions: Array<number | undefined>;
}

export function placeNarration(spec: ScenarioSpec, t: Timeline): Placement {
  const first = new Map<number, number>();
  const narration = (spec.narration ?? []).map((n, i): Placement['narration'][number] => {
    const step = findStep(t, n);
    if (step === undefined) return { step };
    const other = first.get(step);
    if (other !== undefined) return { step, sameAs: other };
    first.set(step, i);
    return { step };
  });
  return { narration, questions: (spec.questions ?? []).map((q) => findStep(t, q.before)) };
}

/**
 * The scenario without the captions and questions whose moment no longer happens in this run of it
 * (after a learner's fork changed the future), so that it stays a valid scenario file.
 */
export function pruneNarration(spec: ScenarioSpec, t: Timeline): ScenarioSpec {
  const placed = placeNarration(spec, t);
  const narration = (spec.narration ?? []).filter((_, i) => {
    const p = placed.narration[i]!;
    return p.step !== undefined && !('sameAs' in p);
  });
  const questions = (spec.questions ?? []).filter((_, i) => placed.questions[i] !== undefined);
  const { questions: _dropped, ...rest } = spec;
  return pruneTranslations(questions.length ? { ...rest, narration, questions } : { ...rest, narration });
}

/**
 * In a sandbox, the first step the learner's own action caused, when the step on screen is one of
 * its results: the narration says what the learner did instead of the last lecture caption, which
 * would describe something else. An action is the learner's when no caption of the scenario is bound
 * to it (the lecture's own actions keep theirs after a fork).
 */
export function ownActionStep(t: Timeline, step: number, sandbox: boolean): Step | undefined {
  if (!sandbox) return undefined;
  const cause = t.steps.at(step)?.cause;
  if (cause === undefined || cause === null || cause < 0) return undefined;
  if ((t.spec.narration ?? []).some((n) => n.action === cause)) return undefined;
  return t.steps.find((s) => s.cause === cause);
}
