/**
 * Numbers and names from the kernel's uapi headers (linux/netlink.h, linux/rtnetlink.h),
 * spelled exactly as the kernel spells them so a learner can search for them.
 */

export const NLMSG_HDRLEN = 16;
export const NLMSG_ALIGNTO = 4;
export const RTMSG_LEN = 12;
export const RTA_HDRLEN = 4;

export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;

export const RTM_NEWROUTE = 24;
export const RTM_DELROUTE = 25;
export const RTM_GETROUTE = 26;

export const NLM_F_REQUEST = 0x01;
export const NLM_F_MULTI = 0x02;
export const NLM_F_ACK = 0x04;
export const NLM_F_ECHO = 0x08;
export const NLM_F_DUMP_INTR = 0x10;
export const NLM_F_DUMP_FILTERED = 0x20;
// Modifiers for GET
export const NLM_F_ROOT = 0x100;
export const NLM_F_MATCH = 0x200;
export const NLM_F_ATOMIC = 0x400;
export const NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
// Modifiers for NEW
export const NLM_F_REPLACE = 0x100;
export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;
export const NLM_F_APPEND = 0x800;
// Modifiers for DELETE
export const NLM_F_NONREC = 0x100;
export const NLM_F_BULK = 0x200;
// Flags for an ACK (NLMSG_ERROR)
export const NLM_F_CAPPED = 0x100;
export const NLM_F_ACK_TLVS = 0x200;

export const AF_INET = 2;
export const AF_NETLINK = 16;
export const NETLINK_ROUTE = 0;

export const RT_TABLE_UNSPEC = 0;
export const RT_TABLE_COMPAT = 252;
export const RT_TABLE_DEFAULT = 253;
export const RT_TABLE_MAIN = 254;
export const RT_TABLE_LOCAL = 255;

export const RTPROT_UNSPEC = 0;
export const RTPROT_REDIRECT = 1;
export const RTPROT_KERNEL = 2;
export const RTPROT_BOOT = 3;
export const RTPROT_STATIC = 4;

export const RT_SCOPE_UNIVERSE = 0;
export const RT_SCOPE_SITE = 200;
export const RT_SCOPE_LINK = 253;
export const RT_SCOPE_HOST = 254;
export const RT_SCOPE_NOWHERE = 255;

export const RTN_UNSPEC = 0;
export const RTN_UNICAST = 1;
export const RTN_LOCAL = 2;
export const RTN_BROADCAST = 3;
export const RTN_BLACKHOLE = 6;
export const RTN_UNREACHABLE = 7;
export const RTN_PROHIBIT = 8;

export const RTA_DST = 1;
export const RTA_SRC = 2;
export const RTA_IIF = 3;
export const RTA_OIF = 4;
export const RTA_GATEWAY = 5;
export const RTA_PRIORITY = 6;
export const RTA_PREFSRC = 7;
export const RTA_TABLE = 15;

export const RTNLGRP_IPV4_ROUTE = 7;
/** Legacy bind() bitmask for RTNLGRP_IPV4_ROUTE: bit (group - 1). */
export const RTMGRP_IPV4_ROUTE = 0x40;

export const SOL_NETLINK = 270;
export const NETLINK_ADD_MEMBERSHIP = 1;
export const NETLINK_DROP_MEMBERSHIP = 2;
export const NETLINK_NO_ENOBUFS = 5;
export const NETLINK_CAP_ACK = 10;

/** net.core.rmem_default on a stock kernel: the receive buffer a new socket gets. */
export const DEFAULT_RCVBUF = 212_992;

export const ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EAGAIN: 11,
  ENOMEM: 12,
  EEXIST: 17,
  ENODEV: 19,
  EINVAL: 22,
  ENOBUFS: 105,
  EOPNOTSUPP: 95,
  ENETUNREACH: 101,
} as const;
export type ErrnoName = keyof typeof ERRNO;

export const ERRNO_TEXT: Record<ErrnoName, string> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Cannot allocate memory',
  EEXIST: 'File exists',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  ENOBUFS: 'No buffer space available',
  EOPNOTSUPP: 'Operation not supported',
  ENETUNREACH: 'Network is unreachable',
};

export function errnoName(code: number): ErrnoName | undefined {
  for (const [name, value] of Object.entries(ERRNO)) if (value === code) return name as ErrnoName;
  return undefined;
}

export const MESSAGE_TYPE_NAMES: Record<number, string> = {
  [NLMSG_NOOP]: 'NLMSG_NOOP',
  [NLMSG_ERROR]: 'NLMSG_ERROR',
  [NLMSG_DONE]: 'NLMSG_DONE',
  [NLMSG_OVERRUN]: 'NLMSG_OVERRUN',
  [RTM_NEWROUTE]: 'RTM_NEWROUTE',
  [RTM_DELROUTE]: 'RTM_DELROUTE',
  [RTM_GETROUTE]: 'RTM_GETROUTE',
};

export function messageTypeName(type: number): string {
  return MESSAGE_TYPE_NAMES[type] ?? `type ${type}`;
}

export function messageTypeFromName(name: string): number | undefined {
  for (const [value, n] of Object.entries(MESSAGE_TYPE_NAMES)) if (n === name) return Number(value);
  return undefined;
}

