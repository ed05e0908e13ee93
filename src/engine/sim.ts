/**
 * The pure step: take the next event off the queue and return the trace entries it causes, each
 * with the world after it. The kernel's behaviour follows net/netlink/af_netlink.c and
 * net/ipv4/fib_*.c; comments name the kernel function a rule comes from.
 */
import {
  ERRNO,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLM_F_ACK,
  NLM_F_CAPPED,
  NLM_F_CREATE,
  NLM_F_DUMP,
  NLM_F_ECHO,
  NLM_F_EXCL,
  NLM_F_MULTI,
  NLM_F_REPLACE,
  NLM_F_REQUEST,
  RTA_DST,
  RTA_GATEWAY,
  RTA_OIF,
  RTA_PREFSRC,
  RTA_PRIORITY,
  RTA_TABLE,
  RTM_DELROUTE,
  RTM_GETROUTE,
  RTM_NEWROUTE,
  RTNLGRP_IPV4_ROUTE,
  RT_SCOPE_NOWHERE,
  RT_TABLE_MAIN,
  DEFAULT_RCVBUF,
  messageTypeFromName,
  flagsFromNames,
} from './constants';
import { EMPTY_FIFO, fifoPush, fifoShift } from './fifo';
import { socketOf, type Endpoint, type Message, type MessageKind, type ProcessState, type QueuedEvent, type Route, type SocketState, type World } from './model';
import { ipv4ToNumber, requestRouteBody, routeFromSpec, storedRouteBody } from './routes';
import type { ActionSpec, RequestSpec, ScenarioSpec, SocketSpec } from './spec';
import { DEFAULT_INTERFACES, DEFAULT_LATENCY_MS } from './spec';
import type { TraceEvent } from './trace';
import type { NlMessage, RouteAttr } from './wire';
import { cappedRequest, encode } from './wire';

/** What a step may read besides the world: the script and the (append-only) message table. */
export interface Env {
  readonly actions: readonly ActionSpec[];
  /** Indexes of the actions the script runs, in (time, index) order. */
  readonly order: readonly number[];
  readonly latencyMs: number;
  /** Messages are immutable once created; a step only appends. */
  readonly messages: Message[];
}

/** A step as the event makes it; the timeline numbers it (`index`) when it appends it. */
export interface Emitted {
  index: number;
  timeMs: number;
  event: TraceEvent;
  world: World;
  /** Index of the scenario action this step follows from, or null for none. */
  cause: number | null;
}

const S32_MIN = -2147483648;

/** mulberry32: small, fast, and good enough for a port-id rover. The state lives in the world. */
function nextRandom(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) | 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, s];
}

export function socketId(process: string, socket: string): string {
  return `${process}/${socket}`;
}

function newSocket(process: string, s: SocketSpec): SocketState {
  return {
    id: socketId(process, s.name),
    process,
    name: s.name,
    portId: null,
    groups: [],
    rcvbuf: s.rcvbuf ?? DEFAULT_RCVBUF,
    queuedBytes: 0,
    queue: EMPTY_FIFO,
    pendingEnobufs: false,
    congested: false,
    noEnobufs: s.noEnobufs ?? false,
    capAck: s.capAck ?? false,
    drops: 0,
    readCount: 0,
  };
}

/** A world with one more socket (the socket list and its index are copied; they are small). */
function addSocket(w: World, process: string, spec: SocketSpec): World {
  const s = newSocket(process, spec);
  const proc = w.processes[process]!;
  return {
    ...w,
    sockets: [...w.sockets, s],
    socketOrder: [...w.socketOrder, s.id],
    socketIndex: { ...w.socketIndex, [s.id]: w.sockets.length },
    processes: { ...w.processes, [process]: { ...proc, sockets: [...proc.sockets, s.id] } },
  };
}

export function initialWorld(spec: ScenarioSpec): World {
  const interfaces: Record<number, string> = {};
  for (const i of spec.interfaces ?? DEFAULT_INTERFACES) interfaces[i.index] = i.name;
  const processes: Record<string, ProcessState> = {};
  const sockets: SocketState[] = [];
  const socketIndex: Record<string, number> = {};
  const socketOrder: string[] = [];
  for (const p of spec.processes) {
    const socks = p.sockets?.length ? p.sockets : [{ name: 's0' }];
    const ids: string[] = [];
    for (const s of socks) {
      const id = socketId(p.name, s.name);
      ids.push(id);
      socketOrder.push(id);
      socketIndex[id] = sockets.length;
      sockets.push(newSocket(p.name, s));
    }
    processes[p.name] = { name: p.name, pid: p.pid, sockets: ids };
  }
  return {
    timeMs: 0,
    nextSeq: spec.actions.length,
    queue: [],
    nextAction: 0,
    nextArrival: 0,
    processes,
    processOrder: spec.processes.map((p) => p.name),
    sockets,
    socketOrder,
    socketIndex,
    routes: spec.routes.map((r) => routeFromSpec(r.label, r, interfaces)),
    timers: {},
    messageCount: 0,
    rover: null,
    rng: (spec.settings?.seed ?? 1) | 0,
    nextTimer: 1,
    interfaces,
  };
}

