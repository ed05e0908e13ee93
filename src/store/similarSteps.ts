/**
 * Runs of similar steps: consecutive steps of the same kind by the same actor about the same message
 * type (a dump's sixteen parts sent, then delivered, then read). "Skip similar steps" shows each run as
 * one group: one press of "next" crosses it, and the event log folds it into one row. A run never
 * swallows a step that starts a caption or asks a question (it may begin at one), so collapsing hides
 * no narration and skips no question.
 */
import { messageTypeName, stepActor, stepMessage, type Step, type Timeline } from '../engine';

/** A run of similar steps, from its first to its last step (inclusive). */
export interface StepGroup {
  from: number;
  to: number;
  /** What the steps share, e.g. "message-sent · kernel · RTM_NEWROUTE". */
  kind: string;
}

/** Runs shorter than this stay as they are: two steps are no tedium. */
export const MIN_GROUP = 3;

/** What makes two steps similar: the event's kind, who acts, and the message type if any. */
export function stepKind(step: Step, t: Timeline): string {
  const msg = stepMessage(step, t);
  const actor = stepActor(step, t);
  // Concatenated rather than joined: this runs for every step of a 200,000-step run.
  let kind: string = step.event.kind;
  if (actor) kind += ` · ${actor}`;
  const type = msg ? messageTypeName(msg.message.header.type, msg.protocol) : '';
  if (type) kind += ` · ${type}`;
  return kind;
}

/**
 * Runs of similar steps found one step at a time, in order from step 1: `push` each step's kind,
 * then `end` lists the runs. `barriers` are steps that must stay visible on their own (captions,
 * questions): a run may start at one, but never contains one after its start.
 */
export function similarRuns(barriers: ReadonlySet<number> = new Set()): { push(step: number, kind: string): void; end(): StepGroup[] } {
  const out: StepGroup[] = [];
  let from = -1;
  let kind = '';
  let last = -1;
  const close = () => {
    if (from >= 0 && last - from + 1 >= MIN_GROUP) out.push({ from, to: last, kind });
  };
  return {
    push(step, k) {
      if (from < 0 || k !== kind || barriers.has(step)) {
        close();
        from = step;
        kind = k;
      }
      last = step;
    },
    end() {
      close();
      from = -1;
      return out;
    },
  };
}

/** Every run of at least MIN_GROUP similar steps (see similarRuns for `barriers`). */
export function similarGroups(t: Timeline, barriers: ReadonlySet<number> = new Set()): StepGroup[] {
  const runs = similarRuns(barriers);
  for (let i = 1; i < t.steps.length; i++) runs.push(i, stepKind(t.steps.at(i)!, t));
  return runs.end();
}

/** For each step, the index in `groups` of the run it belongs to, or -1. */
export function groupOfStep(stepCount: number, groups: readonly StepGroup[]): Int32Array {
  const of = new Int32Array(stepCount).fill(-1);
  groups.forEach((g, gi) => of.fill(gi, g.from, g.to + 1));
  return of;
}

/** The longest run of similar steps (1 when no two neighbours are alike), with no barriers. */
export function longestRun(t: Timeline): number {
  let best = t.steps.length > 1 ? 1 : 0;
  let run = 1;
  for (let i = 2; i < t.steps.length; i++) {
    run = stepKind(t.steps.at(i)!, t) === stepKind(t.steps.at(i - 1)!, t) ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/**
 * Where "next" lands from a step: the following step, or, when that step is inside a run, the run's
 * last step, so that one press shows the whole run done.
 */
export function nextStop(step: number, groupOf: Int32Array, groups: readonly StepGroup[]): number {
  const gi = groupOf[step + 1] ?? -1;
  return gi >= 0 ? groups[gi]!.to : step + 1;
}

/** Where "back" lands: from a run's last step, the step before the run; so a run is crossed both ways in one press. */
export function prevStop(step: number, groupOf: Int32Array, groups: readonly StepGroup[]): number {
  if (step <= 0) return 0;
  const mine = groupOf[step] ?? -1;
  if (mine >= 0 && step === groups[mine]!.to) return Math.max(0, groups[mine]!.from - 1);
  return step - 1;
}

/** A row of the event log: one step, or a run of similar steps (folded, or open with its steps after it). */
export type LogItem = { kind: 'step'; step: number } | { kind: 'group'; group: number; from: number; to: number; shown: number; open: boolean };

/**
 * The event log's rows for the steps that pass its filters (in order): each run of similar steps
 * becomes one group row, followed by its steps only when the learner opened it.
 */
export function logItems(visible: readonly number[], groupOf: Int32Array, groups: readonly StepGroup[], open: ReadonlySet<number>): LogItem[] {
  const out: LogItem[] = [];
  for (let i = 0; i < visible.length;) {
    const step = visible[i]!;
    const gi = groupOf[step] ?? -1;
    if (gi < 0) {
      out.push({ kind: 'step', step });
      i++;
      continue;
    }
    let j = i;
    while (j < visible.length && groupOf[visible[j]!] === gi) j++;
    const g = groups[gi]!;
    if (j - i < 2) {
      // A filter left one step of the run: nothing to fold.
      out.push({ kind: 'step', step });
    } else {
      const isOpen = open.has(gi);
      out.push({ kind: 'group', group: gi, from: g.from, to: g.to, shown: j - i, open: isOpen });
      if (isOpen) for (let k = i; k < j; k++) out.push({ kind: 'step', step: visible[k]! });
    }
    i = j;
  }
  return out;
}
