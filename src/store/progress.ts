/**
 * The learner's progress, kept in the browser: for each built-in lecture, the answers given and
 * whether it was watched to its end. One versioned key in localStorage; whatever is stored there is
 * read as untrusted text (another version, a hand edit, garbage) and what does not fit is dropped, so a
 * bad entry costs that entry, never the app. A storage that refuses (private mode, quota) is ignored.
 */
import { LECTURES } from '../scenarios/catalog';

/** A question's outcome: the choices and whether they were right, or skipped. */
export type Answer = { chosen: number[]; correct: boolean } | { skipped: true };

export const PROGRESS_KEY = 'netlink-visualizer:progress:v1';

export interface LectureProgress {
  answers: Record<string, Answer>;
  /** Watched to the last step at least once. */
  finished: boolean;
}

export type Progress = ReadonlyMap<string, LectureProgress>;

/** What the store needs of window.localStorage. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

const LECTURE_IDS = new Set(LECTURES.map((l) => l.id));

/** The lecture whose progress a scenario counts towards: a lecture, or a sandbox fork of one; else none. */
export function lectureOf(scenarioId: string): string | undefined {
  const id = scenarioId.endsWith('-sandbox') ? scenarioId.slice(0, -'-sandbox'.length) : scenarioId;
  return LECTURE_IDS.has(id) ? id : undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function parseAnswer(x: unknown): Answer | undefined {
  if (!isRecord(x)) return undefined;
  if (x.skipped === true) return { skipped: true };
  const { chosen, correct } = x;
  if (typeof correct !== 'boolean' || !Array.isArray(chosen) || chosen.length > 8) return undefined;
  if (!chosen.every((c) => Number.isInteger(c) && c >= 0 && c < 8)) return undefined;
  return { chosen: chosen as number[], correct };
}

/** Read stored text; anything unreadable is left out. */
export function parseProgress(raw: string | null): Map<string, LectureProgress> {
  const out = new Map<string, LectureProgress>();
  if (!raw) return out;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return out;
  }
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.lectures)) return out;
  for (const [id, entry] of Object.entries(data.lectures)) {
    if (!LECTURE_IDS.has(id) || !isRecord(entry)) continue;
    const answers: Record<string, Answer> = {};
    if (isRecord(entry.answers)) {
      for (const [q, a] of Object.entries(entry.answers)) {
        const parsed = q.length <= 16 ? parseAnswer(a) : undefined;
        if (parsed) answers[q] = parsed;
      }
    }
    out.set(id, { answers, finished: entry.finished === true });
  }
  return out;
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify({ version: 1, lectures: Object.fromEntries(p) });
}

export function loadProgress(storage: ProgressStorage | null): Map<string, LectureProgress> {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return new Map();
  }
}

/** Store it; false if the storage refused (quota, disabled). */
export function saveProgress(storage: ProgressStorage | null, p: Progress): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PROGRESS_KEY, serializeProgress(p));
    return true;
  } catch {
    return false;
  }
}

/** The browser's localStorage, or null where there is none or it may not be touched. */
export function browserStorage(): ProgressStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
