/** A scenario's route request as the bytes a program (iproute2) would write. */
import { AF_INET, NLM_F_DUMP } from '../../protocol/netlink';
import { flagsFromNames, messageTypeFromName } from '../../protocol/names';
import { NETLINK_ROUTE } from '../../protocol/netlink';
import { RTM_GETROUTE, RTM_NEWROUTE, rtmVerb } from '../../protocol/rtnetlink';
import type { World } from '../../model';
import { err, ok, type Result } from '../../result';
import type { RequestSpec, RouteSpec } from '../../spec';
import type { NlMessage } from '../../wire/message';
import { requestRouteBody } from './routes';

/** The route fields a request names: its own, or those of a route in the table (`routeOf`). */
function requestedRoute(r: RequestSpec, type: number, w: World): Result<RouteSpec | undefined> {
  if (!r.routeOf) return ok(r.route);
  const existing = w.routes.find((x) => x.label === r.routeOf);
  if (!existing) return err(`no route ${r.routeOf} in the table when ${r.type} is sent`);
  let spec: RouteSpec = { dst: `${existing.dst}/${existing.dstLen}`, table: existing.table, ...r.route };
  if (type === RTM_NEWROUTE) {
    spec = { ...spec, protocol: existing.protocol, scope: existing.scope, type: existing.type, priority: existing.priority };
    if (existing.gateway) spec.gateway = existing.gateway;
    if (existing.oif !== undefined) spec.oif = existing.oif;
  }
  return ok(spec);
}

/** Turn a scenario's request into the message a program would write, or say why it cannot. */
export function buildRouteRequest(r: RequestSpec, w: World): Result<NlMessage> {
  const type = messageTypeFromName(r.type, NETLINK_ROUTE);
  if (type === undefined) return err(`unknown message type ${r.type}`);
  const flags = flagsFromNames(type, r.flags);
  if (!flags.ok) return err(`${flags.error} is not a flag of ${r.type}`);
  const spec = requestedRoute(r, type, w);
  if (!spec.ok) return spec;
  const header = { len: 0, type, flags: flags.value, seq: r.seq >>> 0, pid: (r.pid ?? 0) >>> 0 };
  if (type === RTM_GETROUTE && (flags.value & NLM_F_DUMP) === NLM_F_DUMP && !spec.value) {
    return ok({ header, payload: { kind: 'route', rtmsg: { family: AF_INET, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: 0 }, attrs: [] } });
  }
  if (!spec.value) return err(`${r.type} needs route fields`);
  const verb = rtmVerb(type);
  const body = requestRouteBody(verb === 'set' ? 'get' : verb, spec.value, w.interfaces);
  if (!body.ok) return body;
  return ok({ header, payload: { kind: 'route', ...body.value } });
}
