/**
 * A socket's receive queue: what the kernel admits (netlink_broadcast_deliver, netlink_attachskb),
 * what an overrun does, and what one recvmsg() takes. The unit is the datagram (skb): it is queued,
 * dropped, charged and read whole.
 */
import { fifoDrop, fifoPeek, fifoPush } from '../fifo';
import type { Message, SocketState } from '../model';
import type { Env, Recorder } from './recorder';
import { MAX_RECVMSG_LEN } from './skb';
import { CopyMessage, messageLength } from './message';

/**
 * How many messages each datagram holds, by the id of its first (a datagram's messages have
 * consecutive ids), counted as messages are made: reading the message after a datagram's first to
 * see whether it belongs was a cache miss on nearly every delivery and read. A typed array, which
 * the garbage collector never scans.
 */
export class DatagramSizes {
  #n = new Int32Array(0);

  constructor(messages: readonly Message[]) {
    this.recount(messages);
  }

  /** Counts again from `messages` (a fork drops the messages after its step). */
  recount(messages: readonly Message[]): void {
    this.#n = new Int32Array(Math.max(1024, messages.length * 2));
    for (const m of messages) this.add(m);
  }

  /** Counts a new message, the last made. */
  add(m: Message): void {
    const d = m.datagram;
    if (d >= this.#n.length) {
      const n = new Int32Array(Math.max(d + 1, this.#n.length * 2));
      n.set(this.#n);
      this.#n = n;
    }
    if (d === m.id) this.#n[d] = 1;
    else this.#n[d]!++;
  }

  /** The size of the datagram that message `id` starts. */
  of(id: number): number {
    return this.#n[id]!;
  }
}

/** The messages of the datagram that starts at `head`, in order. */
export function datagramOf(env: Env, head: Message): Message[] {
  if (head instanceof CopyMessage) return [head]; // a datagram of its own
  const n = env.parts.of(head.id);
  return n === 1 ? [head] : env.messages.slice(head.id, head.id + n);
}

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
 * (__netlink_sendskb), without the admission check.
 */
export function queueDatagram(rec: Recorder, s: SocketState, parts: readonly Message[]): void {
  const truesize = parts[0]!.truesize;
  const fromDump = parts[0]!.kind === 'dump-part' || parts[0]!.kind === 'done';
  if (fromDump || admits(s, truesize)) {
    let queue = s.queue;
    for (const m of parts) queue = fifoPush(queue, m.id);
    rec.setQueue(s, queue, s.rmemAlloc + truesize, s.readCount, s.congested, s.maxRecvmsgLen);
    rec.emit(rec.world, { kind: 'message-delivered', message: parts[0]!.id });
    for (let i = 1; i < parts.length; i++) rec.emit(rec.world, { kind: 'message-delivered', message: parts[i]!.id });
    return;
  }
  overrun(rec, s, parts);
}

/** netlink_overrun(): count the drop; unless NETLINK_NO_ENOBUFS, mark the socket congested and report ENOBUFS once. */
function overrun(rec: Recorder, s: SocketState, parts: readonly Message[]): void {
  const reason = s.congested ? 'congested' : 'rcvbuf-full';
  let next: SocketState = { ...s, drops: s.drops + 1 };
  if (!s.noEnobufs && !s.congested) next = { ...next, congested: true, pendingEnobufs: true };
  rec.emit(rec.setSocket(next), { kind: 'message-dropped', message: parts[0]!.id, reason });
  for (let i = 1; i < parts.length; i++) rec.emit(rec.world, { kind: 'message-dropped', message: parts[i]!.id, reason });
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
  const parts = datagramOf(rec.env, rec.env.messages[first]!);
  const queue = fifoDrop(s.queue, parts.length);
  const fits = fitting(parts, buffer);
  const maxRecvmsgLen = Math.min(Math.max(s.maxRecvmsgLen, buffer), MAX_RECVMSG_LEN);
  const next = rec.setQueue(s, queue, s.rmemAlloc - parts[0]!.truesize, s.readCount + parts.length, queue.size ? s.congested : false, maxRecvmsgLen);
  for (let i = 0; i < parts.length; i++) {
    const id = parts[i]!.id;
    rec.emit(rec.world, i < fits ? { kind: 'message-read', socket: s.id, message: id } : { kind: 'message-dropped', message: id, reason: 'truncated' });
  }
  return next;
}

/** How many whole messages of a datagram fit in a buffer (each starts at a 4-byte boundary). */
function fitting(parts: readonly Message[], buffer: number): number {
  let end = 0;
  for (let i = 0; i < parts.length; i++) {
    const len = messageLength(parts[i]!);
    if (end + len > buffer) return i;
    end += (len + 3) & ~3;
  }
  return parts.length;
}
