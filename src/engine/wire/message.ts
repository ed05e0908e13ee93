/**
 * Netlink messages on the wire: struct nlmsghdr, then a payload whose layout the message type
 * decides (a family's struct and attributes, struct nlmsgerr, NLMSG_DONE's int).
 * Integers are host byte order (little-endian, as on x86); IPv4 addresses stay in network order.
 */
import { NETLINK_ROUTE, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLM_F_ACK_TLVS, NLM_F_CAPPED } from '../protocol/netlink';
import { RTM_NEWADDR, RTM_NEWROUTE } from '../protocol/rtnetlink';
import { readRoutePayload, routePayloadLength, writeRoutePayload, type RoutePayload } from '../families/route/rtmsg';
import { addrPayloadLength, readAddrPayload, writeAddrPayload, type AddrPayload } from '../families/route/ifaddr';
import { readRtmgrPayload, writeRtmgrPayload, type RtmgrPayload } from '../families/rtmgr/entryMsg';
import { NETLINK_RTMGR, RTMGR_ENTRY_MSG_LEN } from '../families/rtmgr/uapi';
import { attrsLength, readAttrs, writeAttrs, type AttrSchema, type NlAttr } from './attr';
import { align4, need, WireError } from './bytes';
import type { WireField } from './field';
import { readStruct, type StructLayout } from './struct';

export interface NlMsgHeader {
  /** nlmsg_len: whole message including the header, without trailing padding. */
  len: number;
  type: number;
  flags: number;
  seq: number;
  /** nlmsg_pid: a port id (0 is the kernel), not a process id. */
  pid: number;
}

export type NlPayload =
  | RoutePayload
  | AddrPayload
  /** NETLINK_RTMGR: struct rtmgr_entry_msg. */
  | RtmgrPayload
  /** struct nlmsgerr: the error, the request (whole, or its header when capped), then extended-ACK TLVs. */
  | { kind: 'error'; error: number; request: NlMessage; extAck?: readonly NlAttr[] }
  /** NLMSG_DONE: the dump's result, and extended-ACK TLVs when a dump request failed (NLM_F_ACK_TLVS). */
  | { kind: 'done'; value: number; extAck?: readonly NlAttr[] }
  | { kind: 'raw'; bytes: readonly number[] };

export interface NlMessage {
  header: NlMsgHeader;
  payload: NlPayload;
}

export const NLMSGERR_ATTR_MSG = 1;
export const NLMSGERR_ATTR_OFFS = 2;

/** Extended-ACK attributes (enum nlmsgerr_attrs). */
export const NLMSGERR_ATTRS: ReadonlyArray<{ type: number; name: string; layout: NlAttr['kind'] }> = [
  { type: 1, name: 'NLMSGERR_ATTR_MSG', layout: 'string' },
  { type: 2, name: 'NLMSGERR_ATTR_OFFS', layout: 'u32' },
  { type: 3, name: 'NLMSGERR_ATTR_COOKIE', layout: 'raw' },
  { type: 4, name: 'NLMSGERR_ATTR_POLICY', layout: 'raw' },
  { type: 5, name: 'NLMSGERR_ATTR_MISS_TYPE', layout: 'u32' },
  { type: 6, name: 'NLMSGERR_ATTR_MISS_NEST', layout: 'u32' },
];

const EXT_ACK_SCHEMA: AttrSchema = {
  section: 'nlattr',
  name: (type) => NLMSGERR_ATTRS.find((a) => a.type === type)?.name ?? `attr ${type}`,
  layout: (type) => NLMSGERR_ATTRS.find((a) => a.type === type)?.layout,
};

function isEmpty(p: NlPayload): boolean {
  return p.kind === 'raw' && p.bytes.length === 0;
}