/** Action indexes in the order they run: by time, then by their place in the file. */
export function actionOrder(actions: readonly ActionSpec[]): number[] {
  return actions.map((_, i) => i).sort((a, b) => actions[a]!.at - actions[b]!.at || a - b);
}

export function makeEnv(spec: ScenarioSpec, messages: Message[] = [], order: readonly number[] = actionOrder(spec.actions)): Env {
  return { actions: spec.actions, order, latencyMs: spec.settings?.latencyMs ?? DEFAULT_LATENCY_MS, messages };
}

export function compareEvents(a: QueuedEvent, b: QueuedEvent): number {
  return a.at - b.at || a.seq - b.seq;
}

/** Insert keeping (time, seq) order; the queue is short, so a copy is cheap. */
type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never;

function enqueue(w: World, e: Unsequenced<QueuedEvent>): World {
  const ev = { ...e, seq: w.nextSeq } as QueuedEvent;
  const q = w.queue;
  let i = q.length;
  while (i > 0 && compareEvents(q[i - 1]!, ev) > 0) i--;
  const queue = q.slice(0, i);
  queue.push(ev);
  for (let j = i; j < q.length; j++) queue.push(q[j]!);
  return { ...w, queue, nextSeq: w.nextSeq + 1 };
}

function setSocket(w: World, s: SocketState): World {
  const sockets = w.sockets.slice();
  sockets[w.socketIndex[s.id]!] = s;
  return { ...w, sockets };
}

/** Builds the list of steps one queue event causes. */
class Recorder {
  readonly out: Emitted[] = [];
  constructor(
    public world: World,
    readonly env: Env,
    readonly cause: number | null,
  ) {}
  emit(world: World, event: TraceEvent): void {
    this.world = world;
    this.out.push({ index: -1, timeMs: world.timeMs, event, world, cause: this.cause });
  }
  newMessage(m: Omit<Message, 'id' | 'bytes' | 'cause' | 'seq'>, bytes?: Uint8Array): Message {
    const w = this.world;
    const id = w.messageCount;
    const full = m as Message;
    full.id = id;
    full.bytes = bytes ?? encode(m.message);
    full.cause = this.cause;
    full.seq = w.nextSeq;
    // A fork may have left messages past messageCount: they belong to a dropped future.
    if (this.env.messages.length !== id) this.env.messages.length = id;
    this.env.messages.push(full);
    this.world = { ...w, messageCount: id + 1, nextSeq: w.nextSeq + 1 };
    return full;
  }
}

export interface StepResult {
  /** The world after the event, even when the event changed nothing visible. */
  world: World;
  out: Emitted[];
}

/** Advance by one event. Returns null when nothing is left to do. */
export function step(world: World, env: Env): StepResult | null {
  // Three sources of events, merged by (time, seq): the script, arrivals, and the queue (timers).
  let arrival: Message | undefined;
  let nextArrival = world.nextArrival;
  while (nextArrival < world.messageCount) {
    const m = env.messages[nextArrival]!;
    if (m.to.kind !== 'group') {
      arrival = m;
      break;
    }
    nextArrival++;
  }
  const queued = world.queue[0];
  const scripted = env.order[world.nextAction];
  let at = Infinity;
  let seq = Infinity;
  let pick: 'script' | 'arrival' | 'queue' | null = null;
  // A scripted action's sequence number is its index, lower than any event scheduled at run time.
  if (scripted !== undefined) {
    at = env.actions[scripted]!.at;
    seq = scripted;
    pick = 'script';
  }
  if (arrival && (arrival.deliverAt < at || (arrival.deliverAt === at && arrival.seq < seq))) {
    at = arrival.deliverAt;
    seq = arrival.seq;
    pick = 'arrival';
  }
  if (queued && (queued.at < at || (queued.at === at && queued.seq < seq))) {
    at = queued.at;
    pick = 'queue';
  }
  if (pick === 'script') {
    const rec = new Recorder({ ...world, nextAction: world.nextAction + 1, timeMs: at }, env, scripted!);
    runAction(rec, env.actions[scripted!]!);
    return { world: rec.world, out: rec.out };
  }
  if (pick === 'arrival') {
    const rec = new Recorder({ ...world, nextArrival: arrival!.id + 1, timeMs: at }, env, arrival!.cause);
    deliver(rec, arrival!);
    return { world: rec.world, out: rec.out };
  }
  if (!queued) return null;
  const popped: World = { ...world, queue: world.queue.slice(1), timeMs: queued.at };
  const t = popped.timers[queued.timer];
  const rec = new Recorder(popped, env, t?.cause ?? null);
  if (t) fireTimer(rec, t.id);
  return { world: rec.world, out: rec.out };
}

