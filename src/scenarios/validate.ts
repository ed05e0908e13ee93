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
  failureEnglish,
} from '../engine';
import { capErrors, clip } from './bounded';
import { syntaxErrorOffset } from './jsonSyntax';
import { placeNarration } from './narration';
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
    return err([{ path: `line ${where.line}, column ${where.column}`, message: `not valid JSON: ${reason}`, ...where }]);
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
    if (Array.isArray(list) && list.length > max)
      errors.push({ path: key, message: `too long: at most ${max} items allowed, got ${list.length.toLocaleString('en-US')}` });
  }
  return errors;
}

/** The value an issue is about, as valibot quotes it, cut short. */
function received(issue: v.BaseIssue<unknown>): string {
  return clip(issue.received);
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case 'strict_object':
      // valibot reports a missing key and a key that should not be there with the same issue type.
      if (issue.expected !== 'never' && issue.received === 'undefined') return `missing; ${clip(issue.expected ?? 'this key', 40)} is required`;
      return `unknown key ${clip(String(lastKey(issue)), 40)}; remove it or check its spelling`;
    case 'object':
    case 'strict_object_key':
      return `expected ${issue.expected}, got ${received(issue)}`;
    case 'min_value':
      return `expected a number ${issue.expected}, got ${received(issue)}`;
    case 'max_value':
      return `expected a number ${issue.expected}, got ${received(issue)}`;
    case 'integer':
      return `expected a whole number, got ${received(issue)}`;
    case 'regex':
      return `expected ${String(issue.message).includes('Invalid') ? issue.expected : issue.message}, got ${received(issue)}`;
    case 'min_length':
      return issue.expected === '>=1' ? 'must not be empty' : `needs ${issue.expected?.replace('>=', 'at least ')} items`;
    case 'max_length':
      return `too long: ${issue.expected?.replace('<=', 'at most ')} allowed`;
    case 'union': {
      const subs = issue.issues ?? [];
      const expected = [...new Set(subs.map((s) => s.expected).filter(Boolean))];
      return `expected ${expected.join(' or ') || issue.expected}, got ${received(issue)}`;
    }
    default:
      if (issue.expected === 'never' || (issue.kind === 'schema' && issue.type === 'never')) return 'unknown key; remove it or check its spelling';
      return `expected ${issue.expected ?? 'something else'}, got ${received(issue)}`;
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
    const errors = parsed.issues.map((issue) => ({ path: pathOf(issue) || '(top level)', message: describeIssue(issue) }));
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
    return err([{ path: '(scenario)', message: `the simulation could not run it: ${(e as Error).message}` }]);
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

const list = (xs: Iterable<string>) => [...xs].join(', ') || 'none';

function semanticErrors(spec: ScenarioSpec): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const report = (path: string, message: string) => errors.push({ path, message });
  const processes = new Map<string, Map<string, ProtocolName>>();
  const needsModule = (path: string, p: ProtocolName | undefined) => {
    if (p === NETLINK_RTMGR_NAME && !spec.module)
      report(path, `no module is loaded for ${p}: add "module": {} to the scenario (socket() would fail with EPROTONOSUPPORT)`);
  };
  const pids = new Map<number, string>();
  spec.processes.forEach((p, i) => {
    if (processes.has(p.name)) report(`processes[${i}].name`, `process "${p.name}" is defined twice`);
    if (pids.has(p.pid)) report(`processes[${i}].pid`, `pid ${p.pid} is already ${pids.get(p.pid)}'s`);
    pids.set(p.pid, p.name);
    const socks = new Map<string, ProtocolName>();
    (p.sockets ?? [{ name: 's0' }]).forEach((s, j) => {
      if (socks.has(s.name)) report(`processes[${i}].sockets[${j}].name`, `socket "${s.name}" is defined twice in ${p.name}`);
      needsModule(`processes[${i}].sockets[${j}].protocol`, s.protocol);
      socks.set(s.name, s.protocol ?? 'NETLINK_ROUTE');
    });
    processes.set(p.name, socks);
  });
  const interfaces = spec.interfaces ?? DEFAULT_INTERFACES;
  const ifnames = new Set(interfaces.map((x) => x.name));
  const ifindexes = new Set(interfaces.map((x) => x.index));
  const checkOif = (path: string, oif: string | number | undefined) => {
    if (typeof oif === 'string' && !ifnames.has(oif)) report(path, `unknown interface "${oif}" (known: ${list(ifnames)})`);
    if (typeof oif === 'number' && !ifindexes.has(oif)) report(path, `no interface has index ${oif} (known: ${list([...ifindexes].map(String))})`);
  };
  const labels = new Set<string>();
  interfaces.forEach((x, i) =>
    (x.addresses ?? []).forEach((a, j) => {
      if (a.routeLabel === undefined) return;
      if (labels.has(a.routeLabel)) report(`interfaces[${i}].addresses[${j}].routeLabel`, `route label "${a.routeLabel}" is used twice`);
      labels.add(a.routeLabel);
    }),
  );
  spec.routes.forEach((r, i) => {
    if (labels.has(r.label)) report(`routes[${i}].label`, `route label "${r.label}" is used twice`);
    labels.add(r.label);
    checkOif(`routes[${i}].oif`, r.oif);
  });
  const entryNames = new Set<string>();
  spec.module?.entries?.forEach((e, i) => {
    if (entryNames.has(e.name)) report(`module.entries[${i}].name`, `entry "${e.name}" is in the module's table twice`);
    entryNames.add(e.name);
  });
  const actionLabels = new Map<string, number>();
  for (const [lang, table] of Object.entries(spec.i18n ?? {})) {
    // A translation of a text the scenario does not have would never be shown: most likely its English changed.
    for (const key of checkTranslation(spec, table).stale)
      report(
        `i18n.${lang}`,
        `"${key.length > 60 ? `${key.slice(0, 60)}…` : key}" is not a text of this scenario (its title, summary, goals, captions or questions)`,
      );
  }
  let lastAt = 0;
  spec.actions.forEach((a, i) => {
    const at = `actions[${i}]`;
    if (a.label !== undefined) {
      if (actionLabels.has(a.label)) report(`${at}.label`, `action label "${a.label}" is already actions[${actionLabels.get(a.label)}]'s`);
      else actionLabels.set(a.label, i);
    }
    if ((a.do === 'join' || a.do === 'leave') && typeof (a.group as unknown) === 'string') {
      const name = a.group as unknown as string;
      const g = groupByName(name);
      const socks = processes.get(a.actor);
      const sockProtocol = socks ? (a.socket !== undefined ? socks.get(a.socket) : socks.values().next().value) : undefined;
      if (g && sockProtocol && protocolName(g.protocol) !== sockProtocol)
        report(`${at}.group`, `${name} is a group of ${protocolName(g.protocol)}, but ${a.actor}'s socket is ${sockProtocol}`);
    }
    if (a.at < lastAt) report(`${at}.at`, `time ${a.at} ms is before the previous action's ${lastAt} ms; list actions in time order`);
    lastAt = Math.max(lastAt, a.at);
    if (a.do === 'spawn') {
      if (processes.has(a.actor)) report(`${at}.actor`, `process "${a.actor}" exists already`);
      else if (pids.has(a.pid)) report(`${at}.pid`, `pid ${a.pid} is already ${pids.get(a.pid)}'s`);
      else {
        needsModule(`${at}.protocol`, a.protocol);
        processes.set(a.actor, new Map([['s0', a.protocol ?? 'NETLINK_ROUTE']]));
        pids.set(a.pid, a.actor);
      }
    } else if (a.do === 'open') {
      const socks = processes.get(a.actor);
      if (!socks) report(`${at}.actor`, `unknown process "${a.actor}" (known: ${list(processes.keys())})`);
      else if (socks.has(a.socket)) report(`${at}.socket`, `${a.actor} already has a socket "${a.socket}"`);
      else {
        needsModule(`${at}.protocol`, a.protocol);
        socks.set(a.socket, a.protocol ?? 'NETLINK_ROUTE');
      }
    } else if ('actor' in a) {
      const socks = processes.get(a.actor);
      if (!socks) report(`${at}.actor`, `unknown process "${a.actor}" (known: ${list(processes.keys())})`);
      else if (a.socket !== undefined && !socks.has(a.socket)) report(`${at}.socket`, `${a.actor} has no socket "${a.socket}" (it has: ${list(socks.keys())})`);
    }
    if ((a.do === 'arm-timer' || a.do === 'cancel-timer') && a.protocol === NETLINK_RTMGR_NAME) needsModule(`${at}.protocol`, a.protocol);
    if (a.do === 'send') {
      const r = a.request;
      const rtmgr = (RTMGR_REQUEST_NAMES as readonly string[]).includes(r.type);
      const protocol = rtmgr ? NETLINK_RTMGR : NETLINK_ROUTE;
      const type = messageTypeFromName(r.type, protocol)!;
      const flags = flagsFromNames(type, r.flags, protocol);
      if (!flags.ok) report(`${at}.request.flags[${r.flags.findIndex((f) => f.trim() === flags.error)}]`, `${flags.error} is not a flag of ${r.type}`);
      // A request goes to the family its socket was opened for.
      const socks = processes.get(a.actor);
      const sockProtocol = socks ? (a.socket !== undefined ? socks.get(a.socket) : socks.values().next().value) : undefined;
      const wanted: ProtocolName = rtmgr ? NETLINK_RTMGR_NAME : 'NETLINK_ROUTE';
      if (sockProtocol && sockProtocol !== wanted)
        report(`${at}.request.type`, `${r.type} is a ${wanted} message, but ${a.actor}'s socket${a.socket ? ` "${a.socket}"` : ''} is ${sockProtocol}`);
      if (rtmgr) {
        if (r.type !== 'RTMGR_MSG_LIST' && !r.entry?.name) report(`${at}.request`, `${r.type} needs "entry": { "name": ... }`);
        return;
      }
      const dump = r.type.startsWith('RTM_GET') && r.flags.includes('NLM_F_DUMP');
      const addressType = r.type.endsWith('ADDR');
      if (addressType && !dump && !r.address) report(`${at}.request`, `${r.type} needs "address" fields (address, dev)`);
      if (r.address) checkOif(`${at}.request.address.dev`, r.address.dev);
      if (!addressType && !dump && !r.route && !r.routeOf) report(`${at}.request`, `${r.type} needs "route" fields or "routeOf" a label`);
      if (r.route) checkOif(`${at}.request.route.oif`, r.route.oif);
    }
  });
  const checkMatcher = (path: string, m: { action?: number | string; actor?: string }) => {
    if (typeof m.action === 'string') {
      if (!actionLabels.has(m.action)) report(`${path}.action`, `no action has the label "${m.action}" (labels: ${list(actionLabels.keys())})`);
    } else if (m.action !== undefined && m.action >= spec.actions.length)
      report(`${path}.action`, `there is no action ${m.action} (the scenario has ${spec.actions.length})`);
    if (m.actor !== undefined && m.actor !== 'kernel' && !processes.has(m.actor))
      report(`${path}.actor`, `unknown process "${m.actor}" (known: ${list(processes.keys())})`);
  };
  spec.narration?.forEach((n, i) => {
    checkMatcher(`narration[${i}]`, n);
    if (n.goal !== undefined && n.goal >= spec.goals.length)
      report(`narration[${i}].goal`, `there is no goal ${n.goal} (the scenario has ${spec.goals.length}, numbered from 0)`);
  });
  spec.questions?.forEach((q, i) => {
    checkMatcher(`questions[${i}].before`, q.before);
    q.answer.forEach((a, j) => {
      if (a >= q.choices.length) report(`questions[${i}].answer[${j}]`, `choice ${a} does not exist (there are ${q.choices.length} choices, numbered from 0)`);
    });
    if (q.kind === 'single' && q.answer.length !== 1) report(`questions[${i}].answer`, 'a single-choice question needs exactly one answer');
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
  if (t.truncated) errors.push({ path: 'actions', message: `the scenario runs past ${t.steps.length} steps; make it shorter` });
  for (const s of t.steps) {
    // Only these two events are checked; other steps' worlds are not rebuilt (the engine keeps most
    // steps as changes and rebuilds a world when it is read).
    if (s.cause === null || (s.event.kind !== 'action-failed' && s.event.kind !== 'route-added')) continue;
    const at = `actions[${s.cause}]`;
    const action = spec.actions[s.cause]!;
    const table = s.world.routes.map((r) => r.label);
    const inTable = (label: string) => table.includes(label);
    const then = ` (the routing table then: ${list(table)})`;
    if (s.event.kind === 'action-failed') {
      const reason = failureEnglish(s.event.reason);
      if ((action.do === 'arm-timer' || action.do === 'cancel-timer') && action.protocol !== NETLINK_RTMGR_NAME && !inTable(action.route))
        errors.push({ path: `${at}.route`, message: reason + then });
      else if (action.do === 'send' && action.request.routeOf !== undefined && !inTable(action.request.routeOf))
        errors.push({ path: `${at}.request.routeOf`, message: reason + then });
      else errors.push({ path: at, message: reason });
    }
    // The label a request names for its new route must be free when the kernel adds it.
    if (
      s.event.kind === 'route-added' &&
      !s.event.replaced &&
      action.do === 'send' &&
      action.request.label !== undefined &&
      table.filter((l) => l === action.request.label).length > 1
    ) {
      errors.push({ path: `${at}.request.label`, message: `route label "${action.request.label}" is already taken` });
    }
  }
  const placed = placeNarration(spec, t);
  spec.narration?.forEach((n, i) => {
    const p = placed.narration[i]!;
    if (p.step === undefined) {
      errors.push({
        path: `narration[${i}]`,
        message: `matches no step (action ${n.action}${n.event ? `, event ${n.event}` : ''}${n.actor ? `, actor ${n.actor}` : ''}${n.messageType ? `, message ${n.messageType}` : ''}${n.nth ? `, match ${n.nth}` : ''})`,
      });
    } else if ('sameAs' in p) {
      errors.push({
        path: `narration[${i}]`,
        message: `starts at step ${p.step}, like narration[${p.sameAs}], so one of them would never be shown; use "nth", "event", "actor" or "messageType" to move one`,
      });
    }
  });
  // The app asks one question before a step: the timeline index keeps the first.
  const askedAt = new Map<number, number>();
  placed.questions.forEach((step, i) => {
    if (step === undefined) errors.push({ path: `questions[${i}].before`, message: 'matches no step' });
    else if (askedAt.has(step))
      errors.push({
        path: `questions[${i}].before`,
        message: `matches step ${step}, like questions[${askedAt.get(step)}], and only one question is asked before a step; move one with "nth", "event", "actor" or "messageType"`,
      });
    else askedAt.set(step, i);
  });
  return errors;
}
