/**
 * A request as a C programmer writes it: one struct whose members are the nlmsghdr, the rtmsg and
 * each rtattr with its payload, initialised field by field. The values come from the message's own
 * bytes (decoded by the engine), so the struct is the wire layout: a _Static_assert says so, and the
 * compiler checks it.
 */
import { decode, IFA_ATTRS, IFA_CACHEINFO_MEMBERS, messageTypeName, RTA_NAMES, type NlAttr, type NlMessage } from '../engine';
import { byteList, cString, flagsExpr, rtmConstant } from './c';

const T = '\t';

function align4(n: number): number {
  return (n + 3) & ~3;
}

const IFA_NAMES: Readonly<Record<number, string>> = Object.fromEntries(IFA_ATTRS.map((a) => [a.type, a.name]));

/** Attribute names by type: route messages use RTA_*, address messages IFA_*. */
type Names = Readonly<Record<number, string>>;

function attrPayloadLength(a: NlAttr): number {
  switch (a.kind) {
    case 'ipv4':
    case 'u32':
      return 4;
    case 'u32s':
      return a.values.length * 4;
    case 'string':
      return a.value.length + 1;
    case 'raw':
      return a.bytes.length;
  }
}

/** "RTA_GATEWAY" -> "gateway", "IFA_LOCAL" -> "local"; unknown types get "attr<type>". */
function memberName(type: number, names: Names, used: Map<string, number>): string {
  const name = names[type];
  const base = name ? name.replace(/^(RTA|IFA)_/, '').toLowerCase() : `attr${type}`;
  const n = (used.get(base) ?? 0) + 1;
  used.set(base, n);
  return n === 1 ? base : `${base}_${n}`;
}

export interface RequestCode {
  /** Lines of C (no trailing newlines), indented with tabs from `indent`. */
  lines: string[];
  /** nlmsg_len */
  length: number;
  typeName: string;
  seq: number;
  flags: number;
}

/** Why a comment beside an attribute value helps a reader: what the number or bytes stand for. */
function attrValueComment(a: NlAttr, names: Names, interfaces: Readonly<Record<number, string>>): string {
  if (a.kind === 'ipv4') return `/* ${a.value}, network byte order */`;
  if (a.kind === 'u32') {
    const name = names[a.type];
    if (name === 'RTA_OIF' || name === 'RTA_IIF') return interfaces[a.value] ? `/* ifindex of ${interfaces[a.value]} */` : '/* ifindex */';
    if (name === 'RTA_PRIORITY') return '/* metric */';
  }
  return '';
}

function attrValue(a: NlAttr, names: Names): string {
  switch (a.kind) {
    case 'ipv4':
      return `{ ${a.value.split('.').join(', ')} }`;
    case 'u32': {
      const name = names[a.type];
      return name === 'RTA_TABLE' ? rtmConstant.table(a.value) : String(a.value);
    }
    case 'u32s':
      if (names[a.type] === 'IFA_CACHEINFO' && a.values.length === IFA_CACHEINFO_MEMBERS.length) {
        return `{ ${a.values.map((v, i) => `.${IFA_CACHEINFO_MEMBERS[i]} = ${v === 0xffffffff ? '0xffffffff /* forever */' : v}`).join(', ')} }`;
      }
      return `{ ${a.values.join(', ')} }`;
    case 'string':
      return cString(a.value);
    case 'raw':
      return `{ ${a.bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')} }`;
  }
}

function attrType(a: NlAttr, member: string, names: Names): string {
  switch (a.kind) {
    case 'ipv4':
      return `__u8 ${member}[4];`;
    case 'u32':
      return `__u32 ${member};`;
    case 'u32s':
      return names[a.type] === 'IFA_CACHEINFO' && a.values.length === IFA_CACHEINFO_MEMBERS.length
        ? `struct ifa_cacheinfo ${member};`
        : `__u32 ${member}[${a.values.length}];`;
    case 'string':
      return `char ${member}[${a.value.length + 1}];`;
    case 'raw':
      return `__u8 ${member}[${a.bytes.length}];`;
  }
}

/**
 * The C declaration of a request, named `name`, from its bytes. Returns undefined when the bytes do
 * not decode (then there is nothing sensible to write).
 */
export function requestDecl(
  bytes: Uint8Array,
  opts: { name?: string; indent?: string; interfaces?: Readonly<Record<number, string>> } = {},
): RequestCode | undefined {
  const d = decode(bytes);
  if (!d.ok) return undefined;
  return requestDeclOf(d.value.message, bytes, opts);
}

