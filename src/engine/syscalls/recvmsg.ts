/** recvmsg(): `count` reads, or everything waiting; an empty queue answers EAGAIN (a non-blocking read). */
import { recvOne } from '../core/queue';
import type { Recorder } from '../core/recorder';
import { socketFor } from '../core/world';
import type { ActionOf } from './action';

export function recvmsg(rec: Recorder, a: ActionOf<'read'>): string | null {
  let s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return `${a.actor} has no socket`;
  const count = a.count ?? s.queue.size + (s.pendingEnobufs ? 1 : 0);
  if (count === 0 || (s.queue.size === 0 && !s.pendingEnobufs)) {
    rec.emit(rec.world, { kind: 'read-error', socket: s.id, errno: 'EAGAIN' });
    return null;
  }
  for (let i = 0; i < count; i++) {
    const next = recvOne(rec, s);
    if (!next) {
      rec.emit(rec.world, { kind: 'read-error', socket: s.id, errno: 'EAGAIN' });
      break;
    }
    s = next;
  }
  return null;
}
