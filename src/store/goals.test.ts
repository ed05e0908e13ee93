import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LECTURES, lectureFromData } from '../scenarios/catalog';
import { goalStates } from './goals';
import { indexTimeline } from './timelineIndex';

const load = (id: string) => lectureFromData(JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')));

describe('learning goals', () => {
  for (const { id } of LECTURES) {
    it(`${id}: every goal is ticked at the end once its questions are answered, and none before its question is`, () => {
      const { spec, timeline } = load(id);
      const ix = indexTimeline(timeline);
      const last = timeline.steps.length - 1;
      const all = Object.fromEntries((spec.questions ?? []).map((q) => [q.id, { chosen: q.answer, correct: true }]));
      expect(goalStates(ix, spec.goals.length, last, all, true)).toEqual(spec.goals.map(() => 'done'));
      // With nothing answered, no goal taught at or after a question's step is ticked.
      const firstQuestion = Math.min(...ix.questionAt.keys());
      const none = goalStates(ix, spec.goals.length, last, {}, true);
      const taught = new Map<number, number>();
      for (const c of ix.captions) if (c.goal !== undefined && !taught.has(c.goal)) taught.set(c.goal, c.step);
      for (const [g, at] of taught) if (at >= firstQuestion) expect(none[g]).toBe('todo');
    });
  }
});
