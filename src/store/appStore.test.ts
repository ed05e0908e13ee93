import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lectureFromData } from '../scenarios/catalog';
import { bigScenario } from '../../bench/bigScenario';
import { run } from '../engine';
import { createAppStore } from './appStore';
import { indexTimeline } from './timelineIndex';
import { STEP_DWELL_MS } from './slices/playback';

const lecture = (id: string) => lectureFromData(JSON.parse(readFileSync(new URL(`../scenarios/lectures/${id}.json`, import.meta.url), 'utf8')));
const make = (id = 'event-notification', step?: number) => createAppStore({ lecture: lecture(id), scenarioId: id, ...(step !== undefined ? { step } : {}) });

/** Play with fake frames until playback stops or a limit is hit. */
function playThrough(store: ReturnType<typeof make>, frames = 20_000) {
  store.getState().play();
  for (let i = 0; i < frames && store.getState().playing; i++) store.getState().tick(16);
}

describe('playback', () => {
  it('plays every step in order to the end, showing steps at the same time one by one', () => {
    const store = make();
    store.getState().setQuizEnabled(false);
    store.getState().setSkipSimilar(false);
    const seen: number[] = [];
    store.subscribe((s, p) => {
      if (s.step !== p.step) seen.push(s.step);
    });
    playThrough(store);
    const last = store.getState().index.timeline.steps.length - 1;
    expect(seen).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(store.getState().playing).toBe(false);
    expect(store.time.get()).toBe(store.getState().index.endMs);
  });

  it('skips idle time when asked, and not otherwise', () => {
    const frames = (skip: boolean) => {
      const store = make();
      store.getState().setQuizEnabled(false);
      store.getState().setSkipIdle(skip);
      store.getState().play();
      let n = 0;
      while (store.getState().playing && n < 100_000) {
        store.getState().tick(16);
        n++;
      }
      return n;
    };
    const skipped = frames(true);
    const full = frames(false);
    // The 10-second wait alone is 625 frames at 16 ms.
    expect(full - skipped).toBeGreaterThan(500);
  });

  it('holds each same-time step for the dwell time', () => {
    const store = make('event-notification', 7);
    store.getState().setQuizEnabled(false);
    store.getState().play();
    store.getState().tick(16);
    expect(store.getState().step).toBe(7);
    store.getState().tick(STEP_DWELL_MS);
    expect(store.getState().step).toBe(8);
  });

  it('clamps a step from a link into range', () => {
    expect(make('dump', 999).getState().step).toBe(make('dump').getState().index.timeline.steps.length - 1);
    expect(make('dump', 999).getState().notice?.title).toMatch(/Step 999 does not exist/);
  });
});

describe('questions', () => {
  it('pauses before the step a question is about, and the reveal moves there', () => {
    // who-hears is asked before the first RTM_DELROUTE multicast, step 10.
    const store = make('event-notification', 9);
    store.getState().stepBy(1);
    const s = store.getState();
    expect(s.quiz.open).toEqual({ id: 'who-hears', phase: 'ask' });
    expect(s.step).toBe(9);
    s.toggleChoice(1);
    s.toggleChoice(2);
    store.getState().answer([...store.getState().quiz.draft]);
    expect(store.getState().quiz.answers['who-hears']).toEqual({ chosen: [1, 2], correct: true });
    expect(store.getState().step).toBe(10);
    // Nothing is pinned: the inspector shows the step's message and keeps following the cursor.
    expect(store.getState().selectedMessage).toBeNull();
    store.getState().closeQuestion();
    expect(store.getState().quiz.open).toBeNull();
  });

  it('stops playback at a question and resumes after it', () => {
    const store = make();
    playThrough(store);
    expect(store.getState().quiz.open?.id).toBe('how-many-dels');
    store.getState().answer([0]);
    expect(store.getState().quiz.answers['how-many-dels']).toMatchObject({ correct: false });
    store.getState().closeQuestion();
    expect(store.getState().playing).toBe(true);
    for (let i = 0; i < 5000 && store.getState().playing; i++) store.getState().tick(16);
    expect(store.getState().quiz.open?.id).toBe('who-hears');
    store.getState().skipQuestion();
    expect(store.getState().quiz.answers['who-hears']).toEqual({ skipped: true });
  });

  it('never asks when questions are off, or twice', () => {
    const store = make('event-notification', 8);
    store.getState().setQuizEnabled(false);
    store.getState().stepBy(1);
    expect(store.getState().quiz.open).toBeNull();
    expect(store.getState().step).toBe(9);
    const again = make('event-notification', 8);
    again.getState().stepBy(1);
    again.getState().skipQuestion();
    again.getState().setStep(8);
    again.getState().stepBy(1);
    expect(again.getState().quiz.open).toBeNull();
  });
});

