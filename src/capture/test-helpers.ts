/** Shared by the capture tests and the bench: lectures as timelines, and the fixture's real kernel bytes as an nlmon capture. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encode, fromHex, NLMSG_ERROR, NLM_F_ACK, NLM_F_CAPPED, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, RTM_NEWROUTE, type NlMessage, type Timeline } from '../engine';
import { lectureFromData } from '../scenarios/catalog';
import { COOKED_HEADER_LEN, PACKET_KERNEL, PACKET_USER, writeCookedHeader } from './nlmon';
import { writePcapng, type CapturePacket } from './write';

/** The real kernel's messages (read as a file so both Vitest and Playwright can load this module). */
export const kernelFixture = JSON.parse(readFileSync(fileURLToPath(new URL('../engine/fixtures/kernel-capture.json', import.meta.url)), 'utf8')) as {
  ports: { requester: number; monitor: number; subscribedRequester: number };
  cases: Record<string, { request?: string; replies?: string[]; notifications?: string[] }>;
};

export function lectureTimeline(id: string): Timeline {
  const path = fileURLToPath(new URL(`../scenarios/lectures/${id}.json`, import.meta.url));
  return lectureFromData(JSON.parse(readFileSync(path, 'utf8'))).timeline;
}

export function nlmonPacket(timeUs: number, pktType: number, datagram: Uint8Array, family = 0): CapturePacket {
  const data = new Uint8Array(COOKED_HEADER_LEN + datagram.length);
  writeCookedHeader(data, 0, pktType, family);
  data.set(datagram, COOKED_HEADER_LEN);
  return { timeUs, data };
}

export interface FixturePacket {
  case: string;
  toKernel: boolean;
  hex: string;
}

/**
 * The fixture's cases in the order the kernel sends them: the request, the multicast copies
 * (broadcast before the ACK, as nlmsg_notify runs inside the handler), then the replies.
 * Timestamps are wall-clock-like, 20 µs apart, one second between cases. No comments: nlmon writes none.
 */
export function fixtureCapture(): { bytes: Uint8Array; packets: FixturePacket[] } {
  const packets: FixturePacket[] = [];
  for (const [name, c] of Object.entries(kernelFixture.cases)) {
    if (c.request) packets.push({ case: name, toKernel: true, hex: c.request });
    for (const n of c.notifications ?? []) packets.push({ case: name, toKernel: false, hex: n });
    for (const r of c.replies ?? []) packets.push({ case: name, toKernel: false, hex: r });
  }
  let t = 1_700_000_000_000_000;
  let last = '';
  const pk = packets.map((p) => {
    t += p.case === last ? 20 : 1_000_000;
    last = p.case;
    return nlmonPacket(t, p.toKernel ? PACKET_KERNEL : PACKET_USER, fromHex(p.hex));
  });
  return { bytes: writePcapng(pk), packets };
}

/** A large nlmon-style capture (no comments, as nlmon writes): request, two multicast copies, ACK, repeated. */
export function largeCapture(messages: number): Uint8Array {
  const packets: CapturePacket[] = [];
  let t = 1_700_000_000_000_000;
  const port = 4321;
  for (let seq = 1; packets.length < messages; seq++) {
    const route = (flags: number, pid: number): NlMessage => ({
      header: { len: 0, type: RTM_NEWROUTE, flags, seq, pid },
      payload: {
        kind: 'route',
        rtmsg: { family: 2, dstLen: 24, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 },
        attrs: [
          { type: 15, kind: 'u32', value: 254 },
          { type: 1, kind: 'ipv4', value: `10.${(seq >> 8) & 255}.${seq & 255}.0` },
          { type: 5, kind: 'ipv4', value: '192.168.1.1' },
          { type: 4, kind: 'u32', value: 2 },
        ],
      },
    });
    const req = encode(route(NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, 0));
    const note = encode(route(NLM_F_EXCL | NLM_F_CREATE, port));
    const ack = encode({ header: { len: 0, type: NLMSG_ERROR, flags: NLM_F_CAPPED, seq, pid: port }, payload: { kind: 'error', error: 0, request: { header: { len: req.length, type: RTM_NEWROUTE, flags: NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, seq, pid: 0 }, payload: { kind: 'raw', bytes: [] } } } });
    packets.push(nlmonPacket((t += 100), PACKET_KERNEL, req), nlmonPacket((t += 5), PACKET_USER, note), nlmonPacket(t, PACKET_USER, note), nlmonPacket((t += 5), PACKET_USER, ack));
  }
  return writePcapng(packets.slice(0, messages));
}
