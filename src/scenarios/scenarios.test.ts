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
