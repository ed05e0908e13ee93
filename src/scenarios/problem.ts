/**
 * What is wrong with a scenario from outside, as data: which sentence (`id`) and the names, numbers
 * and quoted values that go in it, as the engine's `Failure` is data (src/engine/failure.ts). Each
 * language words it: English in problemEnglish.ts (the CLI's, the goldens', the embed's errors and
 * the English page's one text), other languages in src/i18n. A quoted value (`got`, a key, a name)
 * is the file's own text, already cut short, and no language translates it.
 */
import type { Failure } from '../engine';

/** Where a value was looked up, kept as a list so each language joins it its own way ("none" when empty). */
type Names = readonly string[];

export type Problem =
  // JSON and the schema.
  | { id: 'not-json'; reason: string }
  | { id: 'too-many-items'; max: number; got: number }
  | { id: 'missing'; key?: string }
  | { id: 'unknown-key'; key?: string }
  | { id: 'expected'; expected?: string; got: string }
  | { id: 'expected-number'; bound: string; got: string }
  | { id: 'expected-integer'; got: string }
  | { id: 'empty' }
  | { id: 'too-few-items'; min: string }
  | { id: 'too-long'; max: string }
  | { id: 'expected-one-of'; expected: Names; got: string }
  // Meaning that can be checked without running.
  | { id: 'no-module'; protocol: string }
  | { id: 'process-twice'; process: string }
  | { id: 'pid-owned'; pid: number; owner: string }
  | { id: 'socket-twice'; socket: string; process: string }
  | { id: 'unknown-interface'; name: string; known: Names }
  | { id: 'unknown-ifindex'; index: number; known: Names }
  | { id: 'route-label-twice'; label: string }
  | { id: 'entry-twice'; entry: string }
  | { id: 'stale-translation'; text: string }
  | { id: 'action-label-taken'; label: string; other: number }
  | { id: 'group-of-other-protocol'; group: string; protocol: string; actor: string; socketProtocol: string }
  | { id: 'time-backwards'; at: number; previous: number }
  | { id: 'process-exists'; process: string }
  | { id: 'unknown-process'; process: string; known: Names }
  | { id: 'no-such-socket'; process: string; socket: string; has: Names }
  | { id: 'other-family'; type: string; wanted: string; actor: string; socket?: string; socketProtocol: string }
  | { id: 'needs-address-fields'; type: string }
  | { id: 'needs-route-fields'; type: string }
  | { id: 'unknown-action-label'; label: string; labels: Names }
  | { id: 'no-action'; action: number; count: number }
  | { id: 'no-goal'; goal: number; count: number }
  | { id: 'no-choice'; choice: number; count: number }
  | { id: 'single-answer' }
  // What only a run shows.
  | { id: 'run-threw'; detail: string }
  /** The engine could not carry an action out; `table` is the routing table then, when it tells why. */
  | { id: 'failed'; reason: Failure; table?: Names }
  | { id: 'too-many-steps'; steps: number }
  | { id: 'route-label-taken'; label: string }
  | { id: 'narration-no-step'; action: number | string | undefined; event?: string; actor?: string; messageType?: string; nth?: number }
  | { id: 'narration-same-step'; step: number; other: number }
  | { id: 'question-no-step' }
  | { id: 'question-same-step'; step: number; other: number }
  // Before any of that: the file or the link itself, and the length of the list.
  | { id: 'file-too-large'; kb: number; maxKb: number }
  | { id: 'link-damaged' }
  | { id: 'link-not-json' }
  | { id: 'more'; count: number };

export type ProblemId = Problem['id'];

/** One way of wording every problem, e.g. English or Spanish. */
export type ProblemWords = { readonly [K in ProblemId]: (p: Extract<Problem, { id: K }>) => string };
