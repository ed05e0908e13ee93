/**
 * NETLINK_RTMGR: the course's routing-table manager module (public/course-module/rtmgr_mod.c),
 * a second kernel family beside rtnetlink. Interest is per entry, kept as a list of port ids,
 * and a deletion is told by unicast to each (or, with use_multicast=1, by one multicast).
 */
import type { KernelFamily } from '../family';
import { rtmgrRcvMsg } from './rcv';
import { initialRtmgr } from './state';
import { buildRtmgrRequest } from './request';
import { rtmgrArmByName, rtmgrFire } from './timers';
import { NETLINK_RTMGR, NETLINK_RTMGR_NAME } from './uapi';

export const rtmgrFamily: KernelFamily = {
  protocol: NETLINK_RTMGR,
  name: NETLINK_RTMGR_NAME,
  // insmod: the module exists only in scenarios that load it.
  init: (w, spec) => (spec.module ? { ...w, rtmgr: initialRtmgr(spec.module) } : w),
  loaded: (w) => w.rtmgr !== undefined,
  input: rtmgrRcvMsg,
  fire: rtmgrFire,
  buildRequest: buildRtmgrRequest,
  armTimer: rtmgrArmByName,
};

export { NETLINK_RTMGR, NETLINK_RTMGR_NAME } from './uapi';
