/** The timeline as the CLI prints it: JSON with every message's bytes, or a readable table. */
import { describeStep, endpointName, flagNames, messageTypeName, stepActor, stepMessage, toHex, type Timeline } from '../engine';

export interface TraceJson {
  scenario: { id: string; title: string };
  steps: Array<{ index: number; timeMs: number; kind: string; summary: string; actor?: string; message?: { id: number; from: string; to: string; typeName: string; flagNames: string[]; header: { len: number; type: number; flags: number; seq: number; pid: number }; hex: string } }>;
}

export function traceJson(t: Timeline): TraceJson {
  return {
    scenario: { id: t.spec.id, title: t.spec.title },
    steps: t.steps.map((s) => {
      const actor = stepActor(s, t);
      const m = stepMessage(s, t);
      const out: TraceJson['steps'][number] = { index: s.index, timeMs: s.timeMs, kind: s.event.kind, summary: describeStep(s, t) };
      if (actor !== undefined) out.actor = actor;
      if (m) {
        const h = m.message.header;
        out.message = {
          id: m.id,
          from: endpointName(m.from),
          to: endpointName(m.to),
          typeName: messageTypeName(h.type),
          flagNames: flagNames(h.type, h.flags),
          header: { len: m.bytes.length, type: h.type, flags: h.flags, seq: h.seq, pid: h.pid },
          hex: toHex(m.bytes),
        };
      }
      return out;
    }),
  };
}

export function traceTable(t: Timeline): string {
  const rows = t.steps.map((s) => [String(s.index), `${(s.timeMs / 1000).toFixed(3)} s`, s.event.kind, describeStep(s, t)]);
  const head = ['step', 'time', 'event', 'what happened'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.slice(0, 2000).map((r) => r[i]!.length)));
  widths[3] = 0;
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ');
  return [`${t.spec.title} (${t.spec.id})`, line(head), ...rows.map(line)].join('\n') + '\n';
}