function payloadLength(p: NlPayload): number {
  switch (p.kind) {
    case 'route':
      return routePayloadLength(p);
    case 'addr':
      return addrPayloadLength(p);
    case 'rtmgr':
      return RTMGR_ENTRY_MSG_LEN;
    case 'error':
      return 4 + (isEmpty(p.request.payload) ? NLMSG_HDRLEN : align4(encodedLength(p.request))) + attrsLength(p.extAck ?? []);
    case 'done':
      return 4 + attrsLength(p.extAck ?? []);
    case 'raw':
      return p.bytes.length;
  }
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
  if (len > scratch.length) {
    scratch = new Uint8Array(align4(len) * 2);
    scratchView = new DataView(scratch.buffer);
  }
  // Written in one pass into a buffer kept between calls, then copied out at its exact length: one
  // allocation per message. Padding is whatever was not written, so the region starts zeroed.
  scratch.fill(0, 0, align4(len));
  writeHeader(scratchView, 0, m.header);
  scratchView.setUint32(0, len, true);
  writePayload(scratch, scratchView, NLMSG_HDRLEN, m.payload);
  return scratch.slice(0, len);
}

let scratch = new Uint8Array(4096);
let scratchView = new DataView(scratch.buffer);

/** struct nlmsghdr. */
export const NLMSGHDR: StructLayout<NlMsgHeader> = {
  what: `struct nlmsghdr (${NLMSG_HDRLEN} bytes)`,
  size: NLMSG_HDRLEN,
  members: [
    ['len', 'nlmsg_len', 0, 4],
    ['type', 'nlmsg_type', 4, 2],
    ['flags', 'nlmsg_flags', 6, 2],
    ['seq', 'nlmsg_seq', 8, 4],
    ['pid', 'nlmsg_pid', 12, 4],
  ],
};

/**
 * NLMSGHDR written out member by member: every message and every echoed request has one, and a
 * loop over the table reads each member by a computed name, several times slower. message.test.ts
 * checks it writes what writeStruct(NLMSGHDR) writes.
 */
export function writeHeader(view: DataView, at: number, h: NlMsgHeader): void {
  view.setUint32(at, h.len >>> 0, true);
  view.setUint16(at + 4, h.type & 0xffff, true);
  view.setUint16(at + 6, h.flags & 0xffff, true);
  view.setUint32(at + 8, h.seq >>> 0, true);
  view.setUint32(at + 12, h.pid >>> 0, true);
}

function writePayload(buf: Uint8Array, view: DataView, at: number, p: NlPayload): void {
  switch (p.kind) {
    case 'route':
      return writeRoutePayload(buf, view, at, p);
    case 'addr':
      return writeAddrPayload(buf, view, at, p);
    case 'rtmgr':
      return writeRtmgrPayload(buf, view, at, p);
    case 'error': {
      view.setInt32(at, p.error, true);
      // The echoed header keeps the request's own nlmsg_len, even when its payload is left out.
      writeHeader(view, at + 4, p.request.header);
      writePayload(buf, view, at + 4 + NLMSG_HDRLEN, p.request.payload);
      if (p.extAck?.length) {
        const echoed = isEmpty(p.request.payload) ? NLMSG_HDRLEN : align4(encodedLength(p.request));
        writeAttrs(buf, view, at + 4 + echoed, p.extAck);
      }
      return;
    }
    case 'done':
      view.setInt32(at, p.value, true);
      if (p.extAck?.length) writeAttrs(buf, view, at + 4, p.extAck);
      return;
    case 'raw':
      buf.set(p.bytes, at);
      return;
  }
}

/** The datagram's messages (each starts on a 4-byte boundary). */
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

/** rtnetlink's route and address types come in groups of four (NEW, DEL, GET, SET) with one layout each. */
function inGroup(protocol: number, type: number, first: number): boolean {
  return protocol === NETLINK_ROUTE && type >= first && type < first + 4;
}

