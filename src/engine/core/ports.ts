/** Port ids: the address of a netlink socket within its protocol (af_netlink.c's nl_table). */
import { socketOf, type SocketState, type World } from '../model';
import { nextRandom } from './random';
import type { Recorder } from './recorder';
import { setSocket } from './world';

const S32_MIN = -2147483648;

/** netlink_lookup(): the socket bound to a port id in a protocol's table. */
export function socketByPort(w: World, protocol: number, port: number): SocketState | undefined {
  for (const id of w.socketOrder) {
    const s = socketOf(w, id)!;
    if (s.portId === port && s.protocol === protocol) return s;
  }
  return undefined;
}

export function portInUse(w: World, protocol: number, port: number): boolean {
  return socketByPort(w, protocol, port) !== undefined;
}

/**
 * netlink_autobind(): the first socket of a process takes the process id (tgid); when that is
 * taken, the kernel picks from the negative s32 range, starting at a random point below -4096
 * and counting down.
 */
export function autobind(rec: Recorder, s: SocketState): SocketState {
  let w = rec.world;
  const pid = w.processes[s.process]!.pid;
  let port = pid;
  let rover = w.rover;
  let rng = w.rng;
  while (portInUse(w, s.protocol, port >>> 0)) {
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

/** netlink_bind() with a port id: EADDRINUSE when another socket holds it, EINVAL when already bound elsewhere. */
export function bindPort(rec: Recorder, s: SocketState, want: number): SocketState | string {
  if (s.portId === null) {
    if (want === 0) return autobind(rec, s);
    if (portInUse(rec.world, s.protocol, want >>> 0)) return `bind(): port id ${want} is in use (EADDRINUSE)`;
    const bound = { ...s, portId: want >>> 0 };
    rec.emit(setSocket(rec.world, bound), { kind: 'socket-bound', socket: s.id, portId: bound.portId, autobind: false });
    return bound;
  }
  if (want !== 0 && want >>> 0 !== s.portId) return `bind(): ${s.id} is already bound to port id ${s.portId} (EINVAL)`;
  return s;
}
