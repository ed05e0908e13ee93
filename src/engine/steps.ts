/**
 * The steps of a timeline, as a read-only list. A run keeps its steps in columns (snapshots.ts):
 * an object per step, kept for the life of the timeline, was a fifth of a run's time in garbage
 * collection alone. So a list hands out a step object when one is asked for, and then keeps it:
 * the same index gives the same object, as an array would. Readers that only need a step's time
 * use timeAt(), which builds nothing.
 */
import type { World } from './model';
import type { TraceEvent } from './trace';

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
export abstract class StepList implements Iterable<Step> {
  abstract readonly length: number;
  /** The step at index `i` (from the end when negative), or undefined out of range. */
  abstract at(i: number): Step | undefined;
  /** The step before index `i`, or undefined for the first (never counted from the end). */
  before(i: number): Step | undefined {
    return i > 0 ? this.at(i - 1) : undefined;
  }
  /** The time of step `i` (0 ≤ i < length), without building the step. */
  timeAt(i: number): number {
    return this.at(i)!.timeMs;
  }

  *[Symbol.iterator](): Iterator<Step> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
  forEach(fn: (s: Step, i: number) => void): void {
    for (let i = 0; i < this.length; i++) fn(this.at(i)!, i);
  }
  map<T>(fn: (s: Step, i: number) => T): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this.at(i)!, i));
    return out;
  }
  flatMap<T>(fn: (s: Step, i: number) => T | readonly T[]): T[] {
    return this.map(fn).flat() as T[];
  }
  filter<S extends Step>(fn: (s: Step, i: number) => s is S): S[];
  filter(fn: (s: Step, i: number) => boolean): Step[];
  filter(fn: (s: Step, i: number) => boolean): Step[] {
    const out: Step[] = [];
    for (let i = 0; i < this.length; i++) {
      const s = this.at(i)!;
      if (fn(s, i)) out.push(s);
    }
    return out;
  }
  findIndex(fn: (s: Step, i: number) => boolean): number {
    for (let i = 0; i < this.length; i++) if (fn(this.at(i)!, i)) return i;
    return -1;
  }
  find<S extends Step>(fn: (s: Step, i: number) => s is S): S | undefined;
  find(fn: (s: Step, i: number) => boolean): Step | undefined;
  find(fn: (s: Step, i: number) => boolean): Step | undefined {
    const i = this.findIndex(fn);
    return i < 0 ? undefined : this.at(i);
  }
  some(fn: (s: Step, i: number) => boolean): boolean {
    return this.findIndex(fn) >= 0;
  }
  every(fn: (s: Step, i: number) => boolean): boolean {
    return this.findIndex((s, i) => !fn(s, i)) < 0;
  }
  /** Steps `start` up to (not including) `end`, as Array.slice (negative counts from the end). */
  slice(start = 0, end = this.length): Step[] {
    const n = this.length;
    const from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    const to = end < 0 ? Math.max(0, n + end) : Math.min(end, n);
    const out: Step[] = [];
    for (let i = from; i < to; i++) out.push(this.at(i)!);
    return out;
  }
  /** As JSON, the steps themselves (a list prints as the array it stands for). */
  toJSON(): Step[] {
    return this.slice();
  }
}

/** Index `i` of a list of `n`, counted from the end when negative; -1 when out of range. */
export function listIndex(i: number, n: number): number {
  const k = Math.trunc(i) + (i < 0 ? n : 0);
  return k >= 0 && k < n ? k : -1;
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
