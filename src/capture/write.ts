/**
 * pcapng and classic pcap writers for LINKTYPE_NETLINK. Small on purpose: one section, one
 * interface, Enhanced Packet Blocks with a comment each; little-endian, microsecond timestamps.
 */
import { datagramsOf, type Datagram } from './datagrams';
import { COOKED_HEADER_LEN, LINKTYPE_NETLINK, PACKET_KERNEL, PACKET_USER, writeCookedHeader } from './nlmon';
import { DEFAULT_LATENCY_MS, type Timeline } from '../engine';

export type CaptureFormat = 'pcapng' | 'pcap';

export interface CapturePacket {
  /** Microseconds since the epoch (for an export: since virtual time 0). */
  timeUs: number;
  /** Cooked header + datagram. */
  data: Uint8Array;
  comment?: string;
}

const SNAPLEN = 262_144;
const utf8 = new TextEncoder();
const pad4 = (n: number) => (n + 3) & ~3;

/** A pcapng option list: (code, value) pairs, then opt_endofopt. */
function options(opts: Array<[number, Uint8Array]>): Uint8Array {
  if (!opts.length) return new Uint8Array(0);
  const len = opts.reduce((n, [, v]) => n + 4 + pad4(v.length), 0) + 4;
  const out = new Uint8Array(len);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [code, v] of opts) {
    view.setUint16(at, code, true);
    view.setUint16(at + 2, v.length, true);
    out.set(v, at + 4);
    at += 4 + pad4(v.length);
  }
  return out; // the trailing 4 zero bytes are opt_endofopt
}

function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(body, 8);
  view.setUint32(total - 4, total, true);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface PcapngOptions {
  /** Section comment, e.g. where the trace came from. */
  comment?: string;
}

export function writePcapng(packets: readonly CapturePacket[], opts: PcapngOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  // Section Header Block: byte-order magic, version 1.0, section length unknown (-1).
  const shbOpts = options([...(opts.comment ? [[1, utf8.encode(opts.comment)] as [number, Uint8Array]] : []), [4, utf8.encode('Netlink Visualizer')]]);
  const shb = new Uint8Array(16 + shbOpts.length);
  const sv = new DataView(shb.buffer);
  sv.setUint32(0, 0x1a2b3c4d, true);
  sv.setUint16(4, 1, true);
  sv.setUint16(6, 0, true);
  sv.setInt32(8, -1, true);
  sv.setInt32(12, -1, true);
  shb.set(shbOpts, 16);
  parts.push(block(0x0a0d0d0a, shb));
  // Interface Description Block: LINKTYPE_NETLINK; if_tsresol left at its default, microseconds.
  const idbOpts = options([[2, utf8.encode('nlmon0')]]);
  const idb = new Uint8Array(8 + idbOpts.length);
  const iv = new DataView(idb.buffer);
  iv.setUint16(0, LINKTYPE_NETLINK, true);
  iv.setUint32(4, SNAPLEN, true);
  idb.set(idbOpts, 8);
  parts.push(block(1, idb));
  for (const p of packets) {
    const popts = options(p.comment ? [[1, utf8.encode(p.comment)]] : []);
    const body = new Uint8Array(20 + pad4(p.data.length) + popts.length);
    const bv = new DataView(body.buffer);
    const us = Math.round(p.timeUs);
    bv.setUint32(0, 0, true);
    bv.setUint32(4, Math.floor(us / 2 ** 32), true);
    bv.setUint32(8, us >>> 0, true);
    bv.setUint32(12, p.data.length, true);
    bv.setUint32(16, p.data.length, true);
    body.set(p.data, 20);
    body.set(popts, 20 + pad4(p.data.length));
    parts.push(block(6, body));
  }
  return concat(parts);
}

export function writePcap(packets: readonly CapturePacket[]): Uint8Array {
  const out = new Uint8Array(24 + packets.reduce((n, p) => n + 16 + p.data.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, SNAPLEN, true);
  view.setUint32(20, LINKTYPE_NETLINK, true);
  let at = 24;
  for (const p of packets) {
    const us = Math.round(p.timeUs);
    view.setUint32(at, Math.floor(us / 1e6), true);
    view.setUint32(at + 4, us % 1e6, true);
    view.setUint32(at + 8, p.data.length, true);
    view.setUint32(at + 12, p.data.length, true);
    out.set(p.data, at + 16);
    at += 16 + p.data.length;
  }
  return out;
}

/** A datagram as nlmon hands it to a packet socket: the cooked header, then the bytes. */
export function packetOf(d: Datagram): CapturePacket {
  const data = new Uint8Array(COOKED_HEADER_LEN + d.bytes.length);
  writeCookedHeader(data, 0, d.direction === 'to-kernel' ? PACKET_KERNEL : PACKET_USER, d.family);
  data.set(d.bytes, COOKED_HEADER_LEN);
  return { timeUs: d.timeMs * 1000, data, comment: d.comment };
}

/** The section comment of an export; the importer reads the transit time back from it. */
export function exportComment(t: Timeline): string {
  return `${t.spec.title} (${t.spec.id}), simulated by Netlink Visualizer; times are the virtual clock; transit ${t.spec.settings?.latencyMs ?? DEFAULT_LATENCY_MS} ms`;
}

/** A timeline as a capture file, in the format nlmon + tcpdump would write it. */
export function exportCapture(t: Timeline, format: CaptureFormat = 'pcapng'): Uint8Array {
  const packets = datagramsOf(t).map(packetOf);
  return format === 'pcapng' ? writePcapng(packets, { comment: exportComment(t) }) : writePcap(packets);
}
