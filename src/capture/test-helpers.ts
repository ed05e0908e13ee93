/** Shared by the capture tests and the bench: lectures as timelines, and the fixture's real kernel bytes as an nlmon capture. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromHex, type Timeline } from '../engine';
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
