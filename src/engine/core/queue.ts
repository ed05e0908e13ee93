/**
 * A socket's receive queue: what the kernel admits (netlink_broadcast_deliver, netlink_attachskb),
 * what an overrun does, and what one recvmsg() takes. The unit is the datagram (skb): it is queued,
 * dropped, charged and read whole.
 */
import { fifoDrop, fifoPeek, fifoPush } from '../fifo';
import type { SocketState } from '../model';
import type { Recorder } from './recorder';
import { MAX_RECVMSG_LEN } from './skb';
import type { MessageTable } from './messageTable';

/**
 * The admission rule on this kernel (docs/kernel-behaviour.md §4): charge the skb's truesize, then
 * keep it if the queue was empty or the charge stays within sk_rcvbuf, and the socket is not
 * congested after an overrun.
 */
export function admits(s: SocketState, truesize: number): boolean {
  return !s.congested && (s.rmemAlloc === 0 || s.rmemAlloc + truesize <= s.rcvbuf);
}

/**
 * A datagram reaches a socket: queued whole, or dropped whole for this socket only. A dump's skb is
 * never refused: netlink_dump() builds it only when there is room and queues it directly
 * (__netlink_sendskb), without the admission check. The datagram is its `n` messages from id
 * `first` (a datagram's messages have consecutive ids): ids, not message objects, since most are
 * multicast copies, which the message table keeps as numbers.
 */
export function queueDatagram(rec: Recorder, s: SocketState, first: number, n: number): void {
  const head = rec.env.messages.row(first);
  const fromDump = head.kind === 'dump-part' || head.kind === 'done';
  if (fromDump || admits(s, head.truesize)) {
    let queue = s.queue;
    for (let id = first; id < first + n; id++) queue = fifoPush(queue, id);
    rec.setQueue(s, queue, s.rmemAlloc + head.truesize, s.readCount, s.congested, s.maxRecvmsgLen);
    for (let id = first; id < first + n; id++) rec.emit(rec.world, { kind: 'message-delivered', message: id });
    return;
  }
  overrun(rec, s, first, n);
}

/** netlink_overrun(): count the drop; unless NETLINK_NO_ENOBUFS, mark the socket congested and report ENOBUFS once. */
function overrun(rec: Recorder, s: SocketState, first: number, n: number): void {
  const reason = s.congested ? 'congested' : 'rcvbuf-full';
  let next: SocketState = { ...s, drops: s.drops + 1 };
  if (!s.noEnobufs && !s.congested) next = { ...next, congested: true, pendingEnobufs: true };
  rec.emit(rec.setSocket(next), { kind: 'message-dropped', message: first, reason });
  for (let id = first + 1; id < first + n; id++) rec.emit(rec.world, { kind: 'message-dropped', message: id, reason });
}

/**
 * netlink_recvmsg() with a buffer of `buffer` bytes: a pending error is reported once and cleared
 * (sock_error), queued data stays; otherwise the oldest datagram is taken whole. What does not fit
 * the buffer is cut off (MSG_TRUNC) and lost. An emptied queue clears the congestion mark
 * (netlink_rcv_wake). Returns the socket after the read, or null when there was nothing (EAGAIN).
 */
export function recvDatagram(rec: Recorder, s: SocketState, buffer: number): SocketState | null {
  if (s.pendingEnobufs) {
    const next = { ...s, pendingEnobufs: false };
    rec.emit(rec.setSocket(next), { kind: 'read-error', socket: s.id, errno: 'ENOBUFS' });
    return next;
  }
  const first = fifoPeek(s.queue);
  if (first === undefined) return null;
  // The oldest datagram, taken whole.
  const messages = rec.env.messages;
  const n = messages.partsOf(first);
  const queue = fifoDrop(s.queue, n);
  const fits = fitting(messages, first, n, buffer);
  const maxRecvmsgLen = Math.min(Math.max(s.maxRecvmsgLen, buffer), MAX_RECVMSG_LEN);
  const truesize = messages.row(first).truesize;
  const next = rec.setQueue(s, queue, s.rmemAlloc - truesize, s.readCount + n, queue.size ? s.congested : false, maxRecvmsgLen);
  for (let i = 0; i < n; i++) {
    const id = first + i;
    rec.emit(rec.world, i < fits ? { kind: 'message-read', socket: s.id, message: id } : { kind: 'message-dropped', message: id, reason: 'truncated' });
  }
  return next;
}

/** How many whole messages of a datagram fit in a buffer (each starts at a 4-byte boundary). */
function fitting(messages: MessageTable, first: number, n: number, buffer: number): number {
  let end = 0;
  for (let i = 0; i < n; i++) {
    const len = messages.lengthOf(first + i);
    if (end + len > buffer) return i;
    end += (len + 3) & ~3;
  }
  return n;
}
