import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LECTURES, lectureFromData } from '../../scenarios/catalog';
import { indexTimeline } from '../../store/timelineIndex';
import { laneOf, stepLanes, stepMark } from './diagramModel';

const lecture = (id: string) => lectureFromData(JSON.parse(readFileSync(new URL(`../../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')));

describe('the lanes of a step', () => {
  it('hold whatever the diagram draws in that row: the mark, and each end of an arrow sent or arriving there', () => {
    for (const { id } of LECTURES) {
      const ix = indexTimeline(lecture(id).timeline);
      const t = ix.timeline;
      const drawn = t.steps.map((s) => {
        const mark = stepMark(s, t);
        return new Set(mark ? [mark.lane] : []);
      });
      for (const m of t.messages) {
        if (m.to.kind === 'group' || ix.sentStep[m.id]! < 0) continue;
        drawn[ix.sentStep[m.id]!]!.add(laneOf(m, 'from'));
        if (ix.outcomeStep[m.id]! >= 0) drawn[ix.outcomeStep[m.id]!]!.add(laneOf(m, 'to'));
      }
      const names = new Set([...ix.lanes.map((l) => l.process), 'kernel']);
      t.steps.forEach((s, i) => {
        const lanes = stepLanes(s, t);
        for (const lane of drawn[i]!) expect(lanes, `${id} step ${i}`).toContain(lane);
        for (const lane of lanes) expect(names.has(lane)).toBe(true);
      });
    }
  });
});
