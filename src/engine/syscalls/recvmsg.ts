/** recvmsg(): `count` reads, or until the queue is empty; an empty queue answers EAGAIN (a non-blocking read). */
import type { Failure } from '../failure';
import { continueDump } from '../core/dump';
import { recvDatagram } from '../core/queue';
import type { Recorder } from '../core/recorder';
import { DEFAULT_RECV_BUFFER } from '../core/skb';
import { socketFor } from '../core/world';
import type { ActionOf } from './action';

export function recvmsg(rec: Recorder, a: ActionOf<'read'>): Failure | null {
  let s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return { id: 'no-socket', process: a.actor };
  const buffer = a.buffer ?? DEFAULT_RECV_BUFFER;
  if (s.queue.size === 0 && !s.pendingEnobufs) {
    rec.emit(rec.world, { kind: 'read-error', socket: s.id, errno: 'EAGAIN' });
    return null;
  }
  for (let i = 0; a.count === undefined || i < a.count; i++) {
    if (a.count === undefined && s.queue.size === 0 && !s.pendingEnobufs) break;
    const next = recvDatagram(rec, s, buffer);
    if (!next) {
      rec.emit(rec.world, { kind: 'read-error', socket: s.id, errno: 'EAGAIN' });
      break;
    }
    // netlink_recvmsg() builds the next part of a running dump once there is room. `next` is the
    // socket as it is now, unless that changed it.
    if (next.dump) {
      continueDump(rec, next);
      s = rec.socket(next.id);
    } else s = next;
  }
  return null;
}
