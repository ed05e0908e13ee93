/**
 * The learner acts on the world at the cursor: each action forks the timeline there (the scenario's
 * own future is dropped) and the result becomes a scenario of its own, which can be saved or shared.
 * The way back is kept: undo returns to the scenario and step before the last action.
 */
import { forkScenario, run, type ActionSpec, type ScenarioSpec } from '../../engine';
import { pruneNarration } from '../../scenarios/narration';
import { variationScenario } from '../../scenarios/variation';
import { noticeOf, problemLines } from '../../i18n/notice';
import { indexTimeline } from '../timelineIndex';
import type { ScenarioOnScreen } from './playback';
import type { Slice } from './types';

/** A scenario and step the learner can go back to. */
export interface Snapshot extends ScenarioOnScreen {
  step: number;
}

export interface SandboxSlice {
  /** Earlier states the learner can go back to after acting in the sandbox. */
  history: readonly Snapshot[];
  /** The learner acts at the current step: the future after it is replaced by what follows from the action. */
  act(action: ActionSpec): Promise<void>;
  /** Back to the state before the last sandbox action (or empty world). */
  undo(): void;
  /** Start the sandbox from nothing: no processes, no routes. */
  emptyWorld(): Promise<void>;
  /** Set up a transfer question's variation in the sandbox (see QuestionSpec.tryIt), with the cursor on its first action. */
  tryVariation(questionId: string): Promise<void>;
}

const EMPTY_WORLD: ScenarioSpec = {
  version: 1,
  id: 'empty-sandbox',
  title: 'Sandbox: an empty world',
  summary: 'No processes and no routes yet: build your own exchange in the Sandbox panel.',
  goals: [],
  processes: [],
  routes: [],
  actions: [],
};

export const createSandboxSlice = (): Slice<SandboxSlice> => (set, get) => {
  // Actions queue up: each one forks the timeline the previous one made.
  let acting: Promise<void> = Promise.resolve();

  /** Show a sandbox scenario, keeping the way back, with the cursor on the step where `focusAction` is seen done. */
  const adoptSandbox = async (spec: ScenarioSpec, focusAction: number | null) => {
    const [{ packScenario }, { validateScenario }] = await Promise.all([import('../../scenarios/share'), import('../../scenarios/validate')]);
    const { scenarioId, ref, spec: before, index, step, history } = get();
    const ran = run(spec);
    const clean = pruneNarration(spec, ran);
    // What the sandbox makes must be a scenario that can be saved, shared and opened again: check it
    // like any file, and keep the current one when it is not.
    const checked = validateScenario(clean);
    if (!checked.ok) {
      // Most often the engine refusing the new action (a problem of the scenario like any other): the page words it.
      get().showNotice(noticeOf('error', { title: { id: 'refused' }, lines: problemLines(checked.error) }));
      return;
    }
    const { timeline } = checked.value;
    get().adopt({ scenarioId: clean.id, ref: { kind: 'shared', data: packScenario(clean) }, spec: clean, index: indexTimeline(timeline) });
    set({ history: [...history, { scenarioId, ref, spec: before, index, step }] });
    // Show the action done: the last of the steps it causes at its own moment (a bind after a spawn's start).
    const steps = timeline.steps;
    let at = focusAction === null ? -1 : steps.findIndex((x) => x.cause === focusAction);
    while (at >= 0 && steps.at(at + 1)?.cause === focusAction && steps.at(at + 1)!.timeMs === steps.at(at)!.timeMs) at++;
    get().setStep(at >= 0 ? at : steps.length - 1);
  };

  return {
    history: [],
    act(action) {
      acting = acting.then(async () => {
        const { index, step, spec: current } = get();
        const spec = forkScenario(index.timeline, step, [action]);
        if (!current.id.endsWith('-sandbox')) {
          spec.id = `${current.id.slice(0, 56)}-sandbox`;
          spec.title = `Sandbox: ${current.title}`.slice(0, 120);
        }
        await adoptSandbox(spec, spec.actions.length - 1);
      });
      return acting;
    },
    undo() {
      const { history } = get();
      const last = history[history.length - 1];
      if (!last) return;
      const { step, ...scenario } = last;
      get().adopt(scenario);
      set({ history: history.slice(0, -1) });
      get().setStep(step);
    },
    tryVariation(questionId) {
      acting = acting.then(async () => {
        const { index, spec: current } = get();
        const q = current.questions?.find((x) => x.id === questionId);
        if (!q?.tryIt) return;
        const spec = variationScenario(index.timeline, q);
        if (!spec) return;
        if (!current.id.endsWith('-sandbox')) spec.id = `${current.id.slice(0, 56)}-sandbox`;
        spec.title = `Sandbox: ${q.tryIt.label}`.slice(0, 120);
        get().closeQuestion();
        set({ playing: false, sandboxOpen: true });
        await adoptSandbox(spec, spec.actions.length - q.tryIt.actions.length);
      });
      return acting;
    },
    async emptyWorld() {
      await adoptSandbox(EMPTY_WORLD, null);
      get().setStep(0);
    },
  };
};
