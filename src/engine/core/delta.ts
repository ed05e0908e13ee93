/**
 * What one world changed from the one before, kept by every step of a run that does not keep its
 * whole world (snapshots.ts applies them). The recorder makes them as it goes (core/recorder.ts);
 * worldDelta compares two worlds where a rule built a world of its own.
 */
import { socketChanges as knownSocketChanges, worldChanges } from './copies';
import type { SocketState, World } from '../model';

/**
 * What one world changed from the one before, flat: a field name and its new value, or a socket's
 * place in `sockets`, how many fields of it changed, and that many names and values. A field that
 * went away has the value GONE.
 */
export type WorldDelta = readonly unknown[];

export const GONE = Symbol('gone');
export const NO_CHANGE: WorldDelta = [];

type Fields = Record<string, unknown>;

/** Where a delta is written before it is copied out at its exact length (it is kept for the whole run). */
const scratch: unknown[] = [];

/**
 * Appends the fields of `next` that differ from `prev` (by identity: parts are immutable and
 * shared), and those it no longer has; `sockets` of the same length are compared socket by socket
 * when `deep`. A key count tells whether any field went away, so most calls test no key twice.
 */
function changes(prev: Fields, next: Fields, deep: boolean): void {
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
    if (deep && k === 'sockets') socketListChanges(was as readonly SocketState[], v as readonly SocketState[]);
    else scratch.push(k, v);
  }
  let count = 0;
  for (const _ in prev) count++;
  if (count !== shared) for (const k in prev) if (!(k in next)) scratch.push(k, GONE);
}

export function socketListChanges(prev: readonly SocketState[] | undefined, next: readonly SocketState[]): void {
  if (!prev || prev.length !== next.length) {
    scratch.push('sockets', next);
    return;
  }
  for (let i = 0; i < next.length; i++) {
    if (prev[i] === next[i]) continue;
    const at = scratch.length;
    scratch.push(i, 0);
    if (!knownSocketChanges(prev[i]!, next[i]!, scratch)) changes(prev[i] as unknown as Fields, next[i] as unknown as Fields, false);
    scratch[at + 1] = (scratch.length - at - 2) / 2;
  }
}

/** What `next` changed from `prev`: field by field where the fields are known (core/copies.ts), else by name. */
export function worldDelta(prev: World, next: World): WorldDelta {
  if (prev === next) return NO_CHANGE;
  scratch.length = 0;
  if (!worldChanges(prev, next, scratch, socketListChanges)) changes(prev as unknown as Fields, next as unknown as Fields, true);
  return scratch.length ? scratch.slice() : NO_CHANGE;
}

/**
 * The delta of a world that changed only through the recorder since `base`: the cursors and
 * counters a step moves (compared here), and the socket changes the recorder logged, in order.
 */
export function loggedDelta(base: World, w: World, socketLog: readonly unknown[]): WorldDelta {
  scratch.length = 0;
  if (base.timeMs !== w.timeMs) scratch.push('timeMs', w.timeMs);
  if (base.nextSeq !== w.nextSeq) scratch.push('nextSeq', w.nextSeq);
  if (base.queue !== w.queue) scratch.push('queue', w.queue);
  if (base.nextAction !== w.nextAction) scratch.push('nextAction', w.nextAction);
  if (base.nextArrival !== w.nextArrival) scratch.push('nextArrival', w.nextArrival);
  if (base.messageCount !== w.messageCount) scratch.push('messageCount', w.messageCount);
  for (let i = 0; i < socketLog.length; i++) scratch.push(socketLog[i]);
  return scratch.length ? scratch.slice() : NO_CHANGE;
}