function socketFor(w: World, actor: string, socket?: string): SocketState | undefined {
  const p = w.processes[actor];
  if (!p) return undefined;
  const id = socket ? socketId(actor, socket) : p.sockets[0];
  return id ? socketOf(w, id) : undefined;
}

function portInUse(w: World, port: number): boolean {
  for (const id of w.socketOrder) if (socketOf(w, id)!.portId === port) return true;
  return false;
}

/**
 * netlink_autobind(): the first socket of a process takes the process id (tgid); when that is
 * taken, the kernel picks from the negative s32 range, starting at a random point below -4096
 * and counting down.
 */
function autobind(rec: Recorder, s: SocketState): SocketState {
  let w = rec.world;
  const pid = w.processes[s.process]!.pid;
  let port = pid;
  let rover = w.rover;
  let rng = w.rng;
  while (portInUse(w, port >>> 0)) {
    if (rover === null) {
      const [r, nextRng] = nextRandom(rng);
      rng = nextRng;
      rover = S32_MIN + Math.floor(r * (-4096 - S32_MIN));
    } else if (rover >= -4096) {
      rover = -4097;
    }
    port = rover;
    rover -= 1;
  }
  w = { ...w, rover, rng };
  const bound = { ...s, portId: port >>> 0 };
  rec.emit(setSocket(w, bound), { kind: 'socket-bound', socket: s.id, portId: bound.portId, autobind: true });
  return bound;
}

function setGroups(rec: Recorder, s: SocketState, groups: number[], via: 'bind' | 'setsockopt'): void {
  const before = new Set(s.groups);
  const after = new Set(groups);
  let cur = s;
  for (const g of [...before].sort((a, b) => a - b)) {
    if (!after.has(g)) {
      cur = { ...cur, groups: cur.groups.filter((x) => x !== g) };
      rec.emit(setSocket(rec.world, cur), { kind: 'group-left', socket: s.id, group: g, via });
    }
  }
  for (const g of [...after].sort((a, b) => a - b)) {
    if (!before.has(g)) {
      cur = { ...cur, groups: [...cur.groups, g].sort((a, b) => a - b) };
      rec.emit(setSocket(rec.world, cur), { kind: 'group-joined', socket: s.id, group: g, via });
    }
  }
}

