/**
 * Fixed C structs on the wire (struct nlmsghdr, struct rtmsg, struct ifaddrmsg): each is a table of
 * members with their offsets and sizes, read and written here once. Integers are host byte order.
 */
import { need } from './bytes';
import type { WireField } from './field';

/** One member: the key it has in TypeScript, the C name, its offset and its size in bytes. */
export type Member<T> = readonly [key: keyof T & string, name: string, offset: number, size: 1 | 2 | 4];

export interface StructLayout<T> {
  /** "struct rtmsg (12 bytes)": how a truncation error names it. */
  what: string;
  size: number;
  members: ReadonlyArray<Member<T>>;
}

export function readStruct<T>(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  layout: StructLayout<T>,
  fields: WireField[],
  idPrefix: string,
  section: WireField['section'],
): T {
  need(bytes, at, layout.size, layout.what);
  const out = {} as Record<string, number>;
  for (const [key, name, offset, size] of layout.members) {
    const value = size === 1 ? bytes[at + offset]! : size === 2 ? view.getUint16(at + offset, true) : view.getUint32(at + offset, true);
    out[key] = value;
    fields.push({ id: `${idPrefix}.${name}`, section, name, offset: at + offset, length: size, value });
  }
  return out as T;
}

export function writeStruct<T>(view: DataView, at: number, layout: StructLayout<T>, value: T): void {
  const members = layout.members;
  for (let i = 0; i < members.length; i++) {
    const [key, , offset, size] = members[i]!;
    const v = Number(value[key]) >>> 0;
    if (size === 1) view.setUint8(at + offset, v & 0xff);
    else if (size === 2) view.setUint16(at + offset, v & 0xffff, true);
    else view.setUint32(at + offset, v, true);
  }
}
