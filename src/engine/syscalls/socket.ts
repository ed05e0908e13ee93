/** A process starts, and opens sockets: socket(AF_NETLINK, SOCK_RAW, protocol). */
import type { Failure } from '../failure';
import type { Recorder } from '../core/recorder';
import { addSocket, socketId } from '../core/world';
import { familyOf } from '../families';
import { protocolNumber } from '../protocol/names';
import type { World } from '../model';
import type { ActionOf } from './action';
import type { ProtocolName, SocketSpec } from '../spec';

/** netlink_create(): a protocol no one registered (a module not loaded) is EPROTONOSUPPORT. */
function unsupported(w: World, protocol: ProtocolName | undefined): Failure | null {
  const family = familyOf(protocolNumber(protocol));
  if (family?.loaded && !family.loaded(w)) return { id: 'protocol-not-registered', protocol: family.name, number: family.protocol };
  return null;
}

export function spawn(rec: Recorder, a: ActionOf<'spawn'>): Failure | null {
  const w = rec.world;
  if (Object.hasOwn(w.processes, a.actor)) return { id: 'process-exists', process: a.actor };
  if (Object.values(w.processes).some((p) => p.pid === a.pid)) return { id: 'pid-taken', pid: a.pid };
  const refused = unsupported(w, a.protocol);
  if (refused) return refused;
  const next: World = {
    ...w,
    processes: { ...w.processes, [a.actor]: { name: a.actor, pid: a.pid, sockets: [] } },
    processOrder: [...w.processOrder, a.actor],
  };
  rec.emit(next, { kind: 'process-started', process: a.actor, pid: a.pid });
  // A new process opens its first socket straight away, as every lecture process has one.
  rec.emit(addSocket(next, a.actor, { name: 's0', ...(a.protocol ? { protocol: a.protocol } : {}) }), {
    kind: 'socket-opened',
    socket: socketId(a.actor, 's0'),
  });
  return null;
}

export function open(rec: Recorder, a: ActionOf<'open'>): Failure | null {
  const w = rec.world;
  if (!Object.hasOwn(w.processes, a.actor)) return { id: 'no-process', process: a.actor };
  if (w.socketIndex[socketId(a.actor, a.socket)] !== undefined) return { id: 'socket-exists', process: a.actor, socket: a.socket };
  const refused = unsupported(w, a.protocol);
  if (refused) return refused;
  const { at: _at, do: _do, actor: _actor, socket, ...options } = a;
  const spec: SocketSpec = { ...options, name: socket };
  rec.emit(addSocket(w, a.actor, spec), { kind: 'socket-opened', socket: socketId(a.actor, a.socket) });
  return null;
}
