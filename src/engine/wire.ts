/**
 * Netlink wire format: nlmsghdr + rtmsg + rtattr TLVs, nlmsgerr and NLMSG_DONE.
 * Integers are host byte order (little-endian, as on x86); IPv4 addresses stay in network order.
 * The decoder reports every field with its byte range so a viewer can link fields to bytes.
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

export interface NlMsgHeader {
  /** nlmsg_len: whole message including the header, without trailing padding. */
  len: number;
  type: number;
  flags: number;
  seq: number;
  /** nlmsg_pid: a port id (0 is the kernel), not a process id. */
  pid: number;
}

export type RouteAttr =
  | { type: number; kind: 'ipv4'; value: string }
  | { type: number; kind: 'u32'; value: number }
  | { type: number; kind: 'raw'; bytes: readonly number[] };

export interface RtMsg {
  family: number;
  dstLen: number;
  srcLen: number;
  tos: number;
  table: number;
  protocol: number;
  scope: number;
  type: number;
  flags: number;
}

export type NlPayload =
  | { kind: 'route'; rtmsg: RtMsg; attrs: readonly RouteAttr[] }
  | { kind: 'error'; error: number; request: NlMessage }
  | { kind: 'done'; value: number }
  | { kind: 'raw'; bytes: readonly number[] };

export interface NlMessage {
  header: NlMsgHeader;
  payload: NlPayload;
}

export const align4 = (n: number): number => (n + 3) & ~3;

const IPV4_ATTRS = new Set([RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC]);
const U32_ATTRS = new Set([RTA_OIF, RTA_IIF, RTA_PRIORITY, RTA_TABLE]);

export function ipv4ToBytes(addr: string): number[] {
  const parts = addr.split('.');
  if (parts.length !== 4) throw new WireError(`"${addr}" is not an IPv4 address`);
  return parts.map((p) => {
    const n = Number(p);
    if (!/^\d{1,3}$/.test(p) || n > 255) throw new WireError(`"${addr}" is not an IPv4 address`);
    return n;
  });
}

export class WireError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

function payloadLength(p: NlPayload): number {
  switch (p.kind) {
    case 'route':
      return RTMSG_LEN + p.attrs.reduce((n, a) => n + align4(RTA_HDRLEN + attrLength(a)), 0);
    case 'error':
      return 4 + (p.request.payload.kind === 'raw' && p.request.payload.bytes.length === 0 ? NLMSG_HDRLEN : align4(encodedLength(p.request)));
    case 'done':
      return 4;
    case 'raw':
      return p.bytes.length;
  }
}

function attrLength(a: RouteAttr): number {
  return a.kind === 'raw' ? a.bytes.length : 4;
}

/** nlmsg_len the encoder will write for this message. */
export function encodedLength(m: NlMessage): number {
  return NLMSG_HDRLEN + payloadLength(m.payload);
}

/** The echoed request inside an ACK carries only its header when capped. */
export function cappedRequest(header: NlMsgHeader): NlMessage {
  return { header, payload: { kind: 'raw', bytes: [] } };
}

/** Encode a message. nlmsg_len is computed, not taken from header.len (except for an echoed request header). */
export function encode(m: NlMessage): Uint8Array {
  const len = encodedLength(m);
  const buf = new Uint8Array(align4(len));
  const view = new DataView(buf.buffer);
  writeHeader(view, 0, { ...m.header, len });
  writePayload(buf, view, NLMSG_HDRLEN, m.payload);
  return buf.subarray(0, len);
}

function writeHeader(view: DataView, at: number, h: NlMsgHeader): void {
  view.setUint32(at, h.len, true);
  view.setUint16(at + 4, h.type, true);
  view.setUint16(at + 6, h.flags, true);
  view.setUint32(at + 8, h.seq >>> 0, true);
  view.setUint32(at + 12, h.pid >>> 0, true);
}

function writePayload(buf: Uint8Array, view: DataView, at: number, p: NlPayload): void {
  switch (p.kind) {
    case 'route': {
      const r = p.rtmsg;
      buf.set([r.family, r.dstLen, r.srcLen, r.tos, r.table, r.protocol, r.scope, r.type], at);
      view.setUint32(at + 8, r.flags >>> 0, true);
      let off = at + RTMSG_LEN;
      for (const a of p.attrs) {
        const plen = attrLength(a);
        view.setUint16(off, RTA_HDRLEN + plen, true);
        view.setUint16(off + 2, a.type, true);
        if (a.kind === 'ipv4') buf.set(ipv4ToBytes(a.value), off + 4);
        else if (a.kind === 'u32') view.setUint32(off + 4, a.value >>> 0, true);
        else buf.set(a.bytes, off + 4);
        off += align4(RTA_HDRLEN + plen);
      }
      return;
    }
    case 'error': {
      view.setInt32(at, p.error, true);
      // The echoed header keeps the request's own nlmsg_len, even when its payload is left out.
      writeHeader(view, at + 4, p.request.header);
      writePayload(buf, view, at + 4 + NLMSG_HDRLEN, p.request.payload);
      return;
    }
    case 'done':
      view.setInt32(at, p.value, true);
      return;
    case 'raw':
      buf.set(p.bytes, at);
      return;
  }
}

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

/** Split a datagram into its messages (each starts on a 4-byte boundary). */
export function splitDatagram(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  while (off + NLMSG_HDRLEN <= bytes.length) {
    const len = view.getUint32(off, true);
    if (len < NLMSG_HDRLEN) throw new WireError(`message at byte ${off} has nlmsg_len ${len}`, off);
    out.push(bytes.subarray(off, off + len));
    off += align4(len);
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 || /[^0-9a-f]/i.test(clean)) throw new WireError('hex text must be pairs of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** "34 00 00 00 18 00 …" as the inspector and CLI show bytes. */
export function hexPairs(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join(' ');
}
