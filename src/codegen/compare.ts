/**
 * What each socket received, in the simulation and on the real kernel, side by side. The kernel's
 * side comes from a generated program's JSON lines. Port ids are mapped socket by socket, and
 * values only the kernel draws (address cstamp/tstamp) are taken as equal; everything else must
 * match byte for byte, in the same order per socket.
 */
import { decode, errnoName, flagNames, messageTypeName, RTA_DST, splitDatagram, toHex, type DecodedField, type Timeline } from '../engine';

export type Item = { kind: 'message'; bytes: Uint8Array; datagram?: number } | { kind: 'errno'; errno: string; call: string };

export interface KernelRun {
  /** Socket id -> port id the kernel gave it. */
  ports: Map<string, number>;
  /** Socket id -> SO_RCVBUF as the kernel set it, when the program set one. */
  rcvbuf: Map<string, number>;
  /** Socket id -> what it received, messages split out of their datagrams. */
  received: Map<string, Item[]>;
  /** Socket id -> datagram sizes in messages, in order. */
  datagrams: Map<string, number[]>;
  /** Lines that were not JSON (the program's stderr is separate). */
  junk: string[];
}

/** Parse a generated program's output. */
export function parseKernelRun(stdout: string): KernelRun {
  const run: KernelRun = { ports: new Map(), rcvbuf: new Map(), received: new Map(), datagrams: new Map(), junk: [] };
  const list = (s: string) => {
    let l = run.received.get(s);
    if (!l) run.received.set(s, (l = []));
    return l;
  };
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      run.junk.push(line);
      continue;
    }
    const sock = String(o.socket);
    if (typeof o.portId === 'number') run.ports.set(sock, o.portId);
    else if (typeof o.rcvbuf === 'number') run.rcvbuf.set(sock, o.rcvbuf);
    else if (typeof o.errno === 'string') list(sock).push({ kind: 'errno', errno: o.errno, call: String(o.call) });
    else if (typeof o.hex === 'string') {
      const bytes = Uint8Array.from(o.hex.match(/../g) ?? [], (h) => parseInt(h, 16));
      const n = run.datagrams.get(sock) ?? [];
      let messages: Uint8Array[];
      try {
        messages = splitDatagram(bytes);
      } catch {
        messages = [bytes];
      }
      n.push(messages.length);
      run.datagrams.set(sock, n);
      for (const m of messages) list(sock).push({ kind: 'message', bytes: m, datagram: n.length });
    } else run.junk.push(line);
  }
  return run;
}

/** What the simulation says each socket received (reads and failed reads), and its port ids. */
export function simulated(t: Timeline): { received: Map<string, Item[]>; ports: Map<string, number>; datagrams: Map<string, number[]> } {
  const received = new Map<string, Item[]>();
  const ports = new Map<string, number>();
  // Messages per datagram, in the order each socket reads them (recvmsg() returns a datagram whole).
  const datagrams = new Map<string, number[]>();
  const lastDatagram = new Map<string, number>();
  const list = (s: string) => {
    let l = received.get(s);
    if (!l) received.set(s, (l = []));
    return l;
  };
  for (const s of t.steps) {
    const e = s.event;
    if (e.kind === 'socket-bound') ports.set(e.socket, e.portId);
    else if (e.kind === 'message-read') {
      const m = t.messages.at(e.message)!;
      list(e.socket).push({ kind: 'message', bytes: m.bytes });
      const d = datagrams.get(e.socket) ?? [];
      if (lastDatagram.get(e.socket) === m.datagram && d.length) d[d.length - 1]!++;
      else d.push(1);
      datagrams.set(e.socket, d);
      lastDatagram.set(e.socket, m.datagram);
    } else if (e.kind === 'read-error') list(e.socket).push({ kind: 'errno', errno: e.errno, call: 'recvmsg' });
  }
  return { received, ports, datagrams };
}

// Fields whose value the kernel draws itself: they cannot match a simulation.
const KERNEL_DRAWN = /(^|\.)(cstamp|tstamp)$/;

/** Kernel bytes with the kernel's port ids replaced by the simulation's, and kernel-drawn values by the simulation's. */
export function normalise(kernel: Uint8Array, portMap: ReadonlyMap<number, number>, sim?: Uint8Array): Uint8Array {
  const d = decode(kernel);
  if (!d.ok) return kernel;
  const out = kernel.slice();
  const view = new DataView(out.buffer);
  const simFields = sim ? decode(sim) : undefined;
  for (const f of d.value.fields) {
    if (f.name === 'nlmsg_pid' && f.length === 4) {
      const v = view.getUint32(f.offset, true);
      const mapped = portMap.get(v);
      if (mapped !== undefined) view.setUint32(f.offset, mapped >>> 0, true);
    } else if (KERNEL_DRAWN.test(f.name) && simFields?.ok) {
      const s = simFields.value.fields.find((x) => x.id === f.id && x.length === f.length);
      if (s && sim) out.set(sim.subarray(s.offset, s.offset + s.length), f.offset);
    }
  }
  return out;
}

/** One line about a message: type, route, flags, seq, pid, length. */
export function summary(item: Item): string {
  if (item.kind === 'errno') return `${item.call}() fails with ${item.errno}`;
  const d = decode(item.bytes);
  if (!d.ok) return `${item.bytes.length} bytes that do not decode (${d.error.message})`;
  const m = d.value.message;
  const h = m.header;
  let what = messageTypeName(h.type);
  const p = m.payload;
  if (p.kind === 'route') {
    const dst = p.attrs.find((a) => a.type === RTA_DST);
    what += ` ${dst && dst.kind === 'ipv4' ? dst.value : '0.0.0.0'}/${p.rtmsg.dstLen} table ${p.rtmsg.table}`;
  } else if (p.kind === 'error') what += p.error === 0 ? ' (ACK)' : ` (-${errnoName(-p.error) ?? -p.error})`;
  else if (p.kind === 'done' && p.value !== 0) what += ` (${p.value})`;
  const flags = flagNames(h.type, h.flags).join('|') || '0';
  return `${what}, flags ${flags}, seq ${h.seq}, pid ${h.pid}, ${item.bytes.length} bytes`;
}

