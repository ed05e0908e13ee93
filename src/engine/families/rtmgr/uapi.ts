/**
 * The course module's wire contract (public/course-module/rtmgr.h), each number defined once:
 * its protocol, message types, group and payload layout, and the module's limits
 * (rtmgr_mod.c). Everything else about NETLINK_RTMGR reads these tables.
 */
import { registerGroupNames, registerMessageTypes, registerProtocol } from '../../protocol/names';

/** NETLINK_RTMGR: unused by the kernel and below MAX_LINKS (32). */
export const NETLINK_RTMGR = 31;
export const NETLINK_RTMGR_NAME = 'NETLINK_RTMGR';

export const RTMGR_MSG_REGISTER = 16;
export const RTMGR_MSG_UNREGISTER = 17;
export const RTMGR_MSG_ADD = 18;
export const RTMGR_MSG_DEL = 19;
export const RTMGR_MSG_LIST = 20;
export const RTMGR_MSG_ENTRY = 21;
export const RTMGR_MSG_DELETED = 22;
export const RTMGR_MSG_ARM = 23;

/** Every type, with who sends it. `request`: user space may send it (the scenario schema offers these). */
export const RTMGR_TYPES = [
  { type: RTMGR_MSG_REGISTER, name: 'RTMGR_MSG_REGISTER', request: true, meaning: 'tell me when this entry is deleted' },
  { type: RTMGR_MSG_UNREGISTER, name: 'RTMGR_MSG_UNREGISTER', request: true, meaning: 'stop telling me' },
  { type: RTMGR_MSG_ADD, name: 'RTMGR_MSG_ADD', request: true, meaning: 'add an entry' },
  { type: RTMGR_MSG_DEL, name: 'RTMGR_MSG_DEL', request: true, meaning: 'delete an entry now' },
  { type: RTMGR_MSG_LIST, name: 'RTMGR_MSG_LIST', request: true, meaning: 'dump: one ENTRY per entry, then NLMSG_DONE' },
  { type: RTMGR_MSG_ENTRY, name: 'RTMGR_MSG_ENTRY', request: false, meaning: 'one entry of a dump' },
  { type: RTMGR_MSG_DELETED, name: 'RTMGR_MSG_DELETED', request: false, meaning: 'notification: the entry is gone' },
  { type: RTMGR_MSG_ARM, name: 'RTMGR_MSG_ARM', request: true, meaning: 'start the deletion timer' },
] as const;

export type RtmgrTypeName = (typeof RTMGR_TYPES)[number]['name'];
export type RtmgrRequestName = Extract<(typeof RTMGR_TYPES)[number], { request: true }>['name'];
export const RTMGR_REQUEST_NAMES = RTMGR_TYPES.filter((t) => t.request).map((t) => t.name) as RtmgrRequestName[];

/** The use_multicast=1 variant's group; the legacy bind() mask bit is 1 << 0. */
export const RTMGR_GRP_EVENTS = 1;

export const RTMGR_NAME_LEN = 8;
export const RTMGR_DEFAULT_DELAY_MS = 10_000;
/** sizeof(struct rtmgr_entry_msg). */
export const RTMGR_ENTRY_MSG_LEN = 20;
export const RTMGR_MAX_ENTRIES = 8;
export const RTMGR_MAX_LISTENERS = 4;

/** The entries rtmgr_init() fills the table with (rtmgr_initial[]). */
export const RTMGR_INITIAL = [
  { name: 'R1', dst: '10.0.1.0/24' },
  { name: 'R2', dst: '10.0.2.0/24' },
  { name: 'R3', dst: '10.0.3.0/24' },
] as const;

registerProtocol(NETLINK_RTMGR, NETLINK_RTMGR_NAME);
// LIST is a dump (0x300 reads NLM_F_DUMP); the other types carry no modifier bits.
registerMessageTypes(RTMGR_TYPES.map((t) => ({ protocol: NETLINK_RTMGR, type: t.type, name: t.name, flagClass: t.type === RTMGR_MSG_LIST ? 'get' : null })));
registerGroupNames(NETLINK_RTMGR, [{ group: RTMGR_GRP_EVENTS, name: 'RTMGR_GRP_EVENTS' }]);