function runAction(rec: Recorder, a: ActionSpec): void {
  const w = rec.world;
  const fail = (reason: string) => rec.emit(w, { kind: 'action-failed', reason });
  switch (a.do) {
    case 'bind': {
      let s = socketFor(w, a.actor, a.socket);
      if (!s) return fail(`${a.actor} has no socket ${a.socket ?? ''}`.trim());
      const want = a.portId ?? 0;
      if (s.portId === null) {
        if (want === 0) s = autobind(rec, s);
        else if (portInUse(w, want >>> 0)) return fail(`bind(): port id ${want} is in use (EADDRINUSE)`);
        else {
          s = { ...s, portId: want >>> 0 };
          rec.emit(setSocket(w, s), { kind: 'socket-bound', socket: s.id, portId: s.portId!, autobind: false });
        }
      } else if (want !== 0 && want >>> 0 !== s.portId) {
        return fail(`bind(): ${s.id} is already bound to port id ${s.portId} (EINVAL)`);
      }
      // nl_groups replaces the socket's membership of groups 1-32 (netlink_update_subscriptions).
      const mask = (a.groups ?? 0) >>> 0;
      const legacy: number[] = [];
      for (let bit = 0; bit < 32; bit++) if (mask & (1 << bit)) legacy.push(bit + 1);
      setGroups(rec, s, [...s.groups.filter((g) => g > 32), ...legacy], 'bind');
      return;
    }
    case 'join':
    case 'leave': {
      const s = socketFor(w, a.actor, a.socket);
      if (!s) return fail(`${a.actor} has no socket ${a.socket ?? ''}`.trim());
      if (a.do === 'join' && !s.groups.includes(a.group)) {
        rec.emit(setSocket(w, { ...s, groups: [...s.groups, a.group].sort((x, y) => x - y) }), { kind: 'group-joined', socket: s.id, group: a.group, via: 'setsockopt' });
      } else if (a.do === 'leave' && s.groups.includes(a.group)) {
        rec.emit(setSocket(w, { ...s, groups: s.groups.filter((g) => g !== a.group) }), { kind: 'group-left', socket: s.id, group: a.group, via: 'setsockopt' });
      } else {
        fail(a.do === 'join' ? `${s.id} is already a member of group ${a.group}` : `${s.id} is not a member of group ${a.group}`);
      }
      return;
    }
    case 'spawn': {
      if (w.processes[a.actor]) return fail(`there is already a process ${a.actor}`);
      if (Object.values(w.processes).some((p) => p.pid === a.pid)) return fail(`pid ${a.pid} is already taken`);
      const next: World = { ...w, processes: { ...w.processes, [a.actor]: { name: a.actor, pid: a.pid, sockets: [] } }, processOrder: [...w.processOrder, a.actor] };
      rec.emit(next, { kind: 'process-started', process: a.actor, pid: a.pid });
      // A new process opens its first NETLINK_ROUTE socket straight away, as every lecture process has one.
      rec.emit(addSocket(next, a.actor, { name: 's0' }), { kind: 'socket-opened', socket: socketId(a.actor, 's0') });
      return;
    }
    case 'open': {
      if (!w.processes[a.actor]) return fail(`there is no process ${a.actor}`);
      if (w.socketIndex[socketId(a.actor, a.socket)] !== undefined) return fail(`${a.actor} already has a socket "${a.socket}"`);
      const spec: SocketSpec = { name: a.socket };
      if (a.rcvbuf !== undefined) spec.rcvbuf = a.rcvbuf;
      if (a.noEnobufs !== undefined) spec.noEnobufs = a.noEnobufs;
      if (a.capAck !== undefined) spec.capAck = a.capAck;
      rec.emit(addSocket(w, a.actor, spec), { kind: 'socket-opened', socket: socketId(a.actor, a.socket) });
      return;
    }
    case 'set-rcvbuf': {
      const s = socketFor(w, a.actor, a.socket);
      if (!s) return fail(`${a.actor} has no socket`);
      rec.emit(setSocket(w, { ...s, rcvbuf: a.bytes }), { kind: 'rcvbuf-set', socket: s.id, bytes: a.bytes });
      return;
    }
    case 'send': {
      let s = socketFor(w, a.actor, a.socket);
      if (!s) return fail(`${a.actor} has no socket`);
      const built = buildRequest(a.request, w);
      if (typeof built === 'string') return fail(built);
      if (s.portId === null) s = autobind(rec, s);
      const m = rec.newMessage({
        kind: 'request',
        from: { kind: 'socket', socket: s.id },
        to: { kind: 'kernel' },
        sentAt: rec.world.timeMs,
        deliverAt: rec.world.timeMs + rec.env.latencyMs,
        message: built,
        ...(a.request.label ? { route: a.request.label } : a.request.routeOf ? { route: a.request.routeOf } : {}),
      });
      rec.emit(rec.world, { kind: 'message-sent', message: m.id });
      return;
    }
    case 'read': {
      let s = socketFor(w, a.actor, a.socket);
      if (!s) return fail(`${a.actor} has no socket`);
      const count = a.count ?? s.queue.size + (s.pendingEnobufs ? 1 : 0);
      if (count === 0 || (s.queue.size === 0 && !s.pendingEnobufs)) {
        rec.emit(w, { kind: 'read-error', socket: s.id, errno: 'EAGAIN' });
        return;
      }
      for (let i = 0; i < count; i++) {
        if (s.pendingEnobufs) {
          // sock_error(): the pending error is reported once and cleared; queued data stays.
          s = { ...s, pendingEnobufs: false };
          rec.emit(setSocket(rec.world, s), { kind: 'read-error', socket: s.id, errno: 'ENOBUFS' });
          continue;
        }
        const taken = fifoShift(s.queue);
        if (!taken) {
          rec.emit(rec.world, { kind: 'read-error', socket: s.id, errno: 'EAGAIN' });
          break;
        }
        const [id, queue] = taken;
        const m: Message = rec.env.messages[id]!;
        // netlink_rcv_wake(): an emptied queue clears the congestion mark.
        s = { ...s, queue, queuedBytes: s.queuedBytes - m.bytes.length, readCount: s.readCount + 1, congested: queue.size ? s.congested : false };
        rec.emit(setSocket(rec.world, s), { kind: 'message-read', socket: s.id, message: id });
      }
      return;
    }
    case 'arm-timer': {
      const route = w.routes.find((r) => r.label === a.route);
      if (!route) return fail(`no route ${a.route} to arm a timer on`);
      const id = `T${w.nextTimer}`;
      const fireAt = w.timeMs + a.afterMs;
      let next: World = { ...w, nextTimer: w.nextTimer + 1, timers: { ...w.timers, [id]: { id, route: a.route, armedAt: w.timeMs, fireAt, cause: rec.cause ?? -1 } } };
      next = enqueue(next, { kind: 'timer', at: fireAt, timer: id });
      rec.emit(next, { kind: 'timer-armed', timer: id, route: a.route, fireAt });
      return;
    }
    case 'cancel-timer': {
      const t = Object.values(w.timers).find((x) => x.route === a.route);
      if (!t) return fail(`no timer armed on ${a.route}`);
      const timers = { ...w.timers };
      delete timers[t.id];
      const queue = w.queue.filter((e) => !(e.kind === 'timer' && e.timer === t.id));
      rec.emit({ ...w, timers, queue }, { kind: 'timer-cancelled', timer: t.id, route: a.route });
      return;
    }
  }
}

