/**
 * A timeline is every step of a run, each with an immutable snapshot of the world after it.
 * Seeking is a lookup (by step) or a binary search (by time); nothing is replayed.
 * Acting at step n forks: steps after n are dropped and recomputed from step n's world.
 */
import type { Message } from './model';
import type { ReadList } from './list';
import { MessageTable } from './core/messageTable';
import { initialWorld } from './families';
import { actionOrder, makeEnv, step, type Env } from './scheduler';
import { RunSteps } from './snapshots';
import type { Step, StepList } from './steps';
import { Recorder } from './core/recorder';
import type { ActionSpec, ScenarioSpec } from './spec';

export type { Step, StepList };

/** A timeline's messages: a read-only list, by id. */
export type MessageList = ReadList<Message>;

export interface Timeline {
  readonly spec: ScenarioSpec;
  readonly steps: StepList;
  /** Every message of the run, by id (`at(id)`). Worlds refer to messages by id. */
  readonly messages: MessageList;
  /** True when the run stopped at maxSteps with events still queued. */
  readonly truncated: boolean;
  /** The order the actions run in (after a fork, the dropped future is not in it). */
  readonly order: readonly number[];
}

export interface RunOptions {
  /** Stop after this many steps (a guard for generated or hand-made scenarios). Default 1 000 000. */
  maxSteps?: number;
}

/**
 * A run in progress that its caller advances a number of steps at a time, so that a long run can
 * share a thread with other work (a page stays responsive while a 200,000-step scenario loads).
 * The steps are the same as run()'s, whatever the slices.
 */
export interface Runner {
  /** Run at most `maxSteps` more steps; true when the run is over. */
  advance(maxSteps: number): boolean;
  /** Steps so far. */
  readonly stepCount: number;
  /** The timeline, once advance() has returned true. */
  timeline(): Timeline;
}

/**
 * `steps` ends with a step that keeps its whole world (see snapshots.ts); the steps before it may
 * come from another timeline (a fork shares them), and the new ones never look behind it.
 */
function runnerFrom(spec: ScenarioSpec, steps: RunSteps, env: Env, opts: RunOptions): Runner {
  const max = opts.maxSteps ?? 1_000_000;
  const rec = new Recorder(steps.at(-1)!.world, env, steps);
  let done = false;
  return {
    get stepCount() {
      return steps.length;
    },
    advance(maxSteps) {
      const stop = Math.min(max, steps.length + maxSteps);
      while (!done && steps.length < stop) if (!step(rec)) done = true;
      if (steps.length >= max) done = true;
      return done;
    },
    timeline() {
      const world = rec.world;
      const pending = world.queue.length > 0 || world.nextAction < env.order.length;
      return { spec, steps, messages: env.messages, truncated: pending && steps.length >= max, order: env.order };
    },
  };
}

function runFrom(spec: ScenarioSpec, steps: RunSteps, env: Env, opts: RunOptions): Timeline {
  const r = runnerFrom(spec, steps, env, opts);
  r.advance(Infinity);
  return r.timeline();
}

/** Start a run to be advanced in slices (see Runner); run() is the same in one go. */
export function startRun(spec: ScenarioSpec, opts: RunOptions = {}): Runner {
  return runnerFrom(spec, firstStep(spec), makeEnv(spec), opts);
}

/** Run a scenario from the start. The same spec always gives the same timeline. */
export function run(spec: ScenarioSpec, opts: RunOptions = {}): Timeline {
  return runFrom(spec, firstStep(spec), makeEnv(spec), opts);
}

function firstStep(spec: ScenarioSpec): RunSteps {
  return new RunSteps({ timeMs: 0, event: { kind: 'start' }, cause: null, world: initialWorld(spec) });
}

/** The step at an index, clamped into range. */
export function seek(t: Timeline, index: number): Step {
  const i = Math.max(0, Math.min(t.steps.length - 1, Math.floor(index)));
  return t.steps.at(i)!;
}

/** The last step at or before a time (binary search). */
export function seekTime(t: Timeline, timeMs: number): Step {
  const steps = t.steps;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (steps.timeAt(mid) <= timeMs) lo = mid;
    else hi = mid - 1;
  }
  return steps.at(lo)!;
}

export interface ForkOptions {
  /** Keep the scenario's own actions that had not happened yet (default false: the old future is dropped). */
  keepScript?: boolean;
}

/**
 * The learner acts at step `at`: the new actions are added to the scenario (their times are
 * moved up to the step's time if earlier), the future after `at` is recomputed, and the
 * returned timeline shares steps 0..at with the old one.
 */
export function fork(t: Timeline, at: number, actions: readonly ActionSpec[], opts: ForkOptions = {}): Timeline {
  const base = seek(t, at);
  const now = base.world.timeMs;
  const firstNew = t.spec.actions.length;
  const added = actions.map((a) => ({ ...a, at: Math.max(a.at, now) }));
  const spec: ScenarioSpec = { ...t.spec, actions: [...t.spec.actions, ...added] };
  // New actions sort after every action that has run (same time or later, higher index).
  const done = t.order.slice(0, base.world.nextAction);
  const rest = opts.keepScript ? t.order.slice(base.world.nextAction) : [];
  const newOrder = [...done, ...actionOrder(spec.actions).filter((i) => i >= firstNew || rest.includes(i))];
  const steps = new RunSteps(base, base.index, t.steps);
  const n = base.world.messageCount;
  const messages = t.messages instanceof MessageTable ? t.messages.prefix(n) : new MessageTable(t.messages.slice(0, n));
  return runFrom(spec, steps, makeEnv(spec, messages, newOrder), {});
}

/**
 * The scenario a learner's change makes at step `at`: the actions that have run by then, in the
 * order they ran, then the new ones, each no earlier than `gapMs` after the step. Everything still
 * waiting in the old script is dropped. Running the result from the start gives steps 0..at again
 * (the run is deterministic) and then the new future, so it can be saved and replayed as a file.
 * Captions and questions keep pointing at their actions; those whose action was dropped go.
 */
export function forkScenario(t: Timeline, at: number, actions: readonly ActionSpec[], gapMs = 10): ScenarioSpec {
  const base = seek(t, at);
  const done = t.order.slice(0, base.world.nextAction);
  const renumber = new Map<number, number>();
  done.forEach((old, i) => renumber.set(old, i));
  const kept = done.map((i) => t.spec.actions[i]!);
  const start = base.timeMs + gapMs;
  const added = actions.map((a) => ({ ...a, at: Math.max(a.at, start) }));
  // A matcher that names its action by label keeps pointing at it while that action is kept.
  const keep = <T extends { action?: number | string }>(m: T): T | null =>
    m.action === undefined
      ? m
      : typeof m.action === 'string'
        ? kept.some((a) => a.label === m.action)
          ? m
          : null
        : renumber.has(m.action)
          ? { ...m, action: renumber.get(m.action)! }
          : null;
  const narration = (t.spec.narration ?? []).map(keep).filter((n): n is NonNullable<typeof n> => n !== null);
  const questions = (t.spec.questions ?? []).flatMap((q) => {
    const before = keep(q.before);
    return before ? [{ ...q, before }] : [];
  });
  const spec: ScenarioSpec = { ...t.spec, actions: [...kept, ...added], narration };
  if (questions.length) spec.questions = questions;
  else delete spec.questions;
  return spec;
}
