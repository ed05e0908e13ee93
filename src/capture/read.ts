/**
 * Reading pcap and pcapng files of LINKTYPE_NETLINK. Packets are views into the file's bytes
 * (nothing is copied), every problem is reported with the packet number and the byte offset,
 * and reading stops at a cap on the number of netlink messages.
 */
import { CaptureError } from './errors';
import { ARPHRD_NETLINK, COOKED_HEADER_LEN, LINKTYPE_NETLINK, PACKET_KERNEL, PACKET_USER } from './nlmon';

export interface RawPacket {
  /** 1-based, as Wireshark numbers packets. */
  number: number;
  /** Byte offset of the packet's data (its cooked header) in the file. */
  offset: number;
  /** Microseconds since the epoch (since virtual time 0 for an export from here). */
  timeUs: number;
  /** PACKET_KERNEL: the kernel received it; PACKET_USER: a user socket did. */
  pktType: number;
  /** Netlink family from the cooked header (0: NETLINK_ROUTE). */
  family: number;
  /** The datagram: the netlink messages, without the cooked header. */
  datagram: Uint8Array;
  /** Where each message starts inside the datagram. */
  messageOffsets: number[];
  comment?: string;
}

export interface CaptureFile {
  format: 'pcap' | 'pcapng';
  packets: RawPacket[];
  messageCount: number;
  /** Section comment (pcapng), e.g. the title of an export. */
  comment?: string;
  /** Set when not everything was loaded, saying what was left out. */
  truncated?: string;
}

export interface ReadOptions {
  /** Stop after this many netlink messages (default 200 000). */
  maxMessages?: number;
  /** The bytes are only the beginning of a file: a record cut at the end is where loading stopped, not an error. */
  partialOf?: number;
}

export const DEFAULT_MAX_MESSAGES = 200_000;

const LINKTYPE_NAMES: Record<number, string> = {
  0: 'LINKTYPE_NULL',
  1: 'LINKTYPE_ETHERNET (Ethernet)',
  101: 'LINKTYPE_RAW (raw IP)',
  113: 'LINKTYPE_LINUX_SLL (Linux cooked)',
  276: 'LINKTYPE_LINUX_SLL2 (Linux cooked v2)',
};
const linktypeName = (n: number) => LINKTYPE_NAMES[n] ?? `link type ${n}`;
const utf8 = new TextDecoder();

class Reader {
  readonly packets: RawPacket[] = [];
  messages = 0;
  truncated: string | undefined;
  constructor(
    readonly bytes: Uint8Array,
    readonly view: DataView,
    readonly max: number,
  ) {}

  /** Checks a datagram's messages and adds the packet; false when the message cap is reached. */
  add(number: number, offset: number, timeUs: number, caplen: number): boolean {
    if (caplen < COOKED_HEADER_LEN) throw new CaptureError(`the packet has ${caplen} bytes, less than the 16-byte LINKTYPE_NETLINK header`, offset, number);
    // Offsets into the file's own view: no per-packet DataView.
    const dv = this.view;
    const base = offset;
    const pktType = dv.getUint16(base);
    const hatype = dv.getUint16(base + 2);
    if (hatype !== ARPHRD_NETLINK) throw new CaptureError(`the cooked header's ARPHRD type is ${hatype}, not ARPHRD_NETLINK (824)`, offset + 2, number);
    if (pktType !== PACKET_USER && pktType !== PACKET_KERNEL) {
      throw new CaptureError(`the cooked header's packet type is ${pktType}; nlmon writes PACKET_USER (6) or PACKET_KERNEL (7)`, offset, number);
    }
    const family = dv.getUint16(base + 14);
    const messageOffsets: number[] = [];
    let at = 0;
    const n = caplen - COOKED_HEADER_LEN;
    while (at < n) {
      const fileAt = offset + COOKED_HEADER_LEN + at;
      if (n - at < 16)
        throw new CaptureError(`${n - at} stray byte${n - at === 1 ? '' : 's'} after the last netlink message, too few for a 16-byte nlmsghdr`, fileAt, number);
      const len = dv.getUint32(base + COOKED_HEADER_LEN + at, true);
      if (len < 16) throw new CaptureError(`netlink message ${messageOffsets.length + 1} has nlmsg_len ${len}, less than its 16-byte header`, fileAt, number);
      if (len > n - at)
        throw new CaptureError(
          `netlink message ${messageOffsets.length + 1} has nlmsg_len ${len}, but only ${n - at} bytes are left in the datagram`,
          fileAt,
          number,
        );
      messageOffsets.push(at);
      at += (len + 3) & ~3;
    }
    if (this.messages + messageOffsets.length > this.max) {
      this.truncated = `only the first ${this.messages.toLocaleString('en-US')} netlink messages (packets 1–${this.packets.length.toLocaleString('en-US')}) were loaded; the cap is ${this.max.toLocaleString('en-US')}`;
      return false;
    }
    this.messages += messageOffsets.length;
    // The one view made per packet: the datagram, inside the file's bytes.
    const datagram = this.bytes.subarray(offset + COOKED_HEADER_LEN, offset + caplen);
    const p: RawPacket = { number, offset, timeUs, pktType, family, datagram, messageOffsets };
    this.packets.push(p);
    return true;
  }
}

