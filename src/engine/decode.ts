/**
 * Decoding netlink bytes back into named fields, each with its byte range, so a viewer can link
 * fields to bytes. Kept apart from the encoder: only the views that show bytes need it.
 */
import {
  NLMSG_HDRLEN,
  RTMSG_LEN,
  RTA_HDRLEN,
  NLMSG_ERROR,
  NLMSG_DONE,
  NLM_F_CAPPED,
  RTA_NAMES,
  RTA_DST,
  RTA_SRC,
  RTA_GATEWAY,
  RTA_PREFSRC,
  RTA_OIF,
  RTA_IIF,
  RTA_PRIORITY,
  RTA_TABLE,
  messageTypeName,
  formatFlags,
  errnoName,
  TABLE_NAMES,
  PROTOCOL_NAMES,
  SCOPE_NAMES,
  ROUTE_TYPE_NAMES,
} from './constants';
import { align4, cappedRequest, WireError, type NlMessage, type NlMsgHeader, type NlPayload, type RouteAttr, type RtMsg } from './wire';

const IPV4_ATTRS = new Set([RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC]);
const U32_ATTRS = new Set([RTA_OIF, RTA_IIF, RTA_PRIORITY, RTA_TABLE]);

/** One decoded field and where its bytes are. */
export interface DecodedField {
  /** Stable id, e.g. "nlmsghdr.nlmsg_len" or "rtattr[1].value". */
  id: string;
  /** Section it belongs to: nlmsghdr, rtmsg, rtattr, nlmsgerr, done, padding. */
  section: 'nlmsghdr' | 'rtmsg' | 'rtattr' | 'nlmsgerr' | 'echoed nlmsghdr' | 'echoed payload' | 'done' | 'padding' | 'payload';
  name: string;
  offset: number;
  length: number;
  value: number | string;
  /** Human reading of the value (type name, flag names, address...). */
  meaning: string;
}

export interface Decoded {
  message: NlMessage;
  fields: DecodedField[];
}

function need(bytes: Uint8Array, at: number, n: number, what: string): void {
  if (at + n > bytes.length) {
    throw new WireError(
      `truncated message: ${what} needs bytes ${at}–${at + n - 1}, but only ${bytes.length} byte${bytes.length === 1 ? '' : 's'} ${bytes.length === 1 ? 'is' : 'are'} there`,
      at,
    );
  }
}

function readHeader(bytes: Uint8Array, view: DataView, at: number): NlMsgHeader {
  need(bytes, at, NLMSG_HDRLEN, 'struct nlmsghdr (16 bytes)');
  return {
    len: view.getUint32(at, true),
    type: view.getUint16(at + 4, true),
    flags: view.getUint16(at + 6, true),
    seq: view.getUint32(at + 8, true),
    pid: view.getUint32(at + 12, true),
  };
}

function headerFields(h: NlMsgHeader, at: number, section: 'nlmsghdr' | 'echoed nlmsghdr', prefix: string): DecodedField[] {
  return [
    { id: `${prefix}.nlmsg_len`, section, name: 'nlmsg_len', offset: at, length: 4, value: h.len, meaning: 'bytes, header included' },
    { id: `${prefix}.nlmsg_type`, section, name: 'nlmsg_type', offset: at + 4, length: 2, value: h.type, meaning: messageTypeName(h.type) },
    { id: `${prefix}.nlmsg_flags`, section, name: 'nlmsg_flags', offset: at + 6, length: 2, value: h.flags, meaning: h.flags ? formatFlags(h.type, h.flags) : 'none' },
    { id: `${prefix}.nlmsg_seq`, section, name: 'nlmsg_seq', offset: at + 8, length: 4, value: h.seq, meaning: 'sequence number chosen by the sender' },
    { id: `${prefix}.nlmsg_pid`, section, name: 'nlmsg_pid', offset: at + 12, length: 4, value: h.pid, meaning: h.pid === 0 ? 'port id 0: the kernel' : `port id ${h.pid}` },
  ];
}