function fieldText(f: DecodedField): string {
  return `${f.value}${f.meaning && String(f.meaning) !== String(f.value) ? ` (${f.meaning})` : ''}`;
}

/** Field-by-field differences between a simulated message and the kernel's (already normalised). */
export function fieldDiff(sim: Uint8Array, kernel: Uint8Array): string[] {
  const a = decode(sim);
  const b = decode(kernel);
  if (!a.ok || !b.ok) return [`simulation ${toHex(sim)}`, `kernel     ${toHex(kernel)}`];
  const out: string[] = [];
  const ids = [...new Set([...a.value.fields.map((f) => f.id), ...b.value.fields.map((f) => f.id)])];
  for (const id of ids) {
    const x = a.value.fields.find((f) => f.id === id);
    const y = b.value.fields.find((f) => f.id === id);
    if (x && y && x.value === y.value) continue;
    const name = (x ?? y)!.name;
    out.push(`${id} (${name}): simulation ${x ? fieldText(x) : '(absent)'}, kernel ${y ? fieldText(y) : '(absent)'}`);
  }
  if (!out.length && toHex(sim) !== toHex(kernel)) out.push(`same fields, different bytes: simulation ${toHex(sim)}, kernel ${toHex(kernel)}`);
  return out;
}

export type Row =
  | { kind: 'same'; sim: Item; kernel: Item }
  | { kind: 'differs'; sim: Item; kernel: Item; fields: string[] }
  | { kind: 'sim-only'; sim: Item }
  | { kind: 'kernel-only'; kernel: Item };

function key(i: Item): string {
  return i.kind === 'errno' ? `errno:${i.errno}` : toHex(i.bytes);
}

/**
 * Align the two sequences (longest common subsequence), so that one extra message shows as one
 * extra row instead of shifting every later row. Unmatched items between two matches are paired up
 * in order, and each pair is compared field by field.
 */
export function align(sim: readonly Item[], kernel: readonly Item[]): Row[] {
  const n = sim.length;
  const m = kernel.length;
  const ks = sim.map(key);
  const kk = kernel.map(key);
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = ks[i] === kk[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const rows: Row[] = [];
  let pendingSim: Item[] = [];
  let pendingKernel: Item[] = [];
  const flush = () => {
    const k = Math.min(pendingSim.length, pendingKernel.length);
    for (let x = 0; x < k; x++) {
      const s = pendingSim[x]!;
      const kn = pendingKernel[x]!;
      if (s.kind === 'message' && kn.kind === 'message') rows.push({ kind: 'differs', sim: s, kernel: kn, fields: fieldDiff(s.bytes, kn.bytes) });
      else rows.push({ kind: 'differs', sim: s, kernel: kn, fields: [] });
    }
    for (const s of pendingSim.slice(k)) rows.push({ kind: 'sim-only', sim: s });
    for (const kn of pendingKernel.slice(k)) rows.push({ kind: 'kernel-only', kernel: kn });
    pendingSim = [];
    pendingKernel = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ks[i] === kk[j]) {
      flush();
      rows.push({ kind: 'same', sim: sim[i]!, kernel: kernel[j]! });
      i++;
      j++;
    } else if (j >= m || (i < n && L[i + 1]![j]! >= L[i]![j + 1]!)) pendingSim.push(sim[i++]!);
    else pendingKernel.push(kernel[j++]!);
  }
  flush();
  return rows;
}

export interface SocketReport {
  socket: string;
  rows: Row[];
  /** Differences that count (not covered by a note). */
  differs: boolean;
  note?: string;
  /** Messages per datagram as each side read them. */
  datagrams: { simulation: number[]; kernel: number[] };
}

/** Compare a lecture's timeline with a kernel run. `notes`: socket -> why the kernel cannot reproduce it. */
export function compareRun(t: Timeline, kernel: KernelRun, notes: ReadonlyMap<string, string> = new Map()): SocketReport[] {
  const sim = simulated(t);
  const portMap = new Map<number, number>();
  for (const [sock, kp] of kernel.ports) {
    const sp = sim.ports.get(sock);
    if (sp !== undefined) portMap.set(kp, sp);
  }
  const sockets = [...new Set([...sim.received.keys(), ...kernel.received.keys()])];
  const order = t.steps.at(t.steps.length - 1)!.world.socketOrder;
  sockets.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return sockets.map((socket) => {
    const s = sim.received.get(socket) ?? [];
    const raw = kernel.received.get(socket) ?? [];
    const k = raw.map((item, idx): Item => {
      if (item.kind !== 'message') return item;
      const twin = s[idx];
      return { ...item, bytes: normalise(item.bytes, portMap, twin && twin.kind === 'message' ? twin.bytes : undefined) };
    });
    const rows = align(s, k);
    const note = notes.get(socket);
    const datagrams = { simulation: sim.datagrams.get(socket) ?? [], kernel: kernel.datagrams.get(socket) ?? [] };
    const packing = datagrams.simulation.join() !== datagrams.kernel.join();
    const report: SocketReport = { socket, rows, datagrams, differs: (packing || rows.some((r) => r.kind !== 'same')) && note === undefined };
    if (note !== undefined) report.note = note;
    return report;
  });
}
