/**
 * Scenario files in, a ScenarioSpec or a list of precise errors out. Three layers: JSON syntax
 * (with line and column), the schema (with the path and what was expected), and meaning
 * (unknown processes, times going backwards, labels used before they exist...).
 */
import * as v from 'valibot';
import { DEFAULT_INTERFACES, flagsFromNames, messageTypeFromName, run, type ScenarioSpec, type Timeline } from '../engine';
import { ScenarioSchema } from './schema';
import { findStep } from './narration';

export interface ScenarioError {
  /** Where: "actions[3].actor", or "line 4, column 7" for JSON syntax. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type ValidationResult = { ok: true; spec: ScenarioSpec; timeline: Timeline } | { ok: false; errors: ScenarioError[] };

export function formatError(e: ScenarioError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
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

/** JSON.parse with an error that says where. */
export function parseJson(textIn: string): { ok: true; value: unknown } | { ok: false; error: ScenarioError } {
  try {
    return { ok: true, value: JSON.parse(textIn) };
  } catch (e) {
    const msg = (e as Error).message;
    const m = /line (\d+) column (\d+)/.exec(msg);
    const p = /position (\d+)/.exec(msg);
    let where: { line: number; column: number } | undefined;
    if (m) where = { line: Number(m[1]), column: Number(m[2]) };
    else if (p) where = lineColumn(textIn, Number(p[1]));
    else if (/end of JSON|Unexpected end/i.test(msg)) where = lineColumn(textIn, textIn.length);
    const reason = msg.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/,? ?"\[object Object\]".*$/, '');
    const path = where ? `line ${where.line}, column ${where.column}` : 'JSON';
    return { ok: false, error: { path, message: `not valid JSON: ${reason}`, ...where } };
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function received(issue: v.BaseIssue<unknown>): string {
  return issue.received;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  switch (issue.type) {
    case 'strict_object':
      return `unknown key ${pathOf(issue).split('.').pop()}; remove it or check its spelling`;
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

/** Validate already-parsed JSON. Also runs the scenario to check that every caption and question finds its step. */
export function validateScenario(value: unknown): ValidationResult {
  const parsed = v.safeParse(ScenarioSchema, value, { abortPipeEarly: true });
  if (!parsed.success) {
    const errors = parsed.issues.map((issue) => ({ path: pathOf(issue) || '(top level)', message: describeIssue(issue) }));
    return { ok: false, errors: dedupe(errors) };
  }
  const { $schema: _schema, ...rest } = parsed.output;
  const spec = rest as ScenarioSpec;
  const errors = semanticErrors(spec);
  if (errors.length) return { ok: false, errors };
  let timeline: Timeline;
  try {
    timeline = run(spec, { maxSteps: 200_000 });
  } catch (e) {
    return { ok: false, errors: [{ path: '(scenario)', message: `the simulation could not run it: ${(e as Error).message}` }] };
  }
  const after = runtimeErrors(spec, timeline);
  if (after.length) return { ok: false, errors: after };
  return { ok: true, spec, timeline };
}

export function validateScenarioText(textIn: string): ValidationResult {
  const json = parseJson(textIn);
  if (!json.ok) return { ok: false, errors: [json.error] };
  return validateScenario(json.value);
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
  const err = (path: string, message: string) => errors.push({ path, message });
  const processes = new Map<string, Set<string>>();
  const pids = new Map<number, string>();
  spec.processes.forEach((p, i) => {
    if (processes.has(p.name)) err(`processes[${i}].name`, `process "${p.name}" is defined twice`);
    if (pids.has(p.pid)) err(`processes[${i}].pid`, `pid ${p.pid} is already ${pids.get(p.pid)}'s`);
    pids.set(p.pid, p.name);
    const socks = new Set<string>();
    (p.sockets ?? [{ name: 's0' }]).forEach((s, j) => {
      if (socks.has(s.name)) err(`processes[${i}].sockets[${j}].name`, `socket "${s.name}" is defined twice in ${p.name}`);
      socks.add(s.name);
    });
    processes.set(p.name, socks);
  });
  const interfaces = spec.interfaces ?? DEFAULT_INTERFACES;
  const ifnames = new Set(interfaces.map((x) => x.name));
  const ifindexes = new Set(interfaces.map((x) => x.index));
  const checkOif = (path: string, oif: string | number | undefined) => {
    if (typeof oif === 'string' && !ifnames.has(oif)) err(path, `unknown interface "${oif}" (known: ${list(ifnames)})`);
    if (typeof oif === 'number' && !ifindexes.has(oif)) err(path, `no interface has index ${oif} (known: ${list([...ifindexes].map(String))})`);
  };
  const labels = new Set<string>();
  interfaces.forEach((x, i) =>
    (x.addresses ?? []).forEach((a, j) => {
      if (a.routeLabel === undefined) return;
      if (labels.has(a.routeLabel)) err(`interfaces[${i}].addresses[${j}].routeLabel`, `route label "${a.routeLabel}" is used twice`);
      labels.add(a.routeLabel);
    }),
  );
  spec.routes.forEach((r, i) => {
    if (labels.has(r.label)) err(`routes[${i}].label`, `route label "${r.label}" is used twice`);
    labels.add(r.label);
    checkOif(`routes[${i}].oif`, r.oif);
  });
  let lastAt = 0;
  spec.actions.forEach((a, i) => {
    const at = `actions[${i}]`;
    if (a.at < lastAt) err(`${at}.at`, `time ${a.at} ms is before the previous action's ${lastAt} ms; list actions in time order`);
    lastAt = Math.max(lastAt, a.at);
    if (a.do === 'spawn') {
      if (processes.has(a.actor)) err(`${at}.actor`, `process "${a.actor}" exists already`);
      else if (pids.has(a.pid)) err(`${at}.pid`, `pid ${a.pid} is already ${pids.get(a.pid)}'s`);
      else {
        processes.set(a.actor, new Set(['s0']));
        pids.set(a.pid, a.actor);
      }
    } else if (a.do === 'open') {
      const socks = processes.get(a.actor);
      if (!socks) err(`${at}.actor`, `unknown process "${a.actor}" (known: ${list(processes.keys())})`);
      else if (socks.has(a.socket)) err(`${at}.socket`, `${a.actor} already has a socket "${a.socket}"`);
      else socks.add(a.socket);
    } else if ('actor' in a) {
      const socks = processes.get(a.actor);
      if (!socks) err(`${at}.actor`, `unknown process "${a.actor}" (known: ${list(processes.keys())})`);
      else if (a.socket !== undefined && !socks.has(a.socket)) err(`${at}.socket`, `${a.actor} has no socket "${a.socket}" (it has: ${list(socks)})`);
    }
    switch (a.do) {
      case 'arm-timer':
      case 'cancel-timer':
        if (!labels.has(a.route)) err(`${at}.route`, `route "${a.route}" is used before it exists (known so far: ${list(labels)})`);
        break;
      case 'send': {
        const r = a.request;
        const type = messageTypeFromName(r.type)!;
        const flags = flagsFromNames(type, r.flags);
        if (!flags.ok) err(`${at}.request.flags`, `${flags.error} is not a flag of ${r.type}`);
        if (r.routeOf !== undefined && !labels.has(r.routeOf)) err(`${at}.request.routeOf`, `route "${r.routeOf}" is used before it exists (known so far: ${list(labels)})`);
        const dump = r.type.startsWith('RTM_GET') && r.flags.includes('NLM_F_DUMP');
        const addressType = r.type.endsWith('ADDR');
        if (addressType && !dump && !r.address) err(`${at}.request`, `${r.type} needs "address" fields (address, dev)`);
        if (r.address) checkOif(`${at}.request.address.dev`, r.address.dev);
        if (!addressType && !dump && !r.route && !r.routeOf) err(`${at}.request`, `${r.type} needs "route" fields or "routeOf" a label`);
        if (r.route) checkOif(`${at}.request.route.oif`, r.route.oif);
        if (r.type === 'RTM_NEWROUTE') {
          if (r.label && labels.has(r.label)) err(`${at}.request.label`, `route label "${r.label}" is already taken`);
          labels.add(r.label ?? `R${labels.size + 1}`);
        }
        break;
      }
      default:
        break;
    }
  });
  const checkMatcher = (path: string, m: { action?: number; actor?: string }) => {
    if (m.action !== undefined && m.action >= spec.actions.length) err(`${path}.action`, `there is no action ${m.action} (the scenario has ${spec.actions.length})`);
    if (m.actor !== undefined && m.actor !== 'kernel' && !processes.has(m.actor)) err(`${path}.actor`, `unknown process "${m.actor}" (known: ${list(processes.keys())})`);
  };
  spec.narration?.forEach((n, i) => {
    checkMatcher(`narration[${i}]`, n);
    if (n.goal !== undefined && n.goal >= spec.goals.length) err(`narration[${i}].goal`, `there is no goal ${n.goal} (the scenario has ${spec.goals.length}, numbered from 0)`);
  });
  spec.questions?.forEach((q, i) => {
    checkMatcher(`questions[${i}].before`, q.before);
    q.answer.forEach((a, j) => {
      if (a >= q.choices.length) err(`questions[${i}].answer[${j}]`, `choice ${a} does not exist (there are ${q.choices.length} choices, numbered from 0)`);
    });
    if (q.kind === 'single' && q.answer.length !== 1) err(`questions[${i}].answer`, 'a single-choice question needs exactly one answer');
  });
  return errors;
}

function runtimeErrors(spec: ScenarioSpec, t: Timeline): ScenarioError[] {
  const errors: ScenarioError[] = [];
  if (t.truncated) errors.push({ path: 'actions', message: `the scenario runs past ${t.steps.length} steps; make it shorter` });
  for (const s of t.steps) {
    if (s.event.kind === 'action-failed' && s.cause !== null) errors.push({ path: `actions[${s.cause}]`, message: s.event.reason });
  }
  const startsAt = new Map<number, number>();
  spec.narration?.forEach((n, i) => {
    const at = findStep(t, n);
    if (at === undefined) {
      errors.push({ path: `narration[${i}]`, message: `matches no step (action ${n.action}${n.event ? `, event ${n.event}` : ''}${n.actor ? `, actor ${n.actor}` : ''}${n.messageType ? `, message ${n.messageType}` : ''}${n.nth ? `, match ${n.nth}` : ''})` });
      return;
    }
    const other = startsAt.get(at);
    if (other !== undefined) errors.push({ path: `narration[${i}]`, message: `starts at step ${at}, like narration[${other}], so one of them would never be shown; use "nth", "event", "actor" or "messageType" to move one` });
    else startsAt.set(at, i);
  });
  spec.questions?.forEach((q, i) => {
    if (findStep(t, q.before) === undefined) errors.push({ path: `questions[${i}].before`, message: 'matches no step' });
  });
  return errors;
}
