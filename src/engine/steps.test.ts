/**
 * A step list answers as the read-only array it stands for: views moved from arrays to it, so each
 * of its methods is checked against Array's own on random lists, indexes and predicates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from './arbitraries.test-helpers';
import { fork, run, stepList, type Step } from './index';

const arbSteps = fc
  .array(fc.nat({ max: 9 }), { maxLength: 12 })
  .map((times) => times.map((t, index): Step => ({ index, timeMs: t, event: { kind: 'start' }, cause: t % 3 ? t : null, world: undefined as never })));
const arbIndex = fc.integer({ min: -15, max: 15 });

describe('step lists', () => {
  it('answer every method as an array of the same steps does', () => {
    fc.assert(
      fc.property(arbSteps, arbIndex, arbIndex, fc.nat({ max: 9 }), (steps, i, j, cut) => {
        const list = stepList(steps);
        const p = (s: Step) => s.timeMs >= cut;
        expect(list.length).toBe(steps.length);
        expect(list.at(i)).toBe(steps.at(i));
        expect(list.before(i)).toBe(i > 0 ? steps[i - 1] : undefined);
        expect(list.slice(i, j)).toEqual(steps.slice(i, j));
        expect(list.slice(i)).toEqual(steps.slice(i));
        expect(list.map((s, k) => s.timeMs * 100 + k)).toEqual(steps.map((s, k) => s.timeMs * 100 + k));
        expect(list.flatMap((s) => (s.cause === null ? [] : [s.cause, s.index]))).toEqual(steps.flatMap((s) => (s.cause === null ? [] : [s.cause, s.index])));
        expect(list.filter(p)).toEqual(steps.filter(p));
        expect(list.find(p)).toBe(steps.find(p));
        expect(list.findIndex(p)).toBe(steps.findIndex(p));
        expect(list.some(p)).toBe(steps.some(p));
        expect(list.every(p)).toBe(steps.every(p));
        expect([...list]).toEqual(steps);
        const seen: number[] = [];
        list.forEach((s, k) => seen.push(s.index, k));
        expect(seen).toEqual(steps.flatMap((s, k) => [s.index, k]));
        expect(JSON.stringify(list)).toBe(JSON.stringify(steps));
        for (let k = 0; k < steps.length; k++) expect(list.timeAt(k)).toBe(steps[k]!.timeMs);
      }),
      { numRuns: 300 },
    );
  });

  it("a run's list gives the same step object for an index every time, and a fork shares the steps before its own", () => {
    fc.assert(
      fc.property(arbScenario(), fc.nat(), (spec, pick) => {
        const t = run(spec);
        const at = pick % t.steps.length;
        const f = fork(t, at, []);
        for (let i = 0; i < t.steps.length; i++) {
          expect(t.steps.at(i)).toBe(t.steps.at(i));
          expect(t.steps.at(i - t.steps.length)).toBe(t.steps.at(i));
          expect(t.steps.timeAt(i)).toBe(t.steps.at(i)!.timeMs);
        }
        for (let i = 0; i < at; i++) expect(f.steps.at(i)).toBe(t.steps.at(i));
        // The step a fork starts from is its own (it keeps the whole world), equal to the one it copies.
        expect(f.steps.at(at)).not.toBe(t.steps.at(at));
        expect({ ...f.steps.at(at)!, world: f.steps.at(at)!.world }).toEqual({ ...t.steps.at(at)!, world: t.steps.at(at)!.world });
        expect(t.steps.at(t.steps.length)).toBeUndefined();
        expect(t.steps.at(-t.steps.length - 1)).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