/** Turn a scenario's request into the message a program would write. Returns an error text if it cannot. */
export function buildRequest(r: RequestSpec, w: World): NlMessage | string {
  const type = messageTypeFromName(r.type);
  if (type === undefined) return `unknown message type ${r.type}`;
  const flags = flagsFromNames(type, r.flags);
  if (typeof flags !== 'number') return `${flags.unknown} is not a flag of ${r.type}`;
  let routeSpec = r.route;
  if (r.routeOf) {
    const existing = w.routes.find((x) => x.label === r.routeOf);
    if (!existing) return `no route ${r.routeOf} in the table when ${r.type} is sent`;
    routeSpec = { dst: `${existing.dst}/${existing.dstLen}`, table: existing.table, ...r.route };
    if (type === RTM_NEWROUTE) {
      routeSpec = { ...routeSpec, protocol: existing.protocol, scope: existing.scope, type: existing.type, priority: existing.priority };
      if (existing.gateway) routeSpec.gateway = existing.gateway;
      if (existing.oif !== undefined) routeSpec.oif = existing.oif;
    }
  }
  const header = { len: 0, type, flags, seq: r.seq >>> 0, pid: (r.pid ?? 0) >>> 0 };
  if (type === RTM_GETROUTE && (flags & NLM_F_DUMP) === NLM_F_DUMP && !routeSpec) {
    return { header, payload: { kind: 'route', rtmsg: { family: 2, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: 0 }, attrs: [] } };
  }
  if (!routeSpec) return `${r.type} needs route fields`;
  try {
    const body = requestRouteBody(type === RTM_NEWROUTE ? 'new' : type === RTM_DELROUTE ? 'del' : 'get', routeSpec, w.interfaces);
    return { header, payload: { kind: 'route', ...body } };
  } catch (e) {
    return (e as Error).message;
  }
}

function deliver(rec: Recorder, m: Message): void {
  if (m.to.kind === 'kernel') {
    rec.emit(rec.world, { kind: 'message-delivered', message: m.id });
    handleRequest(rec, m);
    return;
  }
  if (m.to.kind !== 'socket') return;
  const s = socketOf(rec.world, m.to.socket)!;
  // netlink_broadcast_deliver() / netlink_attachskb(): queue only while sk_rmem_alloc <= sk_rcvbuf
  // and the socket is not congested; so a queue may overshoot its capacity by one message.
  if (s.queuedBytes <= s.rcvbuf && !s.congested) {
    const next = { ...s, queue: fifoPush(s.queue, m.id), queuedBytes: s.queuedBytes + m.bytes.length };
    rec.emit(setSocket(rec.world, next), { kind: 'message-delivered', message: m.id });
    return;
  }
  // netlink_overrun(): drop for this socket only; report ENOBUFS once unless NETLINK_NO_ENOBUFS.
  const reason = s.congested ? 'congested' : 'rcvbuf-full';
  let next: SocketState = { ...s, drops: s.drops + 1 };
  if (!s.noEnobufs && !s.congested) next = { ...next, congested: true, pendingEnobufs: true };
  rec.emit(setSocket(rec.world, next), { kind: 'message-dropped', message: m.id, reason });
}