function ipv4At(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

function decodeRoute(bytes: Uint8Array, view: DataView, at: number, end: number, fields: DecodedField[], prefix: string): NlPayload {
  need(bytes, at, RTMSG_LEN, 'struct rtmsg (12 bytes)');
  if (at + RTMSG_LEN > end) throw new WireError(`nlmsg_len leaves ${end - at} bytes for struct rtmsg, which needs 12`, at);
  const rtmsg: RtMsg = {
    family: bytes[at]!,
    dstLen: bytes[at + 1]!,
    srcLen: bytes[at + 2]!,
    tos: bytes[at + 3]!,
    table: bytes[at + 4]!,
    protocol: bytes[at + 5]!,
    scope: bytes[at + 6]!,
    type: bytes[at + 7]!,
    flags: view.getUint32(at + 8, true),
  };
  const rt = (name: string, off: number, len: number, value: number, meaning: string): DecodedField => ({
    id: `${prefix}rtmsg.${name}`, section: 'rtmsg', name, offset: at + off, length: len, value, meaning,
  });
  fields.push(
    rt('rtm_family', 0, 1, rtmsg.family, rtmsg.family === 2 ? 'AF_INET' : `family ${rtmsg.family}`),
    rt('rtm_dst_len', 1, 1, rtmsg.dstLen, `/${rtmsg.dstLen} prefix`),
    rt('rtm_src_len', 2, 1, rtmsg.srcLen, `/${rtmsg.srcLen}`),
    rt('rtm_tos', 3, 1, rtmsg.tos, 'type of service'),
    rt('rtm_table', 4, 1, rtmsg.table, TABLE_NAMES[rtmsg.table] ? `RT_TABLE_${TABLE_NAMES[rtmsg.table]!.toUpperCase()}` : rtmsg.table === 0 ? 'RT_TABLE_UNSPEC' : `table ${rtmsg.table}`),
    rt('rtm_protocol', 5, 1, rtmsg.protocol, PROTOCOL_NAMES[rtmsg.protocol] ?? `protocol ${rtmsg.protocol}`),
    rt('rtm_scope', 6, 1, rtmsg.scope, SCOPE_NAMES[rtmsg.scope] ?? `scope ${rtmsg.scope}`),
    rt('rtm_type', 7, 1, rtmsg.type, ROUTE_TYPE_NAMES[rtmsg.type] ?? `type ${rtmsg.type}`),
    rt('rtm_flags', 8, 4, rtmsg.flags, rtmsg.flags ? `0x${rtmsg.flags.toString(16)}` : 'none'),
  );
  const attrs: RouteAttr[] = [];
  let off = at + RTMSG_LEN;
  let i = 0;
  while (off < end) {
    need(bytes, off, RTA_HDRLEN, `rtattr #${i} header`);
    const len = view.getUint16(off, true);
    const type = view.getUint16(off + 2, true);
    if (len < RTA_HDRLEN) throw new WireError(`rtattr #${i} at byte ${off} has rta_len ${len}, less than its own 4-byte header`, off);
    if (off + len > end) throw new WireError(`rtattr #${i} at byte ${off} claims ${len} bytes, past the end of the message (byte ${end})`, off);
    const plen = len - RTA_HDRLEN;
    const name = RTA_NAMES[type] ?? `attr ${type}`;
    const id = `${prefix}rtattr[${i}]`;
    fields.push(
      { id: `${id}.rta_len`, section: 'rtattr', name: `${name}.rta_len`, offset: off, length: 2, value: len, meaning: 'bytes, header included, padding not' },
      { id: `${id}.rta_type`, section: 'rtattr', name: `${name}.rta_type`, offset: off + 2, length: 2, value: type, meaning: name },
    );
    let attr: RouteAttr;
    if (IPV4_ATTRS.has(type) && plen === 4) {
      attr = { type, kind: 'ipv4', value: ipv4At(bytes, off + 4) };
      fields.push({ id: `${id}.value`, section: 'rtattr', name, offset: off + 4, length: 4, value: attr.value, meaning: 'IPv4 address, network byte order' });
    } else if (U32_ATTRS.has(type) && plen === 4) {
      attr = { type, kind: 'u32', value: view.getUint32(off + 4, true) };
      const meaning = type === RTA_TABLE ? (TABLE_NAMES[attr.value] ? `table ${TABLE_NAMES[attr.value]}` : `table ${attr.value}`) : type === RTA_OIF ? 'output interface index' : type === RTA_PRIORITY ? 'route metric' : 'u32';
      fields.push({ id: `${id}.value`, section: 'rtattr', name, offset: off + 4, length: 4, value: attr.value, meaning });
    } else {
      attr = { type, kind: 'raw', bytes: Array.from(bytes.subarray(off + 4, off + len)) };
      if (plen) fields.push({ id: `${id}.value`, section: 'rtattr', name, offset: off + 4, length: plen, value: `${plen} bytes`, meaning: 'payload' });
    }
    attrs.push(attr);
    const pad = align4(len) - len;
    if (pad && off + len + pad <= bytes.length) {
      fields.push({ id: `${id}.pad`, section: 'padding', name: `${name} padding`, offset: off + len, length: pad, value: pad, meaning: 'padding to a 4-byte boundary' });
    }
    off += align4(len);
    i++;
  }
  return { kind: 'route', rtmsg, attrs };
}

function decodeAt(bytes: Uint8Array, view: DataView, at: number, fields: DecodedField[], echoed: boolean): NlMessage {
  const header = readHeader(bytes, view, at);
  fields.push(...headerFields(header, at, echoed ? 'echoed nlmsghdr' : 'nlmsghdr', echoed ? 'echo' : 'nlmsghdr'));
  if (header.len < NLMSG_HDRLEN) throw new WireError(`nlmsg_len is ${header.len}, less than the 16-byte header`, at);
  const end = at + header.len;
  if (!echoed && end > bytes.length) {
    throw new WireError(`truncated message: nlmsg_len says ${header.len} bytes, but only ${bytes.length - at} are there`, at);
  }
  const body = at + NLMSG_HDRLEN;
  // An echoed request may be capped: only its header is present, although its nlmsg_len is the full length.
  const bodyEnd = Math.min(end, bytes.length);
  if (echoed && bodyEnd <= body) return { header, payload: { kind: 'raw', bytes: [] } };
  if (header.type === NLMSG_ERROR) {
    need(bytes, body, 4, 'nlmsgerr.error (4 bytes)');
    const error = view.getInt32(body, true);
    const name = errnoName(-error);
    fields.push({ id: 'nlmsgerr.error', section: 'nlmsgerr', name: 'error', offset: body, length: 4, value: error, meaning: error === 0 ? '0: success, this is an ACK' : `-${name ?? -error}` });
    const capped = (header.flags & NLM_F_CAPPED) !== 0;
    const request = decodeAt(bytes, view, body + 4, fields, true);
    const echoedBody = body + 4 + NLMSG_HDRLEN;
    if (capped || echoedBody >= end) return { header, payload: { kind: 'error', error, request: cappedRequest(request.header) } };
    return { header, payload: { kind: 'error', error, request } };
  }
  if (header.type === NLMSG_DONE) {
    need(bytes, body, 4, 'NLMSG_DONE value (4 bytes)');
    const value = view.getInt32(body, true);
    fields.push({ id: 'done.value', section: 'done', name: 'error', offset: body, length: 4, value, meaning: value === 0 ? '0: the dump ended normally' : `-${errnoName(-value) ?? -value}` });
    return { header, payload: { kind: 'done', value } };
  }
  if (header.type >= 24 && header.type <= 27) {
    return { header, payload: decodeRoute(bytes, view, body, bodyEnd, fields, echoed ? 'echo.' : '') };
  }
  const raw = Array.from(bytes.subarray(body, bodyEnd));
  if (raw.length) fields.push({ id: `${echoed ? 'echo.' : ''}payload`, section: echoed ? 'echoed payload' : 'payload', name: 'payload', offset: body, length: raw.length, value: `${raw.length} bytes`, meaning: 'not decoded' });
  return { header, payload: { kind: 'raw', bytes: raw } };
}

/** Decode one netlink message. Throws WireError, saying what is wrong and at which byte, on bad input. */
export function decode(bytes: Uint8Array): Decoded {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: DecodedField[] = [];
  const message = decodeAt(bytes, view, 0, fields, false);
  return { message, fields };
}

