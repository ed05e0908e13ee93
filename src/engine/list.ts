/**
 * A read-only list that hands out its items by index (`at(i)`) rather than holding them in an
 * array: a run keeps its steps and messages in columns, and builds an item when one is asked for.
 * It offers what a view may do with a read-only array, except index it with brackets.
 */
export abstract class ReadList<T> implements Iterable<T> {
  abstract readonly length: number;
  /** The item at index `i` (from the end when negative, as Array.at), or undefined out of range. */
  abstract at(i: number): T | undefined;

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
  forEach(fn: (x: T, i: number) => void): void {
    for (let i = 0; i < this.length; i++) fn(this.at(i)!, i);
  }
  map<U>(fn: (x: T, i: number) => U): U[] {
    const out: U[] = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this.at(i)!, i));
    return out;
  }
  flatMap<U>(fn: (x: T, i: number) => U | readonly U[]): U[] {
    return this.map(fn).flat() as U[];
  }
  filter<S extends T>(fn: (x: T, i: number) => x is S): S[];
  filter(fn: (x: T, i: number) => boolean): T[];
  filter(fn: (x: T, i: number) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) {
      const x = this.at(i)!;
      if (fn(x, i)) out.push(x);
    }
    return out;
  }
  findIndex(fn: (x: T, i: number) => boolean): number {
    for (let i = 0; i < this.length; i++) if (fn(this.at(i)!, i)) return i;
    return -1;
  }
  find<S extends T>(fn: (x: T, i: number) => x is S): S | undefined;
  find(fn: (x: T, i: number) => boolean): T | undefined;
  find(fn: (x: T, i: number) => boolean): T | undefined {
    const i = this.findIndex(fn);
    return i < 0 ? undefined : this.at(i);
  }
  some(fn: (x: T, i: number) => boolean): boolean {
    return this.findIndex(fn) >= 0;
  }
  every(fn: (x: T, i: number) => boolean): boolean {
    return this.findIndex((x, i) => !fn(x, i)) < 0;
  }
  /** Items `start` up to (not including) `end`, as Array.slice (negative counts from the end). */
  slice(start = 0, end = this.length): T[] {
    const n = this.length;
    const from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    const to = end < 0 ? Math.max(0, n + end) : Math.min(end, n);
    const out: T[] = [];
    for (let i = from; i < to; i++) out.push(this.at(i)!);
    return out;
  }
  /** As JSON, the items themselves (a list prints as the array it stands for). */
  toJSON(): T[] {
    return this.slice();
  }
}

/** Index `i` of a list of `n`, counted from the end when negative; -1 when out of range. */
export function listIndex(i: number, n: number): number {
  const k = Math.trunc(i) + (i < 0 ? n : 0);
  return k >= 0 && k < n ? k : -1;
}

/** A list of items already in hand. */
export class ArrayList<T> extends ReadList<T> {
  constructor(private readonly items: readonly T[]) {
    super();
  }
  get length(): number {
    return this.items.length;
  }
  at(i: number): T | undefined {
    const k = listIndex(i, this.items.length);
    return k < 0 ? undefined : this.items[k];
  }
}

/**
 * `a` copied into an array of its own size. An array that grew by push() or filter() keeps room
 * for more (17 slots after its first push), and a run keeps thousands of small ones: every version
 * of the route table, every request's attributes (1.2 MB of a bench run's 11 MB of heap).
 */
export function trimmed<T>(a: T[]): T[] {
  return a.slice();
}
