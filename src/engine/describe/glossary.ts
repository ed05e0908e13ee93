/**
 * The glossary: every kernel name the app shows, with one plain sentence and the header that defines
 * it. The sentences come from the protocol tables (flags, types, attributes, groups, errnos, socket
 * options, the course module's types); this file adds only where each table lives in the kernel's
 * headers, and the few names that are fields or ideas rather than table rows.
 */
import { SOCKET_OPTIONS } from '../core/options';
import { RTMGR_TYPES } from '../families/rtmgr/uapi';
import { CONTROL_TYPES, ERRNOS, FLAGS, NLM_F_DUMP_NAME } from '../protocol/netlink';
import { IFA_ATTRS, RTA_ATTRS, RTM_TYPES, RTNL_GROUPS } from '../protocol/rtnetlink';
import { NLMSGERR_ATTRS } from '../wire/message';

export interface GlossaryEntry {
  term: string;
  meaning: string;
  /** Where it is defined, e.g. include/uapi/linux/netlink.h. */
  header: string;
}

const NETLINK_H = 'include/uapi/linux/netlink.h';
const RTNETLINK_H = 'include/uapi/linux/rtnetlink.h';
const IF_ADDR_H = 'include/uapi/linux/if_addr.h';
const RTMGR_H = 'public/course-module/rtmgr.h (the course module)';
/** errno-base.h holds 1..34; the rest are in errno.h. */
const errnoHeader = (code: number) => (code <= 34 ? 'include/uapi/asm-generic/errno-base.h' : 'include/uapi/asm-generic/errno.h');

/** Names that are fields of a header or ideas of the protocol, not rows of a table. */
const CONCEPTS: readonly GlossaryEntry[] = [
  { term: 'nlmsghdr', meaning: 'The 16-byte header every netlink message starts with: length, type, flags, seq and port id.', header: NETLINK_H },
  { term: 'nlmsg_len', meaning: 'The length of the whole message in bytes, header included.', header: NETLINK_H },
  {
    term: 'nlmsg_type',
    meaning: 'What the message is: a request or answer type such as RTM_NEWROUTE, or a control type such as NLMSG_ERROR.',
    header: NETLINK_H,
  },
  { term: 'nlmsg_flags', meaning: 'Bits that modify the message: NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP and others.', header: NETLINK_H },
  {
    term: 'nlmsg_seq',
    meaning: 'A number the sender chooses; the kernel copies it into its answers so they can be matched to the request.',
    header: NETLINK_H,
  },
  { term: 'nlmsg_pid', meaning: 'A port id: in an answer, the socket it is addressed to; 0 when the kernel sends on its own.', header: NETLINK_H },
  {
    term: 'port id',
    meaning: 'The address of a netlink socket (nl_pid); the kernel is port id 0, a process’s first socket usually gets its pid.',
    header: NETLINK_H,
  },
  {
    term: 'nl_groups',
    meaning: 'The bind() field that joins multicast groups by bitmask: bit n-1 for group n (groups above 32 need NETLINK_ADD_MEMBERSHIP).',
    header: NETLINK_H,
  },
  { term: 'nl_pid', meaning: 'The port id field of struct sockaddr_nl; 0 at bind() lets the kernel choose.', header: NETLINK_H },
  { term: 'sockaddr_nl', meaning: 'A netlink socket address: the family AF_NETLINK, a port id and a group mask.', header: NETLINK_H },
  { term: 'rtattr', meaning: 'A route attribute: a small type-length-value record after the rtmsg (RTA_DST, RTA_GATEWAY…).', header: RTNETLINK_H },
  { term: 'rtmsg', meaning: 'The fixed part of a route message: family, prefix length, table, protocol, scope and type.', header: RTNETLINK_H },
  { term: 'nlmsgerr', meaning: 'The body of NLMSG_ERROR: the error code (negative errno, or 0 for an ACK) and the request’s header.', header: NETLINK_H },
  { term: NLM_F_DUMP_NAME, meaning: 'NLM_F_ROOT|NLM_F_MATCH: ask for every entry, answered in parts ended by NLMSG_DONE.', header: NETLINK_H },
  { term: 'NETLINK_ROUTE', meaning: 'The netlink protocol of routing: routes, addresses, interfaces (rtnetlink).', header: NETLINK_H },
  { term: 'NETLINK_ADD_MEMBERSHIP', meaning: 'The setsockopt() that joins one multicast group by number.', header: NETLINK_H },
  { term: 'NETLINK_DROP_MEMBERSHIP', meaning: 'The setsockopt() that leaves one multicast group.', header: NETLINK_H },
  {
    term: 'SO_RCVBUF',
    meaning: 'The socket option that sets the receive buffer; the kernel doubles the value asked (at least 2 304 bytes).',
    header: 'include/uapi/asm-generic/socket.h',
  },
  {
    term: 'sk_rcvbuf',
    meaning: 'How many bytes a socket’s receive queue may hold, counted by skb size (truesize), not by message length.',
    header: 'include/net/sock.h',
  },
  {
    term: 'NLMSG_GOODSIZE',
    meaning: 'The size of the first buffer a dump fills: about one page, so many route messages fit in one datagram.',
    header: 'include/linux/netlink.h',
  },
];

function build(): Map<string, GlossaryEntry> {
  const all: GlossaryEntry[] = [
    ...FLAGS.map((f) => ({ term: f.name, meaning: f.meaning, header: NETLINK_H })),
    ...CONTROL_TYPES.map((t) => ({ term: t.name, meaning: t.meaning, header: NETLINK_H })),
    ...RTM_TYPES.map((t) => ({ term: t.name, meaning: t.meaning, header: RTNETLINK_H })),
    ...RTNL_GROUPS.map((g) => ({ term: g.name, meaning: `${g.meaning} Group number ${g.group}.`, header: RTNETLINK_H })),
    ...RTA_ATTRS.map((a) => ({ term: a.name, meaning: `Route attribute ${a.type}: the ${a.meaning}.`, header: RTNETLINK_H })),
    ...IFA_ATTRS.map((a) => ({ term: a.name, meaning: `Address attribute ${a.type}: ${a.meaning}.`, header: IF_ADDR_H })),
    ...NLMSGERR_ATTRS.map((a) => ({ term: a.name, meaning: `Extended-ACK attribute ${a.type} of an NLMSG_ERROR.`, header: NETLINK_H })),
    ...ERRNOS.map((e) => ({ term: e.name, meaning: `Error ${e.code}, “${e.text}”; the kernel returns it as -${e.code}.`, header: errnoHeader(e.code) })),
    ...SOCKET_OPTIONS.map((o) => ({ term: o.name, meaning: `A SOL_NETLINK socket option: ${o.meaning}.`, header: NETLINK_H })),
    ...RTMGR_TYPES.map((t) => ({ term: t.name, meaning: `Course module message ${t.type}: ${t.meaning}.`, header: RTMGR_H })),
    ...CONCEPTS,
  ];
  return new Map(all.map((e) => [e.term, e]));
}

let table: Map<string, GlossaryEntry> | undefined;

/** The entry for a kernel name, if the glossary has one. */
export function glossaryEntry(term: string): GlossaryEntry | undefined {
  table ??= build();
  return table.get(term);
}

/** Every term, for tests and the pattern that finds terms in text. */
export function glossaryTerms(): string[] {
  table ??= build();
  return [...table.keys()];
}
