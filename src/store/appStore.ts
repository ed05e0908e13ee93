/**
 * The bridge between the engine and the views: one vanilla zustand store per app instance.
 * Actions call engine functions and set the result; the playhead time lives in a signal so
 * per-frame updates never re-render React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { forkScenario, run, seek, seekTime, type ActionSpec, type QuestionSpec, type ScenarioSpec, type Timeline } from '../engine';
import { findStep, loadLecture, type Lecture } from '../scenarios';
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
  sandboxOpen: boolean;
  /** Earlier states the learner can go back to after acting in the sandbox. */
  history: readonly Snapshot[];
  quiz: QuizState;
}

export interface Snapshot {
  scenarioId: string;
  ref: ScenarioRef;
  spec: ScenarioSpec;
  index: TimelineIndex;
  step: number;
}

export type Answer = { chosen: number[]; correct: boolean } | { skipped: true };

export interface QuizState {
  /** Questions pause playback only while this is on. */
  enabled: boolean;
  /** The question on screen, and whether it is being asked or its answer shown. */
  open: { id: string; phase: 'ask' | 'reveal' } | null;
  answers: Readonly<Record<string, Answer>>;
  /** Resume playing after the reveal is closed. */
  resume: boolean;
  /** The choices ticked so far for the open question (the stage's process cards can tick them too). */
  draft: readonly number[];
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
  setSandboxOpen(open: boolean): void;
  /** The learner acts at the current step: the future after it is replaced by what follows from the action. */
  act(action: ActionSpec): Promise<void>;
  /** Back to the state before the last sandbox action (or empty world). */
  undo(): void;
  /** Start the sandbox from nothing: no processes, no routes. */
  emptyWorld(): Promise<void>;
  answer(chosen: number[]): void;
  /** Tick or untick a choice of the open question; `single` questions keep one. */
  toggleChoice(choice: number): void;
  skipQuestion(): void;
  closeQuestion(): void;
  setQuizEnabled(on: boolean): void;
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
  questions?: boolean;
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
  let acting: Promise<void> = Promise.resolve();
  const freshQuiz = (enabled: boolean): QuizState => ({ enabled, open: null, answers: {}, resume: false, draft: [] });
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
      set({ scenarioId, ref, spec, index: indexTimeline(timeline), step: 0, playing: false, selectedMessage: null, history: [], quiz: freshQuiz(get().quiz.enabled) });
    };
    /** A question waiting before step n, if questions are on and it was not dealt with yet. */
    const pendingQuestion = (n: number): QuestionSpec | undefined => {
      const { index: ix, quiz } = get();
      if (!quiz.enabled || quiz.open) return undefined;
      const q = ix.questionAt.get(n);
      return q && !quiz.answers[q.id] ? q : undefined;
    };
    const ask = (q: QuestionSpec, wasPlaying: boolean) => {
      set({ playing: false, quiz: { ...get().quiz, open: { id: q.id, phase: 'ask' }, resume: wasPlaying, draft: [] } });
    };
    const snapshot = (): Snapshot => {
      const { scenarioId, ref, spec, index: ix, step: n } = get();
      return { scenarioId, ref, spec, index: ix, step: n };
    };
    /** Replace the scenario by a sandbox one, keeping the way back. */
    const adoptSandbox = async (spec: ScenarioSpec, focusAction: number | null) => {
      const { packScenario } = await import('../scenarios/share');
      const before = snapshot();
      let timeline = run(spec);
      // Captions and questions whose moment no longer happens are left out, so the file stays valid.
      const starts = new Set<number>();
      const narration = (spec.narration ?? []).filter((n) => {
        const at = findStep(timeline, n);
        if (at === undefined || starts.has(at)) return false;
        starts.add(at);
        return true;
      });
      const questions = (spec.questions ?? []).filter((q) => findStep(timeline, q.before) !== undefined);
      const clean: ScenarioSpec = { ...spec, narration };
      if (questions.length) clean.questions = questions;
      else delete clean.questions;
      timeline = run(clean);
      const history = [...get().history, before];
      adopt(clean.id, clean, timeline, { kind: 'shared', data: packScenario(clean) });
      // Show the action done: the last of the steps it causes at its own moment (a bind after a spawn's start).
      let at = focusAction === null ? -1 : timeline.steps.findIndex((x) => x.cause === focusAction);
      while (at >= 0 && timeline.steps[at + 1]?.cause === focusAction && timeline.steps[at + 1]!.timeMs === timeline.steps[at]!.timeMs) at++;
      set({ history });
      goTo(at >= 0 ? at : timeline.steps.length - 1);
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
      sandboxOpen: false,
      history: [],
      quiz: freshQuiz(init.questions ?? true),
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
      stepBy(d) {
        const q = d === 1 ? pendingQuestion(get().step + 1) : undefined;
        if (q) return ask(q, false);
        goTo(get().step + d);
      },
      seekTime(ms) {
        const { index: ix } = get();
        const clamped = Math.max(0, Math.min(ix.endMs, ms));
        time.set(clamped);
        dwell = 0;
        set({ step: seekTime(ix.timeline, clamped).index, playing: false });
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
      setSandboxOpen: (sandboxOpen) => set({ sandboxOpen }),
      act(action) {
        // Actions queue up: each one forks the timeline the previous one made.
        acting = acting.then(async () => {
          const st = get();
          const spec = forkScenario(st.index.timeline, st.step, [action]);
          if (!st.spec.id.endsWith('-sandbox')) {
            spec.id = `${st.spec.id.slice(0, 56)}-sandbox`;
            spec.title = `Sandbox: ${st.spec.title}`.slice(0, 120);
          }
          await adoptSandbox(spec, spec.actions.length - 1);
        });
        return acting;
      },
      undo() {
        const { history } = get();
        const last = history[history.length - 1];
        if (!last) return;
        adopt(last.scenarioId, last.spec, last.index.timeline, last.ref);
        set({ history: history.slice(0, -1), index: last.index });
        goTo(last.step);
      },
      async emptyWorld() {
        const spec: ScenarioSpec = {
          version: 1,
          id: 'empty-sandbox',
          title: 'Sandbox: an empty world',
          summary: 'No processes and no routes yet: build your own exchange in the Sandbox panel.',
          goals: [],
          processes: [],
          routes: [],
          actions: [],
        };
        await adoptSandbox(spec, null);
        goTo(0);
      },
      answer(chosen) {
        const { quiz, index: ix } = get();
        if (!quiz.open) return;
        const q = ix.timeline.spec.questions?.find((x) => x.id === quiz.open!.id);
        if (!q) return;
        const correct = chosen.length === q.answer.length && q.answer.every((a) => chosen.includes(a));
        const at = [...ix.questionAt.entries()].find(([, x]) => x.id === q.id)?.[0];
        set({ quiz: { ...quiz, open: { id: q.id, phase: 'reveal' }, answers: { ...quiz.answers, [q.id]: { chosen, correct } } } });
        // The reveal plays the step the question was about and points at its message.
        if (at !== undefined) {
          goTo(at);
          const e = ix.timeline.steps[at]!.event;
          set({ selectedMessage: 'message' in e ? e.message : null });
        }
      },
      toggleChoice(choice) {
        const { quiz, index: ix } = get();
        if (!quiz.open || quiz.open.phase !== 'ask') return;
        const q = ix.timeline.spec.questions?.find((x) => x.id === quiz.open!.id);
        if (!q) return;
        const draft = q.kind === 'single' ? [choice] : quiz.draft.includes(choice) ? quiz.draft.filter((c) => c !== choice) : [...quiz.draft, choice].sort((a, b) => a - b);
        set({ quiz: { ...quiz, draft } });
      },
      skipQuestion() {
        const { quiz, index: ix } = get();
        if (!quiz.open) return;
        const id = quiz.open.id;
        const at = [...ix.questionAt.entries()].find(([, x]) => x.id === id)?.[0];
        set({ quiz: { ...quiz, open: null, answers: { ...quiz.answers, [id]: { skipped: true } } } });
        if (at !== undefined) goTo(at, quiz.resume);
        if (quiz.resume) set({ playing: true });
      },
      closeQuestion() {
        const { quiz } = get();
        set({ quiz: { ...quiz, open: null } });
        if (quiz.resume) set({ playing: true });
      },
      setQuizEnabled: (enabled) => set({ quiz: { ...get().quiz, enabled, open: enabled ? get().quiz.open : null } }),
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
          const q = pendingQuestion(cur + 1);
          if (q) {
            // Predict before you see: stop just before the step the question is about.
            time.set(steps[cur]!.timeMs);
            ask(q, true);
            return;
          }
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
