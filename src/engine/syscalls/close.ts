/**
 * close(): netlink_release() takes the socket out of its protocol's port table and its groups
 * and frees what was queued. Its port id is free for the next socket, and a kernel module that
 * unicasts to it now gets ECONNREFUSED.
 */
import type { Failure } from '../failure';
import { EMPTY_FIFO } from '../fifo';
import type { Recorder } from '../core/recorder';
import { setSocket, socketFor } from '../core/world';
import { noSocket, type ActionOf } from './action';

export function close(rec: Recorder, a: ActionOf<'close'>): Failure | null {
  const s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return noSocket(a);
  if (s.closed) return { id: 'already-closed', socket: s.id };
  const closed = { ...s, closed: true, portId: null, groups: [], queue: EMPTY_FIFO, rmemAlloc: 0, dump: null, pendingEnobufs: false, congested: false };
  rec.emit(setSocket(rec.world, closed), { kind: 'socket-closed', socket: s.id, portId: s.portId });
  return null;
}
