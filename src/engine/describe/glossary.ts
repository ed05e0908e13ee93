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

/**
 * Where an entry's sentence comes from, as data: the table it is a row of, that row's own English
 * meaning (`text`) and its number. A language words each kind once and translates `text` as a phrase.
 */
export type GlossaryText =
  | { kind: 'sentence'; text: string }
  | { kind: 'group' | 'route-attribute' | 'address-attribute' | 'module-message'; text: string; n: number }
  | { kind: 'ext-ack-attribute'; n: number }
  | { kind: 'errno'; text: string; n: number }
  | { kind: 'socket-option'; text: string; option: string };

/** One way of wording every kind of glossary sentence. */
export interface GlossaryWords {
  readonly group: (text: string, group: number) => string;
  readonly 'route-attribute': (text: string, type: number) => string;
  readonly 'address-attribute': (text: string, type: number) => string;
  readonly 'module-message': (text: string, type: number) => string;
  readonly 'ext-ack-attribute': (type: number) => string;
  /** `text` is strerror()'s message for the code. */
  readonly errno: (text: string, code: number) => string;
  readonly 'socket-option': (text: string, option: string) => string;
  /** A row's or a concept's English sentence in this language. */
  readonly sentence: (english: string) => string;
}

export const GLOSSARY_ENGLISH: GlossaryWords = {
  group: (text, group) => `${text} Group number ${group}.`,
  'route-attribute': (text, type) => `Route attribute ${type}: the ${text}.`,
  'address-attribute': (text, type) => `Address attribute ${type}: ${text}.`,
  'module-message': (text, type) => `Course module message ${type}: ${text}.`,
  'ext-ack-attribute': (type) => `Extended-ACK attribute ${type} of an NLMSG_ERROR.`,
  errno: (text, code) => `Error ${code}, “${text}”; the kernel returns it as -${code}.`,
  'socket-option': (text) => `A SOL_NETLINK socket option: ${text}.`,
  sentence: (english) => english,
};

/** A glossary sentence in the given words. */
export function sayGlossary(d: GlossaryText, words: GlossaryWords): string {
  switch (d.kind) {
    case 'sentence':
      return words.sentence(d.text);
    case 'ext-ack-attribute':
      return words[d.kind](d.n);
    case 'socket-option':
      return words[d.kind](d.text, d.option);
    default:
      return words[d.kind](d.text, d.n);
  }
}

export interface GlossaryEntry {
  term: string;
  /** The sentence in English. */
  meaning: string;
  /** The same sentence as data, for another language to word (`sayGlossary`). */
  about: GlossaryText;
  /** Where it is defined, e.g. include/uapi/linux/netlink.h. */
  header: string;
}

/** Every English phrase a language must translate for the glossary: rows' meanings, concepts and strerror() texts. */
export function glossaryPhrases(): string[] {
  table ??= build();
  const out = new Set<string>();
  for (const e of table.values()) if ('text' in e.about) out.add(e.about.text);
  return [...out];
}

const NETLINK_H = 'include/uapi/linux/netlink.h';
const RTNETLINK_H = 'include/uapi/linux/rtnetlink.h';
const IF_ADDR_H = 'include/uapi/linux/if_addr.h';
const RTMGR_H = 'public/course-module/rtmgr.h (the course module)';
/** errno-base.h holds 1..34; the rest are in errno.h. */
const errnoHeader = (code: number) => (code <= 34 ? 'include/uapi/asm-generic/errno-base.h' : 'include/uapi/asm-generic/errno.h');

/** Names that are fields of a header or ideas of the protocol, not rows of a table. */
const CONCEPTS: ReadonlyArray<{ term: string; meaning: string; header: string }> = [
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
  const entry = (term: string, about: GlossaryText, header: string): GlossaryEntry => ({ term, meaning: sayGlossary(about, GLOSSARY_ENGLISH), about, header });
  const all: GlossaryEntry[] = [
    ...FLAGS.map((f) => entry(f.name, { kind: 'sentence', text: f.meaning }, NETLINK_H)),
    ...CONTROL_TYPES.map((t) => entry(t.name, { kind: 'sentence', text: t.meaning }, NETLINK_H)),
    ...RTM_TYPES.map((t) => entry(t.name, { kind: 'sentence', text: t.meaning }, RTNETLINK_H)),
    ...RTNL_GROUPS.map((g) => entry(g.name, { kind: 'group', text: g.meaning, n: g.group }, RTNETLINK_H)),
    ...RTA_ATTRS.map((a) => entry(a.name, { kind: 'route-attribute', text: a.meaning, n: a.type }, RTNETLINK_H)),
    ...IFA_ATTRS.map((a) => entry(a.name, { kind: 'address-attribute', text: a.meaning, n: a.type }, IF_ADDR_H)),
    ...NLMSGERR_ATTRS.map((a) => entry(a.name, { kind: 'ext-ack-attribute', n: a.type }, NETLINK_H)),
    ...ERRNOS.map((e) => entry(e.name, { kind: 'errno', text: e.text, n: e.code }, errnoHeader(e.code))),
    ...SOCKET_OPTIONS.map((o) => entry(o.name, { kind: 'socket-option', text: o.meaning, option: o.name }, NETLINK_H)),
    ...RTMGR_TYPES.map((t) => entry(t.name, { kind: 'module-message', text: t.meaning, n: t.type }, RTMGR_H)),
    ...CONCEPTS.map((c) => entry(c.term, { kind: 'sentence', text: c.meaning }, c.header)),
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