function socketByPort(w: World, port: number): SocketState | undefined {
  for (const id of w.socketOrder) if (socketOf(w, id)!.portId === port) return socketOf(w, id);
  return undefined;
}

/** Unicast from the kernel to one socket (netlink_unicast). */
function kernelUnicast(rec: Recorder, to: SocketState, kind: MessageKind, message: NlMessage, inReplyTo: number | undefined, route?: string): void {
  const t = rec.world.timeMs;
  const m = rec.newMessage({
    kind,
    from: { kind: 'kernel' },
    to: { kind: 'socket', socket: to.id },
    sentAt: t,
    deliverAt: t + rec.env.latencyMs,
    message,
    ...(inReplyTo !== undefined ? { inReplyTo } : {}),
    ...(route ? { route } : {}),
  });
  rec.emit(rec.world, { kind: 'message-sent', message: m.id });
}

/**
 * rtnl_notify() -> nlmsg_notify(): one copy per member socket of the group, in a fixed order;
 * with NLM_F_ECHO the requester is left out of the broadcast and gets a unicast copy instead.
 */
function notify(rec: Recorder, message: NlMessage, route: string, request?: { msg: Message; socket: SocketState }): void {
  const w = rec.world;
  const t = w.timeMs;
  const echo = request !== undefined && (request.msg.message.header.flags & NLM_F_ECHO) !== 0;
  const exclude = echo ? request!.socket.id : undefined;
  const group = rec.newMessage({
    kind: 'notification',
    from: { kind: 'kernel' },
    to: { kind: 'group', group: RTNLGRP_IPV4_ROUTE },
    sentAt: t,
    deliverAt: t,
    message,
    route,
    ...(request ? { inReplyTo: request.msg.id } : {}),
  });
  const copies: number[] = [];
  const members = rec.world.socketOrder.filter((id) => id !== exclude && socketOf(rec.world, id)!.groups.includes(RTNLGRP_IPV4_ROUTE));
  for (const id of members) {
    // Every copy carries the same bytes.
    const c = rec.newMessage({ kind: 'notification', from: { kind: 'kernel' }, to: { kind: 'socket', socket: id }, sentAt: t, deliverAt: t + rec.env.latencyMs, message, route, copyOf: group.id }, group.bytes);
    copies.push(c.id);
  }
  rec.emit(rec.world, { kind: 'message-sent', message: group.id, copies });
  if (echo) kernelUnicast(rec, request!.socket, 'notification', message, request!.msg.id, route);
}

function ack(rec: Recorder, req: Message, s: SocketState, error: number): void {
  const h = req.message.header;
  const full = error !== 0 && !s.capAck;
  // netlink_ack(): a failure echoes the whole request unless NETLINK_CAP_ACK; success never does.
  const message: NlMessage = {
    header: { len: 0, type: NLMSG_ERROR, flags: full ? 0 : NLM_F_CAPPED, seq: h.seq, pid: s.portId ?? 0 },
    payload: { kind: 'error', error, request: full ? { header: { ...h, len: req.bytes.length }, payload: req.message.payload } : cappedRequest({ ...h, len: req.bytes.length }) },
  };
  kernelUnicast(rec, s, error === 0 ? 'ack' : 'error', message, req.id, req.route);
}

interface RouteCfg {
  dst: string;
  dstLen: number;
  table: number;
  tos: number;
  protocol: number;
  scope: number;
  type: number;
  gateway?: string;
  oif?: number;
  priority: number;
  prefsrc?: string;
}

/** rtm_to_fib_config(): RTA_TABLE overrides rtm_table; table 0 means main. */
function routeCfg(msg: NlMessage): RouteCfg | null {
  if (msg.payload.kind !== 'route') return null;
  const { rtmsg, attrs } = msg.payload;
  const get = (t: number) => attrs.find((a) => a.type === t) as RouteAttr | undefined;
  const u32 = (t: number) => {
    const a = get(t);
    return a && a.kind === 'u32' ? a.value : undefined;
  };
  const ip = (t: number) => {
    const a = get(t);
    return a && a.kind === 'ipv4' ? a.value : undefined;
  };
  const cfg: RouteCfg = {
    dst: ip(RTA_DST) ?? '0.0.0.0',
    dstLen: rtmsg.dstLen,
    table: u32(RTA_TABLE) ?? (rtmsg.table || RT_TABLE_MAIN),
    tos: rtmsg.tos,
    protocol: rtmsg.protocol,
    scope: rtmsg.scope,
    type: rtmsg.type,
    priority: u32(RTA_PRIORITY) ?? 0,
  };
  const gw = ip(RTA_GATEWAY);
  if (gw) cfg.gateway = gw;
  const oif = u32(RTA_OIF);
  if (oif !== undefined) cfg.oif = oif;
  const ps = ip(RTA_PREFSRC);
  if (ps) cfg.prefsrc = ps;
  return cfg;
}

