/** What each decoded field means, in words a learner reads beside the bytes. */
import { NETLINK_ROUTE } from '../protocol/netlink';
import { PROTOCOL_NAMES, ROUTE_TYPE_NAMES, SCOPE_NAMES, TABLE_CONSTANT_NAMES, TABLE_NAMES, formatFlags, knownMessageTypeName } from '../protocol/names';
import { IFA_ATTRS, RTA_ATTRS, RTA_OIF, RTA_PRIORITY, RTA_TABLE } from '../protocol/rtnetlink';
import { AF_INET, errnoName } from '../protocol/netlink';
import { err, ok, type Result } from '../result';
import { WireError } from '../wire/bytes';
import type { WireField } from '../wire/field';
import { decodeMessage, type NlMessage } from '../wire/message';
import { RTMGR_ENTRY_FIELDS } from '../families/rtmgr/entryMsg';

/**
 * What a field's value means, as data: which phrase (`id`) and its numbers. A value that is itself a
 * kernel name (RTM_NEWROUTE, NLM_F_REQUEST|NLM_F_ACK, RT_TABLE_MAIN, -EEXIST) or a bare number form
 * is `as-is`, the same in every language; `row` is a meaning from a protocol table (RTA_ATTRS,
 * RTMGR_ENTRY_FIELDS), which a language translates as a phrase.
 */
export type FieldText =
  { id: 'as-is'; text: string } | { id: 'row'; text: string } | { id: FieldPhrase } | { id: FieldTemplate; n: number } | { id: 'table'; table: string };

/** Field meanings that are one fixed phrase. */
export type FieldPhrase =
  | 'none'
  | 'length'
  | 'seq'
  | 'kernel-port'
  | 'tos'
  | 'attr-length'
  | 'payload'
  | 'ipv4'
  | 'padding'
  | 'not-decoded'
  | 'not-armed'
  | 'ack'
  | 'dump-ok'
  | 'ext-ack-message'
  | 'ext-ack-offset'
  | 'ext-ack-attribute';
/** Field meanings that are a phrase around one number. */
export type FieldTemplate = 'port' | 'family' | 'prefix' | 'protocol' | 'scope' | 'type' | 'attribute' | 'ms';

/** One way of wording every field meaning: a phrase per simple id, a template per numbered one. */
export type FieldWords = { readonly [K in FieldPhrase]: string } & { readonly [K in FieldTemplate]: (n: number) => string } & {
  readonly table: (table: string) => string;
  /** A protocol table's English meaning in this language. */
  readonly row: (english: string) => string;
};

/** A field meaning in the given words. */
export function sayField(d: FieldText, words: FieldWords): string {
  if (d.id === 'as-is') return d.text;
  if (d.id === 'row') return words.row(d.text);
  if (d.id === 'table') return words.table(d.table);
  if ('n' in d) return words[d.id](d.n);
  return words[d.id];
}

export const FIELD_ENGLISH: FieldWords = {
  none: 'none',
  length: 'bytes, header included',
  seq: 'sequence number chosen by the sender',
  'kernel-port': 'port id 0: the kernel',
  tos: 'type of service',
  'attr-length': 'bytes, header included, padding not',
  payload: 'payload',
  ipv4: 'IPv4 address, network byte order',
  padding: 'padding to a 4-byte boundary',
  'not-decoded': 'not decoded',
  'not-armed': 'not armed (0)',
  ack: '0: success, this is an ACK',
  'dump-ok': '0: the dump ended normally',
  'ext-ack-message': 'the kernel’s explanation',
  'ext-ack-offset': 'byte offset of the offending attribute in the request',
  'ext-ack-attribute': 'extended ACK attribute',
  port: (n) => `port id ${n}`,
  family: (n) => `family ${n}`,
  prefix: (n) => `/${n} prefix`,
  protocol: (n) => `protocol ${n}`,
  scope: (n) => `scope ${n}`,
  type: (n) => `type ${n}`,
  attribute: (n) => `attr ${n}`,
  ms: (n) => `${n} ms`,
  table: (table) => `table ${table}`,
  row: (english) => english,
};

