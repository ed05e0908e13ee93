/**
 * What one world changed from the one before, kept by every step of a run that does not keep its
 * whole world (snapshots.ts applies them). The recorder writes them as the rules change its world
 * (core/recorder.ts); where a rule builds a world of its own, the two are compared here.
 */
import { socketChanges as knownSocketChanges, worldChanges } from './copies';
import type { Fifo } from '../fifo';
import type { SocketState, World } from '../model';

/** A field that went away (as a value in a delta). */
export const GONE = Symbol('gone');

/** How an entry's value is kept (the low bits of its code; the rest is a field number, or a socket's place). */
const enum Tag {
  Number = 0,
  False = 1,
  True = 2,
  /** Anything else: the value is its place in the part's `objects`. */
  Object = 3,
  Gone = 4,
  /** A socket's place in `sockets`; the value is how many of its field entries follow. */
  Socket = 5,
  /**
   * A socket's new receive queue as a range of the array it shares with the queue before
   * (Fifo.shares): the value is offset × RANGE + size. The hot paths change a queue on nearly
   * every step, and a Fifo kept per step was one more object to collect.
   */
  QueueRange = 6,
}
const TAG_BITS = 3;
/** A queue range's offset and size in one exact float: size < RANGE, offset < 2 ** 31. */
const RANGE = 2 ** 21;
const TAG_MASK = (1 << TAG_BITS) - 1;

/** Field names by number, and numbers by name: a delta keeps a field's number, not its name. */
const names: string[] = [];
const numbers = new Map<string, number>();

export function fieldNumber(name: string): number {
  let n = numbers.get(name);
  if (n === undefined) {
    n = names.push(name) - 1;
    numbers.set(name, n);
  }
  return n;
}

/** The fields the hot paths write, numbered once. */
export const F = {
  queue: fieldNumber('queue'),
  sockets: fieldNumber('sockets'),
  rmemAlloc: fieldNumber('rmemAlloc'),
  congested: fieldNumber('congested'),
  readCount: fieldNumber('readCount'),
  maxRecvmsgLen: fieldNumber('maxRecvmsgLen'),
} as const;

/**
 * Entries in the first part of a run's delta log before the next step starts a new part (see
 * StepSink); each part after it holds twice as many as the one before, up to LOG_CHUNK_MAX. So a
 * lecture's log is one small part, and a long run's a few dozen large ones (a typed array costs
 * its allocation and zeroing, whatever its size: thousands of small parts cost more).
 */
const LOG_CHUNK = 1024;
const LOG_CHUNK_MAX = 65536;

/**
 * One part of a run's delta log: entries, each a field and its new value, or a socket's place in
 * `sockets` followed by that many entries for its fields, applied in order, so a later entry for
 * the same field wins. Kept in typed arrays, which the garbage collector never copies or scans:
 * the log is most of what a long run keeps, written on every step. Values that are not numbers or
 * booleans (lists, routes, timers) go into `objects`.
 */
export class DeltaLog {
  #codes: Int32Array<ArrayBuffer>;
  #values: Float64Array<ArrayBuffer>;
  readonly #objects: unknown[] = [];
  #length = 0;

  /** `limit`: how many entries this part takes before the next step starts a new part. */
  constructor(readonly limit = LOG_CHUNK) {
    // Room for the step that crosses the limit (a longer one grows the arrays).
    this.#codes = new Int32Array(limit + 256);
    this.#values = new Float64Array(limit + 256);
  }

  /** The part after this one, when this one is full, else null. */
  next(): DeltaLog | null {
    return this.#length < this.limit ? null : new DeltaLog(Math.min(this.limit * 2, LOG_CHUNK_MAX));
  }

  /** Entries so far. */
  get length(): number {
    return this.#length;
  }

  #add(code: number, value: number): void {
    const n = this.#length;
    if (n === this.#codes.length) {
      const codes = new Int32Array(n * 2);
      codes.set(this.#codes);
      this.#codes = codes;
      const values = new Float64Array(n * 2);
      values.set(this.#values);
      this.#values = values;
    }
    this.#codes[n] = code;
    this.#values[n] = value;
    this.#length = n + 1;
  }

  /** Field `name` now has value `v` (GONE: it went away). */
  push(name: string, v: unknown): void {
    this.set(fieldNumber(name), v);
  }

  /** Field number `f` now has value `v` (GONE: it went away). */
  set(f: number, v: unknown): void {
    const code = f << TAG_BITS;
    if (typeof v === 'number') this.#add(code | Tag.Number, v);
    else if (typeof v === 'boolean') this.#add(code | (v ? Tag.True : Tag.False), 0);
    else if (v === GONE) this.#add(code | Tag.Gone, 0);
    else this.#add(code | Tag.Object, this.#objects.push(v) - 1);
  }

  /** A number-valued field: the hot paths' common case. */
  number(f: number, v: number): void {
    this.#add((f << TAG_BITS) | Tag.Number, v);
  }

  /** Entries for socket `i` follow; returns where to close them (endSocket). */
  socket(i: number): number {
    this.#add((i << TAG_BITS) | Tag.Socket, 0);
    return this.#length - 1;
  }

  /** Socket entries opened at `at` end here. */
  endSocket(at: number): void {
    this.#values[at] = this.#length - at - 1;
  }

  /** A socket's queue is the range [offset, offset + size) of the array its queue before shares. */
  #queueRange(offset: number, size: number): void {
    this.#add(Tag.QueueRange, offset * RANGE + size);
  }

