/**
 * Scenario files in, a ScenarioSpec or a list of precise errors out. Four layers: JSON syntax
 * (with line and column), the schema (with the path and what was expected), meaning that can be
 * checked without running (unknown processes, times going backwards...), and what only a run shows:
 * the scenario is run by the engine, and every action it could not carry out (a timer on a route
 * that is not in the table then...) is reported. Route labels are the engine's business: the
 * validator never guesses which label a new route gets, it reads the run.
 */
import { checkTranslation } from './i18n';
import * as v from 'valibot';
import {
  DEFAULT_INTERFACES,
  flagsFromNames,
  groupByName,
  protocolName,
  messageTypeFromName,
  NETLINK_ROUTE,
  NETLINK_RTMGR,
  NETLINK_RTMGR_NAME,
  RTMGR_REQUEST_NAMES,
  run,
  type ProtocolName,
  type ScenarioSpec,
  type Timeline,
} from '../engine';
import { capErrors, clip } from './bounded';
import { syntaxErrorOffset } from './jsonSyntax';
import { placeNarration } from './narration';
import type { Problem } from './problem';
import { problemAt } from './problemEnglish';
import { err, formatError, ok, type Checked, type ScenarioError } from './result';
import { MAX_ACTIONS, MAX_NARRATION, MAX_QUESTIONS, ScenarioSchema } from './schema';

export interface ValidScenario {
  spec: ScenarioSpec;
  timeline: Timeline;
}

