/**
 * The world the simulation evolves: processes, sockets, the kernel's netlink core and routing
 * table, timers and the event queue. Every object here is treated as immutable: a step returns a
 * new world that shares all unchanged parts with the old one.
 */
import type { NlMessage } from './wire';

export interface Route {
  /** Display label such as R1. Not part of the kernel's data; it lets the lecture name a route. */
  label: string;
  dst: string;
  dstLen: number;
  gateway?: string;
  oif?: number;
  prefsrc?: string;
  priority: number;
  table: number;
  protocol: number;
  scope: number;
  type: number;
  tos: number;
}

export interface ProcessState {
  name: string;
  pid: number;
  sockets: readonly string[];
}

export interface SocketState {
  /** Stable id, "P1/s0". */
  id: string;
  process: string;
  name: string;
  /** null until bound (explicitly or by autobind on first send). */
  portId: number | null;
  /** Sorted multicast group numbers this socket is a member of. */
  groups: readonly number[];
  /** sk_rcvbuf: receive queue capacity in bytes. */
  rcvbuf: number;
  /** sk_rmem_alloc: bytes waiting in the receive queue. */
  queuedBytes: number;
  /** Message ids waiting to be read, oldest first. */
  queue: readonly number[];
  /** sk_err = ENOBUFS: the next recvmsg() fails once. */
  pendingEnobufs: boolean;
  /** NETLINK_S_CONGESTED: set on overrun, cleared when the queue is read empty. */
  congested: boolean;
  noEnobufs: boolean;
  capAck: boolean;
  drops: number;
  /** Message ids this socket has read so far (its "received" list). */
  read: readonly number[];
}

export interface TimerState {
  id: string;
  route: string;
  armedAt: number;
  fireAt: number;
  /** Index of the scenario action that armed it. */
  cause: number;
}

export type Endpoint = { kind: 'kernel' } | { kind: 'socket'; socket: string } | { kind: 'group'; group: number };

export type MessageKind = 'request' | 'ack' | 'error' | 'notification' | 'reply' | 'dump-part' | 'done';

/** A message on the wire. Messages are immutable and live in the timeline's message table. */
export interface Message {
  id: number;
  kind: MessageKind;
  from: Endpoint;
  to: Endpoint;
  sentAt: number;
  /** When the envelope reaches its receiver. The gap is a visual transit time, not protocol meaning. */
  deliverAt: number;
  message: NlMessage;
  bytes: Uint8Array;
  /** For one member's copy of a multicast: the id of the group message it copies. */
  copyOf?: number;
  /** For a reply, ACK, error, dump part or echo: the request it answers. */
  inReplyTo?: number;
  /** Index of the scenario action behind this message (a request, or the timer's arming), or null. */
  cause: number | null;
  /** The route this message describes, by label, when there is one. */
  route?: string;
}

export type QueuedEvent =
  | { kind: 'action'; at: number; seq: number; action: number }
  | { kind: 'arrive'; at: number; seq: number; message: number }
  | { kind: 'timer'; at: number; seq: number; timer: string };

export interface World {
  timeMs: number;
  /** Next event sequence number: the tiebreak that gives events a total order. */
  nextSeq: number;
  queue: readonly QueuedEvent[];
  processes: Readonly<Record<string, ProcessState>>;
  processOrder: readonly string[];
  sockets: Readonly<Record<string, SocketState>>;
  socketOrder: readonly string[];
  routes: readonly Route[];
  timers: Readonly<Record<string, TimerState>>;
  /** Count of messages created so far (the timeline's message table may hold more after a fork). */
  messageCount: number;
  /** Where kernel-chosen negative port ids continue from (netlink_autobind's rover), or null before first use. */
  rover: number | null;
  /** Seeded PRNG state: the only randomness, kept inside the world. */
  rng: number;
  nextTimer: number;
  interfaces: Readonly<Record<number, string>>;
}
