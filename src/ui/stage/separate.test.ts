import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { separate, type Box } from './separate';

const box = (x: number, y: number, w = 80, h = 14): Box => ({ x, y, w, h });
const apart = (a: Box, b: Box) => Math.abs(a.x - b.x) >= a.w + b.w || Math.abs(a.y - b.y) >= a.h + b.h;

describe('envelopes kept apart', () => {
  it('leaves envelopes that do not touch where their paths put them', () => {
    const boxes = [box(100, 100), box(300, 100), box(100, 200)];
    expect(separate(boxes)).toEqual(boxes.map(({ x, y }) => ({ x, y })));
  });

  it('moves the later of two that overlap by whole heights, and only it', () => {
    const [a, b] = separate([box(100, 100), box(150, 104)]);
    expect(a).toEqual({ x: 100, y: 100 });
    expect(b!.x).toBe(150);
    expect(Math.abs(b!.y - 104)).toBe(32);
  });

  it('moves an envelope off an obstacle such as the boundary label', () => {
    const [a] = separate([box(100, 100)], [box(110, 96, 60, 12)]);
    expect(apart({ ...box(100, 100), ...a! }, box(110, 96, 60, 12))).toBe(true);
  });

  it('a handful of envelopes near one point never cover each other', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: 0, max: 200 }), y: fc.integer({ min: 0, max: 60 }) }), { minLength: 1, maxLength: 4 }), (pts) => {
        const boxes = pts.map((p) => box(p.x, p.y));
        const out = separate(boxes).map((p, i) => ({ ...boxes[i]!, ...p }));
        for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(apart(out[i]!, out[j]!)).toBe(true);
        // Nothing moves sideways, and the first stays put.
        expect(out.map((b) => b.x)).toEqual(boxes.map((b) => b.x));
        expect(out[0]).toEqual(boxes[0]);
      }),
    );
  });
});
