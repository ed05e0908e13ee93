/**
 * What one world changed from the one before, kept by every step of a run that does not keep its
 * whole world (snapshots.ts applies them). The recorder writes them as the rules change its world
 * (core/recorder.ts); where a rule builds a world of its own, the two are compared here.
 */
import { socketChanges as knownSocketChanges, worldChanges } from './copies';
import type { SocketState, World } from '../model';

/**
 * Flat: a field name and its new value, or a socket's place in `sockets`, how many fields of it
 * changed, and that many names and values. A field that went away has the value GONE. Applied in
 * order, so a later entry for the same field wins.
 */
export type WorldDelta = readonly unknown[];

export const GONE = Symbol('gone');
/**
 * A socket's new receive queue as two numbers, where it shares its array with the queue before
 * (Fifo.shares): `QUEUE_RANGE, offset, QUEUE_SIZE, size`. The hot paths change a queue on nearly
 * every step, and a Fifo kept per step was one more object for the garbage collector to copy.
 */
export const QUEUE_RANGE = Symbol('queue range');
export const QUEUE_SIZE = Symbol('queue size');
export const NO_CHANGE: WorldDelta = [];

type Fields = Record<string, unknown>;

/**
 * Appends the fields of `next` that differ from `prev` (by identity: parts are immutable and
 * shared), and those it no longer has; `sockets` of the same length are compared socket by socket
 * when `deep`. A key count tells whether any field went away, so most calls test no key twice.
 */
function changes(prev: Fields, next: Fields, deep: boolean, out: unknown[]): void {
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
export function socketDelta(i: number, prev: SocketState, next: SocketState, out: unknown[]): void {
  if (prev === next) return;
  const at = out.length;
  out.push(i, 0);
  if (!knownSocketChanges(prev, next, out)) changes(prev as unknown as Fields, next as unknown as Fields, false, out);
  out[at + 1] = (out.length - at - 2) >> 1;
}

function socketListChanges(prev: readonly SocketState[] | undefined, next: readonly SocketState[], out: unknown[]): void {
  if (!prev || prev.length !== next.length) {
    out.push('sockets', next);
    return;
  }
  for (let i = 0; i < next.length; i++) socketDelta(i, prev[i]!, next[i]!, out);
}

/** Appends what `next` changed from `prev`: field by field where the fields are known (core/copies.ts), else by name. */
export function worldDelta(prev: World, next: World, out: unknown[]): void {
  if (prev === next) return;
  if (!worldChanges(prev, next, out, (a, b) => socketListChanges(a, b, out))) changes(prev as unknown as Fields, next as unknown as Fields, true, out);
}
