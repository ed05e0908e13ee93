import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run, RTM_DELROUTE, RTM_NEWROUTE, type ActionSpec, type ScenarioSpec } from '../engine';
import { LECTURES, lectureFromData } from '../scenarios/catalog';
import { largeScenario } from '../../bench/largeScenario';
import { arbScenario } from '../engine/arbitraries.test-helpers';
import { anyInFlight, indexTimeline, inFlight, MARKER_SLOTS, startIndex, trackMs, type TimelineIndex } from './timelineIndex';
import { questionsInOrder } from './questionOrder';

const lecture = (id: string) => lectureFromData(JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')));

const emptyWorld = (actions: ActionSpec[]): ScenarioSpec => ({
  version: 1,
  id: 'empty',
  title: 't',
  summary: 's',
  goals: [],
  processes: [],
  routes: [],
  actions,
});

describe('lanes', () => {
  it("a process spawned later has a lane from the step it starts, after the scenario's own", () => {
    const t = run({
      ...lecture('event-notification').spec,
      actions: [...lecture('event-notification').spec.actions, { at: 20_000, do: 'spawn', actor: 'P9', pid: 4242 }],
    });
    const ix = indexTimeline(t);
    const started = t.steps.findIndex((s) => s.event.kind === 'process-started');
    expect(ix.lanes).toEqual([
      { process: 'P1', fromStep: 0 },
      { process: 'P2', fromStep: 0 },
      { process: 'P3', fromStep: 0 },
      { process: 'P9', fromStep: started },
    ]);
  });

  it('in an empty world every process is spawned, and every one has a lane in order of appearance', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(500), { minLength: 6, maxLength: 6 }),
        (ids, gaps) => {
          let at = 0;
          const actions: ActionSpec[] = ids.map((n, i) => ({ at: (at += gaps[i]!), do: 'spawn', actor: `P${n}`, pid: 1000 + n }));
          const t = run(emptyWorld(actions));
          const ix = indexTimeline(t);
          expect(ix.lanes.map((l) => l.process)).toEqual(ids.map((n) => `P${n}`));
          // Every step can draw each of its processes in a lane that exists from that step or earlier.
          for (const s of t.steps) {
            for (const p of s.world.processOrder) {
              const lane = ix.lanes.find((l) => l.process === p);
              expect(lane).toBeDefined();
              expect(lane!.fromStep).toBeLessThanOrEqual(s.index);
            }
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('route changes', () => {
  it('routes the kernel removes on its own (an address lifetime runs out) are removed by its timer', () => {
    const ix = indexTimeline(lecture('event-notification').timeline);
    const removed = ix.kernelChanges.filter((c) => c.kind === 'route' && c.change === 'removed');
    expect(removed.map((c) => c.kind === 'route' && c.route.label)).toContain('R3');
    for (const c of removed) expect(c).toMatchObject({ cause: { kind: 'timer' } });
    expect(ix.kernelChanges.find((c) => c.kind === 'address-removed')).toMatchObject({ address: '10.0.3.1/24', cause: { kind: 'timer' } });
  });

  it('a route added or removed by a request names the process that asked', () => {
    let seen = 0;
    for (const { id } of LECTURES) {
      const { timeline } = lecture(id);
      for (const c of indexTimeline(timeline).kernelChanges) {
        if (c.kind !== 'route' || c.cause?.kind !== 'request') continue;
        seen++;
        const m = timeline.messages.at(c.cause.message)!;
        expect(m.from).toEqual({ kind: 'socket', socket: expect.stringMatching(new RegExp(`^${c.cause.process}/`)) });
        expect(m.message.header.type, `${id} ${c.route.label}`).toBe(c.change === 'removed' ? RTM_DELROUTE : RTM_NEWROUTE);
      }
    }
    expect(seen).toBeGreaterThan(2);
    const added = indexTimeline(lecture('request-response').timeline).kernelChanges.find((c) => c.kind === 'route' && c.route.label === 'R4');
    expect(added).toMatchObject({ change: 'added', cause: { kind: 'request', process: 'P1' } });
  });

  it('each step knows the latest kernel change at or before it, without looking at other steps', () => {
    for (const { id } of LECTURES) {
      const ix = indexTimeline(lecture(id).timeline);
      let latest = -1;
      for (const s of ix.timeline.steps) {
        const e = s.event;
        const fired = e.kind === 'timer-fired' ? ix.timeline.steps.before(s.index)!.world.timers[e.timer]! : undefined;
        // A timer counts when its expiry takes a route away: not an address's preferred lifetime, not the module's timers.
        const endsRoute = fired !== undefined && (fired.kind === 'route' || fired.kind === 'address-valid');
        if (endsRoute || ['route-added', 'route-removed', 'address-removed', 'timer-armed', 'timer-cancelled'].includes(e.kind)) latest++;
        expect(ix.lastKernelChange[s.index], `${id} step ${s.index}`).toBe(latest);
        if (latest >= 0) expect(ix.kernelChanges[latest]!.step).toBeLessThanOrEqual(s.index);
      }
    }
  });
});

describe('a lifetime that runs out', () => {
  it('is a kernel change of its own, naming the address and the route that goes with it; the module’s timers are not', () => {
    const ix = indexTimeline(lecture('event-notification').timeline);
    const fired = ix.kernelChanges.filter((c) => c.kind === 'timer-fired');
    expect(fired).toEqual([expect.objectContaining({ kind: 'timer-fired', route: 'R3', address: '10.0.3.1/24', timeMs: 10_000 })]);
    const removed = ix.kernelChanges.find((c) => c.kind === 'route' && c.change === 'removed' && c.route.label === 'R3')!;
    expect(removed.step).toBeGreaterThan(fired[0]!.step);
    const both = indexTimeline(lecture('module-vs-kernel').timeline);
    // The address at 12 s, not the module's entry timer at 14 s.
    expect(both.kernelChanges.filter((c) => c.kind === 'timer-fired').map((c) => c.timeMs)).toEqual([12_000]);
  });
});

describe('questions', () => {
  it('are numbered in the order the learner meets them, not the order the file lists them', () => {
    for (const { id } of LECTURES) {
      const ix = indexTimeline(lecture(id).timeline);
      const listed = ix.timeline.spec.questions ?? [];
      const ordered = questionsInOrder(ix, listed);
      const stepOf = (qid: string) => [...ix.questionAt].find(([, q]) => q.id === qid)?.[0] ?? Infinity;
      const steps = ordered.map((q) => stepOf(q.id));
      expect(steps, id).toEqual([...steps].sort((a, b) => a - b));
      expect(ordered.map((q) => q.id).sort(), id).toEqual(listed.map((q) => q.id).sort());
      // Two lectures list a question before one that comes earlier: the case this order is for.
      if (id === 'event-notification' || id === 'dump')
        expect(
          ordered.map((q) => q.id),
          id,
        ).not.toEqual(listed.map((q) => q.id));
    }
  });
});

describe('multicast copies', () => {
  it("numbers each member's copy: copy k of n, in the order the kernel made them", () => {
    const ix = indexTimeline(lecture('event-notification').timeline);
    const copies = ix.timeline.messages.filter((m) => m.copyOf !== undefined);
    expect(copies.length).toBeGreaterThan(0);
    const byGroup = new Map<number, number[]>();
    for (const m of copies) byGroup.set(m.copyOf!, [...(byGroup.get(m.copyOf!) ?? []), m.id]);
    for (const ids of byGroup.values()) {
      expect(ids.map((id) => ix.copyNumber[id])).toEqual(ids.map((_, i) => i + 1));
      expect(ids.map((id) => ix.copyCount[id])).toEqual(ids.map(() => ids.length));
    }
    for (const m of ix.timeline.messages) if (m.copyOf === undefined) expect(ix.copyNumber[m.id]).toBe(0);
  });
});

/** Every message drawn travelling at a step, found the slow way: sent by it, to a socket or the kernel, not yet arrived. */
function inFlightByScan(ix: TimelineIndex, step: number): number[] {
  return ix.timeline.messages
    .filter((m) => m.to.kind !== 'group' && ix.sentStep[m.id]! >= 0 && ix.sentStep[m.id]! <= step)
    .filter((m) => ix.outcomeStep[m.id] === -1 || ix.outcomeStep[m.id]! > step)
    .map((m) => m.id);
}

describe('anything in flight', () => {
  it('agrees at every step of every lecture with the list of messages in flight', () => {
    for (const l of LECTURES) {
      const ix = indexTimeline(lecture(l.id).timeline);
      let some = 0;
      for (let step = 0; step < ix.timeline.steps.length; step++) {
        const flying = inFlightByScan(ix, step).length;
        expect(inFlight(ix, step), `${ix.timeline.spec.id} step ${step}`).toEqual(inFlightByScan(ix, step));
        expect(ix.flying[step], `${ix.timeline.spec.id} step ${step}`).toBe(flying);
        const expected = flying > 0 || ix.timeline.steps.at(step)!.event.kind === 'message-dropped';
        expect(anyInFlight(ix, step), `${ix.timeline.spec.id} step ${step}`).toBe(expected);
        if (expected) some++;
      }
      expect(some).toBeGreaterThan(0);
    }
  });

  it('is found by the index the same as by scanning every message, in any scenario', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const ix = indexTimeline(run(spec));
        for (let step = 0; step < ix.timeline.steps.length; step++) expect(inFlight(ix, step)).toEqual(inFlightByScan(ix, step));
      }),
      { numRuns: 150 },
    );
  });
});

describe('an index built in slices', () => {
  const timelines = [...LECTURES.map((l) => lecture(l.id).timeline), run(largeScenario(20, 5))];

  it('equals the index built in one go, whatever the slices', () => {
    const whole = timelines.map(indexTimeline);
    fc.assert(
      fc.property(fc.nat(timelines.length - 1), fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 }), (which, sizes) => {
        const t = timelines[which]!;
        const indexer = startIndex(t);
        expect(() => indexer.index()).toThrow();
        let slice = 0;
        let before = indexer.done;
        for (;;) {
          const done = indexer.advance(sizes[slice++ % sizes.length]!);
          // Progress only grows, and reaches the total exactly when the index is complete.
          expect(indexer.done).toBeGreaterThanOrEqual(before);
          expect(indexer.done === indexer.total).toBe(done);
          before = indexer.done;
          if (done) break;
        }
        expect(indexer.index()).toEqual(whole[which]);
      }),
      { numRuns: 40 },
    );
  });

  it('counts every step once and every message twice (counted, then placed)', () => {
    const t = timelines[timelines.length - 1]!;
    const indexer = startIndex(t);
    expect(indexer.total).toBe(t.steps.length + 2 * t.messages.length);
    expect(indexer.advance(t.steps.length)).toBe(false);
    expect(indexer.done).toBe(t.steps.length);
    expect(indexer.advance(t.messages.length)).toBe(false);
    expect(indexer.done).toBe(t.steps.length + t.messages.length);
    expect(indexer.advance(t.messages.length)).toBe(true);
    expect(indexer.done).toBe(indexer.total);
  });
});

