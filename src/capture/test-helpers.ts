/** Shared by the capture tests and the bench: lectures as timelines, and the fixture's real kernel bytes as an nlmon capture. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  encode,
  fromHex,
  NLMSG_ERROR,
  NLM_F_ACK,
  NLM_F_CAPPED,
  NLM_F_CREATE,
  NLM_F_EXCL,
  NLM_F_REQUEST,
  RTM_NEWROUTE,
  type NlMessage,
  type Timeline,
} from '../engine';
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
  const port = 4321;
  const route = (flags: number, pid: number): NlMessage => ({
    header: { len: 0, type: RTM_NEWROUTE, flags, seq: 0, pid },
    payload: {
      kind: 'route',
      rtmsg: { family: 2, dstLen: 24, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 },
      attrs: [
        { type: 15, kind: 'u32', value: 254 },
        { type: 1, kind: 'ipv4', value: '10.0.0.0' },
        { type: 5, kind: 'ipv4', value: '192.168.1.1' },
        { type: 4, kind: 'u32', value: 2 },
      ],
    },
  });
  const REQ = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE;
  const req = nlmonPacket(0, PACKET_KERNEL, encode(route(REQ, 0))).data;
  const note = nlmonPacket(0, PACKET_USER, encode(route(NLM_F_EXCL | NLM_F_CREATE, port))).data;
  const ack = nlmonPacket(
    0,
    PACKET_USER,
    encode({
      header: { len: 0, type: NLMSG_ERROR, flags: NLM_F_CAPPED, seq: 0, pid: port },
      payload: {
        kind: 'error',
        error: 0,
        request: { header: { len: req.length - COOKED_HEADER_LEN, type: RTM_NEWROUTE, flags: REQ, seq: 0, pid: 0 }, payload: { kind: 'raw', bytes: [] } },
      },
    }),
  ).data;
  // Templates, then each exchange patched in place: its seq (also in the ACK's echoed header) and its RTA_DST.
  const H = COOKED_HEADER_LEN;
  const patched = (tpl: Uint8Array, seq: number, seqAt: number[], dstAt: number | null) => {
    const d = tpl.slice();
    const v = new DataView(d.buffer);
    for (const at of seqAt) v.setUint32(H + at, seq, true);
    if (dstAt !== null) {
      d[H + dstAt + 1] = (seq >> 8) & 255;
      d[H + dstAt + 2] = seq & 255;
    }
    return d;
  };
  // RTA_DST's value: after nlmsghdr (16), rtmsg (12), RTA_TABLE (8) and its own header (4).
  const DST = 16 + 12 + 8 + 4;
  const packets: CapturePacket[] = [];
  let t = 1_700_000_000_000_000;
  for (let seq = 1; packets.length < messages; seq++) {
    const n = patched(note, seq, [8], DST);
    packets.push(
      { timeUs: (t += 100), data: patched(req, seq, [8], DST) },
      { timeUs: (t += 5), data: n },
      { timeUs: t, data: n },
      { timeUs: (t += 5), data: patched(ack, seq, [8, 28], null) },
    );
  }
  return writePcapng(packets.slice(0, messages));
}
