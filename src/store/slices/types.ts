/**
 * The store's state is the union of four slices, each owning one concern:
 * playback (the scenario on screen, the cursor and the clock), sandbox (the learner's forks and the
 * way back), quiz (questions and answers) and view (what the screen shows: panels, the pinned
 * message, the notice). Slices read each other through `get()` and call each other's actions.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Signal } from '../signal';
import type { PlaybackSlice } from './playback';
import type { QuizSlice } from './quiz';
import type { SandboxSlice } from './sandbox';
import type { ViewSlice } from './view';

export type AppState = PlaybackSlice & SandboxSlice & QuizSlice & ViewSlice;

/** What the slices share besides the state: the playhead signal and how long the current step has been on screen. */
export interface Clock {
  time: Signal;
  /** Real milliseconds the current step has been shown while playing; not state, nothing renders it. */
  dwell: number;
}

export type Slice<T> = StateCreator<AppState, [], [], T>;
