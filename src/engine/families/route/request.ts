/** A scenario's route request as the bytes a program (iproute2) would write. */
import type { Failure } from '../../failure';
import { AF_INET, NLM_F_DUMP } from '../../protocol/netlink';
import { flagsFromNames, messageTypeFromName } from '../../protocol/names';
import { NETLINK_ROUTE } from '../../protocol/netlink';
import {
  IFA_ADDRESS,
  IFA_CACHEINFO,
  IFA_LOCAL,
  INFINITY_LIFE_TIME,
  RTM_GETADDR,
  RTM_GETROUTE,
  RTM_NEWADDR,
  RTM_NEWROUTE,
  rtmVerb,
} from '../../protocol/rtnetlink';
import type { NlAttr } from '../../wire/attr';
import type { World } from '../../model';
import { err, ok, type Result } from '../../result';
import type { RequestSpec, RouteSpec } from '../../spec';
import { fromHex } from '../../wire/bytes';
import { decodeMessage, encode, type NlMessage, type NlMsgHeader } from '../../wire/message';
import type { RouteAttr, RtMsg } from './rtmsg';
import { parsePrefix, requestRouteBody, resolveOif } from './routes';

/** The route fields a request names: its own, or those of a route in the table (`routeOf`). */
function requestedRoute(r: RequestSpec, type: number, w: World): Result<RouteSpec | undefined, Failure> {
  if (!r.routeOf) return ok(r.route);
  const existing = w.routes.find((x) => x.label === r.routeOf);
  if (!existing) return err({ id: 'no-route', route: r.routeOf, type: r.type });
  let spec: RouteSpec = { dst: `${existing.dst}/${existing.dstLen}`, table: existing.table, ...r.route };
  if (type === RTM_NEWROUTE) {
    spec = { ...spec, protocol: existing.protocol, scope: existing.scope, type: existing.type, priority: existing.priority };
    if (existing.gateway) spec.gateway = existing.gateway;
    if (existing.oif !== undefined) spec.oif = existing.oif;
  }
  return ok(spec);
}

/** Turn a scenario's request into the message a program would write, or say why it cannot. */
export function buildRouteRequest(r: RequestSpec, w: World): Result<NlMessage, Failure> {
  const type = messageTypeFromName(r.type, NETLINK_ROUTE);
  if (type === undefined) return err({ id: 'unknown-type', type: r.type });
  const flags = flagsFromNames(type, r.flags);
  if (!flags.ok) return err({ id: 'not-a-flag', flag: flags.error, type: r.type });
  const header = { len: 0, type, flags: flags.value, seq: r.seq >>> 0, pid: (r.pid ?? 0) >>> 0 };
  if (type >= RTM_NEWADDR && type < RTM_NEWADDR + 4) return addressRequestMessage(r, header, w);
  const spec = requestedRoute(r, type, w);
  if (!spec.ok) return spec;
  let body: Result<{ rtmsg: RtMsg; attrs: RouteAttr[] }, Failure>;
  if (type === RTM_GETROUTE && (flags.value & NLM_F_DUMP) === NLM_F_DUMP && !spec.value) {
    body = ok({ rtmsg: { family: AF_INET, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: 0 }, attrs: [] });
  } else if (!spec.value) {
    return err({ id: 'needs-route', type: r.type });
  } else {
    const verb = rtmVerb(type);
    body = requestRouteBody(verb === 'set' ? 'get' : verb, spec.value, w.interfaces);
  }
  if (!body.ok) return body;
  return withOverrides({ header, payload: { kind: 'route', ...body.value } }, r);
}

/** RTM_NEWADDR / RTM_DELADDR as `ip address add|del` writes them; RTM_GETADDR as a dump. */
function addressRequestMessage(r: RequestSpec, header: NlMsgHeader, w: World): Result<NlMessage, Failure> {
  if (header.type === RTM_GETADDR) {
    if ((header.flags & NLM_F_DUMP) !== NLM_F_DUMP) return err({ id: 'dump-only', type: 'RTM_GETADDR' });
    return ok({ header, payload: { kind: 'addr', ifa: { family: AF_INET, prefixLen: 0, flags: 0, scope: 0, index: 0 }, attrs: [] } });
  }
  const a = r.address;
  if (!a) return err({ id: 'needs-address', type: r.type });
  const p = parsePrefix(a.address);
  if (!p.ok) return p;
  const dev = resolveOif(a.dev, w.interfaces);
  if (!dev.ok) return dev;
  const attrs: NlAttr[] = [
    { type: IFA_LOCAL, kind: 'ipv4', value: p.value.addr },
    { type: IFA_ADDRESS, kind: 'ipv4', value: p.value.addr },
  ];
  if (a.validLft !== undefined || a.preferredLft !== undefined) {
    const valid = a.validLft ?? INFINITY_LIFE_TIME;
    attrs.push({ type: IFA_CACHEINFO, kind: 'u32s', values: [a.preferredLft ?? valid, valid, 0, 0] });
  }
  return ok({ header, payload: { kind: 'addr', ifa: { family: AF_INET, prefixLen: p.value.len, flags: 0, scope: 0, index: dev.value ?? 0 }, attrs } });
}

/**
 * A request written as the scenario asks even where the kernel will refuse it: header values
 * given as numbers, and extra attributes as raw bytes. Encoding and decoding it again gives
 * those attributes the layout the kernel reads them with.
 */
function withOverrides(m: NlMessage, r: RequestSpec): Result<NlMessage, Failure> {
  if (!r.override && !r.extraAttrs?.length) return ok(m);
  if (m.payload.kind !== 'route') return ok(m);
  const rtmsg = {
    ...m.payload.rtmsg,
    ...(r.override?.dstLen !== undefined ? { dstLen: r.override.dstLen } : {}),
    ...(r.override?.table !== undefined ? { table: r.override.table } : {}),
  };
  const extra: RouteAttr[] = [];
  for (const a of r.extraAttrs ?? []) {
    try {
      extra.push({ type: a.type, kind: 'raw', bytes: Array.from(fromHex(a.hex)) });
    } catch {
      return err({ id: 'not-hex', attribute: a.type, hex: a.hex });
    }
  }
  const raw: NlMessage = { header: m.header, payload: { kind: 'route', rtmsg, attrs: [...m.payload.attrs, ...extra] } };
  try {
    return ok(decodeMessage(encode(raw)).message);
  } catch (e) {
    return err({ id: 'not-encodable', detail: e instanceof Error ? e.message : String(e) });
  }
}
