/** Route fields: from scenario names to kernel numbers, and a stored route to its rtmsg + rtattrs. */
import type { Failure } from '../../failure';
import { failureEnglish } from '../../describe/failures';
import { AF_INET } from '../../protocol/netlink';
import { ROUTE_FIELD_TABLES } from '../../protocol/names';
import {
  RTA_DST,
  RTA_GATEWAY,
  RTA_OIF,
  RTA_PREFSRC,
  RTA_PRIORITY,
  RTA_TABLE,
  RT_SCOPE_LINK,
  RT_SCOPE_NOWHERE,
  RT_SCOPE_UNIVERSE,
  RT_TABLE_COMPAT,
  RT_TABLE_MAIN,
  RTN_UNICAST,
  RTPROT_BOOT,
  type NamedValue,
} from '../../protocol/rtnetlink';
import type { Route } from '../../model';
import { trimmed } from '../../list';
import { err, ok, type Result } from '../../result';
import type { LabelledRouteSpec, RouteFieldName, RouteSpec } from '../../spec';
import { ipv4ToBytes, WireError } from '../../wire/bytes';
import type { RouteAttr, RtMsg } from './rtmsg';

type Interfaces = Readonly<Record<number, string>>;

function named(table: readonly NamedValue[], v: RouteFieldName | undefined, fallback: number): Result<number, Failure> {
  if (v === undefined) return ok(fallback);
  if (typeof v === 'number') return ok(v);
  const n = table.find((x) => x.short === v);
  return n ? ok(n.value) : err({ id: 'unknown-name', name: String(v) });
}

export const tableNumber = (v: RouteFieldName | undefined, fallback = RT_TABLE_MAIN) => named(ROUTE_FIELD_TABLES.table, v, fallback);
export const protocolNumber = (v: RouteFieldName | undefined, fallback = RTPROT_BOOT) => named(ROUTE_FIELD_TABLES.protocol, v, fallback);
export const scopeNumber = (v: RouteFieldName | undefined, fallback = RT_SCOPE_UNIVERSE) => named(ROUTE_FIELD_TABLES.scope, v, fallback);
export const typeNumber = (v: RouteFieldName | undefined, fallback = RTN_UNICAST) => named(ROUTE_FIELD_TABLES.type, v, fallback);

function isIpv4(addr: string): boolean {
  try {
    ipv4ToBytes(addr);
    return true;
  } catch (e) {
    if (e instanceof WireError) return false;
    throw e;
  }
}

export function parsePrefix(dst: string): Result<{ addr: string; len: number }, Failure> {
  // As dst.split('/') reads it (the first two parts), without making the array: every route request parses one.
  const slash = dst.indexOf('/');
  const addr = slash < 0 ? dst : dst.slice(0, slash);
  const end = slash < 0 ? -1 : dst.indexOf('/', slash + 1);
  const len = slash < 0 ? 32 : Number(end < 0 ? dst.slice(slash + 1) : dst.slice(slash + 1, end));
  if (!addr || !Number.isInteger(len) || len < 0 || len > 32 || !isIpv4(addr)) return err({ id: 'not-prefix', text: dst });
  return ok({ addr, len });
}

// Route lookups compare every route's address on each request; the same few strings recur.
const numbers = new Map<string, number>();

export function ipv4ToNumber(addr: string): number {
  let n = numbers.get(addr);
  if (n === undefined) {
    const b = ipv4ToBytes(addr);
    n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (numbers.size > 100_000) numbers.clear();
    numbers.set(addr, n);
  }
  return n;
}

/** Interface indexes by name, worked out once per interface table (every route request names its interface; a world's table is shared and never changes). */
const indexesOf = new WeakMap<Interfaces, Map<string, number>>();

function interfaceIndexes(interfaces: Interfaces): Map<string, number> {
  let m = indexesOf.get(interfaces);
  if (!m) {
    m = new Map();
    // The first index with a name wins, as a scan in index order would find it.
    for (const [index, name] of Object.entries(interfaces)) if (!m.has(name)) m.set(name, Number(index));
    indexesOf.set(interfaces, m);
  }
  return m;
}

export function resolveOif(oif: string | number | undefined, interfaces: Interfaces): Result<number | undefined, Failure> {
  if (oif === undefined || typeof oif === 'number') return ok(oif);
  const index = interfaceIndexes(interfaces).get(oif);
  if (index !== undefined) return ok(index);
  return err({ id: 'unknown-interface', name: oif });
}

/** Every field of a route spec as a number, or the first that is not one. */
function resolveAll<K extends string>(parts: Record<K, Result<number | undefined, Failure>>): Result<Record<K, number | undefined>, Failure> {
  const out = {} as Record<K, number | undefined>;
  for (const k of Object.keys(parts) as K[]) {
    const r = parts[k];
    if (!r.ok) return r;
    out[k] = r.value;
  }
  return ok(out);
}

/** A stored route from a scenario's table. Defaults follow `ip route add`. */
export function routeFromSpec(label: string, spec: RouteSpec, interfaces: Interfaces): Result<Route, Failure> {
  const prefix = parsePrefix(spec.dst);
  if (!prefix.ok) return prefix;
  const f = resolveAll({
    table: tableNumber(spec.table),
    protocol: protocolNumber(spec.protocol),
    scope: scopeNumber(spec.scope, spec.gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK),
    type: typeNumber(spec.type),
    oif: resolveOif(spec.oif, interfaces),
  });
  if (!f.ok) return f;
  const route: Route = {
    label,
    dst: prefix.value.addr,
    dstLen: prefix.value.len,
    priority: spec.priority ?? 0,
    table: f.value.table!,
    protocol: f.value.protocol!,
    scope: f.value.scope!,
    type: f.value.type!,
    tos: spec.tos ?? 0,
  };
  if (spec.gateway !== undefined) route.gateway = spec.gateway;
  if (f.value.oif !== undefined) route.oif = f.value.oif;
  if (spec.prefsrc !== undefined) route.prefsrc = spec.prefsrc;
  return ok(route);
}

