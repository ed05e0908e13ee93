/** NETLINK_ROUTE: rtnetlink's IPv4 routes (the real kernel's family). */
import { NETLINK_ROUTE } from '../../protocol/netlink';
import type { KernelFamily } from '../family';
import { rtnetlinkRcvMsg } from './rtnetlink';
import { buildRouteRequest } from './request';
import { fireRouteTimer } from './timers';

export const routeFamily: KernelFamily = {
  protocol: NETLINK_ROUTE,
  name: 'NETLINK_ROUTE',
  input: rtnetlinkRcvMsg,
  fire: fireRouteTimer,
  buildRequest: buildRouteRequest,
};
