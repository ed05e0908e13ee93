/**
 * rtnetlink's route handlers (rtnetlink_rcv_msg -> inet_rtm_newroute / inet_rtm_delroute /
 * inet_rtm_getroute). Each answers the netlink core with 0, a negative errno, or 'dump'.
 */
import { ERRNO, NETLINK_ROUTE, NLM_F_CREATE, NLM_F_DUMP, NLM_F_DUMP_FILTERED, NLM_F_EXCL, NLM_F_MULTI, NLM_F_REPLACE } from '../../protocol/netlink';
import { RTM_DELROUTE, RTM_GETROUTE, RTM_NEWROUTE, RTNLGRP_IPV4_ROUTE, RTN_UNICAST } from '../../protocol/rtnetlink';
import type { Message, Route, SocketState } from '../../model';
import type { Recorder } from '../../core/recorder';
import { netlinkDumpStart } from '../../core/dump';
import { netlinkUnicast, nlmsgNotify, type ExtAck, type HandlerResult } from '../../core/send';
import { withoutTimer } from '../../core/world';
import { trimmed } from '../../list';
import type { NlMessage } from '../../wire/message';
import { storedRouteBody } from './routes';
import { checkRouteCfg, dumpFilter } from './checks';
import { deleteMatches, dumpOrder, existingRoute, longestMatch, nextLabel, routeCfg, type RouteCfg } from './table';

export function routeMessage(type: number, flags: number, seq: number, pid: number, r: Route): NlMessage {
  return { header: { len: 0, type, flags, seq, pid }, payload: { kind: 'route', ...storedRouteBody(r) } };
}

type Request = { msg: Message; socket: SocketState };

/** rtmsg_fib() -> rtnl_notify(): the change goes to RTNLGRP_IPV4_ROUTE, carrying the cause's seq and port id. */
function notifyRoute(rec: Recorder, type: number, flags: number, seq: number, port: number, r: Route, request?: Request): void {
  nlmsgNotify(rec, NETLINK_ROUTE, RTNLGRP_IPV4_ROUTE, routeMessage(type, flags, seq, port, r), r.label, request);
}

function routeOf(label: string, c: RouteCfg): Route {
  return {
    label,
    dst: c.dst,
    dstLen: c.dstLen,
    priority: c.priority,
    table: c.table,
    protocol: c.protocol,
    scope: c.scope,
    type: c.type || RTN_UNICAST,
    tos: c.tos,
    ...(c.gateway ? { gateway: c.gateway } : {}),
    ...(c.oif !== undefined ? { oif: c.oif } : {}),
    ...(c.prefsrc ? { prefsrc: c.prefsrc } : {}),
  };
}

/** inet_rtm_newroute() -> fib_table_insert(): EXCL refuses an existing route; without CREATE a missing one is ENOENT. */
function newRoute(rec: Recorder, req: Message, s: SocketState, cfg: RouteCfg, extack: ExtAck): HandlerResult {
  const h = req.message.header;
  const invalid = checkRouteCfg(rec.world, cfg, extack);
  if (invalid) return invalid;
  const existing = existingRoute(rec.world, cfg);
  if (existing && h.flags & NLM_F_EXCL) return -ERRNO.EEXIST;
  if (existing && !(h.flags & NLM_F_REPLACE)) return -ERRNO.EEXIST;
  if (!existing && !(h.flags & NLM_F_CREATE)) return -ERRNO.ENOENT;
  const route = routeOf(existing?.label ?? req.route ?? nextLabel(rec.world.routes), cfg);
  insertRoute(rec, route, existing, h.seq, s.portId ?? 0, { msg: req, socket: rec.socket(s.id) });
  return 0;
}

/**
 * fib_table_insert(): the route enters the table and RTM_NEWROUTE goes out. rtmsg_fib() copies the
 * cause's seq and port id (0 and 0 when the kernel acts on its own, as fib_magic() does); a
 * replacement says NLM_F_REPLACE, a new route NLM_F_EXCL|NLM_F_CREATE.
 */
