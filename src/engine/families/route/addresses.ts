/**
 * IPv4 addresses (net/ipv4/devinet.c) and the routes the kernel makes for them
 * (fib_add_ifaddr / fib_del_ifaddr in net/ipv4/fib_frontend.c), as captured in
 * docs/kernel-behaviour.md §7-8: the address is announced on RTNLGRP_IPV4_IFADDR with the
 * request's seq and port id; its routes follow with seq 0 and port id 0 (fib_magic()).
 */
import { failureEnglish } from '../../describe/failures';
import { AF_INET, ERRNO, NETLINK_ROUTE, NLM_F_DUMP, NLM_F_EXCL, NLM_F_MULTI } from '../../protocol/netlink';
import {
  IFA_ADDRESS,
  IFA_CACHEINFO,
  IFA_F_DEPRECATED,
  IFA_F_PERMANENT,
  IFA_FLAGS,
  IFA_LABEL,
  IFA_LOCAL,
  INFINITY_LIFE_TIME,
  RTM_DELADDR,
  RTM_GETADDR,
  RTM_NEWADDR,
  RTNLGRP_IPV4_IFADDR,
  RT_SCOPE_HOST,
  RT_SCOPE_LINK,
  RT_SCOPE_UNIVERSE,
  RT_TABLE_LOCAL,
  RT_TABLE_MAIN,
  RTN_BROADCAST,
  RTN_LOCAL,
  RTN_UNICAST,
  RTPROT_KERNEL,
} from '../../protocol/rtnetlink';
import type { IfAddr, Message, QueuedEvent, Route, SocketState, TimerState, World } from '../../model';
import type { Recorder } from '../../core/recorder';
import { netlinkDumpStart } from '../../core/dump';
import { nlmsgNotify, type ExtAck, type HandlerResult } from '../../core/send';
import { compareEvents, enqueue, withoutTimer } from '../../core/world';
import type { AddressSpec, InterfaceSpec } from '../../spec';
import type { NlAttr } from '../../wire/attr';
import type { NlMessage } from '../../wire/message';
import { insertRoute, removeRoute } from './handlers';
import { ipv4ToNumber, parsePrefix } from './routes';
import { nextLabel } from './table';

type Request = { msg: Message; socket: SocketState };

function numberToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function addressText(a: Pick<IfAddr, 'local' | 'prefixLen'>): string {
  return `${a.local}/${a.prefixLen}`;
}

function isLoopback(w: World, ifindex: number): boolean {
  return w.interfaces[ifindex] === 'lo';
}

/**
 * fib_add_ifaddr(): a local /32 in table local; the prefix route (in main, or as a local route in
 * table local on the loopback device); and, for prefixes shorter than /31, the prefix's broadcast
 * address in table local. In that order, which is also the order of their notifications.
 */
export function addressRoutes(w: Pick<World, 'interfaces' | 'routes'>, a: IfAddr, prefixLabel?: string): Route[] {
  const lo = w.interfaces[a.ifindex] === 'lo';
  const mask = a.prefixLen === 0 ? 0 : (~0 << (32 - a.prefixLen)) >>> 0;
  const prefix = (ipv4ToNumber(a.local) & mask) >>> 0;
  const base = { protocol: RTPROT_KERNEL, priority: 0, tos: 0, prefsrc: a.local, oif: a.ifindex };
  const made: Route[] = [];
  const label = (p: string, named?: string) => named ?? nextLabel([...w.routes, ...made], p);
  made.push({ ...base, label: label('L'), dst: a.local, dstLen: 32, table: RT_TABLE_LOCAL, type: RTN_LOCAL, scope: RT_SCOPE_HOST });
  if (a.prefixLen < 32) {
    made.push({
      ...base,
      label: label(lo ? 'L' : 'C', prefixLabel),
      dst: numberToIpv4(prefix),
      dstLen: a.prefixLen,
      table: lo ? RT_TABLE_LOCAL : RT_TABLE_MAIN,
      type: lo ? RTN_LOCAL : RTN_UNICAST,
      scope: lo ? RT_SCOPE_HOST : RT_SCOPE_LINK,
    });
  }
  if (a.prefixLen < 31) {
    made.push({
      ...base,
      label: label('L'),
      dst: numberToIpv4((prefix | ~mask) >>> 0),
      dstLen: 32,
      table: RT_TABLE_LOCAL,
      type: RTN_BROADCAST,
      scope: RT_SCOPE_LINK,
    });
  }
  return made;
}