/** Every English phrase a `row` meaning can hold, for a language to translate. */
export function fieldPhrases(): string[] {
  return [...RTA_ATTRS.map((a) => a.meaning), ...RTMGR_ENTRY_FIELDS.map((f) => f.meaning), IFA_INDEX_MEANING];
}

/** What struct ifaddrmsg's ifa_index holds, as a phrase each language words. */
const IFA_INDEX_MEANING = 'interface index';

const asIs = (text: string): FieldText => ({ id: 'as-is', text });

function rtmgrField(f: WireField): FieldText {
  if (f.name === 'dst_len') return { id: 'prefix', n: f.value as number };
  if (f.name === 'delay_ms') return f.value === 0 ? { id: 'not-armed' } : { id: 'ms', n: f.value as number };
  const row = RTMGR_ENTRY_FIELDS.find((x) => x.name === f.name);
  return row ? { id: 'row', text: row.meaning } : { id: 'payload' };
}

/** One decoded field, where its bytes are, and what it means. */
export interface DecodedField extends WireField {
  /** Human reading of the value (type name, flag names, address...), in English. */
  meaning: string;
  /** The same reading as data, for another language to word (`sayField`). */
  about: FieldText;
}

export interface Decoded {
  message: NlMessage;
  fields: DecodedField[];
}

function sibling(fields: readonly WireField[], f: WireField, name: string): number {
  const prefix = f.id.slice(0, f.id.lastIndexOf('.'));
  const s = fields.find((x) => x.id === `${prefix}.${name}`);
  return typeof s?.value === 'number' ? s.value : 0;
}

function errnoField(v: number, zero: FieldText): FieldText {
  return v === 0 ? zero : asIs(`-${errnoName(-v) ?? -v}`);
}

function attrField(f: WireField): FieldText {
  if (f.name.endsWith('.rta_len')) return { id: 'attr-length' };
  if (f.name.endsWith('.rta_type')) {
    // The message's own attribute table named it as it was read (RTA_*, IFA_*, NLMSGERR_ATTR_*): an
    // address message's type 1 is IFA_ADDRESS, not RTA_DST.
    const name = f.name.slice(0, -'.rta_type'.length);
    return name.startsWith('attr ') ? { id: 'attribute', n: f.value as number } : asIs(name);
  }
  if (f.section === 'nlattr')
    return { id: f.name === 'NLMSGERR_ATTR_MSG' ? 'ext-ack-message' : f.name === 'NLMSGERR_ATTR_OFFS' ? 'ext-ack-offset' : 'ext-ack-attribute' };
  const info = RTA_ATTRS.find((a) => a.name === f.name) ?? IFA_ATTRS.find((a) => a.name === f.name);
  if (typeof f.value === 'string' && !info) return { id: 'payload' };
  if (info?.kind === 'ipv4' && typeof f.value === 'string' && f.length === 4) return { id: 'ipv4' };
  if (typeof f.value !== 'number') return { id: 'payload' };
  if (info?.type === RTA_TABLE) return { id: 'table', table: TABLE_NAMES[f.value] ?? String(f.value) };
  if (info?.type === RTA_OIF || info?.type === RTA_PRIORITY) return { id: 'row', text: info.meaning };
  return asIs('u32');
}

/** struct ifaddrmsg: the address's family, prefix length, flags (IFA_F_*), scope and interface. */
function ifaddrField(f: WireField): FieldText {
  const n = typeof f.value === 'number' ? f.value : 0;
  switch (f.name) {
    case 'ifa_family':
      return n === AF_INET ? asIs('AF_INET') : { id: 'family', n };
    case 'ifa_prefixlen':
      return { id: 'prefix', n };
    case 'ifa_scope':
      return SCOPE_NAMES[n] === undefined ? { id: 'scope', n } : asIs(SCOPE_NAMES[n]);
    case 'ifa_index':
      return { id: 'row', text: IFA_INDEX_MEANING };
    default:
      return n ? asIs(`0x${n.toString(16)}`) : { id: 'none' };
  }
}

