/** Every message of every lecture: the bytes a run encodes on first read equal encoding it eagerly. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode, encodedLength, run } from '../engine';
import { LECTURES, lectureFromData } from './catalog';

describe('lazily encoded messages of the lectures', () => {
  for (const { id } of LECTURES) {
    it(id, () => {
      const { timeline } = lectureFromData(JSON.parse(readFileSync(new URL(`./lectures/${id}.json`, import.meta.url), 'utf8')));
      const t = run(timeline.spec);
      expect(t.messages.length).toBeGreaterThan(0);
      for (const m of t.messages) {
        const eager = encode(m.message);
        expect(encodedLength(m.message)).toBe(eager.length);
        expect(m.bytes).toEqual(eager);
        if (m.copyOf !== undefined) expect(m.bytes).toBe(t.messages.at(m.copyOf)!.bytes);
      }
    });
  }
});
