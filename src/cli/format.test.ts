import { describe, expect, it } from 'vitest';
import { traceJson, traceJsonChunks } from './format';
import { lectureIds, loadLecture } from '../scenarios';

describe('trace --json streaming', () => {
  it('writes, piece by piece, exactly the text of the whole JSON object', async () => {
    for (const id of lectureIds()) {
      const { timeline } = (await loadLecture(id))!;
      const chunks = [...traceJsonChunks(timeline)];
      expect(chunks.length).toBe(timeline.steps.length + 2);
      expect(chunks.join(''), id).toBe(`${JSON.stringify(traceJson(timeline), null, 2)}\n`);
    }
  });
});
