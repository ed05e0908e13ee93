/**
 * Copies of worlds and sockets, and what changed between two of them: written out field by field
 * because the engine does both on nearly every step of a run (see below). copies.test.ts checks
 * that each keeps up with the model: the same fields, in the same order, every change seen.
 */
import type { Fifo } from '../fifo';
import type { SocketState, World } from '../model';

/** Where changed fields are written, by name (a delta log, or a test's array). */
export interface FieldSink {
  push(name: string, value: unknown): void;
  /** A socket's receive queue changed from `was` to `now`. */
  queue(was: Fifo, now: Fifo): void;
}

/** A world or a socket that one event is still changing (see copyWorld). */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy of a socket with every field inside the object. A spread copy ({ ...s }) of an object
 * this wide keeps four fields inline and the rest in a second allocation (V8 does so), and the
 * engine copies a socket or a world on nearly every step of a run. Same fields in the same order
 * as newSocket() makes (copies.test.ts checks both); a closed socket, rare, is spread.
 */
export function copySocket(s: SocketState): Draft<SocketState> {
  if (s.closed !== undefined) return { ...s };
  return {
    id: s.id,
    protocol: s.protocol,
    process: s.process,
    name: s.name,
    portId: s.portId,
    groups: s.groups,
    rcvbuf: s.rcvbuf,
    rmemAlloc: s.rmemAlloc,
    queue: s.queue,
    pendingEnobufs: s.pendingEnobufs,
    congested: s.congested,
    noEnobufs: s.noEnobufs,
    capAck: s.capAck,
    extAck: s.extAck,
    pktinfo: s.pktinfo,
    strictChk: s.strictChk,
    drops: s.drops,
    readCount: s.readCount,
    maxRecvmsgLen: s.maxRecvmsgLen,
    dump: s.dump,
  };
}

/** A copy of a world with every field inside the object, as copySocket does for a socket; same fields, same order as baseWorld() and the families make. */
export function copyWorld(w: World): Draft<World> {
  const c: Draft<World> = {
    timeMs: w.timeMs,
    nextSeq: w.nextSeq,
    queue: w.queue,
    nextAction: w.nextAction,
    nextArrival: w.nextArrival,
    processes: w.processes,
    processOrder: w.processOrder,
    sockets: w.sockets,
    socketOrder: w.socketOrder,
    socketIndex: w.socketIndex,
    routes: w.routes,
    addresses: w.addresses,
    timers: w.timers,
    messageCount: w.messageCount,
    rng: w.rng,
    nextTimer: w.nextTimer,
    interfaces: w.interfaces,
    rmemMax: w.rmemMax,
  };
  if (w.rtmgr !== undefined) c.rtmgr = w.rtmgr;
  return c;
}

/**
 * Appends the name and new value of each field of socket `b` that differs from `a` (by identity:
 * parts are immutable and shared). False, with nothing appended, for a closed socket (its fields
 * differ in number; the caller compares those by name).
 */
export function socketChanges(a: SocketState, b: SocketState, out: FieldSink): boolean {
  if (a.closed !== undefined || b.closed !== undefined) return false;
  if (a.id !== b.id) out.push('id', b.id);
  if (a.protocol !== b.protocol) out.push('protocol', b.protocol);
  if (a.process !== b.process) out.push('process', b.process);
  if (a.name !== b.name) out.push('name', b.name);
  if (a.portId !== b.portId) out.push('portId', b.portId);
  if (a.groups !== b.groups) out.push('groups', b.groups);
  if (a.rcvbuf !== b.rcvbuf) out.push('rcvbuf', b.rcvbuf);
  if (a.rmemAlloc !== b.rmemAlloc) out.push('rmemAlloc', b.rmemAlloc);
  if (a.queue !== b.queue) out.queue(a.queue, b.queue);
  if (a.pendingEnobufs !== b.pendingEnobufs) out.push('pendingEnobufs', b.pendingEnobufs);
  if (a.congested !== b.congested) out.push('congested', b.congested);
  if (a.noEnobufs !== b.noEnobufs) out.push('noEnobufs', b.noEnobufs);
  if (a.capAck !== b.capAck) out.push('capAck', b.capAck);
  if (a.extAck !== b.extAck) out.push('extAck', b.extAck);
  if (a.pktinfo !== b.pktinfo) out.push('pktinfo', b.pktinfo);
  if (a.strictChk !== b.strictChk) out.push('strictChk', b.strictChk);
  if (a.drops !== b.drops) out.push('drops', b.drops);
  if (a.readCount !== b.readCount) out.push('readCount', b.readCount);
  if (a.maxRecvmsgLen !== b.maxRecvmsgLen) out.push('maxRecvmsgLen', b.maxRecvmsgLen);
  if (a.dump !== b.dump) out.push('dump', b.dump);
  return true;
}

/**
 * As socketChanges for a world, except `sockets`, which goes to `sockets` when it differs. False,
 * with nothing appended, when one world has the course module and the other has not.
 */
export function worldChanges(a: World, b: World, out: FieldSink, sockets: (a: readonly SocketState[], b: readonly SocketState[]) => void): boolean {
  if ((a.rtmgr === undefined) !== (b.rtmgr === undefined)) return false;
  if (a.timeMs !== b.timeMs) out.push('timeMs', b.timeMs);
  if (a.nextSeq !== b.nextSeq) out.push('nextSeq', b.nextSeq);
  if (a.queue !== b.queue) out.push('queue', b.queue);
  if (a.nextAction !== b.nextAction) out.push('nextAction', b.nextAction);
  if (a.nextArrival !== b.nextArrival) out.push('nextArrival', b.nextArrival);
  if (a.processes !== b.processes) out.push('processes', b.processes);
  if (a.processOrder !== b.processOrder) out.push('processOrder', b.processOrder);
  if (a.sockets !== b.sockets) sockets(a.sockets, b.sockets);
  if (a.socketOrder !== b.socketOrder) out.push('socketOrder', b.socketOrder);
  if (a.socketIndex !== b.socketIndex) out.push('socketIndex', b.socketIndex);
  if (a.routes !== b.routes) out.push('routes', b.routes);
  if (a.addresses !== b.addresses) out.push('addresses', b.addresses);
  if (a.timers !== b.timers) out.push('timers', b.timers);
  if (a.messageCount !== b.messageCount) out.push('messageCount', b.messageCount);
  if (a.rng !== b.rng) out.push('rng', b.rng);
  if (a.nextTimer !== b.nextTimer) out.push('nextTimer', b.nextTimer);
  if (a.interfaces !== b.interfaces) out.push('interfaces', b.interfaces);
  if (a.rmemMax !== b.rmemMax) out.push('rmemMax', b.rmemMax);
  if (a.rtmgr !== b.rtmgr) out.push('rtmgr', b.rtmgr);
  return true;
}
