/**
 * What a notice says, as data each language words: its title (a file that is not a scenario, a
 * lecture that does not exist...) and its lines (a scenario's problems, what is shown instead). The
 * store keeps the English wording beside the data, for the embed's host and the tests; the page
 * words the data in its own language when it shows the notice.
 */
import { clip } from '../scenarios/bounded';
import type { ProblemWords } from '../scenarios/problem';
import { formatError, sayProblem, type ScenarioError } from '../scenarios/result';
import { en, type Messages } from './en';

/** Where a scenario from outside came from, as its notice names it. */
export type NoticeSource = { kind: 'file'; name: string } | { kind: 'link' } | { kind: 'host' };

/** A parameter the page could not read, and why; `value` is quoted and cut short as the message shows it. */
export type UrlProblem =
  | { id: 'flag'; name: string; value: string }
  | { id: 'scenario'; value: string }
  | { id: 'shared-size'; chars: number }
  | { id: 'step'; value: string }
  | { id: 'speed'; value: string; speeds: readonly number[] }
  | { id: 'theme'; value: string }
  | { id: 'lang'; value: string; langs: readonly string[] }
  | { id: 'parent-origin'; value: string };

/** One way of wording every problem of the address, e.g. English or Spanish. */
export type UrlProblemWords = { readonly [K in UrlProblem['id']]: (p: Extract<UrlProblem, { id: K }>) => string };

export function sayUrlProblem(p: UrlProblem, words: UrlProblemWords): string {
  return (words[p.id] as (p: UrlProblem) => string)(p);
}

export type NoticeTitle =
  | { id: 'url-ignored' }
  /** The sandbox's action would make a scenario that cannot be saved: nothing changed. */
  | { id: 'refused' }
  /** `kept`: the scenario on screen stays (the start shows a lecture instead, and its line says which). */
  | { id: 'invalid'; source: NoticeSource; kept: boolean }
  | { id: 'no-lecture'; scenario: string }
  | { id: 'not-capture'; name: string }
  | { id: 'capture-partial'; name: string };

export type NoticeLine =
  | { id: 'problem'; error: ScenarioError }
  | { id: 'showing'; scenario: string }
  | { id: 'showing-built-in'; scenario: string; builtIn: readonly string[] }
  | { id: 'current-kept' }
  | { id: 'url'; problem: UrlProblem }
  /** A detail only English words (a capture reader's message): shown as it is, marked English. */
  | { id: 'english'; text: string };

export interface NoticeText {
  title: NoticeTitle;
  lines: readonly NoticeLine[];
}

/** The words a language gives a scenario's problems: null where they are the validator's own English. */
export interface ValidationWords {
  problems: ProblemWords;
  /** Where a JSON syntax error is. */
  line: (line: number, column: number) => string;
  /** The paths that name no key: the whole file, the whole scenario. */
  topLevel: string;
  scenario: string;
}

/** How long a shown line may grow, as the validator bounds its English (bounded.ts). */
const MAX_LINE = 400;

/** A scenario's problem in the page's words: where, then what. */
export function sayScenarioError(e: ScenarioError, words: ValidationWords | null): string {
  if (!words || !e.problem) return formatError(e);
  const path =
    e.line !== undefined && e.column !== undefined
      ? words.line(e.line, e.column)
      : e.path === '(top level)'
        ? words.topLevel
        : e.path === '(scenario)'
          ? words.scenario
          : e.path;
  return clip(formatError({ path, message: sayProblem(e.problem, words.problems) }), MAX_LINE);
}

export interface SaidLine {
  text: string;
  /** The line is English whatever the page's language. */
  english?: true;
}

/** A notice's title and lines in the given language. */
export function sayNotice(n: NoticeText, m: Messages): { title: string; lines: SaidLine[] } {
  const w = m.notice;
  const t = n.title;
  const title =
    t.id === 'url-ignored'
      ? w.urlIgnored
      : t.id === 'refused'
        ? m.sandbox.refused
        : t.id === 'invalid'
          ? w.invalid(t.source, t.kept)
          : t.id === 'no-lecture'
            ? w.noLecture(t.scenario)
            : t.id === 'not-capture'
              ? w.notCapture(t.name)
              : w.capturePartial(t.name);
  const lines = n.lines.map((l): SaidLine => {
    switch (l.id) {
      case 'problem':
        return { text: sayScenarioError(l.error, w.validation) };
      case 'showing':
        return { text: w.showing(l.scenario) };
      case 'showing-built-in':
        return { text: w.showingBuiltIn(l.scenario, l.builtIn.join(', ')) };
      case 'url':
        return { text: sayUrlProblem(l.problem, w.url) };
      case 'current-kept':
        return { text: w.currentKept };
      case 'english':
        return { text: l.text, english: true };
    }
  });
  return { title, lines };
}

/** A notice as the store keeps it: the data, and its English (for the embed's host and the tests). */
export function noticeOf(kind: 'error' | 'info', text: NoticeText): { kind: 'error' | 'info'; title: string; lines: string[]; text: NoticeText } {
  const said = sayNotice(text, en);
  return { kind, title: said.title, lines: said.lines.map((l) => l.text), text };
}

/** A scenario's problems as a notice's lines. */
export const problemLines = (errors: readonly ScenarioError[]): NoticeLine[] => errors.map((error) => ({ id: 'problem', error }));
