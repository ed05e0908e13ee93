import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_FIFO, fifoDrop, fifoPeek, fifoPush, fifoShift, fifoToArray, type Fifo } from './fifo';

describe('persistent FIFO', () => {
  it('behaves like an array queue, and old versions never change', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(1000), fc.constant(-1)), { maxLength: 200 }), (ops) => {
        let q: Fifo = EMPTY_FIFO;
        const model: number[] = [];
        const history: Array<[Fifo, number[]]> = [];
        for (const op of ops) {
          if (op >= 0) {
            q = fifoPush(q, op);
            model.push(op);
          } else {
            const r = fifoShift(q);
            expect(r?.[0]).toBe(model.shift());
            if (r) q = r[1];
          }
          history.push([q, [...model]]);
          expect(q.size).toBe(model.length);
        }
        for (const [version, expected] of history) expect(fifoToArray(version)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('peeks at the oldest value and drops the n oldest as n shifts would, leaving old versions as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(1000), fc.integer({ min: -4, max: -1 })), { maxLength: 200 }), (ops) => {
        let q: Fifo = EMPTY_FIFO;
        const model: number[] = [];
        const history: Array<[Fifo, number[]]> = [];
        for (const op of ops) {
          expect(fifoPeek(q)).toBe(model[0]);
          if (op >= 0) {
            q = fifoPush(q, op);
            model.push(op);
          } else {
            q = fifoDrop(q, -op);
            model.splice(0, -op);
          }
          history.push([q, [...model]]);
          expect(q.size).toBe(model.length);
        }
        for (const [version, expected] of history) expect(fifoToArray(version)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
