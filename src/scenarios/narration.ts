/** Which caption belongs to which step: captions bind to the first step their matcher finds. */
import { messageTypeName, stepActor, stepMessage, type NarrationSpec, type Step, type Timeline } from '../engine';

export type StepMatcher = Omit<NarrationSpec, 'title' | 'text' | 'goal'>;

function matches(step: Step, t: Timeline, m: StepMatcher): boolean {
  if (m.action !== undefined && step.cause !== m.action) return false;
  if (m.event !== undefined && step.event.kind !== m.event) return false;
  if (m.actor !== undefined && stepActor(step, t) !== m.actor) return false;
  if (m.messageType !== undefined) {
    const msg = stepMessage(step, t);
    if (!msg || messageTypeName(msg.message.header.type) !== m.messageType) return false;
  }
  return true;
}

/** The first step that a matcher finds; no action means the opening step 0. */
export function findStep(t: Timeline, m: StepMatcher): number | undefined {
  if (m.action === undefined && m.event === undefined && m.actor === undefined && m.messageType === undefined) return 0;
  let left = m.nth ?? 1;
  for (const s of t.steps) if (s.index > 0 && matches(s, t, m) && --left === 0) return s.index;
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
