/** What each decoded field means, in words a learner reads beside the bytes. */
import { NETLINK_ROUTE } from '../protocol/netlink';
import { RTA_NAMES, PROTOCOL_NAMES, ROUTE_TYPE_NAMES, SCOPE_NAMES, TABLE_CONSTANT_NAMES, TABLE_NAMES, formatFlags, messageTypeName } from '../protocol/names';
import { RTA_ATTRS, RTA_OIF, RTA_PRIORITY, RTA_TABLE } from '../protocol/rtnetlink';
import { AF_INET, errnoName } from '../protocol/netlink';
import { err, ok, type Result } from '../result';
import { WireError } from '../wire/bytes';
import type { WireField } from '../wire/field';
import { decodeMessage, type NlMessage } from '../wire/message';
import { RTMGR_ENTRY_FIELDS } from '../families/rtmgr/entryMsg';

function rtmgrFieldMeaning(f: WireField): string {
  if (f.name === 'dst_len') return `/${f.value} prefix`;
  if (f.name === 'delay_ms') return f.value === 0 ? 'not armed (0)' : `${f.value} ms`;
  return RTMGR_ENTRY_FIELDS.find((x) => x.name === f.name)?.meaning ?? 'payload';
}

/** One decoded field, where its bytes are, and what it means. */
export interface DecodedField extends WireField {
  /** Human reading of the value (type name, flag names, address...). */
  meaning: string;
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

function errnoMeaning(v: number, zero: string): string {
  return v === 0 ? zero : `-${errnoName(-v) ?? -v}`;
}

function attrMeaning(f: WireField): string {
  if (f.name.endsWith('.rta_len')) return 'bytes, header included, padding not';
  if (f.name.endsWith('.rta_type'))
    return f.section === 'nlattr' ? String(f.name.slice(0, -'.rta_type'.length)) : (RTA_NAMES[f.value as number] ?? `attr ${f.value}`);
  if (f.section === 'nlattr')
    return f.name === 'NLMSGERR_ATTR_MSG'
      ? 'the kernel’s explanation'
      : f.name === 'NLMSGERR_ATTR_OFFS'
        ? 'byte offset of the offending attribute in the request'
        : 'extended ACK attribute';
  const info = RTA_ATTRS.find((a) => a.name === f.name);
  if (typeof f.value === 'string' && !info) return 'payload';
  if (info?.kind === 'ipv4' && typeof f.value === 'string' && f.length === 4) return 'IPv4 address, network byte order';
  if (typeof f.value !== 'number') return 'payload';
  if (info?.type === RTA_TABLE) return TABLE_NAMES[f.value] ? `table ${TABLE_NAMES[f.value]}` : `table ${f.value}`;
  if (info?.type === RTA_OIF) return 'output interface index';
  if (info?.type === RTA_PRIORITY) return 'route metric';
  return 'u32';
}

/** The meaning of one field; `fields` gives its siblings (a flag's meaning depends on the type). */
export function fieldMeaning(f: WireField, fields: readonly WireField[], protocol = NETLINK_ROUTE): string {
  const v = f.value;
  const n = typeof v === 'number' ? v : 0;
  switch (f.section) {
    case 'nlmsghdr':
    case 'echoed nlmsghdr':
      switch (f.name) {
        case 'nlmsg_len':
          return 'bytes, header included';
        case 'nlmsg_type':
          return messageTypeName(n, protocol);
        case 'nlmsg_flags':
          return n ? formatFlags(sibling(fields, f, 'nlmsg_type'), n, protocol) : 'none';
        case 'nlmsg_seq':
          return 'sequence number chosen by the sender';
        default:
          return n === 0 ? 'port id 0: the kernel' : `port id ${n}`;
      }
    case 'rtmsg':
      switch (f.name) {
        case 'rtm_family':
          return n === AF_INET ? 'AF_INET' : `family ${n}`;
        case 'rtm_dst_len':
          return `/${n} prefix`;
        case 'rtm_src_len':
          return `/${n}`;
        case 'rtm_tos':
          return 'type of service';
        case 'rtm_table':
          return TABLE_CONSTANT_NAMES[n] ?? `table ${n}`;
        case 'rtm_protocol':
          return PROTOCOL_NAMES[n] ?? `protocol ${n}`;
        case 'rtm_scope':
          return SCOPE_NAMES[n] ?? `scope ${n}`;
        case 'rtm_type':
          return ROUTE_TYPE_NAMES[n] ?? `type ${n}`;
        default:
          return n ? `0x${n.toString(16)}` : 'none';
      }
    case 'rtattr':
    case 'nlattr':
      return attrMeaning(f);
    case 'nlmsgerr':
      return errnoMeaning(n, '0: success, this is an ACK');
    case 'done':
      return errnoMeaning(n, '0: the dump ended normally');
    case 'rtmgr_entry_msg':
      return rtmgrFieldMeaning(f);
    case 'padding':
      return 'padding to a 4-byte boundary';
    default:
      return 'not decoded';
  }
}

/** Decode one message and say what every field means; a failure names what is wrong and at which byte. */
export function decode(bytes: Uint8Array, protocol = NETLINK_ROUTE): Result<Decoded, WireError> {
  try {
    const { message, fields } = decodeMessage(bytes, protocol);
    return ok({ message, fields: fields.map((f) => ({ ...f, meaning: fieldMeaning(f, fields, protocol) })) });
  } catch (e) {
    if (e instanceof WireError) return err(e);
    throw e;
  }
}
