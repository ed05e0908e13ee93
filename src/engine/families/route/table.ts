/** The IPv4 routing table's rules: how a request names a route, and which stored route it matches. */
import { RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PREFSRC, RTA_PRIORITY, RTA_TABLE, RT_SCOPE_NOWHERE, RT_TABLE_MAIN } from '../../protocol/rtnetlink';
import type { Route, World } from '../../model';
import type { NlMessage } from '../../wire/message';
import type { RouteAttr } from './rtmsg';
import { ipv4ToNumber } from './routes';

/** struct fib_config: what a route request asks for. */
export interface RouteCfg {
  dst: string;
  dstLen: number;
  table: number;
  tos: number;
  protocol: number;
  scope: number;
  type: number;
  gateway?: string;
  oif?: number;
  priority: number;
  prefsrc?: string;
}

/** rtm_to_fib_config(): RTA_TABLE overrides rtm_table; table 0 means main. Null: not a route message. */
export function routeCfg(msg: NlMessage): RouteCfg | null {
  if (msg.payload.kind !== 'route') return null;
  const { rtmsg, attrs } = msg.payload;
  const get = (t: number): RouteAttr | undefined => attrs.find((a) => a.type === t);
  const u32 = (t: number) => {
    const a = get(t);
    return a && a.kind === 'u32' ? a.value : undefined;
  };
  const ip = (t: number) => {
    const a = get(t);
    return a && a.kind === 'ipv4' ? a.value : undefined;
  };
  const cfg: RouteCfg = {
    dst: ip(RTA_DST) ?? '0.0.0.0',
    dstLen: rtmsg.dstLen,
    table: u32(RTA_TABLE) ?? (rtmsg.table || RT_TABLE_MAIN),
    tos: rtmsg.tos,
    protocol: rtmsg.protocol,
    scope: rtmsg.scope,
    type: rtmsg.type,
    priority: u32(RTA_PRIORITY) ?? 0,
  };
  const gw = ip(RTA_GATEWAY);
  if (gw) cfg.gateway = gw;
  const oif = u32(RTA_OIF);
  if (oif !== undefined) cfg.oif = oif;
  const ps = ip(RTA_PREFSRC);
  if (ps) cfg.prefsrc = ps;
  return cfg;
}

function masked(addr: string | number, len: number): number {
  const n = typeof addr === 'number' ? addr : ipv4ToNumber(addr);
  return len === 0 ? 0 : (n & (~0 << (32 - len))) >>> 0;
}

/** fib_table_insert()'s key: the same table, prefix and tos name the same slot. */
export function sameKey(r: Route, c: RouteCfg): boolean {
  return r.table === c.table && r.dstLen === c.dstLen && masked(r.dst, r.dstLen) === masked(c.dst, c.dstLen) && r.tos === c.tos;
}

/** The route a NEW would replace or collide with: same slot and metric. */
export function existingRoute(w: World, c: RouteCfg): Route | undefined {
  return w.routes.find((r) => sameKey(r, c) && r.priority === c.priority);
}

/** fib_table_delete(): unset fields match anything; scope must match unless RT_SCOPE_NOWHERE. */
export function deleteMatches(r: Route, c: RouteCfg): boolean {
  return (
    sameKey(r, c) &&
    (!c.type || r.type === c.type) &&
    (c.scope === RT_SCOPE_NOWHERE || r.scope === c.scope) &&
    (!c.protocol || r.protocol === c.protocol) &&
    (!c.priority || r.priority === c.priority) &&
    (!c.prefsrc || r.prefsrc === c.prefsrc) &&
    (!c.gateway || r.gateway === c.gateway) &&
    (c.oif === undefined || r.oif === c.oif)
  );
}

/** fib_table_lookup(): the longest prefix that covers the address, as stored (RTM_F_FIB_MATCH's view). */
export function longestMatch(w: World, dst: string): Route | undefined {
  const target = ipv4ToNumber(dst);
  let best: Route | undefined;
  for (const r of w.routes) {
    if (masked(r.dst, r.dstLen) === masked(target, r.dstLen) && (!best || r.dstLen > best.dstLen)) best = r;
  }
  return best;
}

/** The label a new route gets when the scenario names none: the next free R<n> (C<n>, L<n> for the kernel's own). */
export function nextLabel(routes: readonly Pick<Route, 'label'>[], prefix = 'R'): string {
  const used = new Set(routes.map((r) => r.label));
  let n = routes.filter((r) => r.label.startsWith(prefix)).length + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Order of a dump: by table, then by destination (fib_trie walks keys in order), longer prefixes first. */
export function dumpOrder(routes: readonly Route[]): Route[] {
  return [...routes].sort((a, b) => a.table - b.table || ipv4ToNumber(a.dst) - ipv4ToNumber(b.dst) || b.dstLen - a.dstLen || a.priority - b.priority);
}
