/**
 * The bridge between the engine and the views: one vanilla zustand store per app instance.
 * Actions call engine functions and set the result; the playhead time lives in a signal so
 * per-frame updates never re-render React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { seek, type ScenarioSpec, type Timeline } from '../engine';
import { loadLecture, type Lecture } from '../scenarios';
import type { ScenarioError } from '../scenarios/validate';
import { createSignal, type Signal } from './signal';
import { indexTimeline, IDLE_GAP_MS, type TimelineIndex } from './timelineIndex';

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4] as const;
/** Real milliseconds each step is shown at 1× when several happen at the same simulated time. */
export const STEP_DWELL_MS = 650;
/** How far ahead of the next event "skip idle time" lands, so the approach is still visible. */
export const IDLE_LEAD_MS = 500;

export interface Notice {
  kind: 'error' | 'info';
  title: string;
  lines: string[];
}

export interface AppState {
  scenarioId: string;
  ref: ScenarioRef;
  spec: ScenarioSpec;
  index: TimelineIndex;
  step: number;
  playing: boolean;
  speed: number;
  skipIdle: boolean;
  /** The message the learner pinned in the inspector; null: the inspector follows the cursor. */
  selectedMessage: number | null;
  notice: Notice | null;
  /** What the main area shows. */
  view: MainView;
  inspectorOpen: boolean;
}

export type MainView = 'stage' | 'diagram' | 'log';

/** Where the loaded scenario came from: a built-in lecture, or a whole scenario shared in a link. */
export type ScenarioRef = { kind: 'lecture'; id: string } | { kind: 'shared'; data: string };

export interface AppActions {
  loadLecture(id: string): Promise<boolean>;
  /** Validate and load a scenario from outside (a file, a link). The validator loads on first use. */
  loadSpec(value: unknown, source: string): Promise<{ ok: true } | { ok: false; errors: ScenarioError[] }>;
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
  select(message: number | null): void;
  /** Pin a message in the inspector and move the cursor to the step that sent it. */
  inspectAndSeek(message: number): void;
  setView(view: MainView): void;
  setInspectorOpen(open: boolean): void;
  dismissNotice(): void;
  /** Advance playback by real milliseconds (called once per animation frame while playing). */
  tick(realMs: number): void;
}

export type AppStore = StoreApi<AppState & AppActions> & { time: Signal };

export interface AppInit {
  /** The scenario to open with, already loaded. */
  lecture: Lecture;
  scenarioId: string;
  ref?: ScenarioRef;
  step?: number;
  speed?: number;
  notice?: Notice | null;
}

