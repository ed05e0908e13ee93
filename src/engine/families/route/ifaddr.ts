/** The layout of an address message: struct ifaddrmsg (8 bytes) followed by IFA_* attributes. */
import { IFA_ATTRS, IFA_CACHEINFO, IFA_CACHEINFO_MEMBERS, IFADDRMSG_LEN } from '../../protocol/rtnetlink';
import { attrsLength, readAttrs, writeAttrs, type AttrSchema, type NlAttr } from '../../wire/attr';
import { need, WireError } from '../../wire/bytes';
import { readStruct, writeStruct, type StructLayout } from '../../wire/struct';
import type { WireField } from '../../wire/field';

export interface IfAddrMsg {
  family: number;
  prefixLen: number;
  flags: number;
  scope: number;
  index: number;
}

export interface AddrPayload {
  kind: 'addr';
  ifa: IfAddrMsg;
  attrs: readonly NlAttr[];
}

const IFA_SCHEMA: AttrSchema = {
  section: 'rtattr',
  name: (type) => IFA_ATTRS.find((a) => a.type === type)?.name ?? `attr ${type}`,
  layout: (type) => IFA_ATTRS.find((a) => a.type === type)?.kind,
  members: (type) => (type === IFA_CACHEINFO ? IFA_CACHEINFO_MEMBERS : []),
};

export function addrPayloadLength(p: AddrPayload): number {
  return IFADDRMSG_LEN + attrsLength(p.attrs);
}

/** struct ifaddrmsg: four u8s and the interface index. */
const IFADDRMSG: StructLayout<IfAddrMsg> = {
  what: `struct ifaddrmsg (${IFADDRMSG_LEN} bytes)`,
  size: IFADDRMSG_LEN,
  members: [
    ['family', 'ifa_family', 0, 1],
    ['prefixLen', 'ifa_prefixlen', 1, 1],
    ['flags', 'ifa_flags', 2, 1],
    ['scope', 'ifa_scope', 3, 1],
    ['index', 'ifa_index', 4, 4],
  ],
};

export function writeAddrPayload(buf: Uint8Array, view: DataView, at: number, p: AddrPayload): void {
  writeStruct(view, at, IFADDRMSG, p.ifa);
  writeAttrs(buf, view, at + IFADDRMSG_LEN, p.attrs);
}

export function readAddrPayload(bytes: Uint8Array, view: DataView, at: number, end: number, fields: WireField[], prefix: string): AddrPayload {
  need(bytes, at, IFADDRMSG_LEN, IFADDRMSG.what);
  if (at + IFADDRMSG_LEN > end) throw new WireError(`nlmsg_len leaves ${end - at} bytes for struct ifaddrmsg, which needs ${IFADDRMSG_LEN}`, at);
  const ifa = readStruct(bytes, view, at, IFADDRMSG, fields, `${prefix}ifaddrmsg`, 'struct');
  return { kind: 'addr', ifa, attrs: readAttrs(bytes, view, at + IFADDRMSG_LEN, end, IFA_SCHEMA, fields, prefix) };
}