export function insertRoute(rec: Recorder, route: Route, existing: Route | undefined, seq: number, port: number, request?: Request): void {
  const routes = existing ? rec.world.routes.map((r) => (r === existing ? route : r)) : rec.world.routes.concat([route]);
  rec.emit(rec.withField('routes', routes), { kind: 'route-added', route, replaced: !!existing });
  notifyRoute(rec, RTM_NEWROUTE, existing ? NLM_F_REPLACE : NLM_F_EXCL | NLM_F_CREATE, seq, port, route, request);
}

/** fib_table_delete(): the route leaves the table (with any timer on it) and RTM_DELROUTE goes out with flags 0. */
export function removeRoute(rec: Recorder, victim: Route, seq: number, port: number, request?: Request): void {
  let w = rec.world;
  for (const t of Object.values(w.timers)) if (t.route === victim.label && t.kind === 'route') w = withoutTimer(w, t.id);
  rec.world = w;
  rec.emit(rec.withField('routes', trimmed(w.routes.filter((r) => r !== victim))), { kind: 'route-removed', route: victim });
  notifyRoute(rec, RTM_DELROUTE, 0, seq, port, victim, request);
}

/** inet_rtm_delroute(): ESRCH when nothing matches. */
function delRoute(rec: Recorder, req: Message, s: SocketState, cfg: RouteCfg, extack: ExtAck): HandlerResult {
  if (cfg.dstLen > 32) {
    extack.msg = 'Invalid prefix length';
    return -ERRNO.EINVAL;
  }
  const victim = rec.world.routes.find((r) => deleteMatches(r, cfg));
  if (!victim) return -ERRNO.ESRCH;
  removeRoute(rec, victim, req.message.header.seq, s.portId ?? 0, { msg: req, socket: s });
  return 0;
}

/**
 * inet_dump_fib(): every table, main before local, unless a strict request (NETLINK_GET_STRICT_CHK)
 * filters by table; then the core paces it out in skbs (netlink_dump) and ends with NLMSG_DONE.
 */
function dumpRoutes(rec: Recorder, req: Message, s: SocketState): HandlerResult {
  const { seq } = req.message.header;
  const port = s.portId ?? 0;
  const filter = s.strictChk ? dumpFilter(req, rec.world.routes) : { ok: true as const, value: { table: undefined } };
  const filtered = filter.ok ? filter.value.table !== undefined : filter.error.filtered === true;
  const flags = NLM_F_MULTI | (filtered ? NLM_F_DUMP_FILTERED : 0);
  if (!filter.ok) return netlinkDumpStart(rec, req, s, { entries: [], flags, error: filter.error });
  const table = filter.value.table;
  const routes = dumpOrder(rec.world.routes).filter((r) => table === undefined || r.table === table);
  const entries = routes.map((r) => ({ message: routeMessage(RTM_NEWROUTE, flags, seq, port, r), route: r.label }));
  return netlinkDumpStart(rec, req, s, { entries, flags });
}

/** inet_rtm_getroute(): a dump, or one lookup answered with the matched route as stored. */
function getRoute(rec: Recorder, req: Message, s: SocketState, cfg: RouteCfg): HandlerResult {
  const h = req.message.header;
  if ((h.flags & NLM_F_DUMP) === NLM_F_DUMP) return dumpRoutes(rec, req, s);
  const best = longestMatch(rec.world, cfg.dst);
  if (!best) return -ERRNO.ENETUNREACH;
  netlinkUnicast(rec, rec.socket(s.id), 'reply', routeMessage(RTM_NEWROUTE, 0, h.seq, s.portId ?? 0, best), { inReplyTo: req.id, route: best.label });
  return 0;
}

type RouteHandler = (rec: Recorder, req: Message, s: SocketState, cfg: RouteCfg, extack: ExtAck) => HandlerResult;

const ROUTE_HANDLERS: Readonly<Record<number, RouteHandler>> = {
  [RTM_NEWROUTE]: newRoute,
  [RTM_DELROUTE]: delRoute,
  [RTM_GETROUTE]: getRoute,
};

/** The route handlers read a struct fib_config from the request (rtm_to_fib_config). */
export function routeRequest(rec: Recorder, req: Message, s: SocketState, extack: ExtAck): HandlerResult | undefined {
  const handler = ROUTE_HANDLERS[req.message.header.type];
  if (!handler) return undefined;
  const cfg = routeCfg(req.message);
  return cfg ? handler(rec, req, s, cfg, extack) : -ERRNO.EINVAL;
}
