/**
 * A step keeps only what its world changed (snapshots.ts); the world a view reads must still be the
 * world the engine reached at that step, whichever steps were looked at before and in what order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from './arbitraries.test-helpers';
import { initialWorld } from './families';
import { fork, run, type World } from './index';
import { makeEnv, step } from './scheduler';
import { Recorder, type StepSink } from './core/recorder';
import { CHECKPOINT, RunSteps } from './snapshots';
import type { ScenarioSpec } from './spec';

/**
 * Every step's world as the engine computes it, event after event from the start, each copied
 * whole as the step is recorded (no deltas involved); and the steps that end an event (where a
 * fork can pick up the run).
 */
function stepped(spec: ScenarioSpec): { worlds: World[]; ends: number[] } {
  const first = initialWorld(spec);
  const worlds = [first];
  const ends = [0];
  const sink: StepSink = { wholeNext: true, push: (_t, _e, _c, _d, world) => void worlds.push(world!) };
  const rec = new Recorder(first, makeEnv(spec), sink);
  for (let n = worlds.length; step(rec); n = worlds.length) if (worlds.length > n) ends.push(worlds.length - 1);
  return { worlds, ends };
}

const steppedWorlds = (spec: ScenarioSpec) => stepped(spec).worlds;

/** A permutation of 0..n-1 from fast-check's keys. */
function order(n: number, keys: readonly number[]): number[] {
  return Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (keys[a % keys.length]! ^ (a * 2654435761)) - (keys[b % keys.length]! ^ (b * 2654435761)) || a - b,
  );
}

describe('worlds kept as changes', () => {
  it('a world reached by seeking, in any order, equals the world reached by stepping from the start', () => {
    fc.assert(
      fc.property(arbScenario(), fc.array(fc.integer(), { minLength: 1, maxLength: 64 }), (spec, keys) => {
        const expected = steppedWorlds(spec);
        const t = run(spec);
        expect(t.steps.length).toBe(expected.length);
        const seen = new Map<number, World>();
        for (const i of order(t.steps.length, keys)) {
          const w = t.steps.at(i)!.world;
          // Equal field for field, and in the same field order (a saved or printed world reads the same).
          expect(w).toEqual(expected[i]);
          expect(JSON.stringify(w)).toBe(JSON.stringify(expected[i]));
          seen.set(i, w);
        }
        // Once looked at, a step's world is the same object: views may compare worlds by identity.
        for (const [i, w] of seen) expect(t.steps.at(i)!.world).toBe(w);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('a fork that adds nothing and keeps the script rebuilds the same worlds after the step it starts from', () => {
    fc.assert(
      fc.property(arbScenario(), fc.nat(), fc.array(fc.integer(), { minLength: 1, maxLength: 64 }), (spec, pick, keys) => {
        const { worlds: expected, ends } = stepped(spec);
        const base = run(spec);
        // A fork picks up from a step's world; at the end of an event that is where the run went on from.
        const at = ends[pick % ends.length]!;
        const f = fork(base, at, [], { keepScript: true });
        expect(f.steps.length).toBe(expected.length);
        for (const i of order(f.steps.length, keys)) expect(f.steps.at(i)!.world).toEqual(expected[i]);
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  it('keeps a whole world at least every CHECKPOINT steps, so a first look applies fewer than CHECKPOINT changes', () => {
    // Looking at the last step of each stretch first must not depend on any step before it being looked at.
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const expected = steppedWorlds(spec);
        const t = run(spec);
        for (let i = t.steps.length - 1; i >= 0; i -= CHECKPOINT - 1) expect(t.steps.at(i)!.world).toEqual(expected[i]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("rebuilds worlds across the parts of a long run's delta log", () => {
    // Listeners on a group, a requester adding and deleting routes, everyone reading now and then:
    // thousands of log entries, so many parts, and steps on both sides of every boundary.
    const processes = Array.from({ length: 7 }, (_, i) => ({ name: `P${i + 1}`, pid: 3000 + i }));
    const actions: ScenarioSpec['actions'] = processes.slice(1).map((p) => ({ at: 0, do: 'bind' as const, actor: p.name, groups: 0x40 }));
    for (let i = 0; i < 250; i++) {
      const dst = `10.${i >> 1}.0.0/24`;
      actions.push({
        at: 10 + i * 5,
        do: 'send',
        actor: 'P1',
        request:
          i % 2 === 0
            ? { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE'], seq: i + 1, route: { dst, gateway: '192.168.1.1', oif: 'eth0' } }
            : { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'], seq: i + 1, route: { dst } },
      });
      if (i % 10 === 9) for (const p of processes) actions.push({ at: 12 + i * 5, do: 'read', actor: p.name });
    }
    const spec: ScenarioSpec = { version: 1, id: 'long', title: 'long', summary: 'long', goals: [], processes, routes: [], actions };
    const expected = steppedWorlds(spec);
    const t = run(spec);
    expect(t.steps.length).toBe(expected.length);
    // Enough changes to fill several parts of the log.
    expect((t.steps as RunSteps).logParts).toBeGreaterThanOrEqual(3);
    for (let i = t.steps.length - 1; i >= 0; i--) expect(t.steps.at(i)!.world).toEqual(expected[i]);
  }, 60_000);
});