export function requestDeclOf(
  m: NlMessage,
  bytes: Uint8Array,
  opts: { name?: string; indent?: string; interfaces?: Readonly<Record<number, string>> } = {},
): RequestCode {
  const name = opts.name ?? 'req';
  const length = bytes.length;
  const i0 = opts.indent ?? '';
  const i1 = i0 + T;
  const i2 = i1 + T;
  const interfaces = opts.interfaces ?? {};
  const h = m.header;
  const typeName = messageTypeName(h.type);
  const members: string[] = [`${i1}struct nlmsghdr nh;`];
  const inits: string[] = [];
  let size = 16;
  const p = m.payload;
  const attrs = (list: readonly NlAttr[], names: Names) => {
    const used = new Map<string, number>();
    for (const a of list) {
      const member = memberName(a.type, names, used);
      const len = attrPayloadLength(a);
      const typeConst = names[a.type] ?? String(a.type);
      members.push(`${i1}struct rtattr ${member}_rta;`, `${i1}${attrType(a, member, names)}`);
      inits.push(`${i1}.${member}_rta = { .rta_len = RTA_LENGTH(${len}), .rta_type = ${typeConst} },`);
      const comment = attrValueComment(a, names, interfaces);
      inits.push(`${i1}.${member} = ${attrValue(a, names)},${comment ? ` ${comment}` : ''}`);
      size += 4 + len;
      const pad = align4(4 + len) - (4 + len);
      if (pad) {
        // The next rtattr starts on a 4-byte boundary (RTA_ALIGN); the padding is part of the message.
        members.push(`${i1}__u8 ${member}_pad[${pad}];`);
        size += pad;
      }
    }
  };
  if (p.kind === 'route') {
    members.push(`${i1}struct rtmsg rtm;`);
    size += 12;
    const r = p.rtmsg;
    inits.push(
      `${i1}.rtm = {`,
      `${i2}.rtm_family = ${rtmConstant.family(r.family)},`,
      `${i2}.rtm_dst_len = ${r.dstLen},`,
      `${i2}.rtm_src_len = ${r.srcLen},`,
      `${i2}.rtm_tos = ${r.tos},`,
      `${i2}.rtm_table = ${rtmConstant.table(r.table)},`,
      `${i2}.rtm_protocol = ${rtmConstant.protocol(r.protocol)},`,
      `${i2}.rtm_scope = ${rtmConstant.scope(r.scope)},`,
      `${i2}.rtm_type = ${rtmConstant.type(r.type)},`,
      `${i2}.rtm_flags = ${r.flags},`,
      `${i1}},`,
    );
    attrs(p.attrs, RTA_NAMES);
  } else if (p.kind === 'addr') {
    members.push(`${i1}struct ifaddrmsg ifa;`);
    size += 8;
    const a = p.ifa;
    inits.push(
      `${i1}.ifa = {`,
      `${i2}.ifa_family = ${rtmConstant.family(a.family)},`,
      `${i2}.ifa_prefixlen = ${a.prefixLen},`,
      `${i2}.ifa_flags = ${a.flags},`,
      `${i2}.ifa_scope = ${rtmConstant.scope(a.scope)},`,
      `${i2}.ifa_index = ${a.index},${interfaces[a.index] ? ` /* ifindex of ${interfaces[a.index]} */` : ''}`,
      `${i1}},`,
    );
    attrs(p.attrs, IFA_NAMES);
  } else if (length > 16) {
    // A payload the generator has no struct for is written out as the bytes it is.
    const raw = [...bytes.subarray(16)];
    members.push(`${i1}__u8 payload[${raw.length}];`);
    inits.push(`${i1}.payload = {`, byteList(raw, i2), `${i1}},`);
    size += align4(raw.length);
  }
  const lenExpr = length === size ? `sizeof(${name})` : String(length);
  const lines = [
    `${i0}struct {`,
    ...members,
    `${i0}} ${name} = {`,
    `${i1}.nh = {`,
    `${i2}.nlmsg_len = ${lenExpr},${length === size ? ` /* ${length} bytes */` : ''}`,
    `${i2}.nlmsg_type = ${typeName},`,
    `${i2}.nlmsg_flags = ${flagsExpr(h.type, h.flags)},`,
    `${i2}.nlmsg_seq = ${h.seq >>> 0},`,
    `${i2}.nlmsg_pid = ${h.pid >>> 0},${h.pid === 0 ? ' /* the kernel knows the sender from the socket */' : ''}`,
    `${i1}},`,
    ...inits,
    `${i0}};`,
    `${i0}_Static_assert(sizeof(${name}) == ${align4(size)}, "the struct is laid out exactly as the ${align4(size)} bytes on the wire");`,
  ];
  return { lines, length, typeName, seq: h.seq >>> 0, flags: h.flags };
}
