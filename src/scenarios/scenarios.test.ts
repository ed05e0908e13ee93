import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LECTURES } from './catalog';
import { validateScenario } from './validate';

const dir = new URL('./lectures/', import.meta.url);

describe('built-in lectures', () => {
  it('every lecture file is listed, with its title, and every listed lecture has a file', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(LECTURES.map((l) => l.id).sort());
    for (const l of LECTURES) {
      const data = JSON.parse(readFileSync(new URL(`${l.id}.json`, dir), 'utf8'));
      expect(data.id).toBe(l.id);
      expect(data.title).toBe(l.title);
    }
  });

  for (const l of LECTURES) {
    it(`${l.id} is a valid scenario whose captions all find their step`, () => {
      const data = JSON.parse(readFileSync(new URL(`${l.id}.json`, dir), 'utf8'));
      const r = validateScenario(data);
      expect(r.ok ? [] : r.error).toEqual([]);
    });
  }
});

describe('transfer questions', () => {
  for (const l of LECTURES) {
    it(`${l.id} has a transfer question whose sandbox variation runs without a failed action`, async () => {
      const { lectureFromData } = await import('./catalog');
      const { run } = await import('../engine');
      const { variationScenario } = await import('./variation');
      const { timeline: t } = lectureFromData(JSON.parse(readFileSync(new URL(`${l.id}.json`, dir), 'utf8')));
      const withTry = (t.spec.questions ?? []).filter((q) => q.tryIt);
      expect(withTry.length).toBeGreaterThanOrEqual(1);
      for (const q of withTry) {
        const spec = variationScenario(t, q);
        expect(spec, `${q.id} finds its fork point`).toBeDefined();
        const forked = run(spec!);
        const failed = forked.steps.filter((s) => s.event.kind === 'action-failed').map((s) => JSON.stringify(s.event));
        expect(failed, q.id).toEqual([]);
        // Every added action happens in the fork.
        const added = forked.spec.actions.length - q.tryIt!.actions.length;
        for (let i = added; i < forked.spec.actions.length; i++)
          expect(
            forked.steps.some((s) => s.cause === i),
            `${q.id} action ${i}`,
          ).toBe(true);
      }
    });
  }
});
