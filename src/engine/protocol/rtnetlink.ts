/**
 * NETLINK_ROUTE's numbers and names (include/uapi/linux/rtnetlink.h), each defined once, with the
 * short names `ip route` and scenario files use ("main", "boot", "link", "unicast").
 */

export const RTMSG_LEN = 12;

/** rtnetlink numbers its message types in groups of four: NEW, DEL, GET, SET. */
export type RtmVerb = 'new' | 'del' | 'get' | 'set';
export const RTM_BASE = 16;

export function rtmVerb(type: number): RtmVerb {
  return (['new', 'del', 'get', 'set'] as const)[(type - RTM_BASE) % 4]!;
}

export const RTM_NEWLINK = 16;
export const RTM_DELLINK = 17;
export const RTM_GETLINK = 18;
export const RTM_NEWADDR = 20;
export const RTM_DELADDR = 21;
export const RTM_GETADDR = 22;
export const RTM_NEWROUTE = 24;
export const RTM_DELROUTE = 25;
export const RTM_GETROUTE = 26;

/** The message types, each with one plain sentence: what a request of it asks, or what a message of it announces. */
export const RTM_TYPES: ReadonlyArray<{ type: number; name: string; meaning: string }> = [
  { type: RTM_NEWLINK, name: 'RTM_NEWLINK', meaning: 'Create or change a network interface; also announces one.' },
  { type: RTM_DELLINK, name: 'RTM_DELLINK', meaning: 'Remove a network interface; also announces its removal.' },
  { type: RTM_GETLINK, name: 'RTM_GETLINK', meaning: 'Ask for one interface, or all of them with NLM_F_DUMP.' },
  { type: RTM_NEWADDR, name: 'RTM_NEWADDR', meaning: 'Add an address to an interface; also announces a new address.' },
  { type: RTM_DELADDR, name: 'RTM_DELADDR', meaning: 'Remove an address; also announces its removal.' },
  { type: RTM_GETADDR, name: 'RTM_GETADDR', meaning: 'Ask for the addresses, usually all of them with NLM_F_DUMP.' },
  { type: RTM_NEWROUTE, name: 'RTM_NEWROUTE', meaning: 'Add a route; also how the kernel describes a route (a notification or one part of a dump).' },
  { type: RTM_DELROUTE, name: 'RTM_DELROUTE', meaning: 'Delete a route; also announces that a route is gone.' },
  { type: RTM_GETROUTE, name: 'RTM_GETROUTE', meaning: 'Ask for a route, or the whole table with NLM_F_DUMP.' },
];

/** A named value of one rtmsg field, with the word `ip route` uses for it. */
export interface NamedValue {
  value: number;
  name: string;
  short: string;
}

export const RT_TABLES: readonly NamedValue[] = [
  { value: 0, name: 'RT_TABLE_UNSPEC', short: 'unspec' },
  { value: 252, name: 'RT_TABLE_COMPAT', short: 'compat' },
  { value: 253, name: 'RT_TABLE_DEFAULT', short: 'default' },
  { value: 254, name: 'RT_TABLE_MAIN', short: 'main' },
  { value: 255, name: 'RT_TABLE_LOCAL', short: 'local' },
];
export const RT_PROTOCOLS: readonly NamedValue[] = [
  { value: 0, name: 'RTPROT_UNSPEC', short: 'unspec' },
  { value: 1, name: 'RTPROT_REDIRECT', short: 'redirect' },
  { value: 2, name: 'RTPROT_KERNEL', short: 'kernel' },
  { value: 3, name: 'RTPROT_BOOT', short: 'boot' },
  { value: 4, name: 'RTPROT_STATIC', short: 'static' },
];
export const RT_SCOPES: readonly NamedValue[] = [
  { value: 0, name: 'RT_SCOPE_UNIVERSE', short: 'universe' },
  { value: 0, name: 'RT_SCOPE_UNIVERSE', short: 'global' },
  { value: 200, name: 'RT_SCOPE_SITE', short: 'site' },
  { value: 253, name: 'RT_SCOPE_LINK', short: 'link' },
  { value: 254, name: 'RT_SCOPE_HOST', short: 'host' },
  { value: 255, name: 'RT_SCOPE_NOWHERE', short: 'nowhere' },
];
export const RT_TYPES: readonly NamedValue[] = [
  { value: 0, name: 'RTN_UNSPEC', short: 'unspec' },
  { value: 1, name: 'RTN_UNICAST', short: 'unicast' },
  { value: 2, name: 'RTN_LOCAL', short: 'local' },
  { value: 3, name: 'RTN_BROADCAST', short: 'broadcast' },
  { value: 6, name: 'RTN_BLACKHOLE', short: 'blackhole' },
  { value: 7, name: 'RTN_UNREACHABLE', short: 'unreachable' },
  { value: 8, name: 'RTN_PROHIBIT', short: 'prohibit' },
];

