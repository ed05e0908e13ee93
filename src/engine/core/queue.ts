/** A socket's receive queue: what the kernel admits (netlink_attachskb) and what recvmsg() takes. */
import { fifoPush, fifoShift } from '../fifo';
import type { Message, SocketState } from '../model';
import type { Recorder } from './recorder';
import { setSocket } from './world';

/**
 * netlink_broadcast_deliver() / netlink_attachskb(): queue only while sk_rmem_alloc <= sk_rcvbuf
 * and the socket is not congested; so a queue may overshoot its capacity by one message.
 */
export function admits(s: SocketState): boolean {
  return s.queuedBytes <= s.rcvbuf && !s.congested;
}

/** A message reaches a socket: queued, or dropped for this socket only (netlink_overrun). */
export function queueMessage(rec: Recorder, s: SocketState, m: Message): void {
  if (admits(s)) {
    const next = { ...s, queue: fifoPush(s.queue, m.id), queuedBytes: s.queuedBytes + m.bytes.length };
    rec.emit(setSocket(rec.world, next), { kind: 'message-delivered', message: m.id });
    return;
  }
  overrun(rec, s, m);
}

/** netlink_overrun(): count the drop; report ENOBUFS once unless NETLINK_NO_ENOBUFS. */
function overrun(rec: Recorder, s: SocketState, m: Message): void {
  const reason = s.congested ? 'congested' : 'rcvbuf-full';
  let next: SocketState = { ...s, drops: s.drops + 1 };
  if (!s.noEnobufs && !s.congested) next = { ...next, congested: true, pendingEnobufs: true };
  rec.emit(setSocket(rec.world, next), { kind: 'message-dropped', message: m.id, reason });
}

/**
 * netlink_recvmsg(): a pending error is reported once and cleared (sock_error), queued data stays;
 * otherwise the oldest message is taken. An emptied queue clears the congestion mark
 * (netlink_rcv_wake). Returns the socket after the read, or null when there was nothing (EAGAIN).
 */
export function recvOne(rec: Recorder, s: SocketState): SocketState | null {
  if (s.pendingEnobufs) {
    const next = { ...s, pendingEnobufs: false };
    rec.emit(setSocket(rec.world, next), { kind: 'read-error', socket: s.id, errno: 'ENOBUFS' });
    return next;
  }
  const taken = fifoShift(s.queue);
  if (!taken) return null;
  const [id, queue] = taken;
  const m = rec.env.messages[id]!;
  const next = { ...s, queue, queuedBytes: s.queuedBytes - m.bytes.length, readCount: s.readCount + 1, congested: queue.size ? s.congested : false };
  rec.emit(setSocket(rec.world, next), { kind: 'message-read', socket: s.id, message: id });
  return next;
}
