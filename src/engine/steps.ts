/**
 * The steps of a timeline, as a read-only list. A run keeps its steps in columns (snapshots.ts):
 * an object per step, kept for the life of the timeline, was a fifth of a run's time in garbage
 * collection alone. So a list hands out a step object when one is asked for, and then keeps it:
 * the same index gives the same object, as an array would. Readers that only need a step's time
 * use timeAt(), which builds nothing.
 */
import type { World } from './model';
import type { TraceEvent } from './trace';
import { listIndex, ReadList } from './list';

export { listIndex };

export interface Step {
  index: number;
  timeMs: number;
  event: TraceEvent;
  /** Index of the scenario action this step follows from, or null. */
  cause: number | null;
  world: World;
}

/**
 * What a view may do with a timeline's steps: what it could do with a read-only array, except
 * index it with brackets (`at(i)` instead; a negative index counts from the end, as Array.at).
 */
export abstract class StepList extends ReadList<Step> {
  /** The step before index `i`, or undefined for the first (never counted from the end). */
  before(i: number): Step | undefined {
    return i > 0 ? this.at(i - 1) : undefined;
  }
  /** The time of step `i` (0 ≤ i < length), without building the step. */
  timeAt(i: number): number {
    return this.at(i)!.timeMs;
  }
}

/** A list of steps already in hand (an imported capture's, a test's). */
class ArraySteps extends StepList {
  constructor(private readonly steps: readonly Step[]) {
    super();
  }
  get length(): number {
    return this.steps.length;
  }
  at(i: number): Step | undefined {
    const k = listIndex(i, this.steps.length);
    return k < 0 ? undefined : this.steps[k];
  }
}

export function stepList(steps: readonly Step[]): StepList {
  return new ArraySteps(steps);
}
