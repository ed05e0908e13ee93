/**
 * The scenario on screen and the cursor through its timeline: loading, stepping, seeking, and the
 * playback clock. The playhead time lives in a signal (see ../signal.ts), so that per-frame updates
 * never re-render React; the step is state, and changes only when the cursor moves to another step.
 */
import { seek, seekTime, type ScenarioSpec, type Timeline } from '../../engine';
import type { LoadProgress } from '../../scenarios/checkInWorker';
import { loadLecture } from '../../scenarios';
import { loadScenario, noticeSource, type ScenarioRef, type ScenarioSource } from '../../scenarios/load';
import { err, ok, type Checked } from '../../scenarios/result';
import { noticeOf, problemLines } from '../../i18n/notice';
import { nextStop, prevStop } from '../similarSteps';
import { inSlices, nextTask } from '../../scenarios/slices';
import { IDLE_GAP_MS, indexTimeline, startIndex, type TimelineIndex } from '../timelineIndex';
import { pendingQuestion } from './quiz';
import type { Clock, Slice } from './types';

/** Real milliseconds each step is shown at 1× when several happen at the same simulated time. */
export const STEP_DWELL_MS = 650;
/** How far ahead of the next event "skip idle time" lands, so the approach is still visible. */
const IDLE_LEAD_MS = 500;

/** A timeline longer than this is indexed in slices (an index of 200,000 steps takes most of a second in one go). */
const INDEX_IN_SLICES_FROM = 10_000;

/**
 * The index of a loaded timeline; a long one is built in slices, reporting its progress, so the page
 * never stops answering. The first render of the result comes in a task of its own, not with the
 * index's (last) work.
 */
async function indexForViews(timeline: Timeline, onProgress: (p: LoadProgress) => void): Promise<TimelineIndex> {
  let index: TimelineIndex;
  if (timeline.steps.length <= INDEX_IN_SLICES_FROM) index = indexTimeline(timeline);
  else {
    const indexer = startIndex(timeline);
    await inSlices(indexer, () => onProgress({ phase: 'indexing', done: indexer.done, total: indexer.total }));
    index = indexer.index();
  }
  await nextTask();
  return index;
}

/** A scenario ready to be shown: its id, where it came from, its spec and its indexed timeline. */
export interface ScenarioOnScreen {
  scenarioId: string;
  ref: ScenarioRef;
  spec: ScenarioSpec;
  index: TimelineIndex;
}

