/** copies.ts writes every field out: its copies and comparisons must keep up with the model. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '../arbitraries.test-helpers';
import { run, type SocketState, type World } from '../index';
import { copySocket, copyWorld, socketChanges, worldChanges, type FieldSink } from './copies';

/** Every world a run reaches, with the course module and without, closed sockets included. */
/** Changes written as name, value, name, value… (a queue by its new value). */
const sink = (out: unknown[]): FieldSink => ({ push: (k, v) => void out.push(k, v), queue: (_, q) => void out.push('queue', q) });

const worlds = () => fc.array(arbScenario(), { minLength: 1, maxLength: 3 }).map((specs) => specs.flatMap((s) => run(s).steps.map((x) => x.world)));

describe('copies of worlds and sockets', () => {
  it('have the same fields, in the same order and with the same values, as every world and socket of a run', () => {
    fc.assert(
      fc.property(worlds(), (ws) => {
        for (const w of ws) {
          expect(Object.keys(copyWorld(w))).toEqual(Object.keys(w));
          expect(copyWorld(w)).toEqual(w);
          for (const s of w.sockets) {
            expect(Object.keys(copySocket(s))).toEqual(Object.keys(s));
            expect(copySocket(s)).toEqual(s);
          }
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('see a change in any one field of a socket or a world, and nothing else', () => {
    fc.assert(
      fc.property(worlds(), fc.nat(), (ws, pick) => {
        const w = ws[pick % ws.length]!;
        for (const s of w.sockets) {
          for (const k of Object.keys(s)) {
            const changed = { ...s, [k]: { changed: k } } as SocketState;
            const out: unknown[] = [];
            if (socketChanges(s, changed, sink(out))) expect(out).toEqual([k, { changed: k }]);
            else expect(s.closed ?? changed.closed).toBeDefined();
          }
          const same: unknown[] = [];
          if (socketChanges(s, copySocket(s), sink(same))) expect(same).toEqual([]);
        }
        for (const k of Object.keys(w)) {
          const changed = { ...w, [k]: k === 'sockets' ? [...w.sockets] : { changed: k } } as World;
          const out: unknown[] = [];
          let listed = false;
          expect(worldChanges(w, changed, sink(out), () => (listed = true))).toBe(true);
          if (k === 'sockets') expect([out, listed]).toEqual([[], true]);
          else expect(out).toEqual([k, { changed: k }]);
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