/** The routing table a scenario starts with. A scenario is validated first, so a bad route is a bug. */
export function initialRoutes(specs: readonly LabelledRouteSpec[], interfaces: Interfaces): Route[] {
  return specs.map((r) => {
    const route = routeFromSpec(r.label, r, interfaces);
    if (!route.ok) throw new Error(`route ${r.label}: ${failureEnglish(route.error)}`);
    return route.value;
  });
}

/**
 * The route as the kernel describes it in dumps and notifications (fib_dump_info): RTA_TABLE
 * always, then RTA_DST, RTA_PRIORITY, RTA_PREFSRC, RTA_GATEWAY, RTA_OIF, in that order.
 */
/** Each route's body, made once: its RTM_NEWROUTE and RTM_DELROUTE notifications share it (messages never change). */
const bodies = new WeakMap<Route, { rtmsg: RtMsg; attrs: RouteAttr[] }>();

export function storedRouteBody(r: Route): { rtmsg: RtMsg; attrs: RouteAttr[] } {
  let body = bodies.get(r);
  if (!body) bodies.set(r, (body = routeBody(r)));
  return body;
}

function routeBody(r: Route): { rtmsg: RtMsg; attrs: RouteAttr[] } {
  const rtmsg: RtMsg = {
    family: AF_INET,
    dstLen: r.dstLen,
    srcLen: 0,
    tos: r.tos,
    table: r.table < 256 ? r.table : RT_TABLE_COMPAT,
    protocol: r.protocol,
    scope: r.scope,
    type: r.type,
    flags: 0,
  };
  const attrs: RouteAttr[] = [{ type: RTA_TABLE, kind: 'u32', value: r.table }];
  if (r.dstLen) attrs.push({ type: RTA_DST, kind: 'ipv4', value: r.dst });
  if (r.priority) attrs.push({ type: RTA_PRIORITY, kind: 'u32', value: r.priority });
  if (r.prefsrc) attrs.push({ type: RTA_PREFSRC, kind: 'ipv4', value: r.prefsrc });
  if (r.gateway) attrs.push({ type: RTA_GATEWAY, kind: 'ipv4', value: r.gateway });
  if (r.oif !== undefined) attrs.push({ type: RTA_OIF, kind: 'u32', value: r.oif });
  return { rtmsg, attrs: trimmed(attrs) };
}

/** Route fields as a request carries them (the order iproute2 writes: DST, GATEWAY, OIF, PRIORITY, TABLE). */
export function requestRouteBody(verb: 'new' | 'del' | 'get', spec: RouteSpec, interfaces: Interfaces): Result<{ rtmsg: RtMsg; attrs: RouteAttr[] }, Failure> {
  const prefix = parsePrefix(spec.dst);
  if (!prefix.ok) return prefix;
  const { addr, len } = prefix.value;
  const isNew = verb === 'new';
  // `ip route del` leaves protocol and type unset and asks for scope NOWHERE, which matches any scope.
  const f = resolveAll({
    table: tableNumber(spec.table),
    protocol: isNew ? protocolNumber(spec.protocol) : protocolNumber(spec.protocol, 0),
    scope: isNew ? scopeNumber(spec.scope, spec.gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK) : scopeNumber(spec.scope, RT_SCOPE_NOWHERE),
    type: isNew ? typeNumber(spec.type) : typeNumber(spec.type, 0),
    oif: resolveOif(spec.oif, interfaces),
  });
  if (!f.ok) return f;
  const table = f.value.table!;
  const rtmsg: RtMsg = {
    family: AF_INET,
    dstLen: len,
    srcLen: 0,
    tos: spec.tos ?? 0,
    table: table < 256 ? table : 0,
    protocol: f.value.protocol!,
    scope: f.value.scope!,
    type: f.value.type!,
    flags: 0,
  };
  const attrs: RouteAttr[] = [];
  if (len || verb === 'get') attrs.push({ type: RTA_DST, kind: 'ipv4', value: addr });
  if (spec.gateway) attrs.push({ type: RTA_GATEWAY, kind: 'ipv4', value: spec.gateway });
  if (f.value.oif !== undefined) attrs.push({ type: RTA_OIF, kind: 'u32', value: f.value.oif });
  if (spec.priority) attrs.push({ type: RTA_PRIORITY, kind: 'u32', value: spec.priority });
  if (spec.prefsrc) attrs.push({ type: RTA_PREFSRC, kind: 'ipv4', value: spec.prefsrc });
  if (table >= 256) attrs.push({ type: RTA_TABLE, kind: 'u32', value: table });
  return ok({ rtmsg, attrs: trimmed(attrs) });
}

export function formatRoute(r: Route, interfaces: Interfaces): string {
  const parts = [`${r.dst}/${r.dstLen}`];
  if (r.gateway) parts.push(`via ${r.gateway}`);
  if (r.oif !== undefined) parts.push(`dev ${interfaces[r.oif] ?? `if${r.oif}`}`);
  return parts.join(' ');
}
