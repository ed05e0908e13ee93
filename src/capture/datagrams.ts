/**
 * What an nlmon device would see of a timeline: one entry per datagram that reached a socket.
 * This is the only place that decides how messages map to datagrams (Message.datagram names the
 * first message of each skb; a dump packs several).
 */
import { groupName, processOfSocket, socketOf, type Endpoint, type Message, type Timeline, type World } from '../engine';

export interface Datagram {
  /** Virtual time the datagram is tapped: when the receiving socket takes it (ms). */
  timeMs: number;
  /** Index of the step that delivered it. */
  step: number;
  direction: 'to-kernel' | 'to-user';
  /** "kernel", "P1", or "P3/sync" for a process with several sockets. */
  from: string;
  to: string;
  /** Port ids of the sender and receiver (0 is the kernel); null when a socket is unbound. */
  fromPort: number | null;
  toPort: number | null;
  /** Netlink family of the sockets (sk_protocol), the cooked header's protocol field. */
  family: number;
  /** The datagram's bytes: its messages back to back, each 4-byte aligned. */
  bytes: Uint8Array;
  /** Ids of the messages it carries, in order. */
  messages: number[];
  /** For a multicast copy: which copy of how many, and the group. */
  copy?: { index: number; of: number; group: number };
  /** "step 9: kernel → P2 [port 102] (copy 1 of 2 of RTNLGRP_IPV4_ROUTE)". */
  comment: string;
}

function endpointLabel(e: Endpoint, w: World): string {
  if (e.kind === 'kernel') return 'kernel';
  if (e.kind === 'group') return groupName(e.group);
  const p = processOfSocket(e.socket);
  const proc = w.processes[p];
  return proc && proc.sockets.length > 1 ? e.socket : p;
}

function portOf(e: Endpoint, w: World): number | null {
  if (e.kind === 'kernel') return 0;
  if (e.kind === 'group') return null;
  return socketOf(w, e.socket)?.portId ?? null;
}

function describe(m: Message, d: Omit<Datagram, 'comment'>): string {
  const side = (name: string, port: number | null) => (name === 'kernel' ? name : `${name}${port === null ? '' : ` [port ${port}]`}`);
  let what: string;
  if (d.copy) what = `copy ${d.copy.index} of ${d.copy.of} of ${groupName(d.copy.group)}`;
  else what = m.kind === 'notification' ? 'NLM_F_ECHO unicast' : m.kind;
  if (d.messages.length > 1) what += `, ${d.messages.length} messages`;
  return `step ${d.step}: ${side(d.from, d.fromPort)} → ${side(d.to, d.toPort)} (${what})`;
}

/** A datagram's bytes: its messages back to back, each padded to 4 bytes as nlmsg_put() lays them out. */
function datagramBytes(parts: readonly Message[]): Uint8Array {
  if (parts.length === 1) return parts[0]!.bytes;
  const out = new Uint8Array(parts.reduce((n, m) => n + ((m.bytes.length + 3) & ~3), 0));
  let at = 0;
  for (const m of parts) {
    out.set(m.bytes, at);
    at += (m.bytes.length + 3) & ~3;
  }
  return out;
}

/**
 * Every datagram a socket (or the kernel) received, in the order nlmon would tap them. A datagram
 * is delivered whole (its first message's delivery step stands for it); dropped copies never reach
 * a queue, so they are not tapped.
 */
export function datagramsOf(t: Timeline): Datagram[] {
  const copies = new Map<number, { index: number; of: number; group: number }>();
  const out: Datagram[] = [];
  for (const s of t.steps) {
    const e = s.event;
    if (e.kind === 'message-sent' && e.copies) {
      const g = t.messages.at(e.message)!;
      const group = g.to.kind === 'group' ? g.to.group : 0;
      e.copies.forEach((c, i) => copies.set(c, { index: i + 1, of: e.copies!.length, group }));
      continue;
    }
    if (e.kind !== 'message-delivered') continue;
    const m = t.messages.at(e.message)!;
    if (m.to.kind === 'group' || m.datagram !== m.id) continue;
    const parts = [m];
    for (let i = m.id + 1; i < t.messages.length && t.messages.at(i)!.datagram === m.id; i++) parts.push(t.messages.at(i)!);
    const w = s.world;
    const copy = copies.get(m.id);
    const d: Omit<Datagram, 'comment'> = {
      timeMs: s.timeMs,
      step: s.index,
      direction: m.to.kind === 'kernel' ? 'to-kernel' : 'to-user',
      from: endpointLabel(m.from, w),
      to: endpointLabel(m.to, w),
      fromPort: portOf(m.from, w),
      toPort: portOf(m.to, w),
      family: m.protocol,
      bytes: datagramBytes(parts),
      messages: parts.map((x) => x.id),
      ...(copy ? { copy } : {}),
    };
    out.push({ ...d, comment: describe(m, d) });
  }
  return out;
}
