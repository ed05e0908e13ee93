/** setsockopt(): NETLINK_ADD_MEMBERSHIP / NETLINK_DROP_MEMBERSHIP, and SO_RCVBUF. */
import type { Failure } from '../failure';
import type { Recorder } from '../core/recorder';
import { optionField } from '../core/options';
import { rcvbufFor } from '../core/skb';
import { setSocket, socketFor } from '../core/world';
import { noSocket, type ActionOf } from './action';

/** NETLINK_ADD_MEMBERSHIP: any group number, one at a time. */
export function join(rec: Recorder, a: ActionOf<'join'>): Failure | null {
  const s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return noSocket(a);
  if (s.groups.includes(a.group)) return { id: 'already-member', socket: s.id, group: a.group };
  rec.emit(setSocket(rec.world, { ...s, groups: [...s.groups, a.group].sort((x, y) => x - y) }), {
    kind: 'group-joined',
    socket: s.id,
    group: a.group,
    via: 'setsockopt',
  });
  return null;
}

/** NETLINK_DROP_MEMBERSHIP. */
export function leave(rec: Recorder, a: ActionOf<'leave'>): Failure | null {
  const s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return noSocket(a);
  if (!s.groups.includes(a.group)) return { id: 'not-member', socket: s.id, group: a.group };
  rec.emit(setSocket(rec.world, { ...s, groups: s.groups.filter((g) => g !== a.group) }), {
    kind: 'group-left',
    socket: s.id,
    group: a.group,
    via: 'setsockopt',
  });
  return null;
}

/** SO_RCVBUF: the kernel keeps twice the value asked for (capped at rmem_max), at least SOCK_MIN_RCVBUF. */
export function setRcvbuf(rec: Recorder, a: ActionOf<'set-rcvbuf'>): Failure | null {
  const s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return { id: 'no-socket', process: a.actor };
  const rcvbuf = rcvbufFor(a.bytes, rec.world.rmemMax);
  rec.emit(setSocket(rec.world, { ...s, rcvbuf }), { kind: 'rcvbuf-set', socket: s.id, bytes: rcvbuf, requested: a.bytes });
  return null;
}

/** setsockopt(SOL_NETLINK, option, on/off): settable at any time, effective from the next message. */
export function setOption(rec: Recorder, a: ActionOf<'set-option'>): Failure | null {
  const s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return noSocket(a);
  const field = optionField(a.option);
  rec.emit(setSocket(rec.world, { ...s, [field]: a.value }), { kind: 'option-set', socket: s.id, option: a.option, value: a.value });
  return null;
}
