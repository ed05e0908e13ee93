/** NETLINK_ROUTE: rtnetlink's IPv4 routes (the real kernel's family). */
import { NETLINK_ROUTE } from '../../protocol/netlink';
import type { KernelFamily } from '../family';
import { DEFAULT_INTERFACES } from '../../spec';
import { initialAddresses } from './addresses';
import { initialRoutes } from './routes';
import { rtnetlinkRcvMsg } from './rtnetlink';
import { buildRouteRequest } from './request';
import { armTimer, cancelTimer, fireRouteTimer } from './timers';

export const routeFamily: KernelFamily = {
  protocol: NETLINK_ROUTE,
  name: 'NETLINK_ROUTE',
  // The kernel's own routes for the addresses come first, then the scenario's table.
  init: (world, spec) => {
    const w = initialAddresses(world, spec.interfaces ?? DEFAULT_INTERFACES);
    return { ...w, routes: [...w.routes, ...initialRoutes(spec.routes, w.interfaces)] };
  },
  input: rtnetlinkRcvMsg,
  fire: fireRouteTimer,
  buildRequest: buildRouteRequest,
  armTimer,
  cancelTimer,
};
