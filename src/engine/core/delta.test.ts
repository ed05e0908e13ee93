/**
 * A delta log keeps values as numbers in typed arrays (core/delta.ts): what it applies must be
 * what was written, value for value (Object.is: -0 stays -0, an integer stays an integer) and in
 * the same field order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeltaLog, fromFloat, GONE } from './delta';
import { EMPTY_FIFO, type Fifo } from '../fifo';

const FIELDS = ['a', 'b', 'c', 'queue', 'timeMs'];

const value = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, 2 ** 31, -(2 ** 31) - 1, 0.5, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constantFrom(null, undefined, 'text', GONE),
  fc.array(fc.integer(), { maxLength: 3 }),
);

type Op = { socket: boolean; field: string; value: unknown };
const op = fc.record({ socket: fc.boolean(), field: fc.constantFrom(...FIELDS), value });

function direct(o: Record<string, unknown>, field: string, v: unknown): void {
  if (v === GONE) delete o[field];
  else o[field] = v;
}

describe('a delta log', () => {
  it('applies what was written, value for value and in field order, in the world and a socket, past its first arrays', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const expectWorld: Record<string, unknown> = { a: 1 };
        const expectSocket: Record<string, unknown> = { b: 2 };
        const log = new DeltaLog(4);
        for (const o of ops as Op[]) {
          if (o.socket) {
            const at = log.socket(0);
            log.push(o.field, o.value);
            log.endSocket(at);
            direct(expectSocket, o.field, o.value);
          } else {
            log.push(o.field, o.value);
            direct(expectWorld, o.field, o.value);
          }
        }
        const world: Record<string, unknown> = { a: 1 };
        const socket: Record<string, unknown> = { b: 2 };
        log.applyTo(
          world,
          0,
          log.length,
          () => socket,
          () => expect.unreachable(),
        );
        expect(Object.keys(world)).toEqual(Object.keys(expectWorld));
        expect(Object.keys(socket)).toEqual(Object.keys(expectSocket));
        for (const k of Object.keys(expectWorld)) expect(Object.is(world[k], expectWorld[k])).toBe(true);
        for (const k of Object.keys(expectSocket)) expect(Object.is(socket[k], expectSocket[k])).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("writes a shared queue's new range as one entry, and a queue of its own as the queue", () => {
    const a = EMPTY_FIFO.push(1).push(2).push(3);
    const b = a.drop(1).push(4);
    const own = EMPTY_FIFO.push(9);
    const log = new DeltaLog();
    let at = log.socket(0);
    log.queue(a, b);
    log.endSocket(at);
    expect(log.length).toBe(2);
    at = log.socket(0);
    log.queue(b, own);
    log.endSocket(at);
    const ranges: [number, number][] = [];
    const s: Record<string, unknown> = { queue: a };
    log.applyTo(
      {},
      0,
      2,
      () => s,
      (_, offset, size) => ranges.push([offset, size]),
    );
    expect(ranges).toEqual([[b.offset, b.size]]);
    log.applyTo(
      {},
      2,
      log.length,
      () => s,
      () => expect.unreachable(),
    );
    expect(s.queue).toBe(own);
    expect([...(s.queue as Fifo)]).toEqual([9]);
  });

  it('reads back every number as it was written, -0 included', () => {
    expect(Object.is(fromFloat(-0), -0)).toBe(true);
    expect(fromFloat(3)).toBe(3);
    expect(fromFloat(2.5)).toBe(2.5);
    expect(fromFloat(2 ** 40)).toBe(2 ** 40);
  });
});
