import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { lectureFromData } from '../scenarios/catalog';
import fc from 'fast-check';
import { groupOfStep, logItems, longestRun, nextStop, prevStop, similarGroups, similarRuns, stepKind } from './similarSteps';
import { indexTimeline } from './timelineIndex';

const lecture = (id: string) => lectureFromData(JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')));

describe('runs of similar steps', () => {
  const { timeline: t } = lecture('dump');
  const groups = similarGroups(t);

  it('groups only consecutive steps of one kind, actor and message type, three or more', () => {
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.to - g.from + 1).toBeGreaterThanOrEqual(3);
      for (let s = g.from; s <= g.to; s++) expect(stepKind(t.steps.at(s)!, t)).toBe(g.kind);
      expect(stepKind(t.steps.at(g.to + 1) ?? t.steps.at(0)!, t)).not.toBe(g.kind);
    }
    expect(Math.max(...groups.map((g) => g.to - g.from + 1))).toBe(longestRun(t));
  });

  it('never puts a barrier (a caption or a question) inside a run, only at its start', () => {
    const g = groups[0]!;
    const mid = g.from + 1;
    const cut = similarGroups(t, new Set([mid]));
    for (const c of cut) expect(c.from < mid && mid <= c.to).toBe(false);
    const ix = indexTimeline(t);
    const barriers = new Set([...ix.captions.map((c) => c.step), ...ix.questionAt.keys()]);
    for (const c of ix.groups) for (let s = c.from + 1; s <= c.to; s++) expect(barriers.has(s)).toBe(false);
  });

  it('next crosses a run in one press and back returns to just before it', () => {
    const of = groupOfStep(t.steps.length, groups);
    const g = groups[0]!;
    expect(nextStop(g.from - 1, of, groups)).toBe(g.to);
    expect(prevStop(g.to, of, groups)).toBe(g.from - 1);
    const after = of[g.to + 1]!;
    expect(nextStop(g.to, of, groups)).toBe(after >= 0 ? groups[after]!.to : g.to + 1);
    // Outside runs, next is the following step.
    const plain = t.steps.findIndex((_, i) => i > 0 && of[i] === -1 && of[i + 1] === -1);
    expect(nextStop(plain, of, groups)).toBe(plain + 1);
    expect(prevStop(plain + 1, of, groups)).toBe(plain);
  });

  it('the log folds a run into one group row and shows its steps when opened', () => {
    const of = groupOfStep(t.steps.length, groups);
    const all = t.steps.map((s) => s.index);
    const g = groups[0]!;
    const folded = logItems(all, of, groups, new Set());
    expect(folded.filter((r) => r.kind === 'step' && r.step >= g.from && r.step <= g.to)).toEqual([]);
    expect(folded).toContainEqual({ kind: 'group', group: 0, from: g.from, to: g.to, shown: g.to - g.from + 1, open: false });
    const opened = logItems(all, of, groups, new Set([0]));
    expect(opened.filter((r) => r.kind === 'step').length).toBe(folded.filter((r) => r.kind === 'step').length + g.to - g.from + 1);
    expect(opened.length).toBe(folded.length + g.to - g.from + 1);
    // A filter that leaves one step of a run shows it as a plain step.
    expect(logItems([g.from], of, groups, new Set())).toEqual([{ kind: 'step', step: g.from }]);
  });
});

describe('runs found one step at a time', () => {
  it('are the maximal stretches of one kind, three steps or more, cut at every barrier', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 60 }), fc.uniqueArray(fc.integer({ min: 1, max: 60 })), (kinds, cuts) => {
        const barriers = new Set(cuts);
        const runs = similarRuns(barriers);
        kinds.forEach((k, i) => runs.push(i + 1, k));
        const got = runs.end();
        // Every step is in at most one run; a run is one kind, has no barrier after its start, and cannot grow either way.
        const step = (n: number) => kinds[n - 1];
        for (const g of got) {
          expect(g.to - g.from + 1).toBeGreaterThanOrEqual(3);
          for (let n = g.from; n <= g.to; n++) expect(step(n)).toBe(g.kind);
          for (let n = g.from + 1; n <= g.to; n++) expect(barriers.has(n)).toBe(false);
          expect(step(g.to + 1) === g.kind && !barriers.has(g.to + 1)).toBe(false);
          expect(step(g.from - 1) === g.kind && !barriers.has(g.from)).toBe(false);
        }
        // And no stretch of three or more alike steps is left out.
        const covered = new Set(got.flatMap((g) => Array.from({ length: g.to - g.from + 1 }, (_, i) => g.from + i)));
        for (let n = 1; n + 2 <= kinds.length; n++) {
          const alike = step(n) === step(n + 1) && step(n) === step(n + 2) && !barriers.has(n + 1) && !barriers.has(n + 2);
          if (alike) expect(covered.has(n)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
