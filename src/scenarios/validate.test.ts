import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceJson, traceTable } from '../cli/format';
import { LECTURES } from './catalog';
import { scenarioJsonSchema } from './jsonSchema';
import { formatError } from './result';
import { validateScenario, validateScenarioText } from './validate';
import { captions } from './narration';
import type { Timeline } from '../engine';

// eslint-disable-next-line no-control-regex -- what the CLI must never print
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const captionsOf = (t: Timeline) => captions(t).map((c) => `${c.step} ${c.title}`);

const lecture = (id: string) => JSON.parse(readFileSync(new URL(`./lectures/${id}.json`, import.meta.url), 'utf8'));
const base = () => lecture('event-notification');

function errorsOf(value: unknown): string[] {
  const r = validateScenario(value);
  return r.ok ? [] : r.error.map(formatError);
}

describe('scenario validation', () => {
  it('reports JSON syntax errors with line and column', () => {
    const r = validateScenarioText('{\n  "version": 1,\n  "id": "x"\n  "title": "y"\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error[0]!.line).toBe(4);
      expect(r.error[0]!.column).toBe(3);
      expect(formatError(r.error[0]!)).toMatch(/^line 4, column 3: not valid JSON/);
    }
  });

  it('reports a truncated file at its end', () => {
    const r = validateScenarioText('{\n  "version": 1,\n  "id": "x"');
    expect(r.ok ? [] : r.error.map(formatError)).toEqual([expect.stringMatching(/^line 3, column 12: not valid JSON/)]);
  });

  it('reports schema errors with the path and what was expected', () => {
    const s = base();
    s.processes[1].pid = 'twelve';
    s.actions[2].do = 'jump';
    s.colour = 'red';
    s.routes[0].dst = '10.0.1.0/33';
    const errors = errorsOf(s);
    expect(errors).toContain('processes[1].pid: expected number, got "twelve"');
    expect(errors.find((e) => e.startsWith('actions[2].do:'))).toMatch(/expected .*"bind".*got "jump"/);
    expect(errors).toContain('colour: unknown key colour; remove it or check its spelling');
    expect(errors.find((e) => e.startsWith('routes[0].dst:'))).toMatch(/IPv4 prefix like 10\.0\.1\.0\/24, got "10\.0\.1\.0\/33"/);
  });

  it('names an unknown process and lists the known ones', () => {
    const s = base();
    s.actions[3].actor = 'P4';
    expect(errorsOf(s)).toContain('actions[3].actor: unknown process "P4" (known: P1, P2, P3)');
  });

  it("refuses a time earlier than the previous action's", () => {
    const s = base();
    s.actions[6].at = 50;
    expect(errorsOf(s)).toContain("actions[6].at: time 50 ms is before the previous action's 11500 ms; list actions in time order");
  });

  it('refuses a timer on a route that is not in the table then, naming the routes that are', () => {
    const s = base();
    s.actions.push({ at: 13000, do: 'arm-timer', route: 'R9', afterMs: 100 });
    expect(errorsOf(s)).toContain('actions[7].route: no route R9 to arm a timer on (the routing table then: L1, L2, L3, L4, C1, L5, R1, R2)');
  });

  it('takes route labels from the run: a new route gets the label the engine gives it, not a guess', () => {
    // Two routes; P1 deletes R2, then adds a route without naming it: the engine labels it R2 again (the next free R<n>).
    const s = {
      version: 1,
      id: 'labels',
      title: 't',
      summary: 's',
      goals: [],
      processes: [{ name: 'P1', pid: 100 }],
      routes: [
        { label: 'R1', dst: '10.0.1.0/24', oif: 'eth0' },
        { label: 'R2', dst: '10.0.2.0/24', oif: 'eth0' },
      ],
      actions: [
        { at: 0, do: 'send', actor: 'P1', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST'], seq: 1, route: { dst: '10.0.2.0/24' } } },
        {
          at: 1000,
          do: 'send',
          actor: 'P1',
          request: { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_CREATE'], seq: 2, route: { dst: '10.0.9.0/24', oif: 'eth0' } },
        },
        { at: 2000, do: 'arm-timer', route: 'R2', afterMs: 100 },
      ],
    };
    expect(errorsOf(s)).toEqual([]);
    s.actions[2]!.route = 'R3';
    expect(errorsOf(s)).toEqual(['actions[2].route: no route R3 to arm a timer on (the routing table then: L1, L2, L3, L4, C1, L5, R1, R2)']);
  });

  it('refuses a label a request names when a route has it already', () => {
    const s = lecture('request-response');
    s.actions[4].request.label = 'R1';
    expect(errorsOf(s)).toContain('actions[4].request.label: route label "R1" is already taken');
  });

  it('refuses a negative receive buffer', () => {
    const s = base();
    s.processes[0].sockets = [{ name: 's0', rcvbuf: -5 }];
    expect(errorsOf(s)).toContain('processes[0].sockets[0].rcvbuf: expected a number >=0, got -5');
  });

  it('refuses a flag that does not belong to the message type', () => {
    const s = lecture('dump');
    s.actions[1].request.flags = ['NLM_F_REQUEST', 'NLM_F_EXCL'];
    expect(errorsOf(s)).toContain('actions[1].request.flags[1]: NLM_F_EXCL is not a flag of RTM_GETROUTE');
  });

  it('finds runtime problems by running the scenario: a timer on a route already deleted', () => {
    const s = lecture('membership');
    s.actions.push({ at: 5000, do: 'arm-timer', route: 'R3', afterMs: 100 });
    expect(errorsOf(s)).toContain('actions[13].route: no route R3 to arm a timer on (the routing table then: L1, L2, L3, L4, C1, L5, L6, L7, R1)');
  });

  it('refuses captions that find no step, or two that start at the same step', () => {
    const s = base();
    s.narration.push({ action: 0, event: 'message-read', title: 't', text: 'x' });
    s.narration.push({ action: 6, title: 'again', text: 'x' });
    const errors = errorsOf(s);
    expect(errors).toContain('narration[13]: matches no step (action 0, event message-read)');
    expect(errors.find((e) => e.startsWith('narration[14]:'))).toMatch(/starts at step \d+, like narration\[12\]/);
  });

  it('refuses two questions before the same step', () => {
    const s = lecture('errors');
    const [first] = s.questions;
    s.questions.push({ ...first, id: 'again' });
    const errors = errorsOf(s);
    const n = s.questions.length;
    expect(errors.find((e) => e.startsWith(`questions[${n - 1}].before:`))).toMatch(
      /^questions\[\d+\]\.before: matches step \d+, like questions\[0\], and only one question is asked before a step/,
    );
    // Every built-in lecture asks each of its questions.
    for (const { id } of LECTURES) expect(errorsOf(lecture(id)), id).toEqual([]);
  });

  it('never throws on any JSON value', () => {
    for (const v of [null, 3, 'x', [], {}, { version: 2 }, { version: 1, processes: 'no' }]) {
      expect(() => validateScenario(v)).not.toThrow();
      expect(validateScenario(v).ok).toBe(false);
    }
  });

  it('publishes the format as JSON Schema, and the committed file is current', () => {
    const committed = JSON.parse(readFileSync(new URL('../../public/scenario.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
    expect(committed.properties.actions.type).toBe('array');
  });
});

describe('golden traces of the built-in lectures', () => {
  for (const { id } of LECTURES) {
    it(`${id}`, async () => {
      const r = validateScenario(lecture(id));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      await expect(
        `${traceTable(r.value.timeline)}\n${JSON.stringify(
          traceJson(r.value.timeline).steps.flatMap((s: { message?: { hex: string } }) => (s.message ? [s.message.hex] : [])),
          null,
          1,
        )}\n`,
      ).toMatchFileSnapshot(`./golden/${id}.trace`);
    });
  }
});

describe('the command line', () => {
  const run = (args: string[]) => {
    try {
      return {
        code: 0,
        out: execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/' + args[0] + '.ts', ...args.slice(1)], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { code: err.status, out: err.stdout + err.stderr };
    }
  };

  it('trace --json prints the documented shape with the exact bytes', () => {
    const { code, out } = run(['trace', 'event-notification', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.scenario).toEqual({ id: 'event-notification', title: 'Event notification — R3 expires' });
    const multicast = j.steps.find((s: { kind: string; message?: { to: string } }) => s.kind === 'message-sent' && s.message?.to === 'RTNLGRP_IPV4_ROUTE');
    expect(multicast.message).toMatchObject({
      from: 'kernel',
      typeName: 'RTM_DELROUTE',
      flagNames: [],
      header: { len: 60, type: 25, flags: 0, seq: 0, pid: 0 },
    });
    expect(multicast.message.hex).toMatch(/^3c000000190000000000000000000000/);
    const deliveries = j.steps.filter(
      (s: { kind: string; message?: { typeName: string } }) => s.kind === 'message-delivered' && s.message?.typeName === 'RTM_DELROUTE',
    );
    // R3's prefix route, then the broadcast and local routes of the expired address: each to both members.
    expect(deliveries.map((s: { message: { to: string } }) => s.message.to)).toEqual(['P2', 'P3', 'P2', 'P3', 'P2', 'P3']);
  }, 30_000);

  it('validate prints ok or the errors, with exit code 0 or 1', () => {
    expect(run(['validate', 'src/scenarios/lectures/errors.json'])).toEqual({ code: 0, out: 'ok\n' });
    const dir = mkdtempSync(join(tmpdir(), 'nlv-'));
    const bad = base();
    bad.actions[3].actor = 'P4';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = run(['validate', join(dir, 'bad.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('actions[3].actor: unknown process "P4" (known: P1, P2, P3)');
    expect(r.out).not.toMatch(/at .*\.ts:\d+/);
    writeFileSync(join(dir, 'broken.json'), '{ "version": 1,');
    expect(run(['validate', join(dir, 'broken.json')]).out).toMatch(/line 1, column 16: not valid JSON/);
  }, 30_000);

  it('validate exits with 2 on a usage error, and accepts a file with a byte order mark', () => {
    expect(run(['validate']).code).toBe(2);
    expect(run(['validate', 'a.json', 'b.json']).code).toBe(2);
    expect(run(['validate', '--strict']).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'nlv-'));
    writeFileSync(join(dir, 'bom.json'), '\ufeff' + JSON.stringify(base()));
    expect(run(['validate', join(dir, 'bom.json')])).toEqual({ code: 0, out: 'ok\n' });
  }, 30_000);

  it('prints no control character from a file: escape sequences in a title or an error cannot drive the terminal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlv-'));
    const s = base();
    s.title = 'Clear \u001b[2J\u001b]0;owned\u0007 \u009b31m';
    writeFileSync(join(dir, 'esc.json'), JSON.stringify(s));
    const table = run(['trace', join(dir, 'esc.json')]);
    expect(table.code).toBe(0);
    expect(table.out).toContain('Clear [2J]0;owned 31m');
    expect(table.out).not.toMatch(CONTROL);
    const json = run(['trace', join(dir, 'esc.json'), '--json']);
    expect(json.out).not.toMatch(CONTROL);
    expect(JSON.parse(json.out).scenario.title).toBe(s.title);
    s.processes[0].name = 'P\u001b[2J';
    writeFileSync(join(dir, 'esc-error.json'), JSON.stringify(s));
    const bad = run(['validate', join(dir, 'esc-error.json')]);
    expect(bad.code).toBe(1);
    expect(bad.out).not.toMatch(CONTROL);
  }, 30_000);
});

describe('messages a learner can act on', () => {
  it('says a required key is missing, and a key that does not exist is unknown', () => {
    const s = base();
    delete s.title;
    delete s.actions[0].actor;
    s.colour = 'red';
    const errors = errorsOf(s);
    expect(errors).toContain('title: missing; "title" is required');
    expect(errors).toContain('actions[0].actor: missing; "actor" is required');
    expect(errors).toContain('colour: unknown key colour; remove it or check its spelling');
    expect(errors.join('\n')).not.toMatch(/title: unknown key/);
  });

  it('lets captions and questions name an action by its label, and checks that the label exists and is unique', () => {
    const s = base();
    const i = s.narration.findIndex((n: { action?: number }) => n.action !== undefined);
    const target = s.narration[i].action as number;
    s.actions[target].label = 'the-one';
    const indexed = validateScenario(base());
    s.narration[i].action = 'the-one';
    const labelled = validateScenario(s);
    expect(labelled.ok && indexed.ok).toBe(true);
    if (!labelled.ok || !indexed.ok) return;
    expect(captionsOf(labelled.value.timeline)).toEqual(captionsOf(indexed.value.timeline));
    s.narration[i].action = 'no-such';
    expect(errorsOf(s)).toContain(`narration[${i}].action: no action has the label "no-such" (labels: the-one)`);
    s.narration[i].action = 'the-one';
    s.actions[target + 1].label = 'the-one';
    expect(errorsOf(s)).toContain(`actions[${target + 1}].label: action label "the-one" is already actions[${target}]'s`);
  });

  it('accepts group names like flag names, and checks them against the socket', () => {
    const s = base();
    const join = s.actions.findIndex((a: { do: string }) => a.do === 'join');
    const numeric = validateScenario(base());
    s.actions[join].group = 'RTNLGRP_IPV4_ROUTE';
    const named = validateScenario(s);
    expect(named.ok && numeric.ok).toBe(true);
    if (named.ok && numeric.ok) expect(traceTable(named.value.timeline)).toBe(traceTable(numeric.value.timeline));
    s.actions[join].group = 'RTMGR_GRP_EVENTS';
    expect(errorsOf(s)).toEqual([expect.stringMatching(new RegExp(`^actions\\[${join}\\]\\.group: RTMGR_GRP_EVENTS is a group of NETLINK_RTMGR`))]);
    s.actions[join].group = 'RTNLGRP_NOPE';
    expect(errorsOf(s)[0]).toMatch(/^actions\[\d+\]\.group: expected/);
  });

  it('places every JSON syntax error by line and column, and quotes none of the file', () => {
    for (const t of ['{"a":}', '{\n  "version": 1,\n  "id": x\n}', '[1, 2', '{"a" 1}', '\ufeff{"a":1}x', 'nul', '{"a":"\u0001"}']) {
      const r = validateScenarioText(t);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error[0]!.line, t).toBeGreaterThan(0);
      expect(r.error[0]!.column, t).toBeGreaterThan(0);
      expect(r.error[0]!.message).not.toContain('is not valid JSON');
    }
    const r = validateScenarioText('{\n  "version": 1,\n  "id": x\n}');
    expect(r.ok ? null : formatError(r.error[0]!)).toMatch(/^line 3, column 9: not valid JSON/);
  });

  it('cuts an echoed value to about 80 characters', () => {
    const s = base();
    s.id = 'Q'.repeat(1_000_000);
    const [e] = errorsOf(s);
    expect(e!.length).toBeLessThan(250);
    expect(e).toContain('…');
  });
});
