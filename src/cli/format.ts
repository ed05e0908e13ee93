/** The timeline as the CLI prints it: JSON with every message's bytes, or a readable table. */
import {
  datagramInfo,
  describeStep,
  endpointName,
  flagNames,
  messageTypeName,
  protocolName,
  stepActor,
  stepMessage,
  toHex,
  type Message,
  type Step,
  type Timeline,
} from '../engine';

/**
 * What recvmsg() tells the receiver besides the bytes: msg_name (the sender's port id, 0 for the
 * kernel, and the group bit it came through) and, with NETLINK_PKTINFO, the group number.
 */
function sender(t: Timeline, m: Message): { nl_pid: number; nl_groups: number; pktinfoGroup: number } {
  const from = m.from.kind === 'socket' ? (t.steps.at(-1)!.world.sockets.find((s) => s.id === (m.from as { socket: string }).socket)?.portId ?? 0) : 0;
  const mask = m.dstGroup >= 1 && m.dstGroup <= 32 ? 2 ** (m.dstGroup - 1) : 0;
  return { nl_pid: from, nl_groups: mask, pktinfoGroup: m.dstGroup };
}

export interface TraceJson {
  scenario: { id: string; title: string };
  steps: Array<{
    index: number;
    timeMs: number;
    kind: string;
    summary: string;
    actor?: string;
    message?: {
      id: number;
      protocol: string | number;
      from: string;
      to: string;
      typeName: string;
      flagNames: string[];
      header: { len: number; type: number; flags: number; seq: number; pid: number };
      hex: string;
      /** The datagram (skb) it travels in: the id of its first message, its place in it, and what the receiver is charged. */
      datagram: { id: number; index: number; count: number; bytes: number; truesize: number };
      sender: { nl_pid: number; nl_groups: number; pktinfoGroup: number };
    };
  }>;
}

/** One step as the JSON trace lists it. */
function stepJson(t: Timeline, s: Step): TraceJson['steps'][number] {
  const actor = stepActor(s, t);
  const m = stepMessage(s, t);
  const out: TraceJson['steps'][number] = { index: s.index, timeMs: s.timeMs, kind: s.event.kind, summary: describeStep(s, t) };
  if (actor !== undefined) out.actor = actor;
  if (m) {
    const h = m.message.header;
    const d = datagramInfo(t, m);
    out.message = {
      id: m.id,
      protocol: protocolName(m.protocol),
      from: endpointName(m.from),
      to: endpointName(m.to),
      typeName: messageTypeName(h.type, m.protocol),
      flagNames: flagNames(h.type, h.flags, m.protocol),
      header: { len: m.bytes.length, type: h.type, flags: h.flags, seq: h.seq, pid: h.pid },
      hex: toHex(m.bytes),
      datagram: { id: m.datagram, index: d.index, count: d.count, bytes: d.bytes, truesize: m.truesize },
      sender: sender(t, m),
    };
  }
  return out;
}

export function traceJson(t: Timeline): TraceJson {
  return { scenario: { id: t.spec.id, title: t.spec.title }, steps: t.steps.map((s) => stepJson(t, s)) };
}

/**
 * The same text as `JSON.stringify(traceJson(t), null, 2)`, in pieces of a step each, so a
 * 200,000-step trace is written as it is made instead of being built as one string first.
 */
export function* traceJsonChunks(t: Timeline): Generator<string> {
  const nest = (v: unknown, indent: string) => JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`);
  yield `{\n  "scenario": ${nest({ id: t.spec.id, title: t.spec.title }, '  ')},\n  "steps": [`;
  for (let i = 0; i < t.steps.length; i++) yield `${i ? ',' : ''}\n    ${nest(stepJson(t, t.steps.at(i)!), '    ')}`;
  yield t.steps.length ? '\n  ]\n}\n' : ']\n}\n';
}

export function traceTable(t: Timeline): string {
  const rows = t.steps.map((s) => [String(s.index), `${(s.timeMs / 1000).toFixed(3)} s`, s.event.kind, describeStep(s, t)]);
  const head = ['step', 'time', 'event', 'what happened'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.slice(0, 2000).map((r) => r[i]!.length)));
  widths[3] = 0;
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ');
  return [`${t.spec.title} (${t.spec.id})`, line(head), ...rows.map(line)].join('\n') + '\n';
}