  /** A socket's queue changed from `was` to `now`: a range of the same array where they share one. */
  queue(was: Fifo, now: Fifo): void {
    if (now.shares(was) && now.size < RANGE && now.offset < 2 ** 31) this.#queueRange(now.offset, now.size);
    else this.set(F.queue, now);
  }

  /** Whether an entry from `from` on sets field `f` (in the world or in a socket). */
  has(f: number, from: number): boolean {
    const codes = this.#codes;
    for (let i = from; i < this.#length; i++) {
      const c = codes[i]!;
      const tag = c & TAG_MASK;
      if (tag !== Tag.Socket && tag !== Tag.QueueRange && c >> TAG_BITS === f) return true;
    }
    return false;
  }

  /** Drops the entries from `n` on. */
  truncate(n: number): void {
    this.#length = n;
  }

  /**
   * Applies entries [from, to) to world fields `w` and sockets `socket(i)` (the socket at place i,
   * one the caller may change), in order.
   */
  applyTo(
    w: Record<string, unknown>,
    from: number,
    to: number,
    socket: (i: number) => Record<string, unknown>,
    queue: (s: Record<string, unknown>, offset: number, size: number) => void,
  ): void {
    const codes = this.#codes;
    const values = this.#values;
    for (let i = from; i < to; i++) {
      const c = codes[i]!;
      if ((c & TAG_MASK) !== Tag.Socket) {
        this.#setField(w, c, values[i]!);
        continue;
      }
      const s = socket(c >> TAG_BITS);
      const last = i + values[i]!;
      while (i < last) {
        const k = codes[++i]!;
        if ((k & TAG_MASK) === Tag.QueueRange) {
          const v = values[i]!;
          const size = v % RANGE;
          queue(s, (v - size) / RANGE, size);
        } else this.#setField(s, k, values[i]!);
      }
    }
  }

  #setField(o: Record<string, unknown>, code: number, value: number): void {
    const name = names[code >> TAG_BITS]!;
    switch ((code & TAG_MASK) as Tag) {
      case Tag.Number:
        o[name] = fromFloat(value);
        return;
      case Tag.False:
        o[name] = false;
        return;
      case Tag.True:
        o[name] = true;
        return;
      case Tag.Gone:
        delete o[name];
        return;
      default:
        o[name] = this.#objects[value];
    }
  }
}

/**
 * A number read from a Float64Array as a field value: an integer goes back as one, so that a small
 * integer field stays one (an object whose field was once stored as a float changes shape, and
 * every later write to that field allocates).
 */
export function fromFloat(v: number): number {
  return v === (v | 0) && (v !== 0 || 1 / v > 0) ? v | 0 : v;
}

type Fields = Record<string, unknown>;

/**
 * Appends the fields of `next` that differ from `prev` (by identity: parts are immutable and
 * shared), and those it no longer has; `sockets` of the same length are compared socket by socket
 * when `deep`. A key count tells whether any field went away, so most calls test no key twice.
 */
function changes(prev: Fields, next: Fields, deep: boolean, out: DeltaLog): void {
  let shared = 0;
  for (const k in next) {
    const v = next[k];
    const was = prev[k];
    if (v === was) {
      if (v !== undefined || k in prev) {
        shared++;
        continue;
      }
    } else if (was !== undefined || k in prev) shared++;
    if (deep && k === 'sockets') socketListChanges(was as readonly SocketState[], v as readonly SocketState[], out);
    else out.push(k, v);
  }
  let count = 0;
  for (const _ in prev) count++;
  if (count !== shared) for (const k in prev) if (!(k in next)) out.push(k, GONE);
}

/** Appends what socket `next` changed from `prev`, as one socket entry of a delta (nothing when they are the same). */
export function socketDelta(i: number, prev: SocketState, next: SocketState, out: DeltaLog): void {
  if (prev === next) return;
  const at = out.socket(i);
  if (!knownSocketChanges(prev, next, out)) changes(prev as unknown as Fields, next as unknown as Fields, false, out);
  out.endSocket(at);
}

function socketListChanges(prev: readonly SocketState[] | undefined, next: readonly SocketState[], out: DeltaLog): void {
  if (!prev || prev.length !== next.length) {
    out.set(F.sockets, next);
    return;
  }
  for (let i = 0; i < next.length; i++) socketDelta(i, prev[i]!, next[i]!, out);
}

/** Appends what `next` changed from `prev`: field by field where the fields are known (core/copies.ts), else by name. */
export function worldDelta(prev: World, next: World, out: DeltaLog): void {
  if (prev === next) return;
  if (!worldChanges(prev, next, out, (a, b) => socketListChanges(a, b, out))) changes(prev as unknown as Fields, next as unknown as Fields, true, out);
}