function newAddr(ifindex: number, spec: AddressSpec, at: number, lo: boolean): IfAddr | string {
  const p = parsePrefix(spec.address);
  if (!p.ok) return failureEnglish(p.error);
  return {
    ifindex,
    local: p.value.addr,
    prefixLen: p.value.len,
    scope: lo ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE,
    validLft: spec.validLft ?? null,
    preferredLft: spec.preferredLft ?? spec.validLft ?? null,
    createdAt: at,
    deprecated: false,
  };
}

/** The timers check_lifetime() will act on for an address: deprecation, then expiry. */
function lifetimeTimers(a: IfAddr, label: string): Array<Omit<TimerState, 'id' | 'cause'>> {
  const out: Array<Omit<TimerState, 'id' | 'cause'>> = [];
  const base = { protocol: NETLINK_ROUTE, route: label, address: addressText(a), armedAt: a.createdAt };
  if (a.preferredLft !== null && a.validLft !== null && a.preferredLft < a.validLft)
    out.push({ ...base, kind: 'address-preferred', fireAt: a.createdAt + a.preferredLft * 1000 });
  if (a.validLft !== null) out.push({ ...base, kind: 'address-valid', fireAt: a.createdAt + a.validLft * 1000 });
  return out;
}

function armLifetimes(w: World, a: IfAddr, label: string, cause: number): World {
  let next = w;
  for (const t of lifetimeTimers(a, label)) {
    const id = `T${next.nextTimer}`;
    next = { ...next, nextTimer: next.nextTimer + 1, timers: { ...next.timers, [id]: { ...t, id, cause } } };
    next = enqueue(next, { kind: 'timer', at: t.fireAt, timer: id });
  }
  return next;
}

/** The addresses a scenario starts with, their routes already in the tables and their lifetimes running. */
export function initialAddresses(w: World, interfaces: readonly InterfaceSpec[]): World {
  let next = w;
  for (const i of interfaces) {
    for (const spec of i.addresses ?? []) {
      const a = newAddr(i.index, spec, 0, i.name === 'lo');
      if (typeof a === 'string') throw new Error(`interface ${i.name}: ${a}`);
      const routes = addressRoutes(next, a, spec.routeLabel);
      const prefixRoute = routes.find((r) => r.dstLen === a.prefixLen && r.dstLen < 32)?.label;
      const stored = { ...a, ...(prefixRoute ? { prefixRoute } : {}) };
      next = { ...next, addresses: [...next.addresses, stored], routes: [...next.routes, ...routes] };
      next = armLifetimes(next, stored, prefixRoute ?? routes[0]!.label, -1);
    }
  }
  // Timers armed before any event run in the order they fire.
  return { ...next, queue: [...next.queue].sort(compareEvents as (a: QueuedEvent, b: QueuedEvent) => number) };
}

/** rtmsg_ifa() / inet_fill_ifaddr(): ifaddrmsg, then ADDRESS, LOCAL, LABEL, FLAGS, CACHEINFO. */
export function addrMessage(w: World, type: number, flags: number, seq: number, pid: number, a: IfAddr, expired = false): NlMessage {
  const forever = a.validLft === null;
  const ifaFlags = (forever ? IFA_F_PERMANENT : 0) | (a.deprecated ? IFA_F_DEPRECATED : 0);
  const elapsed = Math.floor((w.timeMs - a.createdAt) / 1000);
  const left = (lft: number | null) => (lft === null ? INFINITY_LIFE_TIME : expired ? 0 : Math.max(0, lft - elapsed));
  const stamp = Math.floor(a.createdAt / 10);
  const attrs: NlAttr[] = [
    { type: IFA_ADDRESS, kind: 'ipv4', value: a.local },
    { type: IFA_LOCAL, kind: 'ipv4', value: a.local },
    { type: IFA_LABEL, kind: 'string', value: w.interfaces[a.ifindex] ?? `if${a.ifindex}` },
    { type: IFA_FLAGS, kind: 'u32', value: ifaFlags },
    { type: IFA_CACHEINFO, kind: 'u32s', values: [left(a.preferredLft), left(a.validLft), stamp, stamp] },
  ];
  return {
    header: { len: 0, type, flags, seq, pid },
    payload: { kind: 'addr', ifa: { family: AF_INET, prefixLen: a.prefixLen, flags: ifaFlags & 0xff, scope: a.scope, index: a.ifindex }, attrs },
  };
}