export function createAppStore(init: AppInit): AppStore {
  const time = createSignal(0);
  let notice: Notice | null = init.notice ?? null;
  const id = init.scenarioId;
  const loaded = init.lecture;
  const index = indexTimeline(loaded.timeline);
  let step = 0;
  if (init.step !== undefined) {
    if (!Number.isInteger(init.step) || init.step < 0 || init.step >= loaded.timeline.steps.length) {
      notice ??= { kind: 'error', title: `Step ${init.step} does not exist`, lines: [`This scenario has steps 0 to ${loaded.timeline.steps.length - 1}; showing step ${Math.min(Math.max(0, Math.floor(init.step) || 0), loaded.timeline.steps.length - 1)}.`] };
    }
    step = seek(loaded.timeline, Number.isFinite(init.step) ? init.step : 0).index;
  }
  time.set(loaded.timeline.steps[step]!.timeMs);
  const speed = init.speed && SPEEDS.includes(init.speed as (typeof SPEEDS)[number]) ? init.speed : 1;

  // Real time the current step has been on screen while playing; not state, nothing renders it.
  let dwell = 0;
  const store = createStore<AppState & AppActions>()((set, get) => {
    const goTo = (n: number, keepPlaying = false) => {
      const t = get().index.timeline;
      const s = seek(t, n);
      time.set(s.timeMs);
      dwell = 0;
      set({ step: s.index, ...(keepPlaying ? {} : { playing: false }) });
    };
    const adopt = (scenarioId: string, spec: ScenarioSpec, timeline: Timeline, ref: ScenarioRef) => {
      time.set(0);
      dwell = 0;
      set({ scenarioId, ref, spec, index: indexTimeline(timeline), step: 0, playing: false, selectedMessage: null });
    };
    return {
      scenarioId: id,
      ref: init.ref ?? { kind: 'lecture', id },
      spec: loaded.spec,
      index,
      step,
      playing: false,
      speed,
      skipIdle: true,
      selectedMessage: null,
      notice,
      view: 'stage',
      inspectorOpen: true,
      async loadLecture(next) {
        const l = await loadLecture(next);
        if (!l) {
          set({ notice: { kind: 'error', title: `There is no built-in scenario "${next}"`, lines: ['The current scenario is still loaded.'] } });
          return false;
        }
        adopt(next, l.spec, l.timeline, { kind: 'lecture', id: next });
        return true;
      },
      async loadSpec(value, source) {
        const [{ validateScenario, formatError }, { packScenario }] = await Promise.all([import('../scenarios/validate'), import('../scenarios/share')]);
        const r = validateScenario(value);
        if (!r.ok) {
          set({ notice: { kind: 'error', title: `${source} is not a valid scenario; the current one is still loaded`, lines: r.errors.map(formatError) } });
          return { ok: false, errors: r.errors };
        }
        adopt(r.spec.id, r.spec, r.timeline, { kind: 'shared', data: packScenario(r.spec) });
        set({ notice: null });
        return { ok: true };
      },
      setStep: (n) => goTo(n),
      stepBy: (d) => goTo(get().step + d),
      seekTime(ms) {
        const { index: ix } = get();
        const clamped = Math.max(0, Math.min(ix.endMs, ms));
        const steps = ix.timeline.steps;
        let lo = 0;
        let hi = steps.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (steps[mid]!.timeMs <= clamped) lo = mid;
          else hi = mid - 1;
        }
        time.set(clamped);
        dwell = 0;
        set({ step: lo, playing: false });
      },
      play() {
        const { step: s, index: ix } = get();
        if (s >= ix.timeline.steps.length - 1) goTo(0);
        dwell = 0;
        set({ playing: true });
      },
      pause: () => set({ playing: false }),
      togglePlay() {
        if (get().playing) get().pause();
        else get().play();
      },
      restart: () => goTo(0),
      toEnd: () => goTo(get().index.timeline.steps.length - 1),
      setSpeed: (s) => set({ speed: s }),
      setSkipIdle: (on) => set({ skipIdle: on }),
      select: (m) => set({ selectedMessage: m }),
      inspectAndSeek(m) {
        const sent = get().index.sentStep[m];
        if (sent !== undefined && sent >= 0) goTo(sent);
        set({ selectedMessage: m });
      },
      setView: (view) => set({ view }),
      setInspectorOpen: (inspectorOpen) => set({ inspectorOpen }),
      dismissNotice: () => set({ notice: null }),
      tick(realMs) {
        const st = get();
        if (!st.playing) return;
        const steps = st.index.timeline.steps;
        let cur = st.step;
        let now = time.get() + realMs * st.speed;
        dwell += realMs * st.speed;
        const next = steps[cur + 1];
        if (!next) {
          time.set(Math.min(now, st.index.endMs));
          set({ playing: false });
          return;
        }
        if (st.skipIdle && next.timeMs - now > IDLE_GAP_MS) {
          // Jump over the quiet stretch, but land a little early so the next event is seen coming.
          const gap = st.index.idle.find((g) => g.fromMs <= now && now < g.toMs);
          if (gap) now = Math.max(now, next.timeMs - IDLE_LEAD_MS);
        }
        if (now >= next.timeMs) {
          if (dwell >= STEP_DWELL_MS) {
            cur += 1;
            dwell = 0;
            now = Math.max(steps[cur]!.timeMs, Math.min(now, steps[cur + 1]?.timeMs ?? now));
          } else {
            // Hold at the next event until this step has been on screen long enough.
            now = next.timeMs;
          }
        }
        time.set(now);
        if (cur !== st.step) set({ step: cur });
      },
    };
  });
  return Object.assign(store, { time });
}
