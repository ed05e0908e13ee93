import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PROCESSES } from '../engine';
import { formatError } from './result';
import { validateScenarioText } from './validate';

const stressText = readFileSync(new URL('../../e2e/fixtures/stress-16.json', import.meta.url), 'utf8');

describe('the process limit and the stress scenario that fills it', () => {
  it('the stress scenario is valid: 16 processes of three sockets, 50 routes at the end, a multicast burst', () => {
    const r = validateScenarioText(stressText);
    if (!r.ok) throw new Error(r.error.map(formatError).join('\n'));
    const { spec, timeline } = r.value;
    expect(spec.processes).toHaveLength(MAX_PROCESSES);
    expect(spec.processes.every((p) => (p.sockets?.length ?? 1) >= 3)).toBe(true);
    expect(timeline.steps.at(timeline.steps.length - 1)!.world.routes.filter((x) => x.table === 254)).toHaveLength(50);
    const copies = timeline.steps.map((s) => (s.event.kind === 'message-sent' ? (s.event.copies?.length ?? 0) : 0));
    expect(copies.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(200);
  });

  it('one process more is refused, saying where and what the limit is', () => {
    const spec = JSON.parse(stressText) as { processes: Array<{ name: string; pid: number }> };
    spec.processes.push({ name: 'one-too-many', pid: 9999 });
    const r = validateScenarioText(JSON.stringify(spec));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map(formatError).join('\n')).toMatch(/processes.*at most 16/);
  });
});