function notifyAddr(rec: Recorder, type: number, seq: number, port: number, a: IfAddr, request?: Request, expired = false): void {
  nlmsgNotify(rec, NETLINK_ROUTE, RTNLGRP_IPV4_IFADDR, addrMessage(rec.world, type, 0, seq, port, a, expired), a.prefixRoute ?? addressText(a), request);
}

/** __inet_insert_ifa(): store, announce (rtmsg_ifa), then the notifier chain makes the routes. */
function insertAddress(rec: Recorder, a: IfAddr, seq: number, port: number, request?: Request): void {
  const routes = addressRoutes(rec.world, a);
  const prefixRoute = routes.find((r) => r.dstLen === a.prefixLen && r.dstLen < 32)?.label;
  const stored: IfAddr = { ...a, ...(prefixRoute ? { prefixRoute } : {}) };
  rec.emit({ ...rec.world, addresses: [...rec.world.addresses, stored] }, { kind: 'address-added', address: addressText(stored), ifindex: stored.ifindex });
  notifyAddr(rec, RTM_NEWADDR, seq, port, stored, request);
  for (const r of routes) insertRoute(rec, r, undefined, 0, 0);
  if (stored.validLft !== null) {
    const before = rec.world.nextTimer;
    const w = armLifetimes(rec.world, stored, prefixRoute ?? routes[0]!.label, rec.cause ?? -1);
    for (let n = before; n < w.nextTimer; n++) {
      const t = w.timers[`T${n}`]!;
      rec.emit(n === w.nextTimer - 1 ? w : rec.world, { kind: 'timer-armed', timer: t.id, route: t.route, fireAt: t.fireAt });
    }
  }
}

/** __inet_del_ifa(): announce RTM_DELADDR, then fib_del_ifaddr() removes prefix, broadcast and local routes. */
function removeAddress(rec: Recorder, a: IfAddr, seq: number, port: number, request?: Request, expired = false): void {
  let w: World = { ...rec.world, addresses: rec.world.addresses.filter((x) => x !== a) };
  for (const t of Object.values(w.timers))
    if (t.kind !== 'route' && t.address === addressText(a) && t.route === (a.prefixRoute ?? t.route)) w = withoutTimer(w, t.id);
  rec.emit(w, { kind: 'address-removed', address: addressText(a), ifindex: a.ifindex });
  notifyAddr(rec, RTM_DELADDR, seq, port, a, request, expired);
  const made = addressRoutes({ interfaces: rec.world.interfaces, routes: [] }, a);
  const [local, prefix, broadcast] = [made[0], made.find((r) => r.dstLen === a.prefixLen && r.dstLen < 32), made.find((r) => r.type === RTN_BROADCAST)];
  for (const m of [prefix, broadcast, local]) {
    const victim = m && rec.world.routes.find((r) => r.table === m.table && r.dst === m.dst && r.dstLen === m.dstLen && r.type === m.type && r.oif === m.oif);
    if (victim) removeRoute(rec, victim, 0, 0);
  }
}

/** check_lifetime(): at the preferred lifetime the address is deprecated (RTM_NEWADDR); at the valid lifetime it goes. */
export function addressLifetime(rec: Recorder, t: TimerState): void {
  const a = rec.world.addresses.find((x) => addressText(x) === t.address);
  if (!a) return;
  if (t.kind === 'address-preferred') {
    const deprecated = { ...a, deprecated: true };
    rec.emit(
      { ...rec.world, addresses: rec.world.addresses.map((x) => (x === a ? deprecated : x)) },
      { kind: 'address-deprecated', address: addressText(a), ifindex: a.ifindex },
    );
    notifyAddr(rec, RTM_NEWADDR, 0, 0, deprecated);
    return;
  }
  removeAddress(rec, a, 0, 0, undefined, true);
}