describe('sandbox', () => {
  it('acting forks at the cursor, drops the old future, and undo brings it back', async () => {
    const store = make('event-notification', 5);
    const before = store.getState().index.timeline;
    await store.getState().act({ at: 0, do: 'join', actor: 'P1', group: 7 });
    const s = store.getState();
    expect(s.spec.id).toBe('event-notification-sandbox');
    expect(s.ref.kind).toBe('shared');
    expect(s.index.timeline.steps.at(s.step)!.event).toMatchObject({ kind: 'group-joined', socket: 'P1/s0', group: 7 });
    // In the new future P1 hears the expiry too; in the old one it did not.
    const reachesP1 = (t: typeof before) => t.messages.some((m) => m.kind === 'notification' && m.to.kind === 'socket' && m.to.socket === 'P1/s0');
    expect(reachesP1(s.index.timeline)).toBe(true);
    expect(reachesP1(before)).toBe(false);
    // The steps before the fork are the same.
    for (let i = 0; i <= 5; i++) expect(s.index.timeline.steps.at(i)!.event).toEqual(before.steps.at(i)!.event);
    expect(s.history).toHaveLength(1);
    s.undo();
    expect(store.getState().index.timeline).toBe(before);
    expect(store.getState().step).toBe(5);
    expect(store.getState().scenarioId).toBe('event-notification');
  });

  it("a request the kernel rejects comes back as the kernel's error", async () => {
    const store = make('event-notification', 1);
    await store.getState().act({
      at: 0,
      do: 'send',
      actor: 'P1',
      request: {
        type: 'RTM_NEWROUTE',
        flags: ['NLM_F_REQUEST', 'NLM_F_CREATE', 'NLM_F_EXCL'],
        seq: 5,
        route: { dst: '10.0.1.0/24', gateway: '192.168.1.1', oif: 'eth0' },
      },
    });
    const t = store.getState().index.timeline;
    const err = t.messages.find((m) => m.kind === 'error');
    expect(err?.message.payload).toMatchObject({ kind: 'error', error: -17 });
  });

  it('an action the engine refuses changes nothing, and the notice carries why as data', async () => {
    const store = make('event-notification', 0);
    await store.getState().act({ at: 0, do: 'bind', actor: 'P1', groups: 0 });
    const bound = store.getState();
    const portId = bound.index.timeline.steps.at(bound.step)!.world.sockets.find((x) => x.id === 'P1/s0')!.portId!;
    await store.getState().act({ at: 0, do: 'bind', actor: 'P1', groups: 0 });
    const s = store.getState();
    expect(s.index).toBe(bound.index);
    expect(s.notice?.text?.title).toEqual({ id: 'refused' });
    const [line] = s.notice!.text!.lines;
    expect(line?.id === 'problem' && line.error.problem).toMatchObject({ id: 'failed', reason: { id: 'already-bound', socket: 'P1/s0', portId } });
    // Its English lines are the validation message, as before.
    expect(s.notice?.lines).toEqual([
      `${line?.id === 'problem' ? line.error.path : ''}: bind(): P1/s0 is already bound to port id ${portId}; only that id may be named again (EINVAL)`,
    ]);
  });

  it('starts from an empty world and builds one', async () => {
    const store = make();
    await store.getState().emptyWorld();
    expect(store.getState().index.timeline.steps.at(0)!.world.processOrder).toEqual([]);
    await store.getState().act({ at: 0, do: 'spawn', actor: 'P1', pid: 1201 });
    const w = store.getState().index.timeline.steps.at(-1)!.world;
    expect(w.processOrder).toEqual(['P1']);
    expect(w.socketOrder).toEqual(['P1/s0']);
    // The spawned process has a lane for the diagram and the log, from the step it starts.
    const t = store.getState().index.timeline;
    expect(store.getState().index.lanes).toEqual([{ process: 'P1', fromStep: t.steps.findIndex((x) => x.event.kind === 'process-started') }]);
  });
});

describe('loading from outside', () => {
  it('a scenario the host page posts is checked; a bad one leaves the current one and says why', async () => {
    const store = make('dump', 3);
    const bad = await store.getState().loadFrom({ kind: 'host', value: { version: 1 } });
    expect(bad.ok).toBe(false);
    expect(store.getState().scenarioId).toBe('dump');
    expect(store.getState().step).toBe(3);
    expect(store.getState().notice?.title).toBe('The scenario sent by the host page is not a valid scenario; the current one is still loaded');
    const good = await store.getState().loadFrom({ kind: 'host', value: { ...lecture('membership').spec, id: 'mine' } });
    expect(good.ok).toBe(true);
    expect(store.getState()).toMatchObject({ scenarioId: 'mine', step: 0, notice: null, ref: { kind: 'shared' } });
  });

  it('a file too large to be a scenario is refused before it is read', async () => {
    const store = make('dump');
    const file = { name: 'huge.json', size: 5_000_000, text: () => Promise.reject(new Error('read')) };
    const r = await store.getState().loadFrom({ kind: 'file', file });
    expect(r.ok ? [] : r.error.map((e) => e.message)).toEqual(['the file is too large for a scenario (5000 kB; at most 2000 kB)']);
    expect(store.getState().notice?.title).toBe('huge.json is not a valid scenario; the current one is still loaded');
  });

  it('a long scenario is indexed in slices: the same index as in one go, and the progress only grows', async () => {
    const store = make('dump');
    // Just over the length that is indexed in slices.
    const spec = { ...bigScenario(150), id: 'long' };
    const seen: Array<{ phase: string; done: number; total: number }> = [];
    store.subscribe((s) => {
      if (s.loading && s.loading.phase !== 'checking') seen.push(s.loading);
    });
    const r = await store.getState().loadFrom({ kind: 'host', value: spec });
    expect(r.ok).toBe(true);
    expect(store.getState().loading).toBeNull();
    // The timelines are equal runs; the rest of the index is compared field by field.
    const { timeline, ...got } = store.getState().index;
    const { timeline: expected, ...want } = indexTimeline(run(spec));
    expect(timeline.steps.length).toBeGreaterThan(10_000);
    expect(timeline.steps.map((s) => s.event)).toEqual(expected.steps.map((s) => s.event));
    expect(got).toEqual(want);
    for (let i = 0; i < seen.length; i++) {
      expect(seen[i]!.phase).toBe('indexing');
      expect(seen[i]!.done).toBeLessThanOrEqual(seen[i]!.total);
      if (i > 0) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    }
    // The bar is full before the first render of the result, which is a task of its own.
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
  }, 60_000);
});
