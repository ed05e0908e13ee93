/** The course module's lecture as the command line prints it: what a grader would check by hand. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceJson } from '../cli/format';
import { formatError } from './result';
import { validateScenario } from './validate';

type TraceStep = TraceJson['steps'][number];

describe('npm run trace -- course-module --json', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/trace.ts', 'course-module', '--json'], { encoding: 'utf8' });
  const steps = (JSON.parse(out) as TraceJson).steps;
  const messages = steps.filter((s): s is TraceStep & { message: NonNullable<TraceStep['message']> } => s.message !== undefined);

  it('every message carries its protocol, and the module speaks NETLINK_RTMGR', () => {
    expect(messages.length).toBeGreaterThan(0);
    for (const s of messages) expect(s.message.protocol).toBe('NETLINK_RTMGR');
  });

  it('P2 and P3 send their registrations before the timer is armed; 10 000 ms after it is armed the module deletes R3', () => {
    const armed = steps.find((s) => s.kind === 'timer-armed')!;
    const registrations = messages.filter((s) => s.kind === 'message-sent' && s.message.typeName === 'RTMGR_MSG_REGISTER');
    for (const p of ['P2', 'P3']) {
      const r = registrations.find((s) => s.message.from === p)!;
      expect(r.index).toBeLessThan(armed.index);
      expect(r.message.hex.slice(32, 36)).toBe('5233');
    }
    const deleted = steps.find((s) => s.kind === 'entry-changed' && s.summary.includes("frees R3's slot"))!;
    expect(deleted.timeMs - armed.timeMs).toBe(10_000);
  });

  it('P2 and P3 each receive exactly one RTMGR_MSG_DELETED addressed to them; P1 receives none', () => {
    const delivered = messages.filter((s) => s.kind === 'message-delivered' && s.message.typeName === 'RTMGR_MSG_DELETED');
    const count = (p: string) => delivered.filter((s) => s.message.to === p).length;
    expect([count('P1'), count('P2'), count('P3')]).toEqual([0, 1, 1]);
    for (const s of delivered) {
      // A unicast: no group bit in msg_name, seq 0 and pid 0 in the header.
      expect(s.message.sender).toEqual({ nl_pid: 0, nl_groups: 0, pktinfoGroup: 0 });
      expect(s.message.header).toMatchObject({ len: 36, type: 22, flags: 0, seq: 0, pid: 0 });
    }
    const read = steps.filter((s) => s.kind === 'message-read' && s.message?.typeName === 'RTMGR_MSG_DELETED').map((s) => s.actor);
    expect(read).toEqual(['P2', 'P3']);
    expect(steps.filter((s) => s.actor === 'P1' && s.kind === 'read-error')).toHaveLength(1);
  });
});

describe('validating module scenarios', () => {
  const lecture = () => JSON.parse(readFileSync(new URL('./lectures/course-module.json', import.meta.url), 'utf8'));
  const errorsOf = (value: unknown) => {
    const r = validateScenario(value);
    return r.ok ? [] : r.error.map(formatError);
  };

  it('a NETLINK_RTMGR socket needs the module', () => {
    const s = lecture();
    delete s.module;
    expect(errorsOf(s)).toContain(
      'processes[0].sockets[0].protocol: no module is loaded for NETLINK_RTMGR: add "module": {} to the scenario (socket() would fail with EPROTONOSUPPORT)',
    );
  });

  it('a request goes to the family its socket speaks, and names its entry', () => {
    const s = lecture();
    s.processes[0].sockets = [{ name: 's0' }];
    delete s.actions[1].request.entry;
    const errors = errorsOf(s);
    expect(errors).toContain("actions[0].request.type: RTMGR_MSG_REGISTER is a NETLINK_RTMGR message, but P1's socket is NETLINK_ROUTE");
    expect(errors).toContain('actions[1].request: RTMGR_MSG_REGISTER needs "entry": { "name": ... }');
  });

  it('an entry name has 1 to 7 characters, and appears once in the table', () => {
    const s = lecture();
    s.module = {
      entries: [
        { name: 'R1', dst: '10.0.1.0/24' },
        { name: 'R1', dst: '10.0.2.0/24' },
      ],
    };
    s.actions[1].request.entry.name = 'TOOLONG8';
    const errors = errorsOf(s);
    expect(errors.find((e) => e.startsWith('actions[1].request.entry.name:'))).toMatch(/1 to 7 printable characters/);
    const fixed = lecture();
    fixed.module = {
      entries: [
        { name: 'R1', dst: '10.0.1.0/24' },
        { name: 'R1', dst: '10.0.2.0/24' },
      ],
    };
    expect(errorsOf(fixed)).toContain('module.entries[1].name: entry "R1" is in the module\'s table twice');
  });

  it('a module request on an entry that is gone fails when the scenario runs, and says why', () => {
    const s = lecture();
    s.actions.push({ at: 20000, do: 'arm-timer', route: 'R3', afterMs: 100, protocol: 'NETLINK_RTMGR' });
    expect(errorsOf(s)).toContain('actions[11]: the module has no entry R3 to arm a timer on');
  });
});
