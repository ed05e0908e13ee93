/**
 * A timeline from a capture, built directly (not simulated): the kernel's captured replies are
 * shown exactly as captured. Sockets are found by port id, multicast copies are grouped back
 * into one multicast, and each datagram becomes a send and a delivery on the stage.
 */
import {
  stepList,
  ArrayList,
  DEFAULT_LATENCY_MS,
  GROUP_NAMES,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLM_F_MULTI,
  RTNLGRP_IPV4_ROUTE,
  decode,
  fifoPush,
  skbTruesize,
  NLMSG_GOODSIZE,
  initialWorld,
  type Endpoint,
  type Message,
  type MessageKind,
  type NarrationSpec,
  type NlMessage,
  type ProcessSpec,
  type ScenarioSpec,
  type SocketState,
  type Step,
  type Timeline,
  type TraceEvent,
  type Fifo,
  type World,
} from '../engine';
import { familyName, PACKET_KERNEL } from './nlmon';
import type { CaptureFile } from './read';

/** Timestamps below this are a virtual clock (an export from here), not wall-clock time. */
const VIRTUAL_CLOCK_LIMIT_US = 86_400e6;
/** pid_max can be at most 2^22: a port id above that was chosen by the kernel, not taken from a pid. */
const PID_MAX_LIMIT = 4_194_304;

export interface ImportedCapture {
  timeline: Timeline;
  packets: number;
  messages: number;
  /** Things a reader should know: what was inferred, what was left out. */
  notes: string[];
}

interface SocketKey {
  process: string;
  socket: string;
  port: number | null;
  pid: number;
  /** The netlink family it talks (socket(AF_NETLINK, SOCK_RAW, family)), from its first datagram. */
  family?: number;
}

/** "step 9: kernel → P2 [port 102] (copy 1 of 2 of RTNLGRP_IPV4_ROUTE)", as an export writes it. */
const COMMENT = /^step \d+: (.+?)(?: \[port (\d+)\])? → (.+?)(?: \[port (\d+)\])? \((.*)\)$/;
const COPY = /^copy (\d+) of (\d+) of (\S+)$/;

interface Parsed {
  from: string;
  fromPort: number | null;
  to: string;
  toPort: number | null;
  copy?: { index: number; of: number; group: number };
}