function cutShort(r: Reader, partialOf: number | undefined, at: number, what: string): boolean {
  if (partialOf === undefined) return false;
  r.truncated = `only the first ${(r.bytes.length / 1e6).toFixed(0)} MB of ${(partialOf / 1e6).toFixed(0)} MB were read (${r.packets.length.toLocaleString('en-US')} packets); ${what} at byte ${at} is past that`;
  return true;
}

function readPcap(r: Reader, partialOf: number | undefined): CaptureFile {
  const { bytes, view } = r;
  if (bytes.length < 24) throw new CaptureError(`the pcap file header needs 24 bytes, the file has ${bytes.length}`, 0);
  const magic = view.getUint32(0, true);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const linktype = view.getUint32(20, le) & 0x0fffffff;
  if (linktype !== LINKTYPE_NETLINK)
    throw new CaptureError(`the file's link type is ${linktypeName(linktype)}, not LINKTYPE_NETLINK (253): this is not an nlmon capture`, 20);
  let at = 24;
  let number = 0;
  while (at < bytes.length) {
    number++;
    if (at + 16 > bytes.length) {
      if (cutShort(r, partialOf, at, `packet ${number}`)) break;
      throw new CaptureError(`the file ends inside the packet's 16-byte record header (${bytes.length - at} bytes left)`, at, number);
    }
    const sec = view.getUint32(at, le);
    const frac = view.getUint32(at + 4, le);
    const caplen = view.getUint32(at + 8, le);
    const origlen = view.getUint32(at + 12, le);
    if (at + 16 + caplen > bytes.length) {
      if (cutShort(r, partialOf, at, `packet ${number}`)) break;
      throw new CaptureError(
        `the packet claims ${caplen} captured bytes, but the file ends ${bytes.length - at - 16} bytes later (truncated file?)`,
        at + 8,
        number,
      );
    }
    if (caplen < origlen)
      throw new CaptureError(`only ${caplen} of the packet's ${origlen} bytes were captured (snap length): capture again without -s`, at + 8, number);
    const timeUs = sec * 1e6 + (nano ? frac / 1000 : frac);
    if (!r.add(number, at + 16, timeUs, caplen)) break;
    at += 16 + caplen;
  }
  return { format: 'pcap', packets: r.packets, messageCount: r.messages, ...(r.truncated ? { truncated: r.truncated } : {}) };
}

interface Iface {
  linktype: number;
  /** Microseconds per timestamp unit. */
  unitUs: number;
  offsetUs: number;
}