export interface PlaybackSlice extends ScenarioOnScreen {
  step: number;
  playing: boolean;
  speed: number;
  skipIdle: boolean;
  /** Cross each run of similar steps (a dump's parts, one by one) in one press of "next", and in one beat while playing. */
  skipSimilar: boolean;
  /** Show another scenario from its first step. The other slices start afresh: no pinned message, no sandbox history, no answers. */
  adopt(scenario: ScenarioOnScreen): void;
  /** Show a built-in lecture. An unknown id leaves the current scenario and says so. */
  loadLecture(id: string): Promise<Checked<void>>;
  /** Check and load a scenario from outside (a file, the host page). On failure the notice says why and the current one stays. */
  loadFrom(source: ScenarioSource): Promise<Checked<void>>;
  setStep(n: number): void;
  stepBy(delta: number): void;
  seekTime(ms: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  restart(): void;
  toEnd(): void;
  setSpeed(s: number): void;
  setSkipIdle(on: boolean): void;
  setSkipSimilar(on: boolean): void;
  /** Advance playback by real milliseconds (called once per animation frame while playing). */
  tick(realMs: number): void;
}

export const createPlaybackSlice =
  (clock: Clock, first: ScenarioOnScreen & { step: number; speed: number }): Slice<PlaybackSlice> =>
  (set, get) => ({
    ...first,
    playing: false,
    skipIdle: true,
    skipSimilar: true,
    adopt(scenario) {
      clock.time.set(0);
      clock.dwell = 0;
      set({ ...scenario, step: 0, playing: false, selectedMessage: null, history: [] });
      get().restoreQuiz(scenario.scenarioId);
    },
    async loadLecture(id) {
      const l = await loadLecture(id);
      if (!l) {
        get().showNotice(noticeOf('error', { title: { id: 'no-lecture', scenario: id }, lines: [{ id: 'current-kept' }] }));
        return err([{ path: '', message: `there is no built-in scenario "${id.slice(0, 60)}"` }]);
      }
      get().adopt({ scenarioId: id, ref: { kind: 'lecture', id }, spec: l.spec, index: indexTimeline(l.timeline) });
      return ok(undefined);
    },
    async loadFrom(source) {
      const r = await loadScenario(source, (loading) => set({ loading }));
      if (!r.ok) {
        set({ loading: null });
        get().showNotice(noticeOf('error', { title: { id: 'invalid', source: noticeSource(source), kept: true }, lines: problemLines(r.error) }));
        return r;
      }
      const { spec, timeline, ref } = r.value;
      const index = await indexForViews(timeline, (loading) => set({ loading }));
      set({ loading: null });
      get().adopt({ scenarioId: spec.id, ref, spec, index });
      get().dismissNotice();
      return ok(undefined);
    },
    setStep(n) {
      const s = seek(get().index.timeline, n);
      clock.time.set(s.timeMs);
      clock.dwell = 0;
      set({ step: s.index, playing: false });
    },
    stepBy(d) {
      const { step, index: ix, skipSimilar } = get();
      const q = d === 1 ? pendingQuestion(get(), step + 1) : undefined;
      if (q) return get().ask(q, false);
      if (skipSimilar && d === 1) return get().setStep(nextStop(step, ix.groupOf, ix.groups));
      if (skipSimilar && d === -1) return get().setStep(prevStop(step, ix.groupOf, ix.groups));
      get().setStep(step + d);
    },
    seekTime(ms) {
      const { index: ix } = get();
      const clamped = Math.max(0, Math.min(ix.endMs, ms));
      clock.time.set(clamped);
      clock.dwell = 0;
      set({ step: seekTime(ix.timeline, clamped).index, playing: false });
    },
    play() {
      const { step, index: ix } = get();
      if (step >= ix.timeline.steps.length - 1) get().setStep(0);
      clock.dwell = 0;
      set({ playing: true });
    },
    pause: () => set({ playing: false }),
    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },
    restart: () => get().setStep(0),
    toEnd: () => get().setStep(get().index.timeline.steps.length - 1),
    setSpeed: (speed) => set({ speed }),
    setSkipIdle: (skipIdle) => set({ skipIdle }),
    setSkipSimilar: (skipSimilar) => set({ skipSimilar }),
    tick(realMs) {
      const st = get();
      if (!st.playing) return;
      const steps = st.index.timeline.steps;
      let cur = st.step;
      let now = clock.time.get() + realMs * st.speed;
      clock.dwell += realMs * st.speed;
      const next = steps.at(cur + 1);
      if (!next) {
        clock.time.set(Math.min(now, st.index.endMs));
        set({ playing: false });
        return;
      }
      if (st.skipIdle && next.timeMs - now > IDLE_GAP_MS) {
        // Jump over the quiet stretch, but land a little early so the next event is seen coming.
        const gap = st.index.idle.find((g) => g.fromMs <= now && now < g.toMs);
        if (gap) now = Math.max(now, next.timeMs - IDLE_LEAD_MS);
      }
      if (now >= next.timeMs) {
        const q = pendingQuestion(st, cur + 1);
        if (q) {
          // Predict before you see: stop just before the step the question is about.
          clock.time.set(steps.at(cur)!.timeMs);
          st.ask(q, true);
          return;
        }
        if (clock.dwell >= STEP_DWELL_MS) {
          cur = st.skipSimilar ? nextStop(cur, st.index.groupOf, st.index.groups) : cur + 1;
          clock.dwell = 0;
          now = Math.max(steps.at(cur)!.timeMs, Math.min(now, steps.at(cur + 1)?.timeMs ?? now));
        } else {
          // Hold at the next event until this step has been on screen long enough.
          now = next.timeMs;
        }
      }
      clock.time.set(now);
      if (cur !== st.step) set({ step: cur });
    },
  });
