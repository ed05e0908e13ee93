/**
 * struct rtmgr_entry_msg, the 20-byte payload of every NETLINK_RTMGR message (rtmgr.h): name
 * (8 bytes, NUL-padded), dst (network order), dst_len, 3 bytes of pad, delay_ms (host order).
 */
import { ipv4At, need, writeIpv4, WireError } from '../../wire/bytes';
import type { WireField } from '../../wire/field';
import { RTMGR_ENTRY_MSG_LEN, RTMGR_NAME_LEN } from './uapi';

export interface RtmgrPayload {
  kind: 'rtmgr';
  /** The name's bytes up to the first NUL (all 8 when there is none). */
  name: string;
  dst: string;
  dstLen: number;
  delayMs: number;
}

/** The field table: name in the C struct, offset in the payload, size. */
export const RTMGR_ENTRY_FIELDS: ReadonlyArray<{ name: 'name' | 'dst' | 'dst_len' | 'pad' | 'delay_ms'; offset: number; length: number; meaning: string }> = [
  { name: 'name', offset: 0, length: RTMGR_NAME_LEN, meaning: 'entry name, NUL-padded' },
  { name: 'dst', offset: 8, length: 4, meaning: 'IPv4 destination, network byte order' },
  { name: 'dst_len', offset: 12, length: 1, meaning: 'prefix length' },
  { name: 'pad', offset: 13, length: 3, meaning: 'zero on send, ignored on receive' },
  { name: 'delay_ms', offset: 16, length: 4, meaning: 'the timer’s delay; 0 = not armed (ARM: 0 means 10 000)' },
];

export function writeRtmgrPayload(buf: Uint8Array, view: DataView, at: number, p: RtmgrPayload): void {
  for (let i = 0; i < p.name.length && i < RTMGR_NAME_LEN; i++) buf[at + i] = p.name.charCodeAt(i) & 0xff;
  writeIpv4(buf, at + 8, p.dst);
  buf[at + 12] = p.dstLen;
  view.setUint32(at + 16, p.delayMs >>> 0, true);
}

export function readRtmgrPayload(bytes: Uint8Array, view: DataView, at: number, end: number, fields: WireField[], prefix: string): RtmgrPayload {
  need(bytes, at, RTMGR_ENTRY_MSG_LEN, 'struct rtmgr_entry_msg (20 bytes)');
  if (at + RTMGR_ENTRY_MSG_LEN > end) throw new WireError(`nlmsg_len leaves ${end - at} bytes for struct rtmgr_entry_msg, which needs 20`, at);
  let name = '';
  for (let i = 0; i < RTMGR_NAME_LEN && bytes[at + i] !== 0; i++) name += String.fromCharCode(bytes[at + i]!);
  const p: RtmgrPayload = { kind: 'rtmgr', name, dst: ipv4At(bytes, at + 8), dstLen: bytes[at + 12]!, delayMs: view.getUint32(at + 16, true) };
  const values = {
    name: JSON.stringify(name),
    dst: p.dst,
    dst_len: p.dstLen,
    pad: Array.from(bytes.subarray(at + 13, at + 16)).join(' '),
    delay_ms: p.delayMs,
  };
  for (const f of RTMGR_ENTRY_FIELDS)
    fields.push({
      id: `${prefix}rtmgr_entry_msg.${f.name}`,
      section: 'rtmgr_entry_msg',
      name: f.name,
      offset: at + f.offset,
      length: f.length,
      value: values[f.name],
    });
  return p;
}
