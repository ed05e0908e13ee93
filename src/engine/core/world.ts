/** Building worlds and replacing their parts: every change returns a new world sharing the rest. */
import { protocolNumber } from '../protocol/names';
import { EMPTY_FIFO } from '../fifo';
import { socketOf, type ProcessState, type QueuedEvent, type SocketState, type World } from '../model';
import type { ScenarioSpec, SocketSpec } from '../spec';
import { DEFAULT_INTERFACES } from '../spec';
import { RMEM_DEFAULT, RMEM_MAX, rcvbufFor } from './skb';

export function socketId(process: string, socket: string): string {
  return `${process}/${socket}`;
}

function newSocket(process: string, s: SocketSpec, rmemMax: number): SocketState {
  return {
    id: socketId(process, s.name),
    protocol: protocolNumber(s.protocol),
    process,
    name: s.name,
    portId: null,
    groups: [],
    rcvbuf: s.rcvbuf === undefined ? RMEM_DEFAULT : rcvbufFor(s.rcvbuf, rmemMax),
    rmemAlloc: 0,
    queue: EMPTY_FIFO,
    pendingEnobufs: false,
    congested: false,
    noEnobufs: s.noEnobufs ?? false,
    capAck: s.capAck ?? false,
    extAck: s.extAck ?? false,
    pktinfo: s.pktinfo ?? false,
    strictChk: s.strictChk ?? false,
    drops: 0,
    readCount: 0,
    maxRecvmsgLen: 0,
    dump: null,
  };
}

/** A world with one more socket (the socket list and its index are copied; they are small). */
export function addSocket(w: World, process: string, spec: SocketSpec): World {
  const s = newSocket(process, spec, w.rmemMax);
  const proc = w.processes[process]!;
  return {
    ...w,
    sockets: [...w.sockets, s],
    socketOrder: [...w.socketOrder, s.id],
    socketIndex: { ...w.socketIndex, [s.id]: w.sockets.length },
    processes: { ...w.processes, [process]: { ...proc, sockets: [...proc.sockets, s.id] } },
  };
}

export function setSocket(w: World, s: SocketState): World {
  const sockets = w.sockets.slice();
  sockets[w.socketIndex[s.id]!] = s;
  return { ...w, sockets };
}

/** The socket an action names: the process's socket by name, or its first one. */
export function socketFor(w: World, actor: string, socket?: string): SocketState | undefined {
  const p = Object.hasOwn(w.processes, actor) ? w.processes[actor] : undefined;
  if (!p) return undefined;
  const id = socket ? socketId(actor, socket) : p.sockets[0];
  return id ? socketOf(w, id) : undefined;
}

/** The processes and sockets a scenario starts with; each kernel family then adds its own state (KernelFamily.init). */
export function baseWorld(spec: ScenarioSpec): World {
  const interfaces: Record<number, string> = {};
  for (const i of spec.interfaces ?? DEFAULT_INTERFACES) interfaces[i.index] = i.name;
  const rmemMax = spec.settings?.rmemMax ?? RMEM_MAX;
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
      sockets.push(newSocket(p.name, s, rmemMax));
    }
    processes[p.name] = { name: p.name, pid: p.pid, sockets: ids };
  }
  const world: World = {
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
    routes: [],
    addresses: [],
    timers: {},
    messageCount: 0,
    rng: (spec.settings?.seed ?? 1) | 0,
    nextTimer: 1,
    interfaces,
    rmemMax,
  };
  return world;
}

export function compareEvents(a: QueuedEvent, b: QueuedEvent): number {
  return a.at - b.at || a.seq - b.seq;
}

type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Insert keeping (time, seq) order; the queue holds only timers, so a copy is cheap. */
export function enqueue(w: World, e: Unsequenced<QueuedEvent>): World {
  const ev = { ...e, seq: w.nextSeq } as QueuedEvent;
  const q = w.queue;
  let i = q.length;
  while (i > 0 && compareEvents(q[i - 1]!, ev) > 0) i--;
  const queue = q.slice(0, i);
  queue.push(ev);
  for (let j = i; j < q.length; j++) queue.push(q[j]!);
  return { ...w, queue, nextSeq: w.nextSeq + 1 };
}

/** The world without a timer (fired, cancelled, or gone with its entry). */
export function withoutTimer(w: World, id: string): World {
  const timers = { ...w.timers };
  delete timers[id];
  return { ...w, timers, queue: w.queue.filter((e) => !(e.kind === 'timer' && e.timer === id)) };
}
