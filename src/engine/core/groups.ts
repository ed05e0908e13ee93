/** Multicast group membership (netlink_update_subscriptions, netlink_setsockopt). */
import type { SocketState } from '../model';
import type { Recorder } from './recorder';
import { setSocket } from './world';

/** Groups 1-32 from a legacy nl_groups bitmask: bit (g - 1) for group g. */
export function groupsOfMask(mask: number): number[] {
  const groups: number[] = [];
  for (let bit = 0; bit < 32; bit++) if ((mask >>> 0) & (1 << bit)) groups.push(bit + 1);
  return groups;
}

/** Move a socket to a new set of groups, one step per group left or joined, lowest first. */
export function setGroups(rec: Recorder, s: SocketState, groups: readonly number[], via: 'bind' | 'setsockopt'): SocketState {
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
  return cur;
}

/** bind(nl_groups) replaces the socket's membership of groups 1-32 and keeps the higher ones. */
export function bindGroups(rec: Recorder, s: SocketState, mask: number): SocketState {
  return setGroups(rec, s, [...s.groups.filter((g) => g > 32), ...groupsOfMask(mask)], 'bind');
}