function groupNumber(name: string): number | undefined {
  for (const [n, g] of Object.entries(GROUP_NAMES)) if (g === name) return Number(n);
  const m = /^group (\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

function parseComment(c: string | undefined): Parsed | undefined {
  if (!c) return undefined;
  const m = COMMENT.exec(c);
  if (!m) return undefined;
  const out: Parsed = { from: m[1]!, fromPort: m[2] ? Number(m[2]) : null, to: m[3]!, toPort: m[4] ? Number(m[4]) : null };
  const cm = COPY.exec(m[5]!);
  const group = cm ? groupNumber(cm[3]!) : undefined;
  if (cm && group !== undefined) out.copy = { index: Number(cm[1]), of: Number(cm[2]), group };
  return out;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** rtnetlink's notification types: NEW and DEL of each object (types come in fours: NEW, DEL, GET, SET). */
function isNotificationType(family: number, type: number, flags: number): boolean {
  return family === 0 && type >= 16 && (type - 16) % 4 < 2 && !(flags & NLM_F_MULTI);
}

/** The group a notification goes to, from its type and address family (rtnetlink.h). */
function groupOf(type: number, body: Uint8Array): number {
  const af = body[16];
  if (type === 16 || type === 17) return 1; // RTNLGRP_LINK
  if (type === 20 || type === 21) return af === 10 ? 9 : 5; // RTNLGRP_IPV6_IFADDR / RTNLGRP_IPV4_IFADDR
  if (type === 24 || type === 25) return af === 10 ? 11 : RTNLGRP_IPV4_ROUTE; // RTNLGRP_IPV6_ROUTE / IPV4
  if (type === 28 || type === 29) return 3; // RTNLGRP_NEIGH
  return 0;
}

/** A message as the views know it: decoded as its family reads it, else opaque bytes after the header. */
function messageOf(bytes: Uint8Array, family: number): NlMessage {
  const d = decode(bytes, family);
  if (d.ok) return d.value.message;
  return {
    header: { len: u32(bytes, 0), type: u16(bytes, 4), flags: u16(bytes, 6), seq: u32(bytes, 8), pid: u32(bytes, 12) },
    payload: { kind: 'raw', bytes: Array.from(bytes.subarray(16)) },
  };
}

/**
 * A captured message. Its decoded form is made on first look: a view asks for a few messages
 * at a time, while an import of 200,000 should not decode them all up front.
 */
class CapturedMessage implements Message {
  readonly cause = null;
  readonly protocol: number;
  datagram: number;
  truesize: number;
  dstGroup: number;
  readonly seq: number;
  inReplyTo?: number;
  copyOf?: number;
  #decoded: NlMessage | undefined;
  constructor(
    readonly id: number,
    readonly kind: MessageKind,
    readonly from: Endpoint,
    readonly to: Endpoint,
    readonly sentAt: number,
    readonly deliverAt: number,
    readonly bytes: Uint8Array,
    family: number,
    inReplyTo: number | undefined,
    copyOf: number | undefined,
    datagram: number,
    truesize: number,
    dstGroup: number,
  ) {
    this.seq = id;
    this.protocol = family;
    this.datagram = datagram;
    this.truesize = truesize;
    this.dstGroup = dstGroup;
    if (inReplyTo !== undefined) this.inReplyTo = inReplyTo;
    if (copyOf !== undefined) this.copyOf = copyOf;
  }
  get message(): NlMessage {
    return (this.#decoded ??= messageOf(this.bytes, this.protocol));
  }
}

/**
 * The worlds of an imported timeline. Only what changes is kept per step (which socket queued
 * which message, how many messages exist); a whole world is written down every CHECKPOINT steps
 * and the others are rebuilt from the nearest one when a view asks, then kept. A 200,000-message
 * capture would otherwise hold 350,000 full worlds before anything is shown.
 */
const CHECKPOINT = 64;

class WorldBook {
  private readonly checkpoints: World[] = [];
  /** Per step: the message a delivery queued on a socket (or -1), and the message count after it. */
  private queued: Int32Array = new Int32Array(1024).fill(-1);
  private counts: Int32Array = new Int32Array(1024);
  private last = 0;
  /** The live state as the import walks forward: queues and byte counts per socket. */
  private readonly queues: Fifo[];
  private readonly bytes: number[];
  private count = 0;
  constructor(
    private readonly start: World,
    private readonly messages: readonly Message[],
  ) {
    this.checkpoints.push(start);
    this.queues = start.sockets.map((x) => x.queue);
    this.bytes = start.sockets.map((x) => x.rmemAlloc);
  }
  private grow(step: number): void {
    if (step < this.queued.length) return;
    const q = new Int32Array(this.queued.length * 2).fill(-1);
    q.set(this.queued);
    const c = new Int32Array(this.counts.length * 2);
    c.set(this.counts);
    this.queued = q;
    this.counts = c;
  }
  private record(step: number): void {
    this.grow(step);
    this.counts[step] = this.count;
    this.last = step;
    if (step % CHECKPOINT === 0) this.checkpoints[step / CHECKPOINT] = this.materialize(this.start, this.queues, this.bytes, this.count);
  }
  private materialize(base: World, queues: readonly Fifo[], bytes: readonly number[], count: number): World {
    return {
      ...base,
      messageCount: count,
      nextSeq: count,
      sockets: base.sockets.map((x, i) => (x.queue === queues[i] ? x : { ...x, queue: queues[i]!, rmemAlloc: bytes[i]! })),
    };
  }
  deliver(step: number, m: Message): void {
    if (m.to.kind === 'socket') {
      const i = this.start.socketIndex[m.to.socket]!;
      this.queues[i] = fifoPush(this.queues[i]!, m.id);
      // sk_rmem_alloc is charged the skb's truesize once, when its first message is queued.
      if (m.datagram === m.id) this.bytes[i]! += m.truesize;
      this.grow(step);
      this.queued[step] = m.id;
    }
    this.record(step);
  }
  send(step: number, count: number): void {
    this.count = count;
    this.record(step);
  }
  /** The world after a step: its checkpoint, then the deliveries since. */
  worldAt(step: number, timeMs: number): World {
    const cp = Math.floor(Math.min(step, this.last) / CHECKPOINT);
    const base = this.checkpoints[cp]!;
    const queues = base.sockets.map((x) => x.queue);
    const bytes = base.sockets.map((x) => x.rmemAlloc);
    for (let k = cp * CHECKPOINT + 1; k <= step; k++) {
      const id = this.queued[k]!;
      if (id < 0) continue;
      const m = this.messages[id]!;
      const i = this.start.socketIndex[(m.to as { socket: string }).socket]!;
      queues[i] = fifoPush(queues[i]!, id);
      if (m.datagram === m.id) bytes[i]! += m.truesize;
    }
    return { ...this.materialize(base, queues, bytes, step === 0 ? 0 : this.counts[step]!), timeMs };
  }
}

/** A step of an imported timeline; its world is rebuilt on first look (see WorldBook). */
class CapturedStep implements Step {
  readonly cause = null;
  #world: World | undefined;
  constructor(
    readonly index: number,
    readonly timeMs: number,
    readonly event: TraceEvent,
    private readonly book: WorldBook,
  ) {}
  get world(): World {
    return (this.#world ??= this.book.worldAt(this.index, this.timeMs));
  }
}

/** A map keyed by (port id, seq), without building a string per message. */
class PortSeq<T> {
  private readonly byPort = new Map<number, Map<number, T>>();
  get(port: number, seq: number): T | undefined {
    return this.byPort.get(port)?.get(seq);
  }
  set(port: number, seq: number, v: T): void {
    let m = this.byPort.get(port);
    if (!m) this.byPort.set(port, (m = new Map()));
    m.set(seq, v);
  }
}

/** One unit on the stage: a unicast datagram's message, or a multicast with its copies. */
interface Unit {
  /** Delivery time on the timeline (ms). */
  at: number;
  sentAt: number;
  family: number;
  bytes: Uint8Array;
  toKernel: boolean;
  /** Sender (to the kernel) or receivers (from the kernel). */
  sockets: SocketKey[];
  group?: number;
  echo?: boolean;
  /** False for the second and later messages of a datagram. */
  head: boolean;
  /** The whole datagram's length, for its truesize. */
  datagramLength: number;
}

export interface ImportOptions {
  /** File name, for the title and id. */
  name?: string;
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/\.(pcapng|pcap)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `capture-${s || 'file'}`.slice(0, 64).replace(/-+$/, '');
}

export function importCapture(file: CaptureFile, opts: ImportOptions = {}): ImportedCapture {
  const name = opts.name ?? 'capture';
  const notes: string[] = [];
  const pk = file.packets;
  const latencyMatch = file.comment ? /transit (\d+(?:\.\d+)?) ms/.exec(file.comment) : null;
  const latency = latencyMatch ? Number(latencyMatch[1]) : DEFAULT_LATENCY_MS;

  // Sockets, named by the export's comments when there are any, else by port id.
  const sockets = new Map<string, SocketKey>();
  const byPort = new Map<number, SocketKey>();
  const named = (label: string, port: number | null): SocketKey => {
    const slash = label.indexOf('/');
    const process = slash < 0 ? label : label.slice(0, slash);
    const socket = slash < 0 ? 's0' : label.slice(slash + 1);
    const key = `${process}/${socket}`;
    let s = sockets.get(key);
    if (!s) {
      s = { process, socket, port, pid: port !== null && port > 0 && port <= PID_MAX_LIMIT ? port : 0 };
      sockets.set(key, s);
      if (port !== null) byPort.set(port, s);
    }
    return s;
  };
  const byPortId = (port: number): SocketKey => byPort.get(port) ?? named(`P${port}`, port);
  let listeners = 0;
  const listener = (k: number): SocketKey => {
    listeners = Math.max(listeners, k);
    return named(`L${k}`, null);
  };
  let unknownSenders = 0;

  // Requests whose nlmsg_pid is 0 are matched to the port of the kernel's answer (same seq).
  const answerPort = (from: number, seq: number): number | undefined => {
    for (let j = from; j < pk.length && j < from + 256; j++) {
      const p = pk[j]!;
      if (p.pktType === PACKET_KERNEL) continue;
      for (const off of p.messageOffsets) {
        const b = p.datagram;
        const type = u16(b, off + 4);
        const flags = u16(b, off + 6);
        // Answers carry the requester's port id, and so do the notifications it causes (rtmsg_fib).
        if (u32(b, off + 8) === seq && (type === NLMSG_ERROR || type === NLMSG_DONE || flags & NLM_F_MULTI || isNotificationType(p.family, type, flags))) {
          const pid = u32(b, off + 12);
          if (pid) return pid;
        }
      }
    }
    return undefined;
  };

  // Wall-clock captures are spread out so each datagram has its own moment on the stage.
  const virtualClock = pk.length === 0 || pk[0]!.timeUs < VIRTUAL_CLOCK_LIMIT_US;
  if (!virtualClock && pk.length) {
    const span = (pk[pk.length - 1]!.timeUs - pk[0]!.timeUs) / 1000;
    notes.push(
      `The capture spans ${span < 1 ? `${(span * 1000).toFixed(0)} µs` : `${span.toFixed(1)} ms`} of real time; on the stage each datagram gets at least ${latency} ms so it can be followed, in the captured order.`,
    );
  }
  const units: Unit[] = [];
  const pendingGets = new PortSeq<true>();
  let prevReal = pk.length ? pk[0]!.timeUs : 0;
  let vis = latency;
  let other = 0;
  for (let i = 0; i < pk.length; i++) {
    const p = pk[i]!;
    const c = parseComment(p.comment);
    let at: number;
    if (virtualClock) at = p.timeUs / 1000;
    else {
      const gap = (p.timeUs - prevReal) / 1000;
      prevReal = p.timeUs;
      if (i > 0) vis += Math.max(latency, gap);
      at = vis;
    }
    if (p.family !== 0) other++;
    const toKernel = p.pktType === PACKET_KERNEL;
    const b = p.datagram;
    // A multicast: a run of identical datagrams from the kernel, tapped one per member socket.
    if (!toKernel && p.messageOffsets.length === 1) {
      const type = u16(b, 4);
      const flags = u16(b, 6);
      const isCopy = c ? c.copy !== undefined : isNotificationType(p.family, type, flags) && !pendingGets.get(u32(b, 12), u32(b, 8));
      if (isCopy) {
        const receivers: SocketKey[] = [];
        let j = i;
        const first = c?.copy;
        let lastIndex = first?.index ?? 0;
        while (j < pk.length) {
          const q = pk[j]!;
          if (j > i) {
            const qc = parseComment(q.comment);
            if (q.pktType === PACKET_KERNEL || q.family !== p.family || q.datagram.length !== b.length || Math.abs(q.timeUs - p.timeUs) > 1000) break;
            // An export numbers the copies; a copy numbered no higher than the last starts another multicast.
            if (c && (!qc?.copy || qc.copy.index <= lastIndex || qc.copy.of !== first!.of)) break;
            if (qc?.copy) lastIndex = qc.copy.index;
            let same = true;
            const qd = q.datagram;
            for (let k = 0; k < b.length && same; k++) same = qd[k] === b[k];
            if (!same) break;
          }
          const qc = j === i ? c : parseComment(q.comment);
          receivers.push(qc ? named(qc.to, qc.toPort) : listener(receivers.length + 1));
          j++;
        }
        const group = first?.group ?? groupOf(type, b);
        units.push({ at, sentAt: 0, family: p.family, bytes: b, toKernel, sockets: receivers, group, head: true, datagramLength: b.length });
        if (!virtualClock) prevReal = pk[j - 1]!.timeUs;
        i = j - 1;
        continue;
      }
    }
    for (const off of p.messageOffsets) {
      const len = u32(b, off);
      const bytes = off === 0 && len === b.length ? b : b.subarray(off, off + len);
      const pid = u32(b, off + 12);
      const seq = u32(b, off + 8);
      const type = u16(b, off + 4);
      let sock: SocketKey;
      if (toKernel) {
        if (c) sock = named(c.from, c.fromPort);
        else {
          const port = pid || answerPort(i + 1, seq);
          if (port !== undefined) sock = byPortId(port);
          else {
            unknownSenders++;
            sock = named('unknown', null);
          }
        }
        if (p.family === 0 && type >= 16 && (type - 16) % 4 === 2 && sock.port !== null) pendingGets.set(sock.port, seq, true);
      } else if (c) sock = named(c.to, c.toPort);
      else if (pid) sock = byPortId(pid);
      else sock = listener(1);
      units.push({
        at,
        sentAt: 0,
        family: p.family,
        bytes,
        toKernel,
        sockets: [sock],
        echo: c !== undefined && p.comment!.endsWith('(NLM_F_ECHO unicast)'),
        head: off === 0,
        datagramLength: b.length,
      });
    }
  }
  if (listeners)
    notes.push(
      `nlmon does not record which socket took a multicast copy: copies are shown going to ${listeners === 1 ? 'listener L1' : `listeners L1–L${listeners}, in the order they were captured`}.`,
    );
  if (unknownSenders)
    notes.push(
      `${unknownSenders} request${unknownSenders === 1 ? '' : 's'} had nlmsg_pid 0 and no answer to tell the sender's port: shown as coming from "unknown".`,
    );
  if (other)
    notes.push(
      `${other} packet${other === 1 ? ' is' : 's are'} from other netlink families (e.g. ${familyName(pk.find((p) => p.family !== 0)!.family)}): shown as opaque bytes.`,
    );
  if (file.truncated) notes.push(`Not everything was loaded: ${file.truncated}.`);

  for (const u of units) for (const k of u.sockets) k.family ??= u.family;

  // Flights: each datagram leaves `latency` before it is tapped, in the captured order.
  let lastSent = 0;
  for (const u of units) {
    u.sentAt = Math.max(lastSent, u.at - latency, 0);
    lastSent = u.sentAt;
  }

  // The world: every socket that appears, bound to its port, in the groups it got copies of.
  const all = [...sockets.values()];
  const processes: ProcessSpec[] = [];
  for (const s of all) {
    let p = processes.find((x) => x.name === s.process);
    if (!p) processes.push((p = { name: s.process, pid: s.pid, sockets: [] }));
    p.sockets!.push({ name: s.socket });
  }
  const narration: NarrationSpec[] = [
    {
      title: `Capture ${name}`,
      text: `${file.format} capture: ${pk.length.toLocaleString('en-US')} packets, ${file.messageCount.toLocaleString('en-US')} netlink messages between the kernel and ${all.length} socket${all.length === 1 ? '' : 's'}. Every message carries the bytes as captured. A capture holds messages only: the routing table and the reads (recvmsg) are not in it, so what a socket received stays in its queue.${notes.length ? ` ${notes.join(' ')}` : ''}`,
    },
  ];
  const spec: ScenarioSpec = {
    version: 1,
    id: slug(name),
    title: `Capture: ${name}`.slice(0, 120),
    summary: file.comment ?? `Imported from ${name}`,
    goals: [],
    settings: { latencyMs: latency },
    // The capture names no interfaces and holds no table: the stage shows none, rather than the simulator's defaults.
    interfaces: [],
    processes,
    routes: [],
    actions: [],
    narration,
  };
  let world: World = initialWorld(spec);
  const groupsOf = new Map<SocketKey, Set<number>>();
  for (const u of units) if (u.group !== undefined) for (const s of u.sockets) (groupsOf.get(s) ?? groupsOf.set(s, new Set()).get(s)!).add(u.group);
  world = {
    ...world,
    sockets: world.sockets.map((s): SocketState => {
      const k = sockets.get(s.id)!;
      return { ...s, protocol: k.family ?? s.protocol, portId: k.port, groups: [...(groupsOf.get(k) ?? [])].sort((a, b) => a - b) };
    }),
  };

  // Messages in send order (which is capture order); a multicast is one group message and its copies.
  const messages: Message[] = [];
  const requests = new PortSeq<number>();
  const deliveries: Array<{ at: number; id: number }> = [];
  const sends: Array<{ at: number; id: number; copies?: number[] }> = [];
  const sid = (s: SocketKey) => `${s.process}/${s.socket}`;
  // One endpoint object per socket, shared by all its messages.
  const endpoints = new Map<SocketKey, Endpoint>();
  const toSocket = (s: SocketKey): Endpoint => endpoints.get(s) ?? endpoints.set(s, { kind: 'socket', socket: sid(s) }).get(s)!;
  // A capture does not record truesize: estimate it as this kernel charges a head of the datagram's
  // length, or of a dump skb's room (netlink_dump() allocates at least NLMSG_GOODSIZE).
  let head = 0;
  const truesizeOf = (u: Unit): number => {
    const dump = u.family === 0 && (u16(u.bytes, 4) === NLMSG_DONE || (u16(u.bytes, 6) & NLM_F_MULTI) !== 0);
    return skbTruesize(dump ? Math.max(NLMSG_GOODSIZE, u.datagramLength) : u.datagramLength);
  };
  const add = (u: Unit, kind: MessageKind, from: Endpoint, to: Endpoint, deliverAt: number, inReplyTo: number | undefined, copyOf?: number): number => {
    const id = messages.length;
    if (u.head || copyOf !== undefined || to.kind === 'group') head = id;
    messages.push(new CapturedMessage(id, kind, from, to, u.sentAt, deliverAt, u.bytes, u.family, inReplyTo, copyOf, head, truesizeOf(u), u.group ?? 0));
    return id;
  };
  const KERNEL: Endpoint = { kind: 'kernel' };
  for (const u of units) {
    const b = u.bytes;
    const type = u16(b, 4);
    const flags = u16(b, 6);
    const seq = u32(b, 8);
    const pid = u32(b, 12);
    if (u.toKernel) {
      const s = u.sockets[0]!;
      const id = add(u, 'request', toSocket(s), KERNEL, u.at, undefined);
      requests.set(s.port ?? pid, seq, id);
      sends.push({ at: u.sentAt, id });
      deliveries.push({ at: u.at, id });
      continue;
    }
    const inReplyTo = requests.get(pid, seq);
    if (u.group !== undefined) {
      const gid = add(u, 'notification', KERNEL, { kind: 'group', group: u.group }, u.sentAt, inReplyTo);
      const copies: number[] = [];
      for (const s of u.sockets) {
        const id = add(u, 'notification', KERNEL, toSocket(s), u.at, inReplyTo, gid);
        copies.push(id);
        deliveries.push({ at: u.at, id });
      }
      sends.push({ at: u.sentAt, id: gid, copies });
      continue;
    }
    const answersGet = inReplyTo !== undefined && (u16(messages[inReplyTo]!.bytes, 4) - 16) % 4 === 2;
    const kind: MessageKind =
      u.family !== 0
        ? 'reply'
        : type === NLMSG_ERROR
          ? b.length >= 20 && u32(b, 16) === 0
            ? 'ack'
            : 'error'
          : type === NLMSG_DONE
            ? 'done'
            : flags & NLM_F_MULTI
              ? 'dump-part'
              : u.echo || (isNotificationType(u.family, type, flags) && !answersGet)
                ? 'notification'
                : 'reply';
    const id = add(u, kind, KERNEL, toSocket(u.sockets[0]!), u.at, inReplyTo);
    sends.push({ at: u.sentAt, id });
    deliveries.push({ at: u.at, id });
  }

  // Steps: sends and deliveries merged by time; at the same moment a delivery comes first, as a reply follows what it answers.
  const steps: Step[] = [{ index: 0, timeMs: 0, event: { kind: 'start' }, cause: null, world }];
  const book = new WorldBook(world, messages);
  let si = 0;
  let di = 0;
  while (si < sends.length || di < deliveries.length) {
    const s = sends[si];
    const d = deliveries[di];
    if (d && (!s || d.at <= s.at)) {
      steps.push(new CapturedStep(steps.length, d.at, { kind: 'message-delivered', message: d.id }, book));
      book.deliver(steps.length - 1, messages[d.id]!);
      di++;
    } else {
      steps.push(
        new CapturedStep(
          steps.length,
          s!.at,
          s!.copies ? { kind: 'message-sent', message: s!.id, copies: s!.copies } : { kind: 'message-sent', message: s!.id },
          book,
        ),
      );
      book.send(steps.length - 1, s!.copies ? s!.id + s!.copies.length + 1 : s!.id + 1);
      si++;
    }
  }
  return {
    timeline: { spec, steps: stepList(steps), messages: new ArrayList(messages), truncated: !!file.truncated, order: [] },
    packets: pk.length,
    messages: file.messageCount,
    notes,
  };
}
