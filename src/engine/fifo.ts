/**
 * A persistent first-in, first-out queue. A socket's receive queue is one, and a run keeps every
 * version of it (each step's world holds its own). A version is a range [start, start + size) of
 * an append-only array of values that the versions of one queue share: adding a value appends to
 * the array when this version ends where the array ends, and taking values only moves the range.
 * So neither allocates more than one small object, and no older version ever changes. Adding to a
 * version the array has grown past (a fork from an older world) first copies its values into an
 * array of its own.
 *
 * Only `size` is a field: two queues with the same values are equal, whatever array they share,
 * for a deep comparison (it iterates them) and in JSON (toJSON lists the values, oldest first).
 */
export class Fifo {
  /** Shared by the versions of one queue; only ever appended to. */
  readonly #values: Values;
  readonly #start: number;

  constructor(
    values: Values,
    start: number,
    readonly size: number,
  ) {
    this.#values = values;
    this.#start = start;
  }

  /** A queue of `values`, oldest first. */
  static of(values: readonly number[]): Fifo {
    const own = new Values(values.length);
    for (const v of values) own.push(v);
    return new Fifo(own, 0, values.length);
  }

  /** Add a value at the back. */
  push(v: number): Fifo {
    const values = this.#values;
    const end = this.#start + this.size;
    if (values.length === end && this !== EMPTY_FIFO) {
      values.push(v);
      return new Fifo(values, this.#start, this.size + 1);
    }
    const own = values.slice(this.#start, end);
    own.push(v);
    return new Fifo(own, 0, own.length);
  }

  /** The oldest value; undefined when empty. */
  peek(): number | undefined {
    return this.size ? this.#values.at(this.#start) : undefined;
  }

  /** Without its `n` oldest values (at most its size). */
  drop(n: number): Fifo {
    const k = Math.min(Math.max(n, 0), this.size);
    return k ? new Fifo(this.#values, this.#start + k, this.size - k) : this;
  }

  /** Where this version starts in the array it shares with the other versions of its queue. */
  get offset(): number {
    return this.#start;
  }

  /** Whether this version and `other` are ranges of the same array (so range() of one can stand for the other). */
  shares(other: Fifo): boolean {
    return this.#values === other.#values && this !== EMPTY_FIFO && other !== EMPTY_FIFO;
  }

  /** The version of this queue at [offset, offset + size) of the array it shares. */
  range(offset: number, size: number): Fifo {
    return new Fifo(this.#values, offset, size);
  }

  /** Oldest first. */
  toArray(): number[] {
    return Array.from(this.#values.slice(this.#start, this.#start + this.size).used());
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.size; i++) yield this.#values.at(this.#start + i);
  }

  toJSON(): number[] {
    return this.toArray();
  }
}

/**
 * The values a queue's versions share, in a typed array (message ids): a listener's queue gets
 * thousands in a long run, which the garbage collector need not copy or scan.
 */
class Values {
  #a: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.#a = new Int32Array(Math.max(capacity, 16));
  }
  push(v: number): void {
    if (this.length === this.#a.length) {
      const a = new Int32Array(this.length * 2);
      a.set(this.#a);
      this.#a = a;
    }
    this.#a[this.length++] = v;
  }
  at(i: number): number {
    return this.#a[i]!;
  }
  /** Values [from, to) as a new array of their own (room for one more). */
  slice(from: number, to: number): Values {
    const own = new Values(to - from + 1);
    own.#a.set(this.#a.subarray(from, to));
    own.length = to - from;
    return own;
  }
  used(): Int32Array {
    return this.#a.subarray(0, this.length);
  }
}

/** The empty queue: its array is never appended to (push copies), so every queue starts its own. */
export const EMPTY_FIFO: Fifo = Fifo.of([]);

export function fifoPush(q: Fifo, v: number): Fifo {
  return q.push(v);
}

/** The oldest value; undefined when empty. */
export function fifoPeek(q: Fifo): number | undefined {
  return q.peek();
}

/** The queue without its `n` oldest values (at most its size). */
export function fifoDrop(q: Fifo, n: number): Fifo {
  return q.drop(n);
}

/** The oldest value and the queue without it; undefined when empty. */
export function fifoShift(q: Fifo): [number, Fifo] | undefined {
  return q.size ? [q.peek()!, q.drop(1)] : undefined;
}

/** Oldest first. */
export function fifoToArray(q: Fifo): number[] {
  return q.toArray();
}
