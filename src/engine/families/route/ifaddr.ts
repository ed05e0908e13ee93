/** The layout of an address message: struct ifaddrmsg (8 bytes) followed by IFA_* attributes. */
import { IFA_ATTRS, IFA_CACHEINFO, IFA_CACHEINFO_MEMBERS, IFADDRMSG_LEN } from '../../protocol/rtnetlink';
import { attrsLength, readAttrs, writeAttrs, type AttrSchema, type NlAttr } from '../../wire/attr';
import { need, WireError } from '../../wire/bytes';
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

export function writeAddrPayload(buf: Uint8Array, view: DataView, at: number, p: AddrPayload): void {
  const a = p.ifa;
  buf.set([a.family, a.prefixLen, a.flags, a.scope], at);
  view.setUint32(at + 4, a.index >>> 0, true);
  writeAttrs(buf, view, at + IFADDRMSG_LEN, p.attrs);
}

const IFA_FIELDS: ReadonlyArray<[keyof IfAddrMsg, string, number, number]> = [
  ['family', 'ifa_family', 0, 1],
  ['prefixLen', 'ifa_prefixlen', 1, 1],
  ['flags', 'ifa_flags', 2, 1],
  ['scope', 'ifa_scope', 3, 1],
  ['index', 'ifa_index', 4, 4],
];

export function readAddrPayload(bytes: Uint8Array, view: DataView, at: number, end: number, fields: WireField[], prefix: string): AddrPayload {
  need(bytes, at, IFADDRMSG_LEN, 'struct ifaddrmsg (8 bytes)');
  if (at + IFADDRMSG_LEN > end) throw new WireError(`nlmsg_len leaves ${end - at} bytes for struct ifaddrmsg, which needs 8`, at);
  const ifa: IfAddrMsg = { family: bytes[at]!, prefixLen: bytes[at + 1]!, flags: bytes[at + 2]!, scope: bytes[at + 3]!, index: view.getUint32(at + 4, true) };
  for (const [key, name, off, length] of IFA_FIELDS) fields.push({ id: `${prefix}ifaddrmsg.${name}`, section: 'struct', name, offset: at + off, length, value: ifa[key] });
  return { kind: 'addr', ifa, attrs: readAttrs(bytes, view, at + IFADDRMSG_LEN, end, IFA_SCHEMA, fields, prefix) };
}