describe("the scrubber's markers", () => {
  it('a long run keeps one per slot of the track, in time order, an error wherever a message was dropped', () => {
    const ix = indexTimeline(run({ ...largeScenario(60, 11), settings: { latencyMs: 2 } }));
    const t = ix.timeline;
    const total = trackMs(ix.endMs);
    const slot = (ms: number) => Math.floor((Math.min(ms, total) / total) * MARKER_SLOTS);
    const marked = t.steps.filter((s) => s.event.kind !== 'start' && s.event.kind !== 'message-delivered');
    expect(marked.length).toBeGreaterThan(MARKER_SLOTS);
    expect(ix.markers.length).toBeLessThanOrEqual(MARKER_SLOTS);
    const slots = ix.markers.map((mk) => slot(mk.timeMs));
    for (let i = 1; i < slots.length; i++) expect(slots[i]).toBeGreaterThan(slots[i - 1]!);
    // Every slot with a marked step has a marker, and it is an error when a message was dropped there.
    expect(new Set(slots)).toEqual(new Set(marked.map((s) => slot(s.timeMs))));
    for (const s of t.steps) if (s.event.kind === 'message-dropped') expect(ix.markers[slots.indexOf(slot(s.timeMs))]!.kind).toBe('error');
    for (const mk of ix.markers) expect(t.steps.at(mk.step)!.timeMs).toBe(mk.timeMs);
  });

  it('a lecture keeps every marker: one for each step but the start and deliveries', () => {
    for (const { id } of LECTURES) {
      const ix = indexTimeline(lecture(id).timeline);
      const marked = ix.timeline.steps.filter((s) => s.event.kind !== 'start' && s.event.kind !== 'message-delivered');
      expect(ix.markers.map((mk) => mk.step)).toEqual(marked.map((s) => s.index));
    }
  });
});
