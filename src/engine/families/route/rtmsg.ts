/** The layout of a route message: struct rtmsg (12 bytes) followed by rtattr TLVs. */
import { RTA_ATTRS, RTMSG_LEN } from '../../protocol/rtnetlink';
import { RTA_NAMES } from '../../protocol/names';
import { attrsLength, readAttrs, writeAttrs, type AttrSchema, type NlAttr } from '../../wire/attr';
import { need, WireError } from '../../wire/bytes';
import { readStruct, type StructLayout } from '../../wire/struct';
import type { WireField } from '../../wire/field';

export type RouteAttr = NlAttr;

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

export interface RoutePayload {
  kind: 'route';
  rtmsg: RtMsg;
  attrs: readonly RouteAttr[];
}

const RTA_SCHEMA: AttrSchema = {
  section: 'rtattr',
  name: (type) => RTA_NAMES[type] ?? `attr ${type}`,
  layout: (type) => RTA_ATTRS.find((a) => a.type === type)?.kind,
};

export function routePayloadLength(p: RoutePayload): number {
  return RTMSG_LEN + attrsLength(p.attrs);
}

/** struct rtmsg: eight u8s and a u32. */
export const RTMSG: StructLayout<RtMsg> = {
  what: `struct rtmsg (${RTMSG_LEN} bytes)`,
  size: RTMSG_LEN,
  members: [
    ['family', 'rtm_family', 0, 1],
    ['dstLen', 'rtm_dst_len', 1, 1],
    ['srcLen', 'rtm_src_len', 2, 1],
    ['tos', 'rtm_tos', 3, 1],
    ['table', 'rtm_table', 4, 1],
    ['protocol', 'rtm_protocol', 5, 1],
    ['scope', 'rtm_scope', 6, 1],
    ['type', 'rtm_type', 7, 1],
    ['flags', 'rtm_flags', 8, 4],
  ],
};

/** RTMSG written out member by member (most messages of a run are routes); rtmsg.test.ts checks it against writeStruct(RTMSG). */
export function writeRtmsg(buf: Uint8Array, view: DataView, at: number, r: RtMsg): void {
  buf[at] = r.family;
  buf[at + 1] = r.dstLen;
  buf[at + 2] = r.srcLen;
  buf[at + 3] = r.tos;
  buf[at + 4] = r.table;
  buf[at + 5] = r.protocol;
  buf[at + 6] = r.scope;
  buf[at + 7] = r.type;
  view.setUint32(at + 8, r.flags >>> 0, true);
}

export function writeRoutePayload(buf: Uint8Array, view: DataView, at: number, p: RoutePayload): void {
  writeRtmsg(buf, view, at, p.rtmsg);
  writeAttrs(buf, view, at + RTMSG_LEN, p.attrs);
}

export function readRoutePayload(bytes: Uint8Array, view: DataView, at: number, end: number, fields: WireField[], prefix: string): RoutePayload {
  need(bytes, at, RTMSG_LEN, RTMSG.what);
  if (at + RTMSG_LEN > end) throw new WireError(`nlmsg_len leaves ${end - at} bytes for struct rtmsg, which needs ${RTMSG_LEN}`, at);
  const rtmsg = readStruct(bytes, view, at, RTMSG, fields, `${prefix}rtmsg`, 'rtmsg');
  const attrs = readAttrs(bytes, view, at + RTMSG_LEN, end, RTA_SCHEMA, fields, prefix);
  return { kind: 'route', rtmsg, attrs };
}
