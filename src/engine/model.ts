/**
 * The world the simulation evolves: processes, sockets, the kernel's netlink core and routing
 * table, timers and the event queue. Every object here is treated as immutable: a step returns a
 * new world that shares all unchanged parts with the old one.
 */
import type { Fifo } from './fifo';
import type { RtmgrState } from './families/rtmgr/state';
import type { NlMessage } from './wire/message';

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
  /** The netlink protocol it was opened for: socket(AF_NETLINK, SOCK_RAW, protocol). */
  protocol: number;
  process: string;
  name: string;
  /** null until bound (explicitly or by autobind on first send). */
  portId: number | null;
  /** Sorted multicast group numbers this socket is a member of. */
  groups: readonly number[];
  /** sk_rcvbuf: the receive queue's capacity as the kernel keeps it (SO_RCVBUF doubled, at least SOCK_MIN_RCVBUF). */
  rcvbuf: number;
  /** sk_rmem_alloc: the truesize of every queued skb, not the message bytes. */
  rmemAlloc: number;
  /** Message ids waiting to be read (fifoToArray lists them, oldest first); a datagram's messages stay together. */
  queue: Fifo;
  /** sk_err = ENOBUFS: the next recvmsg() fails once. */
  pendingEnobufs: boolean;
  /** NETLINK_S_CONGESTED: set on overrun, cleared when the queue is read empty. */
  congested: boolean;
  /** Socket options (SOL_NETLINK): NETLINK_NO_ENOBUFS, NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_PKTINFO, NETLINK_GET_STRICT_CHK. */
  noEnobufs: boolean;
  capAck: boolean;
  extAck: boolean;
  pktinfo: boolean;
  strictChk: boolean;
  drops: number;
  /** The largest buffer ever passed to recvmsg(), capped (netlink_recvmsg): it sizes the next dump skb. */
  maxRecvmsgLen: number;
  /** A dump in progress on this socket (nlk->cb_running), or null. */
  dump: DumpState | null;
  /** How many messages the process has read from this socket (the timeline knows which). */
  readCount: number;
  /** close(): the socket gave up its port id, groups and queue; it stays listed so views can show it gone. */
  closed?: boolean;
}

/** netlink_callback: what a running dump has left to send. */
export interface DumpState {
  protocol: number;
  /** The request that started it. */
  request: number;
  seq: number;
  port: number;
  /** NLM_F_MULTI, with NLM_F_DUMP_FILTERED when the request filtered. */
  flags: number;
  /** The entries still to send, oldest first, each with the label of what it describes. */
  entries: readonly { message: NlMessage; route?: string }[];
}

/** An IPv4 address on an interface (struct in_ifaddr). */
export interface IfAddr {
  ifindex: number;
  local: string;
  prefixLen: number;
  /** RT_SCOPE_HOST on the loopback device, else RT_SCOPE_UNIVERSE. */
  scope: number;
  /** Seconds from creation; null: forever (IFA_F_PERMANENT). */
  validLft: number | null;
  preferredLft: number | null;
  /** When it was added (cstamp), in ms. */
  createdAt: number;
  /** IFA_F_DEPRECATED: its preferred lifetime has run out. */
  deprecated: boolean;
  /** The label of the prefix route the kernel made for it, if any. */
  prefixRoute?: string;
}

export interface TimerState {
  id: string;
  /** The kernel family (netlink protocol) that armed it and handles its expiry. */
  protocol: number;
  /**
   * 'route': the lecture module deletes a route; 'address': an address lifetime ends (check_lifetime);
   * 'rtmgr-entry': the course module's per-entry timer_list; 'rtmgr-work': the work item it schedules.
   */
  kind: 'route' | 'address-valid' | 'address-preferred' | 'rtmgr-entry' | 'rtmgr-work';
  /** Label of the route it deletes, or of the address's prefix route (where the stage shows the ring). */
  route: string;
  /** For an address timer: "10.0.3.1/24". */
  address?: string;
  armedAt: number;
  fireAt: number;
  /** Index of the scenario action that armed it. */
  cause: number;
}

/** A group's number means something only within its protocol (group 1: RTNLGRP_LINK, or a module's group). */
export type Endpoint = { kind: 'kernel' } | { kind: 'socket'; socket: string } | { kind: 'group'; group: number; protocol?: number };

export type MessageKind = 'request' | 'ack' | 'error' | 'notification' | 'reply' | 'dump-part' | 'done';

/** A message on the wire. Messages are immutable and live in the timeline's message table. */
export interface Message {
  id: number;
  kind: MessageKind;
  /** The netlink protocol it travels on (the kernel socket's unit): NETLINK_ROUTE is 0. */
  protocol: number;
  /** The id of the first message of the datagram (skb) it travels in; recvmsg() returns a datagram whole. */
  datagram: number;
  /** The skb's truesize: what the receiver's sk_rmem_alloc is charged for the whole datagram. */
  truesize: number;
  /** The group it was multicast through (NETLINK_CB(skb).dst_group; msg_name's nl_groups, NETLINK_PKTINFO), or 0. */
  dstGroup: number;
  /**
   * Queued by the kernel inside the receiver's own system call, never in flight: the next part of a
   * dump, which netlink_recvmsg() has netlink_dump() put straight into the reader's queue.
   */
  inline?: true;
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
  /** Tiebreak among events at the same time: arrivals are ordered with timers by (deliverAt, seq). */
  seq: number;
  /** Index of the scenario action behind this message (a request, or the timer's arming), or null. */
  cause: number | null;
  /** The route this message describes, by label, when there is one. */
  route?: string | undefined;
}

/** An event the simulation scheduled for itself. Only timers need a queue: see World.nextArrival. */
export type QueuedEvent = { kind: 'timer'; at: number; seq: number; timer: string };

export interface World {
  timeMs: number;
  /** Next event sequence number: the tiebreak that gives events a total order. */
  nextSeq: number;
  /** Timers the kernel armed, in (time, seq) order; arrivals and the script run from cursors. */
  queue: readonly QueuedEvent[];
  /**
   * How many of the scenario's own actions have run, as a cursor into the run's action order.
   * Scripted actions stay out of the queue, so a snapshot never copies the whole script.
   */
  nextAction: number;
  /**
   * Lowest message id that has not reached its receiver yet. Every hop takes the same transit
   * time, so messages arrive in the order they were created: the message table is the arrival
   * queue, and a snapshot needs only this cursor.
   */
  nextArrival: number;
  processes: Readonly<Record<string, ProcessState>>;
  processOrder: readonly string[];
  /** Sockets in socketOrder's order; look one up with socketOf(world, id). */
  sockets: readonly SocketState[];
  socketOrder: readonly string[];
  /** Socket id to its place in `sockets`; never changes during a run. */
  socketIndex: Readonly<Record<string, number>>;
  routes: readonly Route[];
  timers: Readonly<Record<string, TimerState>>;
  /** Count of messages created so far (the timeline's message table may hold more after a fork). */
  messageCount: number;
  /** Seeded PRNG state: the only randomness, kept inside the world. */
  rng: number;
  nextTimer: number;
  interfaces: Readonly<Record<number, string>>;
  addresses: readonly IfAddr[];
  /** net.core.rmem_max: the largest SO_RCVBUF an unprivileged process may ask for. */
  rmemMax: number;
  /** The course module (NETLINK_RTMGR), when the scenario loads it. */
  rtmgr?: RtmgrState;
}

/** The socket with this id ("P1/s0"), or undefined. */
export function socketOf(w: World, id: string): SocketState | undefined {
  const i = w.socketIndex[id];
  return i === undefined ? undefined : w.sockets[i];
}
