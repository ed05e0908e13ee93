/**
 * Named selectors, defined once at module level so that a component re-renders only when what it
 * reads changes. Each returns a value from the state or the timeline index as is (no new objects),
 * so none needs `useShallow`.
 */
import type { World } from '../engine';
import { openQuestion } from './slices/quiz';
import type { AppState } from './slices/types';
import { anyInFlight, type KernelChange } from './timelineIndex';
import { questionsInOrder } from './questionOrder';

export const selectIndex = (s: AppState) => s.index;
export const selectTimeline = (s: AppState) => s.index.timeline;
export const selectStep = (s: AppState) => s.step;
export const selectLastStep = (s: AppState) => s.index.timeline.steps.length - 1;
export const selectWorld = (s: AppState): World => s.index.timeline.steps.at(s.step)!.world;
export const selectStepTimeMs = (s: AppState) => s.index.timeline.steps.at(s.step)!.timeMs;
export const selectProcessOrder = (s: AppState) => s.index.timeline.steps.at(s.step)!.world.processOrder;
/** Every process that ever exists in the run, in order of appearance. */
export const selectLanes = (s: AppState) => s.index.lanes;
export const selectKernelChanges = (s: AppState) => s.index.kernelChanges;
/** The routing table's latest change at or before the current step. */
export const selectLastKernelChange = (s: AppState): KernelChange | undefined => {
  const i = s.index.lastKernelChange[s.step]!;
  return i >= 0 ? s.index.kernelChanges[i] : undefined;
};

export const selectSpec = (s: AppState) => s.spec;
export const selectScenarioId = (s: AppState) => s.scenarioId;
export const selectRef = (s: AppState) => s.ref;
export const selectPlaying = (s: AppState) => s.playing;
export const selectSpeed = (s: AppState) => s.speed;
export const selectSkipIdle = (s: AppState) => s.skipIdle;
export const selectSkipSimilar = (s: AppState) => s.skipSimilar;
export const selectGroups = (s: AppState) => s.index.groups;
export const selectEndMs = (s: AppState) => s.index.endMs;

export const selectHistory = (s: AppState) => s.history;

export const selectQuiz = (s: AppState) => s.quiz;
export const selectQuestionOpen = (s: AppState) => s.quiz.open !== null;
export const selectQuizEnabled = (s: AppState) => s.quiz.enabled;
/** The question on screen, if any. */
export const selectOpenQuestion = openQuestion;
export const selectQuestionCount = (s: AppState) => s.spec.questions?.length ?? 0;
/**
 * The open question's number as the learner meets it: questions are counted in the order of the
 * steps they come before, not the order the scenario file lists them in.
 */
export const selectOpenQuestionNumber = (s: AppState): number => {
  const q = openQuestion(s);
  return q ? questionsInOrder(s.index, s.spec.questions ?? []).findIndex((x) => x.id === q.id) + 1 : 0;
};

export const selectView = (s: AppState) => s.view;
export const selectInspectorOpen = (s: AppState) => s.inspectorOpen;
export const selectSandboxOpen = (s: AppState) => s.sandboxOpen;
export const selectCodeOpen = (s: AppState) => s.codeOpen;
export const selectSelectedMessage = (s: AppState) => s.selectedMessage;
export const selectNotice = (s: AppState) => s.notice;
export const selectLoading = (s: AppState) => s.loading;
export const selectTitle = (s: AppState) => s.spec.title;
/** True when an envelope is on its way (or just dropped) at the current step. */
export const selectAnyInFlight = (s: AppState) => anyInFlight(s.index, s.step);
export const selectMessages = (s: AppState) => s.index.timeline.messages;