function headerField(f: WireField, fields: readonly WireField[], protocol: number): FieldText {
  const n = typeof f.value === 'number' ? f.value : 0;
  switch (f.name) {
    case 'nlmsg_len':
      return { id: 'length' };
    case 'nlmsg_type': {
      // A type the kernel has no name for is "type 42" in each language.
      const name = knownMessageTypeName(n, protocol);
      return name === undefined ? { id: 'type', n } : asIs(name);
    }
    case 'nlmsg_flags':
      return n ? asIs(formatFlags(sibling(fields, f, 'nlmsg_type'), n, protocol)) : { id: 'none' };
    case 'nlmsg_seq':
      return { id: 'seq' };
    default:
      return n === 0 ? { id: 'kernel-port' } : { id: 'port', n };
  }
}

function rtmsgField(f: WireField): FieldText {
  const n = typeof f.value === 'number' ? f.value : 0;
  const named = (names: Readonly<Record<number, string>>, id: 'protocol' | 'scope' | 'type'): FieldText => {
    const name = names[n];
    return name === undefined ? { id, n } : asIs(name);
  };
  switch (f.name) {
    case 'rtm_family':
      return n === AF_INET ? asIs('AF_INET') : { id: 'family', n };
    case 'rtm_dst_len':
      return { id: 'prefix', n };
    case 'rtm_src_len':
      return asIs(`/${n}`);
    case 'rtm_tos':
      return { id: 'tos' };
    case 'rtm_table':
      return TABLE_CONSTANT_NAMES[n] === undefined ? { id: 'table', table: String(n) } : asIs(TABLE_CONSTANT_NAMES[n]);
    case 'rtm_protocol':
      return named(PROTOCOL_NAMES, 'protocol');
    case 'rtm_scope':
      return named(SCOPE_NAMES, 'scope');
    case 'rtm_type':
      return named(ROUTE_TYPE_NAMES, 'type');
    default:
      return n ? asIs(`0x${n.toString(16)}`) : { id: 'none' };
  }
}

/** What one field means, as data; `fields` gives its siblings (a flag's meaning depends on the type). */
export function fieldText(f: WireField, fields: readonly WireField[], protocol = NETLINK_ROUTE): FieldText {
  const n = typeof f.value === 'number' ? f.value : 0;
  switch (f.section) {
    case 'nlmsghdr':
    case 'echoed nlmsghdr':
      return headerField(f, fields, protocol);
    case 'rtmsg':
      return rtmsgField(f);
    case 'rtattr':
    case 'nlattr':
      return attrField(f);
    case 'nlmsgerr':
      return errnoField(n, { id: 'ack' });
    case 'done':
      return errnoField(n, { id: 'dump-ok' });
    case 'rtmgr_entry_msg':
      return rtmgrField(f);
    case 'struct':
      return f.name.startsWith('ifa_') ? ifaddrField(f) : { id: 'not-decoded' };
    case 'padding':
      return { id: 'padding' };
    default:
      return { id: 'not-decoded' };
  }
}

/** The meaning of one field in English. */
export function fieldMeaning(f: WireField, fields: readonly WireField[], protocol = NETLINK_ROUTE): string {
  return sayField(fieldText(f, fields, protocol), FIELD_ENGLISH);
}

/** Decode one message and say what every field means; a failure names what is wrong and at which byte. */
export function decode(bytes: Uint8Array, protocol = NETLINK_ROUTE): Result<Decoded, WireError> {
  try {
    const { message, fields } = decodeMessage(bytes, protocol);
    return ok({
      message,
      fields: fields.map((f) => {
        const about = fieldText(f, fields, protocol);
        return { ...f, meaning: sayField(about, FIELD_ENGLISH), about };
      }),
    });
  } catch (e) {
    if (e instanceof WireError) return err(e);
    throw e;
  }
}
