/** Route fields: from scenario names to kernel numbers, and a stored route to its rtmsg + rtattrs. */
import {
  AF_INET,
  RTA_DST,
  RTA_GATEWAY,
  RTA_OIF,
  RTA_PREFSRC,
  RTA_PRIORITY,
  RTA_TABLE,
  RT_TABLE_COMPAT,
  RT_TABLE_MAIN,
  RTPROT_BOOT,
  RT_SCOPE_LINK,
  RT_SCOPE_UNIVERSE,
  RTN_UNICAST,
} from './constants';
import type { Route } from './model';
import type { RouteSpec } from './spec';
import type { RouteAttr, RtMsg } from './wire';
import { ipv4ToBytes } from './wire';

const TABLES: Record<string, number> = { unspec: 0, default: 253, main: 254, local: 255 };
const PROTOCOLS: Record<string, number> = { unspec: 0, redirect: 1, kernel: 2, boot: 3, static: 4 };
const SCOPES: Record<string, number> = { universe: 0, global: 0, site: 200, link: 253, host: 254, nowhere: 255 };
const TYPES: Record<string, number> = { unspec: 0, unicast: 1, local: 2, broadcast: 3, blackhole: 6, unreachable: 7, prohibit: 8 };

export const ROUTE_FIELD_NAMES = {
  table: Object.keys(TABLES),
  protocol: Object.keys(PROTOCOLS),
  scope: Object.keys(SCOPES),
  type: Object.keys(TYPES),
};

function named(table: Record<string, number>, v: string | number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === 'number') return v;
  const n = table[v];
  if (n === undefined) throw new RangeError(`unknown name "${v}"`);
  return n;
}

export const tableNumber = (v: string | number | undefined, fallback = RT_TABLE_MAIN) => named(TABLES, v, fallback);
export const protocolNumber = (v: string | number | undefined, fallback = RTPROT_BOOT) => named(PROTOCOLS, v, fallback);
export const scopeNumber = (v: string | number | undefined, fallback = RT_SCOPE_UNIVERSE) => named(SCOPES, v, fallback);
export const typeNumber = (v: string | number | undefined, fallback = RTN_UNICAST) => named(TYPES, v, fallback);

export function parsePrefix(dst: string): { addr: string; len: number } {
  const [addr, lenText] = dst.split('/');
  const len = lenText === undefined ? 32 : Number(lenText);
  if (!addr || !Number.isInteger(len) || len < 0 || len > 32) throw new RangeError(`"${dst}" is not an IPv4 prefix like 10.0.1.0/24`);
  ipv4ToBytes(addr);
  return { addr, len };
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

export function resolveOif(oif: string | number | undefined, interfaces: Readonly<Record<number, string>>): number | undefined {
  if (oif === undefined) return undefined;
  if (typeof oif === 'number') return oif;
  for (const [index, name] of Object.entries(interfaces)) if (name === oif) return Number(index);
  throw new RangeError(`unknown interface "${oif}"`);
}

/** A stored route from a scenario's initial table. Defaults follow `ip route add`. */
export function routeFromSpec(label: string, spec: RouteSpec, interfaces: Readonly<Record<number, string>>): Route {
  const { addr, len } = parsePrefix(spec.dst);
  const route: Route = {
    label,
    dst: addr,
    dstLen: len,
    priority: spec.priority ?? 0,
    table: tableNumber(spec.table),
    protocol: protocolNumber(spec.protocol),
    scope: scopeNumber(spec.scope, spec.gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK),
    type: typeNumber(spec.type),
    tos: spec.tos ?? 0,
  };
  if (spec.gateway !== undefined) route.gateway = spec.gateway;
  const oif = resolveOif(spec.oif, interfaces);
  if (oif !== undefined) route.oif = oif;
  if (spec.prefsrc !== undefined) route.prefsrc = spec.prefsrc;
  return route;
}

/**
 * The route as the kernel describes it in dumps and notifications (fib_dump_info): RTA_TABLE
 * always, then RTA_DST, RTA_PRIORITY, RTA_PREFSRC, RTA_GATEWAY, RTA_OIF, in that order.
 */
export function storedRouteBody(r: Route): { rtmsg: RtMsg; attrs: RouteAttr[] } {
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
  return { rtmsg, attrs };
}

/** Route fields as a request carries them (the order iproute2 writes: DST, GATEWAY, OIF, PRIORITY, TABLE). */
export function requestRouteBody(
  kind: 'new' | 'del' | 'get',
  spec: RouteSpec,
  interfaces: Readonly<Record<number, string>>,
): { rtmsg: RtMsg; attrs: RouteAttr[] } {
  const { addr, len } = parsePrefix(spec.dst);
  const table = tableNumber(spec.table);
  // `ip route del` leaves protocol and type unset and asks for scope NOWHERE, which matches any scope.
  const rtmsg: RtMsg = {
    family: AF_INET,
    dstLen: len,
    srcLen: 0,
    tos: spec.tos ?? 0,
    table: table < 256 ? table : 0,
    protocol: kind === 'new' ? protocolNumber(spec.protocol) : protocolNumber(spec.protocol, 0),
    scope: kind === 'new' ? scopeNumber(spec.scope, spec.gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK) : scopeNumber(spec.scope, 255),
    type: kind === 'new' ? typeNumber(spec.type) : typeNumber(spec.type, 0),
    flags: 0,
  };
  const attrs: RouteAttr[] = [];
  if (len || kind === 'get') attrs.push({ type: RTA_DST, kind: 'ipv4', value: addr });
  if (spec.gateway) attrs.push({ type: RTA_GATEWAY, kind: 'ipv4', value: spec.gateway });
  const oif = resolveOif(spec.oif, interfaces);
  if (oif !== undefined) attrs.push({ type: RTA_OIF, kind: 'u32', value: oif });
  if (spec.priority) attrs.push({ type: RTA_PRIORITY, kind: 'u32', value: spec.priority });
  if (spec.prefsrc) attrs.push({ type: RTA_PREFSRC, kind: 'ipv4', value: spec.prefsrc });
  if (table >= 256) attrs.push({ type: RTA_TABLE, kind: 'u32', value: table });
  return { rtmsg, attrs };
}

export function routeSpecOf(r: Route, interfaces: Readonly<Record<number, string>>): RouteSpec {
  const spec: RouteSpec = { dst: `${r.dst}/${r.dstLen}`, table: r.table, protocol: r.protocol, scope: r.scope, type: r.type };
  if (r.gateway) spec.gateway = r.gateway;
  if (r.oif !== undefined) spec.oif = interfaces[r.oif] ?? r.oif;
  if (r.priority) spec.priority = r.priority;
  if (r.prefsrc) spec.prefsrc = r.prefsrc;
  return spec;
}

export function formatRoute(r: Route, interfaces: Readonly<Record<number, string>>): string {
  const parts = [`${r.dst}/${r.dstLen}`];
  if (r.gateway) parts.push(`via ${r.gateway}`);
  if (r.oif !== undefined) parts.push(`dev ${interfaces[r.oif] ?? `if${r.oif}`}`);
  return parts.join(' ');
}
