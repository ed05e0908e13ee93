import { describe, expect, it } from 'vitest';
import { largeScenario } from '../../bench/largeScenario';
import { run } from '../engine';
import { runInSlices, type LoadProgress } from './checkInWorker';
import { inSlices } from './slices';

describe('work in slices', () => {
  it('does every item exactly once, asking for at least one at a time, whatever each costs', async () => {
    const total = 3000;
    let done = 0;
    const asked: number[] = [];
    await inSlices(
      {
        advance(count) {
          asked.push(count);
          const upTo = Math.min(total, done + count);
          // Some stretches cost far more per item than others.
          for (; done < upTo; done++) if (done % 1000 > 900) for (let spin = 0; spin < 20_000; spin++) Math.sqrt(spin);
          return done === total;
        },
      },
      () => {},
    );
    expect(done).toBe(total);
    expect(Math.min(...asked)).toBeGreaterThanOrEqual(1);
  });

  it('a run in slices is the run in one go, and its progress counts steps up to the total', async () => {
    const spec = largeScenario(40, 6);
    const whole = run(spec);
    const seen: LoadProgress[] = [];
    const t = await runInSlices(spec, whole.steps.length, (p) => seen.push(p));
    expect(t.steps.map((s) => s.event)).toEqual(whole.steps.map((s) => s.event));
    for (const p of seen) expect(p).toMatchObject({ phase: 'building', total: whole.steps.length, done: expect.any(Number) });
  });
});