function valueOf(table: readonly NamedValue[], name: string): number {
  return table.find((n) => n.name === name)!.value;
}

export const RT_TABLE_UNSPEC = valueOf(RT_TABLES, 'RT_TABLE_UNSPEC');
export const RT_TABLE_COMPAT = valueOf(RT_TABLES, 'RT_TABLE_COMPAT');
export const RT_TABLE_DEFAULT = valueOf(RT_TABLES, 'RT_TABLE_DEFAULT');
export const RT_TABLE_MAIN = valueOf(RT_TABLES, 'RT_TABLE_MAIN');
export const RT_TABLE_LOCAL = valueOf(RT_TABLES, 'RT_TABLE_LOCAL');
export const RTPROT_UNSPEC = valueOf(RT_PROTOCOLS, 'RTPROT_UNSPEC');
export const RTPROT_REDIRECT = valueOf(RT_PROTOCOLS, 'RTPROT_REDIRECT');
export const RTPROT_KERNEL = valueOf(RT_PROTOCOLS, 'RTPROT_KERNEL');
export const RTPROT_BOOT = valueOf(RT_PROTOCOLS, 'RTPROT_BOOT');
export const RTPROT_STATIC = valueOf(RT_PROTOCOLS, 'RTPROT_STATIC');
export const RT_SCOPE_UNIVERSE = valueOf(RT_SCOPES, 'RT_SCOPE_UNIVERSE');
export const RT_SCOPE_SITE = valueOf(RT_SCOPES, 'RT_SCOPE_SITE');
export const RT_SCOPE_LINK = valueOf(RT_SCOPES, 'RT_SCOPE_LINK');
export const RT_SCOPE_HOST = valueOf(RT_SCOPES, 'RT_SCOPE_HOST');
export const RT_SCOPE_NOWHERE = valueOf(RT_SCOPES, 'RT_SCOPE_NOWHERE');
export const RTN_UNSPEC = valueOf(RT_TYPES, 'RTN_UNSPEC');
export const RTN_UNICAST = valueOf(RT_TYPES, 'RTN_UNICAST');
export const RTN_LOCAL = valueOf(RT_TYPES, 'RTN_LOCAL');
export const RTN_BROADCAST = valueOf(RT_TYPES, 'RTN_BROADCAST');
export const RTN_BLACKHOLE = valueOf(RT_TYPES, 'RTN_BLACKHOLE');
export const RTN_UNREACHABLE = valueOf(RT_TYPES, 'RTN_UNREACHABLE');
export const RTN_PROHIBIT = valueOf(RT_TYPES, 'RTN_PROHIBIT');

/** How an attribute's payload is laid out: an IPv4 address in network order, a host-order u32, a string, a struct of u32s. */
export type AttrKind = 'ipv4' | 'u32' | 'string' | 'u32s';

export interface AttrInfo {
  type: number;
  name: string;
  kind: AttrKind;
  meaning: string;
}

