/**
 * Which line of the course module's C runs at a step: the kernel module (rtmgr_mod.c) and the user
 * program (rtmgr_user.c) mark those lines with `/* @step:NAME *\/` (public/course-module/README.md,
 * "Step markers"). Pure: a step in, file and marker names out; the sources are read elsewhere.
 */
import { NETLINK_RTMGR, type Step, type Timeline } from '../engine';

export const MODULE_FILES = {
  kernel: 'rtmgr_mod.c',
  user: 'rtmgr_user.c',
  header: 'rtmgr.h',
} as const;

export type KernelMarker =
  | 'create'
  | 'input'
  | 'register'
  | 'unregister'
  | 'add'
  | 'arm'
  | 'dump'
  | 'ack'
  | 'timer'
  | 'notify'
  | 'unicast'
  | 'forget'
  | 'multicast'
  | 'delete'
  | 'release';
export type UserMarker = 'socket' | 'bind' | 'join' | 'sendmsg' | 'recvmsg' | 'parse';

/** The lines that run at a step, in each file; a side is absent when the step runs none of its code. */
export interface StepCode {
  kernel?: KernelMarker;
  user?: UserMarker;
  /** Who runs the user side (the process), when there is one. */
  process?: string;
}

const MARKER = /\/\* @step:([a-z]+) \*\//;

/** Marker name to its 1-based line number in a source file. */
export function markerLines(source: string): Record<string, number> {
  const out: Record<string, number> = {};
  source.split('\n').forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m && out[m[1]!] === undefined) out[m[1]!] = i + 1;
  });
  return out;
}

function isModuleSocket(step: Step, socket: string): boolean {
  const i = step.world.socketIndex[socket];
  return i !== undefined && step.world.sockets[i]!.protocol === NETLINK_RTMGR;
}

const proc = (socket: string) => socket.slice(0, socket.indexOf('/'));

/** What runs at this step, or null when the step is not the module's (an rtnetlink step, a plain queueing). */
export function moduleStepCode(t: Timeline, index: number): StepCode | null {
  const step = t.steps.at(index);
  if (!step || (!step.world.rtmgr && !t.steps.before(index)?.world.rtmgr)) return null;
  const e = step.event;
  switch (e.kind) {
    case 'start':
      return { kernel: 'create' };
    case 'socket-opened':
      return isModuleSocket(step, e.socket) ? { user: 'socket', process: proc(e.socket) } : null;
    case 'socket-bound':
      return isModuleSocket(step, e.socket) ? { user: 'bind', process: proc(e.socket) } : null;
    case 'group-joined':
      return isModuleSocket(step, e.socket) ? { user: 'join', process: proc(e.socket) } : null;
    case 'entry-changed': {
      const k: Record<typeof e.change, KernelMarker> = {
        registered: 'register',
        unregistered: 'unregister',
        added: 'add',
        deleted: 'delete',
        forgotten: 'forget',
      };
      return { kernel: k[e.change] };
    }
    case 'unicast-failed':
      return { kernel: 'unicast' };
    case 'timer-armed':
    case 'timer-fired': {
      const timer = (e.kind === 'timer-armed' ? step.world : t.steps.before(index)?.world)?.timers[e.timer];
      if (timer?.protocol !== NETLINK_RTMGR) return null;
      return { kernel: e.kind === 'timer-armed' ? 'arm' : 'timer' };
    }
    case 'message-sent': {
      const m = t.messages.at(e.message)!;
      if (m.protocol !== NETLINK_RTMGR) return null;
      if (m.from.kind === 'socket') return { user: 'sendmsg', process: proc(m.from.socket) };
      if (m.to.kind === 'group') return { kernel: 'multicast' };
      if (m.kind === 'ack' || m.kind === 'error') return { kernel: 'ack' };
      if (m.kind === 'dump-part' || m.kind === 'done') return { kernel: 'dump' };
      return { kernel: 'unicast' };
    }
    case 'message-delivered': {
      const m = t.messages.at(e.message)!;
      if (m.protocol !== NETLINK_RTMGR) return null;
      return m.to.kind === 'kernel' ? { kernel: 'input' } : null;
    }
    case 'message-read': {
      const m = t.messages.at(e.message)!;
      if (m.protocol !== NETLINK_RTMGR) return null;
      // The first message of a datagram is what recvmsg() returned; the rest come from the NLMSG_NEXT walk.
      return { user: m.id === m.datagram ? 'recvmsg' : 'parse', process: proc(e.socket) };
    }
    case 'read-error':
      return isModuleSocket(step, e.socket) ? { user: 'recvmsg', process: proc(e.socket) } : null;
    default:
      return null;
  }
}
