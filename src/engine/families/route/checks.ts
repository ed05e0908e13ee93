/** The kernel's validation of route requests, with the texts it puts in an extended ACK. */
import { ERRNO } from '../../protocol/netlink';
import { RTA_OIF, RTA_TABLE, RT_SCOPE_LINK, RT_TABLE_LOCAL, RT_TABLE_MAIN, RTN_LOCAL, RTN_UNICAST, RTMSG_LEN } from '../../protocol/rtnetlink';
import { NLMSG_HDRLEN } from '../../protocol/netlink';
import type { Message, Route, World } from '../../model';
import { err, ok, type Result } from '../../result';
import type { ExtAck } from '../../core/send';
import { attrsLength } from '../../wire/attr';
import { ipv4ToNumber } from './routes';
import type { RouteAttr } from './rtmsg';
import type { RouteCfg } from './table';

/** The highest route attribute type this kernel knows (RTA_MAX); anything above is unknown. */
const RTA_MAX = 31;

function covers(r: Route, addr: string): boolean {
  const mask = r.dstLen === 0 ? 0 : (~0 << (32 - r.dstLen)) >>> 0;
  return (ipv4ToNumber(r.dst) & mask) >>> 0 === (ipv4ToNumber(addr) & mask) >>> 0;
}

/**
 * fib_check_nh_v4_gw(): a gateway must be reached by a connected route (scope link or narrower),
 * on the requested device when one is given.
 */
export function gatewayReachable(w: World, gateway: string, oif: number | undefined): boolean {
  return w.routes.some(
    (r) =>
      (r.table === RT_TABLE_MAIN || r.table === RT_TABLE_LOCAL) &&
      r.scope >= RT_SCOPE_LINK &&
      (r.type === RTN_UNICAST || r.type === RTN_LOCAL) &&
      (oif === undefined || r.oif === oif) &&
      covers(r, gateway),
  );
}

/** rtm_to_fib_config() and fib_create_info(): what a new route must satisfy. Returns 0 or a negative errno. */
export function checkRouteCfg(w: World, cfg: RouteCfg, extack: ExtAck): number {
  if (cfg.dstLen > 32) {
    extack.msg = 'Invalid prefix length';
    return -ERRNO.EINVAL;
  }
  if (cfg.oif !== undefined && w.interfaces[cfg.oif] === undefined) return -ERRNO.ENODEV;
  if (cfg.oif === undefined && !cfg.gateway) return -ERRNO.ENODEV;
  if (cfg.gateway && !gatewayReachable(w, cfg.gateway, cfg.oif)) {
    extack.msg = 'Nexthop has invalid gateway';
    return -ERRNO.ENETUNREACH;
  }
  return 0;
}

/** Byte offset of attribute `i` within the request (NL_SET_BAD_ATTR's offset). */
function attrOffset(attrs: readonly RouteAttr[], i: number): number {
  return NLMSG_HDRLEN + RTMSG_LEN + attrsLength(attrs.slice(0, i));
}

/**
 * ip_valid_fib_dump_req() under NETLINK_GET_STRICT_CHK: the header must be clean, only RTA_TABLE
 * and RTA_OIF may filter, and a named table must exist. The table to keep, or the failure.
 */
export function dumpFilter(
  req: Message,
  routes: readonly Route[],
): Result<{ table: number | undefined }, { errno: number; extack: ExtAck; filtered?: boolean }> {
  const p = req.message.payload;
  if (p.kind !== 'route') return ok({ table: undefined });
  const { rtmsg, attrs } = p;
  if (rtmsg.dstLen || rtmsg.srcLen || rtmsg.tos || rtmsg.scope || rtmsg.type)
    return err({ errno: ERRNO.EINVAL, extack: { msg: 'Invalid values in header for FIB dump request' } });
  let table = rtmsg.table || undefined;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    if (a.type > RTA_MAX) return err({ errno: ERRNO.EINVAL, extack: { msg: 'Unknown attribute type', offs: attrOffset(attrs, i) } });
    if (a.type === RTA_TABLE && a.kind === 'u32') table = a.value;
    else if (a.type !== RTA_OIF) return err({ errno: ERRNO.EINVAL, extack: { msg: 'Unsupported attribute in dump request' } });
  }
  if (table !== undefined && table !== RT_TABLE_MAIN && table !== RT_TABLE_LOCAL && !routes.some((r) => r.table === table)) {
    return err({ errno: ERRNO.ENOENT, extack: { msg: 'ipv4: FIB table does not exist' }, filtered: true });
  }
  return ok({ table });
}
