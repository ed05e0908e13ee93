/**
 * A scenario's problems in English: the validator's messages, so the CLI, the goldens, the embed's
 * errors and the English page read these; a change here changes them all. Loaded with the validator,
 * not in the first load.
 */
import { failureEnglish } from '../engine';
import type { Problem, ProblemWords } from './problem';
import { sayProblem } from './result';

type Names = readonly string[];

const list = (xs: Names) => xs.join(', ') || 'none';

/** How a narration entry that matches no step was looking for it. */
const narrationWanted = (p: Extract<Problem, { id: 'narration-no-step' }>) =>
  `${p.event ? `, event ${p.event}` : ''}${p.actor ? `, actor ${p.actor}` : ''}${p.messageType ? `, message ${p.messageType}` : ''}${p.nth ? `, match ${p.nth}` : ''}`;

export const PROBLEM_ENGLISH: ProblemWords = {
  'not-json': (p) => `not valid JSON: ${p.reason}`,
  'too-many-items': (p) => `too long: at most ${p.max} items allowed, got ${p.got.toLocaleString('en-US')}`,
  missing: (p) => `missing; ${p.key ?? 'this key'} is required`,
  'unknown-key': (p) => (p.key === undefined ? 'unknown key; remove it or check its spelling' : `unknown key ${p.key}; remove it or check its spelling`),
  expected: (p) => `expected ${p.expected ?? 'something else'}, got ${p.got}`,
  'expected-number': (p) => `expected a number ${p.bound}, got ${p.got}`,
  'expected-integer': (p) => `expected a whole number, got ${p.got}`,
  empty: () => 'must not be empty',
  'too-few-items': (p) => `needs at least ${p.min} items`,
  'too-long': (p) => `too long: at most ${p.max} allowed`,
  'expected-one-of': (p) => `expected ${p.expected.join(' or ')}, got ${p.got}`,
  'no-module': (p) => `no module is loaded for ${p.protocol}: add "module": {} to the scenario (socket() would fail with EPROTONOSUPPORT)`,
  'process-twice': (p) => `process "${p.process}" is defined twice`,
  'pid-owned': (p) => `pid ${p.pid} is already ${p.owner}'s`,
  'socket-twice': (p) => `socket "${p.socket}" is defined twice in ${p.process}`,
  'unknown-interface': (p) => `unknown interface "${p.name}" (known: ${list(p.known)})`,
  'unknown-ifindex': (p) => `no interface has index ${p.index} (known: ${list(p.known)})`,
  'route-label-twice': (p) => `route label "${p.label}" is used twice`,
  'entry-twice': (p) => `entry "${p.entry}" is in the module's table twice`,
  'stale-translation': (p) => `"${p.text}" is not a text of this scenario (its title, summary, goals, captions or questions)`,
  'action-label-taken': (p) => `action label "${p.label}" is already actions[${p.other}]'s`,
  'group-of-other-protocol': (p) => `${p.group} is a group of ${p.protocol}, but ${p.actor}'s socket is ${p.socketProtocol}`,
  'time-backwards': (p) => `time ${p.at} ms is before the previous action's ${p.previous} ms; list actions in time order`,
  'process-exists': (p) => `process "${p.process}" exists already`,
  'unknown-process': (p) => `unknown process "${p.process}" (known: ${list(p.known)})`,
  'no-such-socket': (p) => `${p.process} has no socket "${p.socket}" (it has: ${list(p.has)})`,
  'other-family': (p) => `${p.type} is a ${p.wanted} message, but ${p.actor}'s socket${p.socket ? ` "${p.socket}"` : ''} is ${p.socketProtocol}`,
  'needs-address-fields': (p) => `${p.type} needs "address" fields (address, dev)`,
  'needs-route-fields': (p) => `${p.type} needs "route" fields or "routeOf" a label`,
  'unknown-action-label': (p) => `no action has the label "${p.label}" (labels: ${list(p.labels)})`,
  'no-action': (p) => `there is no action ${p.action} (the scenario has ${p.count})`,
  'no-goal': (p) => `there is no goal ${p.goal} (the scenario has ${p.count}, numbered from 0)`,
  'no-choice': (p) => `choice ${p.choice} does not exist (there are ${p.count} choices, numbered from 0)`,
  'single-answer': () => 'a single-choice question needs exactly one answer',
  'run-threw': (p) => `the simulation could not run it: ${p.detail}`,
  failed: (p) => `${failureEnglish(p.reason)}${p.table ? ` (the routing table then: ${list(p.table)})` : ''}`,
  'too-many-steps': (p) => `the scenario runs past ${p.steps} steps; make it shorter`,
  'route-label-taken': (p) => `route label "${p.label}" is already taken`,
  'narration-no-step': (p) => `matches no step (action ${p.action}${narrationWanted(p)})`,
  'narration-same-step': (p) =>
    `starts at step ${p.step}, like narration[${p.other}], so one of them would never be shown; use "nth", "event", "actor" or "messageType" to move one`,
  'question-no-step': () => 'matches no step',
  'question-same-step': (p) =>
    `matches step ${p.step}, like questions[${p.other}], and only one question is asked before a step; move one with "nth", "event", "actor" or "messageType"`,
  'file-too-large': (p) => `the file is too large for a scenario (${p.kb} kB; at most ${p.maxKb} kB)`,
  'link-damaged': () => 'the shared scenario in the address (s=...) is damaged or cut short; ask for the link again',
  'link-not-json': () => 'the shared scenario in the address (s=...) decompresses to text that is not JSON',
  more: (p) => `and ${p.count} more`,
};

export const problemEnglish = (p: Problem): string => sayProblem(p, PROBLEM_ENGLISH);

/** A problem at `path`: its English message (the CLI's) and the data other languages word. */
export const problemAt = (path: string, problem: Problem): { path: string; message: string; problem: Problem } => ({
  path,
  message: problemEnglish(problem),
  problem,
});
