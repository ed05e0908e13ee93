/** Port ids: the address of a netlink socket within its protocol (af_netlink.c's nl_table). */
import type { Failure } from '../failure';
import { err, ok, type Result } from '../result';
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
 * taken, each call draws a fresh random start in [S32_MIN, -4097] and counts down from it
 * while the ids it tries are taken. The draw comes from the world's seeded generator.
 */
export function autobind(rec: Recorder, s: SocketState): SocketState {
  const w = rec.world;
  let port = w.processes[s.process]!.pid;
  let rover: number | null = null;
  let rng = w.rng;
  while (portInUse(w, s.protocol, port >>> 0)) {
    if (rover === null) {
      const [r, nextRng] = nextRandom(rng);
      rng = nextRng;
      rover = S32_MIN + Math.floor(r * (-4096 - S32_MIN));
    }
    port = rover;
    rover -= 1;
  }
  const bound = { ...s, portId: port >>> 0 };
  rec.emit(setSocket({ ...w, rng }, bound), { kind: 'socket-bound', socket: s.id, portId: bound.portId, autobind: true });
  return bound;
}

/**
 * netlink_bind() with a port id: EADDRINUSE when another socket holds it. A bound socket may
 * only name its own port id again (nl_pid 0 included is EINVAL once bound).
 */
export function bindPort(rec: Recorder, s: SocketState, want: number): Result<SocketState, Failure> {
  if (s.portId === null) {
    if (want === 0) return ok(autobind(rec, s));
    if (portInUse(rec.world, s.protocol, want >>> 0)) return err({ id: 'port-in-use', portId: want });
    const bound = { ...s, portId: want >>> 0 };
    rec.emit(setSocket(rec.world, bound), { kind: 'socket-bound', socket: s.id, portId: bound.portId, autobind: false });
    return ok(bound);
  }
  if (want >>> 0 !== s.portId) return err({ id: 'already-bound', socket: s.id, portId: s.portId });
  return ok(s);
}
