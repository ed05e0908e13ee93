/**
 * Netlink wire format: nlmsghdr + rtmsg + rtattr TLVs, nlmsgerr and NLMSG_DONE.
 * Integers are host byte order (little-endian, as on x86); IPv4 addresses stay in network order.
 * The decoder reports every field with its byte range so a viewer can link fields to bytes.
 */
import { NLMSG_HDRLEN, RTMSG_LEN, RTA_HDRLEN } from './constants';

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