function masked(addr: string, len: number): number {
  return len === 0 ? 0 : (ipv4ToNumber(addr) & (~0 << (32 - len))) >>> 0;
}

function sameKey(r: Route, c: RouteCfg): boolean {
  return r.table === c.table && r.dstLen === c.dstLen && masked(r.dst, r.dstLen) === masked(c.dst, c.dstLen) && r.tos === c.tos;
}

/** fib_table_delete(): unset fields match anything; scope must match unless RT_SCOPE_NOWHERE. */
function deleteMatches(r: Route, c: RouteCfg): boolean {
  return (
    sameKey(r, c) &&
    (!c.type || r.type === c.type) &&
    (c.scope === RT_SCOPE_NOWHERE || r.scope === c.scope) &&
    (!c.protocol || r.protocol === c.protocol) &&
    (!c.priority || r.priority === c.priority) &&
    (!c.prefsrc || r.prefsrc === c.prefsrc) &&
    (!c.gateway || r.gateway === c.gateway) &&
    (c.oif === undefined || r.oif === c.oif)
  );
}

function nextLabel(w: World): string {
  let n = w.routes.length + 1;
  const used = new Set(w.routes.map((r) => r.label));
  while (used.has(`R${n}`)) n++;
  return `R${n}`;
}

/** Order of a dump: by table, then by destination (fib_trie walks keys in order), longer prefixes first. */
export function dumpOrder(routes: readonly Route[]): Route[] {
  return [...routes].sort((a, b) => a.table - b.table || ipv4ToNumber(a.dst) - ipv4ToNumber(b.dst) || b.dstLen - a.dstLen || a.priority - b.priority);
}

function routeMessage(type: number, flags: number, seq: number, pid: number, r: Route): NlMessage {
  return { header: { len: 0, type, flags, seq, pid }, payload: { kind: 'route', ...storedRouteBody(r) } };
}

