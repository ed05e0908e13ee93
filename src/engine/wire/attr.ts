/**
 * The generic netlink attribute (TLV) codec: struct nlattr / struct rtattr, a u16 length (header
 * plus payload, padding not counted), a u16 type, the payload, padding to 4 bytes. A family only
 * says which layout each attribute type has; walking, alignment and byte ranges live here.
 */
import { align4, ipv4At, need, writeIpv4, WireError } from './bytes';
import type { WireField } from './field';

export const NLA_HDRLEN = 4;

export type NlAttr =
  | { type: number; kind: 'ipv4'; value: string }
  | { type: number; kind: 'u32'; value: number }
  | { type: number; kind: 'string'; value: string }
  /** A small struct of u32s, such as struct ifa_cacheinfo. */
  | { type: number; kind: 'u32s'; values: readonly number[] }
  | { type: number; kind: 'raw'; bytes: readonly number[] };

export type AttrLayout = NlAttr['kind'];

function payloadLength(a: NlAttr): number {
  switch (a.kind) {
    case 'ipv4':
    case 'u32':
      return 4;
    case 'string':
      return a.value.length + 1;
    case 'u32s':
      return 4 * a.values.length;
    case 'raw':
      return a.bytes.length;
  }
}

/** Bytes a list of attributes takes, each padded to 4. */
export function attrsLength(attrs: readonly NlAttr[]): number {
  let n = 0;
  for (let k = 0; k < attrs.length; k++) n += align4(NLA_HDRLEN + payloadLength(attrs[k]!));
  return n;
}

/** Writes the attributes at `at`; returns the offset after the last one's padding. */
export function writeAttrs(buf: Uint8Array, view: DataView, at: number, attrs: readonly NlAttr[]): number {
  let off = at;
  for (let k = 0; k < attrs.length; k++) {
    const a = attrs[k]!;
    const len = NLA_HDRLEN + payloadLength(a);
    view.setUint16(off, len, true);
    view.setUint16(off + 2, a.type, true);
    switch (a.kind) {
      case 'ipv4':
        writeIpv4(buf, off + 4, a.value);
        break;
      case 'u32':
        view.setUint32(off + 4, a.value >>> 0, true);
        break;
      case 'string':
        for (let i = 0; i < a.value.length; i++) buf[off + 4 + i] = a.value.charCodeAt(i) & 0xff;
        break;
      case 'u32s':
        for (let i = 0; i < a.values.length; i++) view.setUint32(off + 4 + 4 * i, a.values[i]! >>> 0, true);
        break;
      case 'raw':
        buf.set(a.bytes, off + 4);
        break;
    }
    off += align4(len);
  }
  return off;
}

export interface AttrSchema {
  /** "rtattr" or "nlattr": how the structure is called in the family's headers. */
  section: 'rtattr' | 'nlattr';
  name(type: number): string;
  layout(type: number): AttrLayout | undefined;
  /** For a 'u32s' attribute: the names of its u32 members. */
  members?(type: number): readonly string[];
}

/**
 * Reads attributes from `at` to `end`, adding each header, value and padding to `fields` with its
 * byte range. Throws WireError naming the attribute and the byte when a length does not fit.
 */
export function readAttrs(bytes: Uint8Array, view: DataView, at: number, end: number, schema: AttrSchema, fields: WireField[], prefix: string): NlAttr[] {
  const attrs: NlAttr[] = [];
  const s = schema.section;
  let off = at;
  for (let i = 0; off < end; i++) {
    need(bytes, off, NLA_HDRLEN, `${s} #${i} header`);
    const len = view.getUint16(off, true);
    const type = view.getUint16(off + 2, true);
    if (len < NLA_HDRLEN) throw new WireError(`${s} #${i} at byte ${off} has rta_len ${len}, less than its own 4-byte header`, off);
    if (off + len > end) throw new WireError(`${s} #${i} at byte ${off} claims ${len} bytes, past the end of the message (byte ${end})`, off);
    const plen = len - NLA_HDRLEN;
    const name = schema.name(type);
    const id = `${prefix}${s}[${i}]`;
    fields.push(
      { id: `${id}.rta_len`, section: s, name: `${name}.rta_len`, offset: off, length: 2, value: len },
      { id: `${id}.rta_type`, section: s, name: `${name}.rta_type`, offset: off + 2, length: 2, value: type },
    );
    const layout = schema.layout(type);
    let a: NlAttr;
    if (layout === 'ipv4' && plen === 4) {
      a = { type, kind: 'ipv4', value: ipv4At(bytes, off + 4) };
      fields.push({ id: `${id}.value`, section: s, name, offset: off + 4, length: 4, value: a.value });
    } else if (layout === 'u32' && plen === 4) {
      a = { type, kind: 'u32', value: view.getUint32(off + 4, true) };
      fields.push({ id: `${id}.value`, section: s, name, offset: off + 4, length: 4, value: a.value });
    } else if (layout === 'u32s' && plen > 0 && plen % 4 === 0) {
      const values: number[] = [];
      const names = schema.members?.(type) ?? [];
      for (let k = 0; k < plen / 4; k++) {
        values.push(view.getUint32(off + 4 + 4 * k, true));
        fields.push({ id: `${id}.value[${k}]`, section: s, name: `${name}.${names[k] ?? k}`, offset: off + 4 + 4 * k, length: 4, value: values[k]! });
      }
      a = { type, kind: 'u32s', values };
    } else if (layout === 'string' && plen > 0) {
      const raw = bytes.subarray(off + 4, off + len);
      const nul = raw.indexOf(0);
      a = { type, kind: 'string', value: String.fromCharCode(...(nul < 0 ? raw : raw.subarray(0, nul))) };
      fields.push({ id: `${id}.value`, section: s, name, offset: off + 4, length: plen, value: a.value });
    } else {
      a = { type, kind: 'raw', bytes: Array.from(bytes.subarray(off + 4, off + len)) };
      if (plen) fields.push({ id: `${id}.value`, section: s, name, offset: off + 4, length: plen, value: `${plen} bytes` });
    }
    attrs.push(a);
    const pad = align4(len) - len;
    if (pad && off + len + pad <= bytes.length) {
      fields.push({ id: `${id}.pad`, section: 'padding', name: `${name} padding`, offset: off + len, length: pad, value: pad });
    }
    off += align4(len);
  }
  return attrs;
}