function decodeAt(bytes: Uint8Array, view: DataView, at: number, fields: WireField[], echoed: boolean, protocol: number): NlMessage {
  const header = readStruct(bytes, view, at, NLMSGHDR, fields, echoed ? 'echo' : 'nlmsghdr', echoed ? 'echoed nlmsghdr' : 'nlmsghdr');
  if (header.len < NLMSG_HDRLEN) throw new WireError(`nlmsg_len is ${header.len}, less than the 16-byte header`, at);
  const end = at + header.len;
  if (!echoed && end > bytes.length) throw new WireError(`truncated message: nlmsg_len says ${header.len} bytes, but only ${bytes.length - at} are there`, at);
  const body = at + NLMSG_HDRLEN;
  // An echoed request may be capped: only its header is present, although its nlmsg_len is the full length.
  const bodyEnd = Math.min(end, bytes.length);
  if (echoed && bodyEnd <= body) return cappedRequest(header);
  if (header.type === NLMSG_ERROR) return decodeError(bytes, view, header, body, end, fields, protocol);
  if (header.type === NLMSG_DONE) {
    need(bytes, body, 4, 'NLMSG_DONE value (4 bytes)');
    const value = view.getInt32(body, true);
    fields.push({ id: 'done.value', section: 'done', name: 'error', offset: body, length: 4, value });
    if (header.flags & NLM_F_ACK_TLVS && body + 4 < end) {
      const extAck = readAttrs(bytes, view, body + 4, Math.min(end, bytes.length), EXT_ACK_SCHEMA, fields, 'extack.');
      return { header, payload: { kind: 'done', value, extAck } };
    }
    return { header, payload: { kind: 'done', value } };
  }
  if (inGroup(protocol, header.type, RTM_NEWROUTE)) return { header, payload: readRoutePayload(bytes, view, body, bodyEnd, fields, echoed ? 'echo.' : '') };
  if (inGroup(protocol, header.type, RTM_NEWADDR)) return { header, payload: readAddrPayload(bytes, view, body, bodyEnd, fields, echoed ? 'echo.' : '') };
  // Every rtmgr type carries the 20-byte struct; a shorter payload stays raw (the module answers EINVAL).
  if (protocol === NETLINK_RTMGR && bodyEnd - body >= RTMGR_ENTRY_MSG_LEN)
    return { header, payload: readRtmgrPayload(bytes, view, body, bodyEnd, fields, echoed ? 'echo.' : '') };
  const raw = Array.from(bytes.subarray(body, bodyEnd));
  if (raw.length)
    fields.push({
      id: `${echoed ? 'echo.' : ''}payload`,
      section: echoed ? 'echoed payload' : 'payload',
      name: 'payload',
      offset: body,
      length: raw.length,
      value: `${raw.length} bytes`,
    });
  return { header, payload: { kind: 'raw', bytes: raw } };
}

function decodeError(bytes: Uint8Array, view: DataView, header: NlMsgHeader, body: number, end: number, fields: WireField[], protocol: number): NlMessage {
  need(bytes, body, 4, 'nlmsgerr.error (4 bytes)');
  const error = view.getInt32(body, true);
  fields.push({ id: 'nlmsgerr.error', section: 'nlmsgerr', name: 'error', offset: body, length: 4, value: error });
  const capped = (header.flags & NLM_F_CAPPED) !== 0;
  const tlvs = (header.flags & NLM_F_ACK_TLVS) !== 0;
  const echoAt = body + 4;
  // Extended-ACK TLVs follow the echo: the request's header when capped, else the whole request, padded.
  const echoedLen = !capped && echoAt + 4 <= bytes.length ? view.getUint32(echoAt, true) : NLMSG_HDRLEN;
  const echoEnd = echoAt + (capped ? NLMSG_HDRLEN : align4(Math.max(NLMSG_HDRLEN, echoedLen)));
  const slice = tlvs ? bytes.subarray(0, Math.min(echoEnd, bytes.length)) : bytes;
  const request = decodeAt(slice, new DataView(slice.buffer, slice.byteOffset, slice.byteLength), echoAt, fields, true, protocol);
  const payload: NlPayload = { kind: 'error', error, request: capped || echoAt + NLMSG_HDRLEN >= end ? cappedRequest(request.header) : request };
  if (tlvs && echoEnd < end) {
    const extAck = readAttrs(bytes, view, echoEnd, Math.min(end, bytes.length), EXT_ACK_SCHEMA, fields, 'extack.');
    return { header, payload: { ...payload, extAck } };
  }
  return { header, payload };
}

export interface WireDecoded {
  message: NlMessage;
  fields: WireField[];
}

/** Decode one netlink message of a protocol. Throws WireError, saying what is wrong and at which byte. */
export function decodeMessage(bytes: Uint8Array, protocol = NETLINK_ROUTE): WireDecoded {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: WireField[] = [];
  const message = decodeAt(bytes, view, 0, fields, false, protocol);
  return { message, fields };
}
