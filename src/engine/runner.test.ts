import { describe, expect, it } from 'vitest';
import { run, startRun } from './index';
import { largeScenario } from '../../bench/largeScenario';

describe('a run advanced in slices', () => {
  it('makes the same steps as a run in one go, and stops at maxSteps the same way', () => {
    const spec = largeScenario(60, 3);
    const whole = run(spec);
    for (const slice of [1, 7, 500]) {
      const r = startRun(spec);
      let rounds = 0;
      while (!r.advance(slice)) rounds++;
      const t = r.timeline();
      // An event may add several steps at once, so a slice can go a little past its count.
      expect(rounds).toBeGreaterThanOrEqual(Math.floor((whole.steps.length - 1) / (slice + 40)));
      expect(t.steps.map((s) => [s.index, s.timeMs, s.event])).toEqual(whole.steps.map((s) => [s.index, s.timeMs, s.event]));
      expect(t.messages.map((m) => m.bytes)).toEqual(whole.messages.map((m) => m.bytes));
    }
    const capped = run(spec, { maxSteps: 100 });
    const r = startRun(spec, { maxSteps: 100 });
    while (!r.advance(33));
    expect(r.timeline().steps.length).toBe(capped.steps.length);
    expect(r.timeline().truncated).toBe(true);
  });
});
