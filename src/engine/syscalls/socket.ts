/** A process starts, and opens sockets: socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE). */
import type { Recorder } from '../core/recorder';
import { addSocket, socketId } from '../core/world';
import type { World } from '../model';
import type { ActionOf } from './action';
import type { SocketSpec } from '../spec';

export function spawn(rec: Recorder, a: ActionOf<'spawn'>): string | null {
  const w = rec.world;
  if (Object.hasOwn(w.processes, a.actor)) return `there is already a process ${a.actor}`;
  if (Object.values(w.processes).some((p) => p.pid === a.pid)) return `pid ${a.pid} is already taken`;
  const next: World = { ...w, processes: { ...w.processes, [a.actor]: { name: a.actor, pid: a.pid, sockets: [] } }, processOrder: [...w.processOrder, a.actor] };
  rec.emit(next, { kind: 'process-started', process: a.actor, pid: a.pid });
  // A new process opens its first NETLINK_ROUTE socket straight away, as every lecture process has one.
  rec.emit(addSocket(next, a.actor, { name: 's0' }), { kind: 'socket-opened', socket: socketId(a.actor, 's0') });
  return null;
}

export function open(rec: Recorder, a: ActionOf<'open'>): string | null {
  const w = rec.world;
  if (!Object.hasOwn(w.processes, a.actor)) return `there is no process ${a.actor}`;
  if (w.socketIndex[socketId(a.actor, a.socket)] !== undefined) return `${a.actor} already has a socket "${a.socket}"`;
  const { at: _at, do: _do, actor: _actor, socket, ...options } = a;
  const spec: SocketSpec = { ...options, name: socket };
  rec.emit(addSocket(w, a.actor, spec), { kind: 'socket-opened', socket: socketId(a.actor, a.socket) });
  return null;
}
