/** copyWorld and copySocket write every field out (see world.ts): they must keep up with the model. */
import { describe, expect, it } from 'vitest';
import { arbScenario } from '../arbitraries.test-helpers';
import fc from 'fast-check';
import { run } from '../index';
import { copySocket, copyWorld } from './world';

describe('copies of worlds and sockets', () => {
  it('have the same fields, in the same order and with the same values, as every world and socket of a run', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        for (const step of run(spec).steps) {
          const w = step.world;
          expect(Object.keys(copyWorld(w))).toEqual(Object.keys(w));
          expect(copyWorld(w)).toEqual(w);
          for (const s of w.sockets) {
            expect(Object.keys(copySocket(s))).toEqual(Object.keys(s));
            expect(copySocket(s)).toEqual(s);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
