/**
 * The bridge between the engine and the views: one vanilla zustand store per app instance, made of
 * four slices (see slices/types.ts). Actions call engine functions and set the result.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { seek } from '../engine';
import type { Lecture } from '../scenarios';
import type { ScenarioRef } from '../scenarios/load';
import { browserStorage, type ProgressStorage } from './progress';
import { createSignal, type Signal } from './signal';
import { createPlaybackSlice } from './slices/playback';
import { createQuizSlice } from './slices/quiz';
import { createSandboxSlice } from './slices/sandbox';
import type { AppState, Clock } from './slices/types';
import { createViewSlice, type Notice } from './slices/view';
import { isSpeed } from './speeds';
import { indexTimeline, type TimelineIndex } from './timelineIndex';

export type { AppState } from './slices/types';
export type { Notice, MainView } from './slices/view';

export type AppStore = StoreApi<AppState> & { time: Signal };

export interface AppInit {
  /** The scenario to open with, already loaded. */
  lecture: Lecture;
  /** Its timeline's index, when already built (at start-up it is built in slices); else built here. */
  index?: TimelineIndex;
  scenarioId: string;
  ref?: ScenarioRef;
  step?: number;
  speed?: number;
  notice?: Notice | null;
  questions?: boolean;
  /** Where answers and finished lectures are kept; the browser's localStorage unless given (null: nowhere). */
  storage?: ProgressStorage | null;
}

export function createAppStore(init: AppInit): AppStore {
  const { timeline } = init.lecture;
  const last = timeline.steps.length - 1;
  let notice = init.notice ?? null;
  let step = 0;
  if (init.step !== undefined) {
    if (!Number.isInteger(init.step) || init.step < 0 || init.step > last) {
      notice ??= {
        kind: 'error',
        title: `Step ${init.step} does not exist`,
        lines: [`This scenario has steps 0 to ${last}; showing step ${Math.min(Math.max(0, Math.floor(init.step) || 0), last)}.`],
      };
    }
    step = seek(timeline, Number.isFinite(init.step) ? init.step : 0).index;
  }
  const clock: Clock = { time: createSignal(timeline.steps.at(step)!.timeMs), dwell: 0 };
  const first = {
    scenarioId: init.scenarioId,
    ref: init.ref ?? { kind: 'lecture', id: init.scenarioId },
    spec: init.lecture.spec,
    index: init.index ?? indexTimeline(timeline),
    step,
    speed: init.speed !== undefined && isSpeed(init.speed) ? init.speed : 1,
  };
  const store = createStore<AppState>()((...a) => ({
    ...createPlaybackSlice(clock, first)(...a),
    ...createSandboxSlice()(...a),
    ...createQuizSlice(init.questions ?? true, init.scenarioId, init.storage === undefined ? browserStorage() : init.storage)(...a),
    ...createViewSlice(notice)(...a),
  }));
  // A lecture watched to its last step counts as finished on the lecture path.
  store.subscribe((s, prev) => {
    if (s.step !== prev.step && s.step === s.index.timeline.steps.length - 1) s.markFinished();
  });
  return Object.assign(store, { time: clock.time });
}