/** Walks a pcapng option list; returns the options as (code, start, length). */
function* optionsIn(view: DataView, from: number, end: number, le: boolean, number: number | undefined): Generator<[number, number, number]> {
  let at = from;
  while (at + 4 <= end) {
    const code = view.getUint16(at, le);
    const len = view.getUint16(at + 2, le);
    if (code === 0) return;
    if (at + 4 + len > end) throw new CaptureError(`option ${code} claims ${len} bytes, past the end of its block`, at, number);
    yield [code, at + 4, len];
    at += 4 + ((len + 3) & ~3);
  }
}

function readPcapng(r: Reader, partialOf: number | undefined): CaptureFile {
  const { bytes, view } = r;
  let le = true;
  let ifaces: Iface[] = [];
  let at = 0;
  let number = 0;
  let sectionComment: string | undefined;
  let lastTime = 0;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) {
      if (cutShort(r, partialOf, at, 'a block')) break;
      throw new CaptureError(`the file ends inside a block header (${bytes.length - at} bytes left)`, at);
    }
    const type = view.getUint32(at, true);
    if (type === 0x0a0d0d0a) {
      const bom = view.getUint32(at + 8, true);
      if (bom === 0x1a2b3c4d) le = true;
      else if (bom === 0x4d3c2b1a) le = false;
      else throw new CaptureError(`section header has byte-order magic 0x${bom.toString(16)}, expected 0x1a2b3c4d`, at + 8);
      ifaces = [];
    }
    const btype = view.getUint32(at, le);
    const total = view.getUint32(at + 4, le);
    const isPacket = btype === 6 || btype === 3 || btype === 2;
    const num = isPacket ? number + 1 : undefined;
    if (total < 12 || total % 4)
      throw new CaptureError(`block of type ${btype} has length ${total}; a block is at least 12 bytes and a multiple of 4`, at + 4, num);
    if (at + total > bytes.length) {
      if (cutShort(r, partialOf, at, num ? `packet ${num}` : 'a block')) break;
      throw new CaptureError(
        `block of type ${btype} claims ${total} bytes, but the file ends ${bytes.length - at} bytes after its start (truncated file?)`,
        at + 4,
        num,
      );
    }
    if (view.getUint32(at + total - 4, le) !== total)
      throw new CaptureError(`block of type ${btype}: the trailing length does not repeat the leading one (${total})`, at + total - 4, num);
    const end = at + total - 4;
    switch (btype) {
      case 0x0a0d0d0a: {
        if (total < 28) throw new CaptureError('section header block is shorter than 28 bytes', at + 4);
        const major = view.getUint16(at + 12, le);
        if (major !== 1) throw new CaptureError(`pcapng version ${major}.x is not supported (1.0 is)`, at + 12);
        for (const [code, o, len] of optionsIn(view, at + 24, end, le, undefined)) if (code === 1) sectionComment = utf8.decode(bytes.subarray(o, o + len));
        break;
      }
      case 1: {
        if (total < 20) throw new CaptureError('interface description block is shorter than 20 bytes', at + 4);
        const iface: Iface = { linktype: view.getUint16(at + 8, le), unitUs: 1, offsetUs: 0 };
        for (const [code, o, len] of optionsIn(view, at + 16, end, le, undefined)) {
          if (code === 9 && len >= 1) {
            const v = bytes[o]!;
            iface.unitUs = (v & 0x80 ? 2 ** -(v & 0x7f) : 10 ** -v) * 1e6;
          } else if (code === 14 && len >= 8) {
            iface.offsetUs = (view.getInt32(o + (le ? 4 : 0), le) * 2 ** 32 + view.getUint32(o + (le ? 0 : 4), le)) * 1e6;
          }
        }
        ifaces.push(iface);
        break;
      }
      case 6:
      case 2: {
        number++;
        const enh = btype === 6;
        if (total < 32) throw new CaptureError('packet block is shorter than 32 bytes', at + 4, number);
        const ifId = enh ? view.getUint32(at + 8, le) : view.getUint16(at + 8, le);
        const iface = ifaces[ifId];
        if (!iface) throw new CaptureError(`the packet names interface ${ifId}, which no interface description block declared`, at + 8, number);
        if (iface.linktype !== LINKTYPE_NETLINK)
          throw new CaptureError(
            `the packet is on interface ${ifId}, whose link type is ${linktypeName(iface.linktype)}, not LINKTYPE_NETLINK (253): this is not an nlmon capture`,
            at + 8,
            number,
          );
        const ticks = view.getUint32(at + 12, le) * 2 ** 32 + view.getUint32(at + 16, le);
        const caplen = view.getUint32(at + 20, le);
        const origlen = view.getUint32(at + 24, le);
        const dataAt = at + 28;
        if (dataAt + caplen > end)
          throw new CaptureError(`the packet claims ${caplen} captured bytes, more than its block holds (${end - dataAt})`, at + 20, number);
        if (caplen < origlen)
          throw new CaptureError(`only ${caplen} of the packet's ${origlen} bytes were captured (snap length): capture again without -s`, at + 20, number);
        const timeUs = ticks * iface.unitUs + iface.offsetUs;
        lastTime = timeUs;
        if (!r.add(number, dataAt, timeUs, caplen)) return done();
        if (enh) {
          for (const [code, o, len] of optionsIn(view, dataAt + ((caplen + 3) & ~3), end, le, number)) {
            if (code === 1) r.packets[r.packets.length - 1]!.comment = utf8.decode(bytes.subarray(o, o + len));
          }
        }
        break;
      }
      case 3: {
        number++;
        const iface = ifaces[0];
        if (!iface) throw new CaptureError('a simple packet block comes before any interface description block', at, number);
        if (iface.linktype !== LINKTYPE_NETLINK)
          throw new CaptureError(
            `interface 0 has link type ${linktypeName(iface.linktype)}, not LINKTYPE_NETLINK (253): this is not an nlmon capture`,
            at,
            number,
          );
        const origlen = view.getUint32(at + 8, le);
        const caplen = Math.min(origlen, total - 16);
        if (caplen < origlen) throw new CaptureError(`only ${caplen} of the packet's ${origlen} bytes were captured`, at + 8, number);
        // A simple packet block has no timestamp: it keeps the time of the packet before it.
        if (!r.add(number, at + 12, lastTime, caplen)) return done();
        break;
      }
      default:
        // Name resolution, statistics, decryption secrets, custom blocks: nothing to show here.
        break;
    }
    at += total;
  }
  return done();
  function done(): CaptureFile {
    return {
      format: 'pcapng',
      packets: r.packets,
      messageCount: r.messages,
      ...(sectionComment !== undefined ? { comment: sectionComment } : {}),
      ...(r.truncated ? { truncated: r.truncated } : {}),
    };
  }
}

/** Which capture format these bytes start with, or null. */
export function sniffCapture(bytes: Uint8Array): 'pcap' | 'pcapng' | null {
  if (bytes.length < 4) return null;
  const m = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (m === 0x0a0d0d0a) return 'pcapng';
  if (m === 0xa1b2c3d4 || m === 0xd4c3b2a1 || m === 0xa1b23c4d || m === 0x4d3cb2a1) return 'pcap';
  return null;
}

/** Parse a capture. Throws CaptureError naming the packet and byte offset of the first problem. */
export function readCapture(bytes: Uint8Array, opts: ReadOptions = {}): CaptureFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(bytes, view, opts.maxMessages ?? DEFAULT_MAX_MESSAGES);
  const kind = sniffCapture(bytes);
  if (kind === 'pcapng') return readPcapng(r, opts.partialOf);
  if (kind === 'pcap') return readPcap(r, opts.partialOf);
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new CaptureError(
    bytes.length < 4
      ? `the file has ${bytes.length} bytes, too few for a capture`
      : `not a pcap or pcapng file: it starts with ${head}, where pcap starts with d4 c3 b2 a1 and pcapng with 0a 0d 0d 0a`,
    0,
  );
}