/** Route attributes (enum rtattr_type_t) the simulation writes and reads. */
export const RTA_ATTRS: readonly AttrInfo[] = [
  { type: 1, name: 'RTA_DST', kind: 'ipv4', meaning: 'destination prefix' },
  { type: 2, name: 'RTA_SRC', kind: 'ipv4', meaning: 'source prefix' },
  { type: 3, name: 'RTA_IIF', kind: 'u32', meaning: 'input interface index' },
  { type: 4, name: 'RTA_OIF', kind: 'u32', meaning: 'output interface index' },
  { type: 5, name: 'RTA_GATEWAY', kind: 'ipv4', meaning: 'next-hop address' },
  { type: 6, name: 'RTA_PRIORITY', kind: 'u32', meaning: 'route metric' },
  { type: 7, name: 'RTA_PREFSRC', kind: 'ipv4', meaning: 'preferred source address' },
  { type: 15, name: 'RTA_TABLE', kind: 'u32', meaning: 'routing table id' },
];

function attr(name: string): number {
  return RTA_ATTRS.find((a) => a.name === name)!.type;
}

export const RTA_DST = attr('RTA_DST');
export const RTA_SRC = attr('RTA_SRC');
export const RTA_IIF = attr('RTA_IIF');
export const RTA_OIF = attr('RTA_OIF');
export const RTA_GATEWAY = attr('RTA_GATEWAY');
export const RTA_PRIORITY = attr('RTA_PRIORITY');
export const RTA_PREFSRC = attr('RTA_PREFSRC');
export const RTA_TABLE = attr('RTA_TABLE');

export const IFADDRMSG_LEN = 8;

/** Address attributes (enum IFA_*) the simulation writes and reads. */
export const IFA_ATTRS: readonly AttrInfo[] = [
  { type: 1, name: 'IFA_ADDRESS', kind: 'ipv4', meaning: 'the address (the peer on point-to-point links)' },
  { type: 2, name: 'IFA_LOCAL', kind: 'ipv4', meaning: 'the local address' },
  { type: 3, name: 'IFA_LABEL', kind: 'string', meaning: 'the interface label' },
  { type: 4, name: 'IFA_BROADCAST', kind: 'ipv4', meaning: 'the broadcast address' },
  { type: 6, name: 'IFA_CACHEINFO', kind: 'u32s', meaning: 'lifetimes (s) and creation/update stamps (1/100 s since boot)' },
  { type: 8, name: 'IFA_FLAGS', kind: 'u32', meaning: 'address flags (IFA_F_*)' },
];
export const IFA_CACHEINFO_MEMBERS = ['ifa_prefered', 'ifa_valid', 'cstamp', 'tstamp'] as const;

export const IFA_ADDRESS = 1;
export const IFA_LOCAL = 2;
export const IFA_LABEL = 3;
export const IFA_BROADCAST = 4;
export const IFA_CACHEINFO = 6;
export const IFA_FLAGS = 8;
export const IFA_F_DEPRECATED = 0x20;
export const IFA_F_PERMANENT = 0x80;
/** A lifetime of "forever" in struct ifa_cacheinfo. */
export const INFINITY_LIFE_TIME = 0xffffffff;

/** rtnetlink multicast groups (enum rtnetlink_groups). */
export const RTNL_GROUPS: ReadonlyArray<{ group: number; name: string; meaning: string }> = [
  { group: 1, name: 'RTNLGRP_LINK', meaning: 'Multicast group for interface changes.' },
  { group: 5, name: 'RTNLGRP_IPV4_IFADDR', meaning: 'Multicast group for IPv4 address changes.' },
  { group: 7, name: 'RTNLGRP_IPV4_ROUTE', meaning: 'Multicast group for IPv4 route changes: members get a copy of each RTM_NEWROUTE / RTM_DELROUTE.' },
  { group: 11, name: 'RTNLGRP_IPV6_ROUTE', meaning: 'Multicast group for IPv6 route changes.' },
];

export const RTNLGRP_LINK = 1;
export const RTNLGRP_IPV4_IFADDR = 5;
export const RTNLGRP_IPV4_ROUTE = 7;
/** Legacy bind() bitmask for a group: bit (group - 1). */
export const groupMask = (group: number): number => (group >= 1 && group <= 32 ? (1 << (group - 1)) >>> 0 : 0);
export const RTMGRP_IPV4_ROUTE = groupMask(RTNLGRP_IPV4_ROUTE);
