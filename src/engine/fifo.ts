/**
 * A persistent first-in, first-out queue (two linked lists, the back one reversed). A socket's
 * receive queue is one: adding or taking a message allocates a cell or two instead of copying the
 * whole queue, and every older world keeps its own version untouched.
 */
interface Cell {
  readonly v: number;
  readonly next: Cell | null;
}

export interface Fifo {
  readonly front: Cell | null;
  readonly back: Cell | null;
  readonly size: number;
}

export const EMPTY_FIFO: Fifo = { front: null, back: null, size: 0 };

export function fifoPush(q: Fifo, v: number): Fifo {
  return { front: q.front, back: { v, next: q.back }, size: q.size + 1 };
}

function reversed(c: Cell | null): Cell | null {
  let out: Cell | null = null;
  for (let x = c; x; x = x.next) out = { v: x.v, next: out };
  return out;
}

/** The oldest value and the queue without it; undefined when empty. */
export function fifoShift(q: Fifo): [number, Fifo] | undefined {
  let { front, back } = q;
  if (!front) {
    front = reversed(back);
    back = null;
  }
  if (!front) return undefined;
  return [front.v, { front: front.next, back, size: q.size - 1 }];
}

/** The oldest value; undefined when empty. */
export function fifoPeek(q: Fifo): number | undefined {
  if (q.front) return q.front.v;
  let x = q.back;
  if (!x) return undefined;
  while (x.next) x = x.next;
  return x.v;
}

/**
 * The queue without its `n` oldest values (at most its size): one new queue, not one per value
 * as n fifoShift() calls would make, and the back list reversed at most once.
 */
export function fifoDrop(q: Fifo, n: number): Fifo {
  if (n <= 0) return q;
  let { front, back } = q;
  let left = n;
  for (; front && left > 0; left--) front = front.next;
  if (left > 0) {
    front = reversed(back);
    back = null;
    for (; front && left > 0; left--) front = front.next;
  }
  return { front, back, size: Math.max(0, q.size - n) };
}

/** Oldest first. */
export function fifoToArray(q: Fifo): number[] {
  const out: number[] = [];
  for (let x = q.front; x; x = x.next) out.push(x.v);
  const tail: number[] = [];
  for (let x = q.back; x; x = x.next) tail.push(x.v);
  for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]!);
  return out;
}
