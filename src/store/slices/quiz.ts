/** Predict, then see: the question waiting before a step, the learner's answers, and the switch that turns questions off. */
import type { QuestionSpec } from '../../engine';
import type { AppState, Slice } from './types';

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

export interface QuizSlice {
  quiz: QuizState;
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

/** A question waiting before step n, if questions are on and it was not dealt with yet. */
export function pendingQuestion(s: AppState, n: number): QuestionSpec | undefined {
  if (!s.quiz.enabled || s.quiz.open) return undefined;
  const q = s.index.questionAt.get(n);
  return q && !s.quiz.answers[q.id] ? q : undefined;
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
  (enabled: boolean): Slice<QuizSlice> =>
  (set, get) => ({
    quiz: freshQuiz(enabled),
    ask(q, wasPlaying) {
      set({ playing: false, quiz: { ...get().quiz, open: { id: q.id, phase: 'ask' }, resume: wasPlaying, draft: [] } });
    },
    answer(chosen) {
      const s = get();
      const q = openQuestion(s);
      if (!q) return;
      const correct = chosen.length === q.answer.length && q.answer.every((a) => chosen.includes(a));
      set({ quiz: { ...s.quiz, open: { id: q.id, phase: 'reveal' }, answers: { ...s.quiz.answers, [q.id]: { chosen, correct } } } });
      // The reveal plays the step the question was about and points at its message.
      const at = stepOf(s, q.id);
      if (at !== undefined) {
        get().setStep(at);
        const e = s.index.timeline.steps[at]!.event;
        get().select('message' in e ? e.message : null);
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
  });