function lineColumn(textIn: string, pos: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < textIn.length; i++) {
    if (textIn[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

/** JSON.parse with an error that always says where (line and column), and never quotes more than a little of the text. */
export function parseJson(textIn: string): Checked<unknown> {
  // A UTF-8 byte order mark is not JSON, but editors write it and browsers drop it: drop it here too.
  const body = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
  try {
    return ok(JSON.parse(body) as unknown);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /line (\d+) column (\d+)/.exec(msg);
    const p = /position (\d+)/.exec(msg);
    let where: { line: number; column: number };
    if (m) where = { line: Number(m[1]), column: Number(m[2]) };
    else if (p) where = lineColumn(body, Number(p[1]));
    else where = lineColumn(body, syntaxErrorOffset(body) ?? body.length);
    const reason = clip(
      msg
        .replace(/^JSON\.parse: /, '')
        .replace(/ in JSON at position \d+.*$/, '')
        .replace(/ at position \d+.*$/, '')
        // V8 quotes the text around the error; the line and column say where, without echoing the file.
        .replace(/,? ?".*" is not valid JSON$/s, '')
        .replace(/,? ?"\[object Object\]".*$/, ''),
      120,
    );
    return err([{ ...problemAt(`line ${where.line}, column ${where.column}`, { id: 'not-json', reason }), ...where }]);
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${clip(String(key), 40)}` : clip(String(key), 40);
  }
  return out;
}

function lastKey(issue: v.BaseIssue<unknown>): unknown {
  const path = issue.path ?? [];
  return path.length ? (path[path.length - 1] as { key: unknown }).key : '';
}

/**
 * Lists too long for the format are refused before their items are checked one by one: 100,000
 * broken actions would otherwise cost seconds and 100,000 messages to say one thing.
 */
function tooLong(value: unknown): ScenarioError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const limits: Array<[string, number]> = [
    ['actions', MAX_ACTIONS],
    ['narration', MAX_NARRATION],
    ['questions', MAX_QUESTIONS],
  ];
  const errors: ScenarioError[] = [];
  for (const [key, max] of limits) {
    const list: unknown = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(list) && list.length > max) errors.push(problemAt(key, { id: 'too-many-items', max, got: list.length }));
  }
  return errors;
}

/** The value an issue is about, as valibot quotes it, cut short. */
function received(issue: v.BaseIssue<unknown>): string {
  return clip(issue.received);
}

function describeIssue(issue: v.BaseIssue<unknown>): Problem {
  switch (issue.type) {
    case 'strict_object':
      // valibot reports a missing key and a key that should not be there with the same issue type.
      if (issue.expected !== 'never' && issue.received === 'undefined') return { id: 'missing', ...(issue.expected ? { key: clip(issue.expected, 40) } : {}) };
      return { id: 'unknown-key', key: clip(String(lastKey(issue)), 40) };
    case 'object':
    case 'strict_object_key':
      return { id: 'expected', expected: String(issue.expected), got: received(issue) };
    case 'min_value':
    case 'max_value':
      return { id: 'expected-number', bound: String(issue.expected), got: received(issue) };
    case 'integer':
      return { id: 'expected-integer', got: received(issue) };
    case 'regex':
      return { id: 'expected', expected: String(String(issue.message).includes('Invalid') ? issue.expected : issue.message), got: received(issue) };
    case 'min_length':
      return issue.expected === '>=1' ? { id: 'empty' } : { id: 'too-few-items', min: String(issue.expected?.replace('>=', '')) };
    case 'max_length':
      return { id: 'too-long', max: String(issue.expected?.replace('<=', '')) };
    case 'union': {
      const subs = issue.issues ?? [];
      const expected = [...new Set(subs.map((s) => s.expected).filter((x): x is string => !!x))];
      return { id: 'expected-one-of', expected: expected.length ? expected : [String(issue.expected)], got: received(issue) };
    }
    default:
      if (issue.expected === 'never' || (issue.kind === 'schema' && issue.type === 'never')) return { id: 'unknown-key' };
      return { id: 'expected', ...(issue.expected ? { expected: issue.expected } : {}), got: received(issue) };
  }
}

/** Validate already-parsed JSON. Also runs the scenario to check that every action can be done and every caption and question finds its step. */
export function validateScenario(value: unknown): Checked<ValidScenario> {
  const r = checkScenario(value);
  return r.ok ? r : err(capErrors(r.error));
}

function checkScenario(value: unknown): Checked<ValidScenario> {
  const long = tooLong(value);
  if (long.length) return err(long);
  const parsed = v.safeParse(ScenarioSchema, value, { abortPipeEarly: true });
  if (!parsed.success) {
    const errors = parsed.issues.map((issue) => problemAt(pathOf(issue) || '(top level)', describeIssue(issue)));
    return err(dedupe(errors));
  }
  const { $schema: _schema, ...rest } = parsed.output;
  const spec = rest as ScenarioSpec;
  const errors = semanticErrors(spec);
  if (errors.length) return err(errors);
  resolveGroupNames(spec);
  let timeline: Timeline;
  try {
    timeline = run(spec, { maxSteps: 200_000 });
  } catch (e) {
    return err([problemAt('(scenario)', { id: 'run-threw', detail: (e as Error).message })]);
  }
  const after = runtimeErrors(spec, timeline);
  if (after.length) return err(after);
  return ok({ spec, timeline });
}

export function validateScenarioText(textIn: string): Checked<ValidScenario> {
  const json = parseJson(textIn);
  return json.ok ? validateScenario(json.value) : json;
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = formatError(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function semanticErrors(spec: ScenarioSpec): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const report = (path: string, problem: Problem) => errors.push(problemAt(path, problem));
  const processes = new Map<string, Map<string, ProtocolName>>();
  const needsModule = (path: string, p: ProtocolName | undefined) => {
    if (p === NETLINK_RTMGR_NAME && !spec.module) report(path, { id: 'no-module', protocol: p });
  };
  const pids = new Map<number, string>();
  spec.processes.forEach((p, i) => {
    if (processes.has(p.name)) report(`processes[${i}].name`, { id: 'process-twice', process: p.name });
    if (pids.has(p.pid)) report(`processes[${i}].pid`, { id: 'pid-owned', pid: p.pid, owner: pids.get(p.pid)! });
    pids.set(p.pid, p.name);
    const socks = new Map<string, ProtocolName>();
    (p.sockets ?? [{ name: 's0' }]).forEach((s, j) => {
      if (socks.has(s.name)) report(`processes[${i}].sockets[${j}].name`, { id: 'socket-twice', socket: s.name, process: p.name });
      needsModule(`processes[${i}].sockets[${j}].protocol`, s.protocol);
      socks.set(s.name, s.protocol ?? 'NETLINK_ROUTE');
    });
    processes.set(p.name, socks);
  });
  const interfaces = spec.interfaces ?? DEFAULT_INTERFACES;
  const ifnames = new Set(interfaces.map((x) => x.name));
  const ifindexes = new Set(interfaces.map((x) => x.index));
  const checkOif = (path: string, oif: string | number | undefined) => {
    if (typeof oif === 'string' && !ifnames.has(oif)) report(path, { id: 'unknown-interface', name: oif, known: [...ifnames] });
    if (typeof oif === 'number' && !ifindexes.has(oif)) report(path, { id: 'unknown-ifindex', index: oif, known: [...ifindexes].map(String) });
  };
  const labels = new Set<string>();
  interfaces.forEach((x, i) =>
    (x.addresses ?? []).forEach((a, j) => {
      if (a.routeLabel === undefined) return;
      if (labels.has(a.routeLabel)) report(`interfaces[${i}].addresses[${j}].routeLabel`, { id: 'route-label-twice', label: a.routeLabel });
      labels.add(a.routeLabel);
    }),
  );
  spec.routes.forEach((r, i) => {
    if (labels.has(r.label)) report(`routes[${i}].label`, { id: 'route-label-twice', label: r.label });
    labels.add(r.label);
    checkOif(`routes[${i}].oif`, r.oif);
  });
  const entryNames = new Set<string>();
  spec.module?.entries?.forEach((e, i) => {
    if (entryNames.has(e.name)) report(`module.entries[${i}].name`, { id: 'entry-twice', entry: e.name });
    entryNames.add(e.name);
  });
  const actionLabels = new Map<string, number>();
  for (const [lang, table] of Object.entries(spec.i18n ?? {})) {
    // A translation of a text the scenario does not have would never be shown: most likely its English changed.
    for (const key of checkTranslation(spec, table).stale)
      report(`i18n.${lang}`, { id: 'stale-translation', text: key.length > 60 ? `${key.slice(0, 60)}…` : key });
  }
  let lastAt = 0;
  spec.actions.forEach((a, i) => {
    const at = `actions[${i}]`;
    if (a.label !== undefined) {
      if (actionLabels.has(a.label)) report(`${at}.label`, { id: 'action-label-taken', label: a.label, other: actionLabels.get(a.label)! });
      else actionLabels.set(a.label, i);
    }
    if ((a.do === 'join' || a.do === 'leave') && typeof (a.group as unknown) === 'string') {
      const name = a.group as unknown as string;
      const g = groupByName(name);
      const socks = processes.get(a.actor);
      const sockProtocol = socks ? (a.socket !== undefined ? socks.get(a.socket) : socks.values().next().value) : undefined;
      if (g && sockProtocol && protocolName(g.protocol) !== sockProtocol)
        report(`${at}.group`, { id: 'group-of-other-protocol', group: name, protocol: protocolName(g.protocol), actor: a.actor, socketProtocol: sockProtocol });
    }
    if (a.at < lastAt) report(`${at}.at`, { id: 'time-backwards', at: a.at, previous: lastAt });
    lastAt = Math.max(lastAt, a.at);
    if (a.do === 'spawn') {
      if (processes.has(a.actor)) report(`${at}.actor`, { id: 'process-exists', process: a.actor });
      else if (pids.has(a.pid)) report(`${at}.pid`, { id: 'pid-owned', pid: a.pid, owner: pids.get(a.pid)! });
      else {
        needsModule(`${at}.protocol`, a.protocol);
        processes.set(a.actor, new Map([['s0', a.protocol ?? 'NETLINK_ROUTE']]));
        pids.set(a.pid, a.actor);
      }
    } else if (a.do === 'open') {
      const socks = processes.get(a.actor);
      if (!socks) report(`${at}.actor`, { id: 'unknown-process', process: a.actor, known: [...processes.keys()] });
      else if (socks.has(a.socket)) report(`${at}.socket`, { id: 'failed', reason: { id: 'socket-exists', process: a.actor, socket: a.socket } });
      else {
        needsModule(`${at}.protocol`, a.protocol);
        socks.set(a.socket, a.protocol ?? 'NETLINK_ROUTE');
      }
    } else if ('actor' in a) {
      const socks = processes.get(a.actor);
      if (!socks) report(`${at}.actor`, { id: 'unknown-process', process: a.actor, known: [...processes.keys()] });
      else if (a.socket !== undefined && !socks.has(a.socket))
        report(`${at}.socket`, { id: 'no-such-socket', process: a.actor, socket: a.socket, has: [...socks.keys()] });
    }
    if ((a.do === 'arm-timer' || a.do === 'cancel-timer') && a.protocol === NETLINK_RTMGR_NAME) needsModule(`${at}.protocol`, a.protocol);
    if (a.do === 'send') {
      const r = a.request;
      const rtmgr = (RTMGR_REQUEST_NAMES as readonly string[]).includes(r.type);
      const protocol = rtmgr ? NETLINK_RTMGR : NETLINK_ROUTE;
      const type = messageTypeFromName(r.type, protocol)!;
      const flags = flagsFromNames(type, r.flags, protocol);
      if (!flags.ok)
        report(`${at}.request.flags[${r.flags.findIndex((f) => f.trim() === flags.error)}]`, {
          id: 'failed',
          reason: { id: 'not-a-flag', flag: flags.error, type: r.type },
        });
      // A request goes to the family its socket was opened for.
      const socks = processes.get(a.actor);
      const sockProtocol = socks ? (a.socket !== undefined ? socks.get(a.socket) : socks.values().next().value) : undefined;
      const wanted: ProtocolName = rtmgr ? NETLINK_RTMGR_NAME : 'NETLINK_ROUTE';
      if (sockProtocol && sockProtocol !== wanted)
        report(`${at}.request.type`, {
          id: 'other-family',
          type: r.type,
          wanted,
          actor: a.actor,
          ...(a.socket ? { socket: a.socket } : {}),
          socketProtocol: sockProtocol,
        });
      if (rtmgr) {
        if (r.type !== 'RTMGR_MSG_LIST' && !r.entry?.name) report(`${at}.request`, { id: 'failed', reason: { id: 'needs-entry', type: r.type } });
        return;
      }
      const dump = r.type.startsWith('RTM_GET') && r.flags.includes('NLM_F_DUMP');
      const addressType = r.type.endsWith('ADDR');
      if (addressType && !dump && !r.address) report(`${at}.request`, { id: 'needs-address-fields', type: r.type });
      if (r.address) checkOif(`${at}.request.address.dev`, r.address.dev);
      if (!addressType && !dump && !r.route && !r.routeOf) report(`${at}.request`, { id: 'needs-route-fields', type: r.type });
      if (r.route) checkOif(`${at}.request.route.oif`, r.route.oif);
    }
  });
  const checkMatcher = (path: string, m: { action?: number | string; actor?: string }) => {
    if (typeof m.action === 'string') {
      if (!actionLabels.has(m.action)) report(`${path}.action`, { id: 'unknown-action-label', label: m.action, labels: [...actionLabels.keys()] });
    } else if (m.action !== undefined && m.action >= spec.actions.length)
      report(`${path}.action`, { id: 'no-action', action: m.action, count: spec.actions.length });
    if (m.actor !== undefined && m.actor !== 'kernel' && !processes.has(m.actor))
      report(`${path}.actor`, { id: 'unknown-process', process: m.actor, known: [...processes.keys()] });
  };
  spec.narration?.forEach((n, i) => {
    checkMatcher(`narration[${i}]`, n);
    if (n.goal !== undefined && n.goal >= spec.goals.length) report(`narration[${i}].goal`, { id: 'no-goal', goal: n.goal, count: spec.goals.length });
  });
  spec.questions?.forEach((q, i) => {
    checkMatcher(`questions[${i}].before`, q.before);
    q.answer.forEach((a, j) => {
      if (a >= q.choices.length) report(`questions[${i}].answer[${j}]`, { id: 'no-choice', choice: a, count: q.choices.length });
    });
    if (q.kind === 'single' && q.answer.length !== 1) report(`questions[${i}].answer`, { id: 'single-answer' });
  });
  return errors;
}

/** Group names (RTNLGRP_IPV4_ROUTE) become the numbers the engine takes; semanticErrors has checked them. */
function resolveGroupNames(spec: ScenarioSpec): void {
  for (const a of spec.actions) {
    if ((a.do === 'join' || a.do === 'leave') && typeof (a.group as unknown) === 'string') a.group = groupByName(a.group as unknown as string)!.group;
  }
}

function runtimeErrors(spec: ScenarioSpec, t: Timeline): ScenarioError[] {
  const errors: ScenarioError[] = [];
  if (t.truncated) errors.push(problemAt('actions', { id: 'too-many-steps', steps: t.steps.length }));
  for (const s of t.steps) {
    // Only these two events are checked; other steps' worlds are not rebuilt (the engine keeps most
    // steps as changes and rebuilds a world when it is read).
    if (s.cause === null || (s.event.kind !== 'action-failed' && s.event.kind !== 'route-added')) continue;
    const at = `actions[${s.cause}]`;
    const action = spec.actions[s.cause]!;
    const table = s.world.routes.map((r) => r.label);
    const inTable = (label: string) => table.includes(label);
    if (s.event.kind === 'action-failed') {
      const { reason } = s.event;
      if ((action.do === 'arm-timer' || action.do === 'cancel-timer') && action.protocol !== NETLINK_RTMGR_NAME && !inTable(action.route))
        errors.push(problemAt(`${at}.route`, { id: 'failed', reason, table }));
      else if (action.do === 'send' && action.request.routeOf !== undefined && !inTable(action.request.routeOf))
        errors.push(problemAt(`${at}.request.routeOf`, { id: 'failed', reason, table }));
      else errors.push(problemAt(at, { id: 'failed', reason }));
    }
    // The label a request names for its new route must be free when the kernel adds it.
    if (
      s.event.kind === 'route-added' &&
      !s.event.replaced &&
      action.do === 'send' &&
      action.request.label !== undefined &&
      table.filter((l) => l === action.request.label).length > 1
    ) {
      errors.push(problemAt(`${at}.request.label`, { id: 'route-label-taken', label: action.request.label }));
    }
  }
  const placed = placeNarration(spec, t);
  spec.narration?.forEach((n, i) => {
    const p = placed.narration[i]!;
    if (p.step === undefined) {
      const { action, event, actor, messageType, nth } = n;
      errors.push(
        problemAt(`narration[${i}]`, {
          id: 'narration-no-step',
          action,
          ...(event ? { event } : {}),
          ...(actor ? { actor } : {}),
          ...(messageType ? { messageType } : {}),
          ...(nth ? { nth } : {}),
        }),
      );
    } else if ('sameAs' in p) {
      errors.push(problemAt(`narration[${i}]`, { id: 'narration-same-step', step: p.step, other: p.sameAs }));
    }
  });
  // The app asks one question before a step: the timeline index keeps the first.
  const askedAt = new Map<number, number>();
  placed.questions.forEach((step, i) => {
    if (step === undefined) errors.push(problemAt(`questions[${i}].before`, { id: 'question-no-step' }));
    else if (askedAt.has(step)) errors.push(problemAt(`questions[${i}].before`, { id: 'question-same-step', step, other: askedAt.get(step)! }));
    else askedAt.set(step, i);
  });
  return errors;
}