/** The address a request names: ifaddrmsg's index and prefix length, IFA_LOCAL (or IFA_ADDRESS). */
function requestedAddress(w: World, m: NlMessage): IfAddr | null {
  if (m.payload.kind !== 'addr') return null;
  const { ifa, attrs } = m.payload;
  const ip = (t: number) => {
    const a = attrs.find((x) => x.type === t);
    return a?.kind === 'ipv4' ? a.value : undefined;
  };
  const local = ip(IFA_LOCAL) ?? ip(IFA_ADDRESS);
  if (!local) return null;
  const cache = attrs.find((x) => x.type === IFA_CACHEINFO);
  const lft = (v: number | undefined) => (v === undefined || v === INFINITY_LIFE_TIME ? null : v);
  const [preferred, valid] = cache?.kind === 'u32s' ? cache.values : [];
  return {
    ifindex: ifa.index,
    local,
    prefixLen: ifa.prefixLen,
    scope: isLoopback(w, ifa.index) ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE,
    validLft: lft(valid),
    preferredLft: lft(preferred),
    createdAt: w.timeMs,
    deprecated: false,
  };
}

/** inet_rtm_newaddr(). */
function newAddress(rec: Recorder, req: Message, s: SocketState, extack: ExtAck): HandlerResult {
  const a = requestedAddress(rec.world, req.message);
  if (!a) return -ERRNO.EINVAL;
  if (rec.world.interfaces[a.ifindex] === undefined) {
    extack.msg = 'ipv4: Device not found';
    return -ERRNO.ENODEV;
  }
  if (a.prefixLen > 32) {
    extack.msg = 'ipv4: Invalid prefix length';
    return -ERRNO.EINVAL;
  }
  const exists = rec.world.addresses.some((x) => x.ifindex === a.ifindex && x.local === a.local);
  if (exists) return req.message.header.flags & NLM_F_EXCL ? -ERRNO.EEXIST : 0;
  insertAddress(rec, a, req.message.header.seq, s.portId ?? 0, { msg: req, socket: rec.socket(s.id) });
  return 0;
}

/** inet_rtm_deladdr(): an address that is not there is EADDRNOTAVAIL. */
function delAddress(rec: Recorder, req: Message, s: SocketState, extack: ExtAck): HandlerResult {
  const want = requestedAddress(rec.world, req.message);
  if (!want) return -ERRNO.EINVAL;
  const a = rec.world.addresses.find((x) => x.ifindex === want.ifindex && x.local === want.local && x.prefixLen === want.prefixLen);
  if (!a) {
    extack.msg = 'ipv4: Address not found';
    return -ERRNO.EADDRNOTAVAIL;
  }
  removeAddress(rec, a, req.message.header.seq, s.portId ?? 0, { msg: req, socket: rec.socket(s.id) });
  return 0;
}

/** inet_dump_ifaddr(): every address, interface by interface. */
function dumpAddresses(rec: Recorder, req: Message, s: SocketState): HandlerResult {
  const { seq } = req.message.header;
  const port = s.portId ?? 0;
  const sorted = [...rec.world.addresses].sort((a, b) => a.ifindex - b.ifindex);
  const entries = sorted.map((a) => ({ message: addrMessage(rec.world, RTM_NEWADDR, NLM_F_MULTI, seq, port, a), route: a.prefixRoute ?? addressText(a) }));
  return netlinkDumpStart(rec, req, s, { entries, flags: NLM_F_MULTI });
}

/** The address handlers: undefined when the type is not an address type. */
export function addressRequest(rec: Recorder, req: Message, s: SocketState, extack: ExtAck): HandlerResult | undefined {
  switch (req.message.header.type) {
    case RTM_NEWADDR:
      return newAddress(rec, req, s, extack);
    case RTM_DELADDR:
      return delAddress(rec, req, s, extack);
    case RTM_GETADDR:
      return (req.message.header.flags & NLM_F_DUMP) === NLM_F_DUMP ? dumpAddresses(rec, req, s) : -ERRNO.EOPNOTSUPP;
    default:
      return undefined;
  }
}
