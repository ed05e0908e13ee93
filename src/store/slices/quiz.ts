/** Predict, then see: the question waiting before a step, the learner's answers, and the switch that turns questions off. */
import type { QuestionSpec } from '../../engine';
import { lectureOf, loadProgress, saveProgress, type Answer, type LectureProgress, type Progress, type ProgressStorage } from '../progress';
import type { AppState, Slice } from './types';

export type { Answer } from '../progress';

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

export interface QuizSlice {
  quiz: QuizState;
  /** Answers and finished lectures, as kept in the browser (see ../progress.ts). */
  progress: Progress;
  /** Start the quiz of a scenario afresh, with the answers kept for its lecture (a sandbox fork counts as its lecture). */
  restoreQuiz(scenarioId: string): void;
  /** Note that the lecture on screen was watched to its end. */
  markFinished(): void;
  /** Forget a lecture's answers and its finished mark. */
  forgetLecture(id: string): void;
  /** Stop and ask before the step a question is about. */
  ask(q: QuestionSpec, wasPlaying: boolean): void;
  answer(chosen: number[]): void;
  /** Tick or untick a choice of the open question; `single` questions keep one. */
  toggleChoice(choice: number): void;
  skipQuestion(): void;
  closeQuestion(): void;
  setQuizEnabled(on: boolean): void;
}

export const freshQuiz = (enabled: boolean): QuizState => ({ enabled, open: null, answers: {}, resume: false, draft: [] });

/** The learner's answer to a question. An own-property check: a question id may be "constructor" or "toString". */
export function answerOf(quiz: QuizState, id: string): Answer | undefined {
  return Object.hasOwn(quiz.answers, id) ? quiz.answers[id] : undefined;
}

/** A question waiting before step n, if questions are on and it was not dealt with yet. */
export function pendingQuestion(s: AppState, n: number): QuestionSpec | undefined {
  if (!s.quiz.enabled || s.quiz.open) return undefined;
  const q = s.index.questionAt.get(n);
  return q && !answerOf(s.quiz, q.id) ? q : undefined;
}

/** The question on screen, if any. */
export function openQuestion(s: AppState): QuestionSpec | undefined {
  const open = s.quiz.open;
  return open ? s.spec.questions?.find((x) => x.id === open.id) : undefined;
}

/** The step a question is about. */
function stepOf(s: AppState, id: string): number | undefined {
  for (const [at, q] of s.index.questionAt) if (q.id === id) return at;
  return undefined;
}

export const createQuizSlice =
  (enabled: boolean, scenarioId: string, storage: ProgressStorage | null): Slice<QuizSlice> =>
  (set, get) => {
    const initial = loadProgress(storage);
    const kept = (progress: Progress, id: string) => {
      const l = lectureOf(id);
      return (l && progress.get(l)?.answers) || {};
    };
    /** Record a change to the lecture on screen's progress, in the state and in the browser. */
    const update = (change: (old: LectureProgress) => LectureProgress) => {
      const s = get();
      const l = lectureOf(s.scenarioId);
      if (!l) return;
      const progress = new Map(s.progress);
      progress.set(l, change(progress.get(l) ?? { answers: {}, finished: false }));
      set({ progress });
      saveProgress(storage, progress);
    };
    const recordAnswers = () => {
      const { answers } = get().quiz;
      update((old) => ({ ...old, answers: { ...old.answers, ...answers } }));
    };
    return {
      quiz: { ...freshQuiz(enabled), answers: kept(initial, scenarioId) },
      progress: initial,
      restoreQuiz(id) {
        set({ quiz: { ...freshQuiz(get().quiz.enabled), answers: kept(get().progress, id) } });
      },
      markFinished() {
        const l = lectureOf(get().scenarioId);
        if (l && !get().progress.get(l)?.finished) update((old) => ({ ...old, finished: true }));
      },
      forgetLecture(id) {
        const progress = new Map(get().progress);
        progress.delete(id);
        set({ progress });
        saveProgress(storage, progress);
        if (lectureOf(get().scenarioId) === id) get().restoreQuiz(id);
      },
      ask(q, wasPlaying) {
        set({ playing: false, quiz: { ...get().quiz, open: { id: q.id, phase: 'ask' }, resume: wasPlaying, draft: [] } });
      },
      answer(chosen) {
        const s = get();
        const q = openQuestion(s);
        if (!q) return;
        const correct = chosen.length === q.answer.length && q.answer.every((a) => chosen.includes(a));
        set({ quiz: { ...s.quiz, open: { id: q.id, phase: 'reveal' }, answers: { ...s.quiz.answers, [q.id]: { chosen, correct } } } });
        recordAnswers();
        // The reveal plays the step the question was about; the inspector follows the cursor to its
        // message and keeps following it afterwards (nothing is pinned).
        const at = stepOf(s, q.id);
        if (at !== undefined) {
          get().setStep(at);
          get().select(null);
        }
      },
      toggleChoice(choice) {
        const s = get();
        const q = openQuestion(s);
        if (!q || s.quiz.open?.phase !== 'ask') return;
        const { draft } = s.quiz;
        const next = q.kind === 'single' ? [choice] : draft.includes(choice) ? draft.filter((c) => c !== choice) : [...draft, choice].sort((a, b) => a - b);
        set({ quiz: { ...s.quiz, draft: next } });
      },
      skipQuestion() {
        const s = get();
        const { quiz } = s;
        if (!quiz.open) return;
        const id = quiz.open.id;
        set({ quiz: { ...quiz, open: null, answers: { ...quiz.answers, [id]: { skipped: true } } } });
        recordAnswers();
        const at = stepOf(s, id);
        if (at !== undefined) get().setStep(at);
        if (quiz.resume) set({ playing: true });
      },
      closeQuestion() {
        const { quiz } = get();
        set({ quiz: { ...quiz, open: null } });
        if (quiz.resume) set({ playing: true });
      },
      setQuizEnabled: (on) => set((s) => ({ quiz: { ...s.quiz, enabled: on, open: on ? s.quiz.open : null } })),
    };
  };
