/**
 * Every lecture exported as a capture and read back by Wireshark's tshark: the same netlink
 * messages, field by field. Then the export imported here again, and a capture made of real
 * kernel bytes imported. tshark comes from scripts/ensure-tshark.mjs (run by `npm run test:unit`);
 * without it this file fails, unless SKIP_TSHARK=1 says to skip it (and the skip is printed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decode, fromHex, toHex, type NlMessage } from '../engine';
import { LECTURES } from '../scenarios/catalog';
import { datagramsOf, exportCapture, importCapture, readCapture, type Datagram } from './index';
import { fixtureCapture, kernelFixture as capture, lectureTimeline } from './test-helpers';

const TSHARK = process.env.TSHARK_PATH || '/usr/bin/tshark';
const have = existsSync(TSHARK);
const skip = !have && process.env.SKIP_TSHARK === '1';
if (!have) {
  const msg = `tshark is missing at ${TSHARK}: the Wireshark round-trip checks ${skip ? 'are SKIPPED (SKIP_TSHARK=1)' : 'FAIL'}. Install it with node scripts/ensure-tshark.mjs (as root) or apt-get install tshark.`;
  console.error(`\n*** ${msg} ***\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'nlcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;
interface Seen {
  len: number;
  type: number;
  flags: number;
  seq: number;
  pid: number;
  attrs: Array<[number, string]>;
}

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Attribute payloads compare as bytes: tshark shows some as numbers, some as hex. */
const le32 = (n: number) => toHex(new Uint8Array(new Uint32Array([n >>> 0]).buffer));

/** One top-level netlink message as tshark dissected it. */
function seenMessage(layer: Json): Seen {
  const hdrKey = Object.keys(layer).find((k) => k.startsWith('Netlink message header'))!;
  const h = first(layer[hdrKey]) as Json;
  const type = h['netlink-route.nltype'] ?? h['netlink.hdr_type'];
  const attrs: Array<[number, string]> = [];
  for (const k of Object.keys(layer).filter((x) => x.startsWith('Attribute'))) {
    for (const a of list(layer[k]) as Json[]) {
      const t = Number((a['netlink.attr_type_tree'] as Json)['netlink-route.rta_attr_type']);
      const valueKey = Object.keys(a).find((x) => !['netlink.attr_len', 'netlink.attr_type', 'netlink.attr_type_tree'].includes(x));
      const raw = String(a[valueKey!]);
      attrs.push([t, valueKey === 'netlink.attr_data' ? raw.replace(/:/g, '') : le32(Number(raw))]);
    }
  }
  return {
    len: Number(h['netlink.hdr_len']),
    type: Number(type),
    flags: Number(first(h['netlink.hdr_flags'])),
    seq: Number(h['netlink.hdr_seq']),
    pid: Number(h['netlink.hdr_pid']),
    attrs: attrs.sort((a, b) => a[0] - b[0]),
  };
}

/** The same facts from our own decoder. Addresses compare as bytes, u32 attributes as numbers. */
function ourMessage(bytes: Uint8Array, protocol: number): Seen {
  const d = decode(bytes, protocol);
  if (!d.ok) throw d.error;
  const m: NlMessage = d.value.message;
  const attrs: Array<[number, string]> = [];
  if (m.payload.kind === 'route') {
    for (const a of m.payload.attrs) {
      if (a.kind === 'ipv4')
        attrs.push([
          a.type,
          a.value
            .split('.')
            .map((x) => Number(x).toString(16).padStart(2, '0'))
            .join(''),
        ]);
      else if (a.kind === 'u32') attrs.push([a.type, le32(a.value)]);
      else if (a.kind === 'u32s') attrs.push([a.type, a.values.map(le32).join('')]);
      else if (a.kind === 'string') attrs.push([a.type, toHex(new TextEncoder().encode(`${a.value}\0`))]);
      else attrs.push([a.type, toHex(Uint8Array.from(a.bytes))]);
    }
  }
  const h = m.header;
  return { len: bytes.length, type: h.type, flags: h.flags, seq: h.seq, pid: h.pid, attrs: attrs.sort((a, b) => a[0] - b[0]) };
}

