/** Small pieces of C spelling shared by the snippets and the whole-program generator. */
import { flagNames, groupName, PROTOCOL_NAMES, ROUTE_TYPE_NAMES, SCOPE_NAMES, TABLE_CONSTANT_NAMES } from '../engine';

/** A C string literal. Only printable ASCII passes through; everything else is escaped. */
export function cString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 10) out += '\\n';
    else out += `\\x${c.toString(16).padStart(2, '0')}""`; // "" ends the hex escape so a following hex digit is not swallowed
  }
  return `${out}"`;
}

/** A C identifier from a scenario name ("P3/sync" -> "p3_sync"). */
export function ident(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(s) ? s : `_${s}`;
}

/** The nlmsg_flags expression, by the names the headers define; numbers only for bits without a name. */
export function flagsExpr(type: number, flags: number): string {
  if (flags === 0) return '0';
  return flagNames(type, flags).join(' | ');
}

const named = (table: Readonly<Record<number, string>>, v: number): string => table[v] ?? String(v);

/** rtmsg fields by the constants of <linux/rtnetlink.h>. */
export const rtmConstant = {
  table: (v: number) => named(TABLE_CONSTANT_NAMES, v),
  protocol: (v: number) => named(PROTOCOL_NAMES, v),
  scope: (v: number) => named(SCOPE_NAMES, v),
  type: (v: number) => named(ROUTE_TYPE_NAMES, v),
  family: (v: number) => (v === 2 ? 'AF_INET' : v === 0 ? 'AF_UNSPEC' : String(v)),
};

/** "RTMGRP_IPV4_ROUTE" for 0x40; other bits as numbers. The legacy mask names groups 1-32 as bits. */
export function groupsMaskExpr(mask: number): string {
  if (mask === 0) return '0';
  const parts: string[] = [];
  for (let g = 1; g <= 32; g++) {
    const bit = 2 ** (g - 1);
    if (Math.floor(mask / bit) % 2 === 1) {
      const name = groupName(g);
      parts.push(name.startsWith('RTNLGRP_') ? `RTMGRP_${name.slice('RTNLGRP_'.length)}` : `(1 << ${g - 1})`);
    }
  }
  return parts.join(' | ');
}

/** The group number by its RTNLGRP_ name when it has one. */
export function groupExpr(group: number): string {
  const name = groupName(group);
  return name.startsWith('RTNLGRP_') ? name : String(group);
}

export function hex(bytes: Uint8Array | readonly number[]): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Bytes as a C initialiser list, 12 a line. */
export function byteList(bytes: readonly number[], indent: string): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 12)
    lines.push(
      indent +
        bytes
          .slice(i, i + 12)
          .map((b) => `0x${b.toString(16).padStart(2, '0')}`)
          .join(', ') +
        ',',
    );
  return lines.join('\n');
}