const COMMON_FLAGS: Array<[number, string]> = [
  [NLM_F_REQUEST, 'NLM_F_REQUEST'],
  [NLM_F_MULTI, 'NLM_F_MULTI'],
  [NLM_F_ACK, 'NLM_F_ACK'],
  [NLM_F_ECHO, 'NLM_F_ECHO'],
  [NLM_F_DUMP_INTR, 'NLM_F_DUMP_INTR'],
  [NLM_F_DUMP_FILTERED, 'NLM_F_DUMP_FILTERED'],
];
const GET_FLAGS: Array<[number, string]> = [
  [NLM_F_ROOT, 'NLM_F_ROOT'],
  [NLM_F_MATCH, 'NLM_F_MATCH'],
  [NLM_F_ATOMIC, 'NLM_F_ATOMIC'],
];
const NEW_FLAGS: Array<[number, string]> = [
  [NLM_F_REPLACE, 'NLM_F_REPLACE'],
  [NLM_F_EXCL, 'NLM_F_EXCL'],
  [NLM_F_CREATE, 'NLM_F_CREATE'],
  [NLM_F_APPEND, 'NLM_F_APPEND'],
];
const DEL_FLAGS: Array<[number, string]> = [
  [NLM_F_NONREC, 'NLM_F_NONREC'],
  [NLM_F_BULK, 'NLM_F_BULK'],
];
const ACK_FLAGS: Array<[number, string]> = [
  [NLM_F_CAPPED, 'NLM_F_CAPPED'],
  [NLM_F_ACK_TLVS, 'NLM_F_ACK_TLVS'],
];

/** rtnetlink numbers its types in groups of four: NEW, DEL, GET, SET. */
function modifierTable(type: number): Array<[number, string]> {
  if (type === NLMSG_ERROR) return ACK_FLAGS;
  if (type < 16) return [];
  switch ((type - 16) % 4) {
    case 0:
      return NEW_FLAGS;
    case 1:
      return DEL_FLAGS;
    case 2:
      return GET_FLAGS;
    default:
      return [];
  }
}

/**
 * Flag names valid for this message type. Bits 0x100 and up are reused, so the type decides:
 * 0x600 is NLM_F_EXCL|NLM_F_CREATE on RTM_NEWROUTE but NLM_F_MATCH|NLM_F_ATOMIC on a GET.
 * A GET with both ROOT and MATCH reads as NLM_F_DUMP, as iproute2 and the kernel write it.
 */
export function flagNames(type: number, flags: number): string[] {
  const names: string[] = [];
  let rest = flags;
  for (const [bit, name] of COMMON_FLAGS) {
    if (flags & bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  const table = modifierTable(type);
  if (table === GET_FLAGS && (flags & NLM_F_DUMP) === NLM_F_DUMP) {
    names.push('NLM_F_DUMP');
    rest &= ~NLM_F_DUMP;
  }
  for (const [bit, name] of table) {
    if (rest & bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  if (rest) names.push(`0x${rest.toString(16)}`);
  return names;
}

export function formatFlags(type: number, flags: number): string {
  const names = flagNames(type, flags);
  return names.length ? names.join('|') : '0';
}

/** Parse 'NLM_F_REQUEST|NLM_F_ACK' or a list of names for a given message type. */
export function flagsFromNames(type: number, names: readonly string[]): number | { unknown: string } {
  let value = 0;
  const table = [...COMMON_FLAGS, ...modifierTable(type)];
  for (const raw of names) {
    const name = raw.trim();
    if (name === 'NLM_F_DUMP' && modifierTable(type) === GET_FLAGS) {
      value |= NLM_F_DUMP;
      continue;
    }
    const hit = table.find(([, n]) => n === name);
    if (!hit) return { unknown: name };
    value |= hit[0];
  }
  return value;
}

export const TABLE_NAMES: Record<number, string> = { 253: 'default', 254: 'main', 255: 'local' };
export const PROTOCOL_NAMES: Record<number, string> = {
  0: 'RTPROT_UNSPEC',
  1: 'RTPROT_REDIRECT',
  2: 'RTPROT_KERNEL',
  3: 'RTPROT_BOOT',
  4: 'RTPROT_STATIC',
};
export const SCOPE_NAMES: Record<number, string> = {
  0: 'RT_SCOPE_UNIVERSE',
  200: 'RT_SCOPE_SITE',
  253: 'RT_SCOPE_LINK',
  254: 'RT_SCOPE_HOST',
  255: 'RT_SCOPE_NOWHERE',
};
export const ROUTE_TYPE_NAMES: Record<number, string> = {
  0: 'RTN_UNSPEC',
  1: 'RTN_UNICAST',
  2: 'RTN_LOCAL',
  3: 'RTN_BROADCAST',
  6: 'RTN_BLACKHOLE',
  7: 'RTN_UNREACHABLE',
  8: 'RTN_PROHIBIT',
};
export const RTA_NAMES: Record<number, string> = {
  1: 'RTA_DST',
  2: 'RTA_SRC',
  3: 'RTA_IIF',
  4: 'RTA_OIF',
  5: 'RTA_GATEWAY',
  6: 'RTA_PRIORITY',
  7: 'RTA_PREFSRC',
  15: 'RTA_TABLE',
};
export const GROUP_NAMES: Record<number, string> = {
  1: 'RTNLGRP_LINK',
  5: 'RTNLGRP_IPV4_IFADDR',
  7: 'RTNLGRP_IPV4_ROUTE',
  11: 'RTNLGRP_IPV6_ROUTE',
};
export function groupName(group: number): string {
  return GROUP_NAMES[group] ?? `group ${group}`;
}