function tshark(file: string): Json[] {
  const out = execFileSync(TSHARK, ['-r', file, '-T', 'json', '--no-duplicate-keys'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out) as Json[];
}

/**
 * What a capture says, independent of step numbers: when, which way, between which ports, which bytes.
 * It names processes, not sockets: a socket that never carried a datagram (module-vs-kernel's P3/rt)
 * cannot come back, so "P3/mod" may return as "P3".
 */
function wire(ds: readonly Datagram[]) {
  const proc = (label: string) => label.split('/')[0]!;
  return ds.map((d) => ({
    timeMs: d.timeMs,
    direction: d.direction,
    from: proc(d.from),
    to: proc(d.to),
    fromPort: d.fromPort,
    toPort: d.toPort,
    hex: toHex(d.bytes),
  }));
}

describe.skipIf(skip)('exports read back by tshark', () => {
  it('tshark is installed', () => {
    expect(have, `tshark is missing at ${TSHARK}; run node scripts/ensure-tshark.mjs as root, or set SKIP_TSHARK=1 to skip these checks`).toBe(true);
  });

  for (const { id } of LECTURES) {
    it(`${id}: every message's type, flags, seq, port id and route attributes`, () => {
      const t = lectureTimeline(id);
      const ds = datagramsOf(t);
      const file = join(dir, `${id}.pcapng`);
      writeFileSync(file, exportCapture(t));
      const frames = tshark(file);
      expect(frames).toHaveLength(ds.length);
      const seen: Seen[] = [];
      frames.forEach((f) => {
        const layers = (f._source as Json).layers as Json;
        for (const key of ['netlink-route', 'Netlink message']) for (const l of list(layers[key]) as Json[]) seen.push(seenMessage(l));
        expect(Number((layers.netlink as Json)['netlink.hatype'])).toBe(824);
      });
      const ours = ds.flatMap((d) => d.messages.map((id) => ourMessage(t.messages.at(id)!.bytes, t.messages.at(id)!.protocol)));
      expect(seen).toHaveLength(ours.length);
      expect(seen).toEqual(ours);
      // The classic pcap export carries the same frames.
      const pcap = join(dir, `${id}.pcap`);
      writeFileSync(pcap, exportCapture(t, 'pcap'));
      expect(tshark(pcap)).toHaveLength(ds.length);
    });
  }
});

describe('imports', () => {
  for (const { id } of LECTURES) {
    it(`${id}: the exported capture imports to the same datagrams, ports and times`, () => {
      const t = lectureTimeline(id);
      const back = importCapture(readCapture(exportCapture(t)), { name: `${id}.pcapng` });
      expect(wire(datagramsOf(back.timeline))).toEqual(wire(datagramsOf(t)));
      // Multicasts come back as one group message with its (delivered) copies.
      const groups = (tl: typeof t) =>
        tl.steps
          .flatMap((s) =>
            s.event.kind === 'message-sent' && s.event.copies
              ? [s.event.copies.filter((c) => tl.steps.some((x) => x.event.kind === 'message-delivered' && x.event.message === c)).length]
              : [],
          )
          .filter((n) => n > 0);
      expect(groups(back.timeline)).toEqual(groups(t));
    });
  }

  it('a capture of real kernel bytes (the golden fixture, in nlmon format)', () => {
    const { bytes, packets } = fixtureCapture();
    const file = readCapture(bytes);
    expect(file.packets).toHaveLength(packets.length);
    const imp = importCapture(file, { name: 'kernel.pcapng' });
    const t = imp.timeline;
    const delivered = t.steps.flatMap((s) => (s.event.kind === 'message-delivered' ? [t.messages.at(s.event.message)!] : []));
    expect(delivered.map((m) => toHex(m.bytes))).toEqual(packets.map((p) => p.hex));
    expect(delivered.map((m) => m.to.kind === 'kernel')).toEqual(packets.map((p) => p.toKernel));
    const portOf = (sock: string) => t.steps.at(0)!.world.sockets.find((s) => s.id === sock)!.portId;
    // Requests leave nlmsg_pid 0: the sender's port id comes from the kernel's answer.
    const requestPorts = delivered.filter((m) => m.kind === 'request').map((m) => portOf((m.from as { socket: string }).socket));
    const expected = packets
      .filter((p) => p.toKernel)
      .map((p) => (p.case.startsWith('subscribed') ? capture.ports.subscribedRequester : capture.ports.requester));
    expect(requestPorts).toEqual(expected);
    const kinds = delivered.map((m) => m.kind);
    expect(kinds.filter((k) => k === 'ack')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'error')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'dump-part')).toHaveLength(7);
    expect(kinds.filter((k) => k === 'done')).toHaveLength(1);
    // Replies go to the port id the kernel wrote in them; the requester is named by its pid-like port.
    for (const m of delivered.filter((x) => x.kind === 'ack' || x.kind === 'error' || x.kind === 'done')) {
      expect(portOf((m.to as { socket: string }).socket)).toBe(m.message.header.pid);
    }
    expect(t.steps.at(0)!.world.processOrder).toContain(`P${capture.ports.requester}`);
    expect(imp.notes.join(' ')).toMatch(/listener L1/);
    // Every message still decodes as the kernel wrote it.
    for (const m of delivered) expect(toHex(m.bytes)).toBe(toHex(fromHex(toHex(m.bytes))));
  });
});