/** The kernel's input path: netlink_rcv_skb() -> rtnetlink_rcv_msg() -> inet_rtm_*route(). */
function handleRequest(rec: Recorder, req: Message): void {
  if (req.from.kind !== 'socket') return;
  const s = socketOf(rec.world, req.from.socket)!;
  const port = s.portId ?? 0;
  const h = req.message.header;
  // netlink_rcv_skb(): a message without NLM_F_REQUEST is skipped, and ACKed only if asked.
  if (!(h.flags & NLM_F_REQUEST)) {
    if (h.flags & NLM_F_ACK) ack(rec, req, s, 0);
    return;
  }
  const cfg = routeCfg(req.message);
  const fail = (errno: number) => ack(rec, req, s, -errno);
  if (!cfg) return fail(ERRNO.EINVAL);
  switch (h.type) {
    case RTM_NEWROUTE: {
      if (cfg.dstLen > 32) return fail(ERRNO.EINVAL);
      if (cfg.oif !== undefined && rec.world.interfaces[cfg.oif] === undefined) return fail(ERRNO.ENODEV);
      if (cfg.oif === undefined && !cfg.gateway) return fail(ERRNO.ENODEV);
      const existing = rec.world.routes.find((r) => sameKey(r, cfg) && r.priority === cfg.priority);
      // fib_table_insert(): EXCL refuses an existing route; without CREATE a missing one is ENOENT.
      if (existing && (h.flags & NLM_F_EXCL)) return fail(ERRNO.EEXIST);
      if (existing && !(h.flags & NLM_F_REPLACE)) return fail(ERRNO.EEXIST);
      if (!existing && !(h.flags & NLM_F_CREATE)) return fail(ERRNO.ENOENT);
      const label = existing?.label ?? req.route ?? nextLabel(rec.world);
      const route: Route = {
        label,
        dst: cfg.dst,
        dstLen: cfg.dstLen,
        priority: cfg.priority,
        table: cfg.table,
        protocol: cfg.protocol,
        scope: cfg.scope,
        type: cfg.type || 1,
        tos: cfg.tos,
        ...(cfg.gateway ? { gateway: cfg.gateway } : {}),
        ...(cfg.oif !== undefined ? { oif: cfg.oif } : {}),
        ...(cfg.prefsrc ? { prefsrc: cfg.prefsrc } : {}),
      };
      const routes = existing ? rec.world.routes.map((r) => (r === existing ? route : r)) : [...rec.world.routes, route];
      rec.emit({ ...rec.world, routes }, { kind: 'route-added', route, replaced: !!existing });
      // rtmsg_fib() copies the request's seq and the sender's port id; a replacement says REPLACE.
      const flags = existing ? NLM_F_REPLACE : NLM_F_EXCL | NLM_F_CREATE;
      notify(rec, routeMessage(RTM_NEWROUTE, flags, h.seq, port, route), label, { msg: req, socket: socketOf(rec.world, s.id)! });
      if (h.flags & NLM_F_ACK) ack(rec, req, socketOf(rec.world, s.id)!, 0);
      return;
    }
    case RTM_DELROUTE: {
      const victim = rec.world.routes.find((r) => deleteMatches(r, cfg));
      if (!victim) return fail(ERRNO.ESRCH);
      removeRoute(rec, victim, h.seq, port, { msg: req, socket: s });
      if (h.flags & NLM_F_ACK) ack(rec, req, socketOf(rec.world, s.id)!, 0);
      return;
    }
    case RTM_GETROUTE: {
      if ((h.flags & NLM_F_DUMP) === NLM_F_DUMP) {
        // A dump answers with NLM_F_MULTI parts and NLMSG_DONE; never a separate ACK.
        for (const r of dumpOrder(rec.world.routes)) {
          kernelUnicast(rec, socketOf(rec.world, s.id)!, 'dump-part', routeMessage(RTM_NEWROUTE, NLM_F_MULTI, h.seq, port, r), req.id, r.label);
        }
        kernelUnicast(rec, socketOf(rec.world, s.id)!, 'done', { header: { len: 0, type: NLMSG_DONE, flags: NLM_F_MULTI, seq: h.seq, pid: port }, payload: { kind: 'done', value: 0 } }, req.id);
        return;
      }
      // A single GET answers with the longest-prefix match as stored (the RTM_F_FIB_MATCH view).
      const target = ipv4ToNumber(cfg.dst);
      let best: Route | undefined;
      for (const r of rec.world.routes) {
        if (masked(r.dst, r.dstLen) === (r.dstLen ? (target & (~0 << (32 - r.dstLen))) >>> 0 : 0) && (!best || r.dstLen > best.dstLen)) best = r;
      }
      if (!best) return fail(ERRNO.ENETUNREACH);
      kernelUnicast(rec, socketOf(rec.world, s.id)!, 'reply', routeMessage(RTM_NEWROUTE, 0, h.seq, port, best), req.id, best.label);
      if (h.flags & NLM_F_ACK) ack(rec, rec.env.messages[req.id]!, socketOf(rec.world, s.id)!, 0);
      return;
    }
    default:
      return fail(ERRNO.EOPNOTSUPP);
  }
}

function removeRoute(rec: Recorder, victim: Route, seq: number, port: number, request?: { msg: Message; socket: SocketState }): void {
  const w = rec.world;
  let timers = w.timers;
  let queue = w.queue;
  // The module's timer for a route goes with the route.
  for (const t of Object.values(w.timers)) {
    if (t.route === victim.label) {
      timers = { ...timers };
      delete (timers as Record<string, unknown>)[t.id];
      queue = queue.filter((e) => !(e.kind === 'timer' && e.timer === t.id));
    }
  }
  rec.emit({ ...w, routes: w.routes.filter((r) => r !== victim), timers, queue }, { kind: 'route-removed', route: victim });
  // fib_table_delete() announces RTM_DELROUTE with flags 0.
  notify(rec, routeMessage(RTM_DELROUTE, 0, seq, port, victim), victim.label, request);
}

function fireTimer(rec: Recorder, id: string): void {
  const t = rec.world.timers[id]!;
  const timers = { ...rec.world.timers };
  delete timers[id];
  rec.emit({ ...rec.world, timers }, { kind: 'timer-fired', timer: id, route: t.route });
  const victim = rec.world.routes.find((r) => r.label === t.route);
  // The kernel acts on its own: no request behind it, so seq 0 and port id 0 (fib_magic()).
  if (victim) removeRoute(rec, victim, 0, 0);
}

export type { Endpoint };
