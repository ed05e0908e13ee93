/**
 * rtnetlink's route handlers (rtnetlink_rcv_msg -> inet_rtm_newroute / inet_rtm_delroute /
 * inet_rtm_getroute). Each answers the netlink core with 0, a negative errno, or 'dump'.
 */
import { ERRNO, NETLINK_ROUTE, NLMSG_DONE, NLM_F_CREATE, NLM_F_DUMP, NLM_F_EXCL, NLM_F_MULTI, NLM_F_REPLACE } from '../../protocol/netlink';
import { RTM_DELROUTE, RTM_GETROUTE, RTM_NEWROUTE, RTNLGRP_IPV4_ROUTE, RTN_UNICAST } from '../../protocol/rtnetlink';
import type { Message, Route, SocketState } from '../../model';
import type { Recorder } from '../../core/recorder';
import { netlinkUnicast, nlmsgNotify, type HandlerResult } from '../../core/send';
import { withoutTimer } from '../../core/world';
import type { NlMessage } from '../../wire/message';
import { storedRouteBody } from './routes';
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
function newRoute(rec: Recorder, req: Message, s: SocketState, cfg: RouteCfg): HandlerResult {
  const h = req.message.header;
  if (cfg.dstLen > 32) return -ERRNO.EINVAL;
  if (cfg.oif !== undefined && rec.world.interfaces[cfg.oif] === undefined) return -ERRNO.ENODEV;
  if (cfg.oif === undefined && !cfg.gateway) return -ERRNO.ENODEV;
  const existing = existingRoute(rec.world, cfg);
  if (existing && h.flags & NLM_F_EXCL) return -ERRNO.EEXIST;
  if (existing && !(h.flags & NLM_F_REPLACE)) return -ERRNO.EEXIST;
  if (!existing && !(h.flags & NLM_F_CREATE)) return -ERRNO.ENOENT;
  const route = routeOf(existing?.label ?? req.route ?? nextLabel(rec.world.routes), cfg);
  const routes = existing ? rec.world.routes.map((r) => (r === existing ? route : r)) : [...rec.world.routes, route];
  rec.emit({ ...rec.world, routes }, { kind: 'route-added', route, replaced: !!existing });
  // rtmsg_fib() copies the request's seq and the sender's port id; a replacement says REPLACE.
  notifyRoute(rec, RTM_NEWROUTE, existing ? NLM_F_REPLACE : NLM_F_EXCL | NLM_F_CREATE, h.seq, s.portId ?? 0, route, { msg: req, socket: rec.socket(s.id) });
  return 0;
}

/** fib_table_delete(): the route leaves the table (with any timer on it) and RTM_DELROUTE goes out with flags 0. */
export function removeRoute(rec: Recorder, victim: Route, seq: number, port: number, request?: Request): void {
  let w = rec.world;
  for (const t of Object.values(w.timers)) if (t.route === victim.label) w = withoutTimer(w, t.id);
  rec.emit({ ...w, routes: w.routes.filter((r) => r !== victim) }, { kind: 'route-removed', route: victim });
  notifyRoute(rec, RTM_DELROUTE, 0, seq, port, victim, request);
}

/** inet_rtm_delroute(): ESRCH when nothing matches. */
function delRoute(rec: Recorder, req: Message, s: SocketState, cfg: RouteCfg): HandlerResult {
  const victim = rec.world.routes.find((r) => deleteMatches(r, cfg));
  if (!victim) return -ERRNO.ESRCH;
  removeRoute(rec, victim, req.message.header.seq, s.portId ?? 0, { msg: req, socket: s });
  return 0;
}

/** netlink_dump() of inet_dump_fib(): NLM_F_MULTI parts then NLMSG_DONE, never a separate ACK. */
function dumpRoutes(rec: Recorder, req: Message, s: SocketState): HandlerResult {
  const { seq } = req.message.header;
  const port = s.portId ?? 0;
  for (const r of dumpOrder(rec.world.routes)) {
    netlinkUnicast(rec, rec.socket(s.id), 'dump-part', routeMessage(RTM_NEWROUTE, NLM_F_MULTI, seq, port, r), { inReplyTo: req.id, route: r.label });
  }
  netlinkUnicast(rec, rec.socket(s.id), 'done', { header: { len: 0, type: NLMSG_DONE, flags: NLM_F_MULTI, seq, pid: port }, payload: { kind: 'done', value: 0 } }, { inReplyTo: req.id });
  return 'dump';
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

const HANDLERS: Readonly<Record<number, (rec: Recorder, req: Message, s: SocketState, cfg: RouteCfg) => HandlerResult>> = {
  [RTM_NEWROUTE]: newRoute,
  [RTM_DELROUTE]: delRoute,
  [RTM_GETROUTE]: getRoute,
};

/** rtnetlink_rcv_msg(): find the handler for the type; EOPNOTSUPP when there is none. */
export function rtnetlinkRcvMsg(rec: Recorder, req: Message, s: SocketState): HandlerResult {
  const cfg = routeCfg(req.message);
  if (!cfg) return -ERRNO.EINVAL;
  const handler = HANDLERS[req.message.header.type];
  return handler ? handler(rec, req, s, cfg) : -ERRNO.EOPNOTSUPP;
}
