/**
 * The project's one error convention. A function that can fail returns the engine's `Result`:
 * `{ ok: true, value }` or `{ ok: false, error }`. Outside the engine the error is the list of every
 * problem found (a learner fixing a file wants them all at once), each saying where and what.
 */
import type { Result } from '../engine';
import type { Problem, ProblemWords } from './problem';

export type { Result } from '../engine';
export { ok, err } from '../engine';

/** One problem: where ("actions[3].request.flags[1]", "line 4, column 7", "" for the whole input) and what. */
export interface ScenarioError {
  path: string;
  /** What, in English: the CLI's text. */
  message: string;
  /** The same as data, for the page to word in its language (absent where only English is known). */
  problem?: Problem;
  /** For JSON syntax errors: where in the text. */
  line?: number;
  column?: number;
}

/** A result that fails with every problem found. */
export type Checked<T> = Result<T, ScenarioError[]>;

export function formatError(e: ScenarioError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

/** A problem in the given words (here, beside formatError, so the page's first load needs no module of its own for it). */
export function sayProblem(p: Problem, words: ProblemWords): string {
  return (words[p.id] as (p: Problem) => string)(p);
}
