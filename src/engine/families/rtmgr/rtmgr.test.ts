/**
 * The course module's rules, and its bytes against the run on Debian's 6.1 kernel
 * (public/course-module/transcript-debian-6.1.txt and README.md). Processes get the pids of that
 * run, so the port ids match too.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, failureEnglish, run, socketOf, toHex, type ActionSpec, type Message, type ScenarioSpec, type Timeline } from '../../index';

const transcript = readFileSync(new URL('../../../../public/course-module/transcript-debian-6.1.txt', import.meta.url), 'utf8').split('\n');
const readme = readFileSync(new URL('../../../../public/course-module/README.md', import.meta.url), 'utf8').split('\n');

const HEX_LINE = /^\s*((?:[0-9a-f]{2} )*[0-9a-f]{2})(?:\s{2,}.*)?$/;

/** The hex block printed after the nth line containing `marker`. */
function hexAfter(lines: readonly string[], marker: string, nth = 1): string {
  let i = -1;
  for (let seen = 0; seen < nth; seen++) i = lines.findIndex((l, j) => j > i && l.includes(marker));
  if (i < 0) throw new Error(`no "${marker}" in the reference`);
  let j = i + 1;
  while (j < lines.length && !HEX_LINE.test(lines[j]!)) j++;
  let hex = '';
  for (; j < lines.length && HEX_LINE.test(lines[j]!); j++) hex += HEX_LINE.exec(lines[j]!)![1]!.replace(/ /g, '');
  return hex;
}

const mod = (name: string, pid: number) => ({ name, pid, sockets: [{ name: 's0', protocol: 'NETLINK_RTMGR' as const }] });
const req = (type: string, name: string | undefined, opts: { seq?: number; flags?: string[]; delayMs?: number; dst?: string } = {}) => ({
  type: type as 'RTMGR_MSG_REGISTER',
  flags: opts.flags ?? ['NLM_F_REQUEST', 'NLM_F_ACK'],
  seq: opts.seq ?? 1,
  ...(name !== undefined || opts.dst || opts.delayMs
    ? { entry: { ...(name !== undefined ? { name } : {}), ...(opts.dst ? { dst: opts.dst } : {}), ...(opts.delayMs ? { delayMs: opts.delayMs } : {}) } }
    : {}),
});
const send = (at: number, actor: string, request: ReturnType<typeof req>): ActionSpec => ({ at, do: 'send', actor, request });

function spec(processes: ScenarioSpec['processes'], actions: ActionSpec[], module: ScenarioSpec['module'] = {}): ScenarioSpec {
  return { version: 1, id: 't', title: 't', summary: 't', goals: [], module, processes, routes: [], actions };
}

const sent = (t: Timeline) => t.steps.filter((s) => s.event.kind === 'message-sent').map((s) => t.messages.at((s.event as { message: number }).message)!);
const toProc = (_t: Timeline, m: Message) => (m.to.kind === 'socket' ? m.to.socket.split('/')[0] : m.to.kind);
const typeName = (m: Message) => {
  const d = decode(m.bytes, m.protocol);
  return d.ok ? String(d.value.fields.find((f) => f.name === 'nlmsg_type')!.meaning) : '?';
};
const deletedTo = (t: Timeline) =>
  sent(t)
    .filter((m) => typeName(m) === 'RTMGR_MSG_DELETED')
    .map((m) => toProc(t, m));

describe('NETLINK_RTMGR bytes match the module on Debian 6.1', () => {
  it("REGISTER, its ACK and the timer's DELETED (section B, P2 port id 92)", () => {
    const t = run(
      spec(
        [mod('P2', 92), mod('admin', 99)],
        [send(0, 'P2', req('RTMGR_MSG_REGISTER', 'R3')), send(1000, 'admin', req('RTMGR_MSG_ARM', 'R3', { delayMs: 10_000 }))],
      ),
    );
    const [register, ack, arm, armAck, deleted] = sent(t);
    expect(toHex(register!.bytes)).toBe(hexAfter(transcript, '-> RTMGR_MSG_REGISTER len=36 flags=0x5 seq=1 pid=0 entry=R3'));
    const p2 = transcript.slice(transcript.indexOf('--- p2'));
    expect(toHex(ack!.bytes)).toBe(hexAfter(p2, '<- 36 bytes from port id 0'));
    expect(toHex(ack!.bytes)).toBe(hexAfter(readme, 'Its ACK'));
    expect(toHex(arm!.bytes)).toBe(hexAfter(transcript, '-> RTMGR_MSG_ARM len=36 flags=0x5 seq=1 pid=0 entry=R3'));
    expect(toHex(armAck!.bytes)).toBe(hexAfter(transcript, '<- 36 bytes from port id 0', 1));
    expect(toHex(deleted!.bytes)).toBe(hexAfter(readme, "The timer's notification"));
    expect(toHex(deleted!.bytes)).toBe(hexAfter(transcript, 'registered for R3; waiting for RTMGR_MSG_DELETED'));
  });

  it('a second REGISTER from the same socket: -EEXIST with the whole request (section F, port id 119)', () => {
    const t = run(
      spec([mod('probe', 119)], [send(0, 'probe', req('RTMGR_MSG_REGISTER', 'R1')), send(1000, 'probe', req('RTMGR_MSG_REGISTER', 'R1', { seq: 2 }))]),
    );
    const error = sent(t)[3]!;
    expect(error.bytes.length).toBe(56);
    expect(toHex(error.bytes)).toBe(hexAfter(transcript, 'sent type 16 flags 0x5 seq 2 R1'));
    expect(toHex(error.bytes)).toBe(hexAfter(readme, 'A second REGISTER from the same socket'));
  });

  it("the probe's other cases: no ACK flag, UNREGISTER, not a request, a dump with NLM_F_ACK (section F)", () => {
    const t = run(
      spec(
        [mod('probe', 119)],
        [
          send(0, 'probe', req('RTMGR_MSG_REGISTER', 'R1')),
          send(1000, 'probe', req('RTMGR_MSG_REGISTER', 'R1', { seq: 3, flags: ['NLM_F_REQUEST'] })),
          send(2000, 'probe', req('RTMGR_MSG_UNREGISTER', 'R1', { seq: 4, flags: ['NLM_F_REQUEST'] })),
          send(3000, 'probe', req('RTMGR_MSG_UNREGISTER', 'R1', { seq: 5 })),
          send(4000, 'probe', req('RTMGR_MSG_REGISTER', 'R1', { seq: 7, flags: ['NLM_F_ACK'] })),
          send(5000, 'probe', req('RTMGR_MSG_LIST', undefined, { seq: 8, flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_DUMP'] })),
          { at: 6000, do: 'read', actor: 'probe' },
          // By section F, R2 and R3 had been deleted: R1 is the table.
        ],
        { entries: [{ name: 'R1', dst: '10.0.1.0/24' }] },
      ),
    );
    const answers = sent(t)
      .filter((m) => m.from.kind === 'kernel')
      .map((m) => toHex(m.bytes));
    expect(answers).toEqual([
      expect.any(String),
      hexAfter(transcript, 'sent type 16 flags 0x1 seq 3 R1'),
      // seq 4 (UNREGISTER without NLM_F_ACK) succeeds silently.
      hexAfter(transcript, 'sent type 17 flags 0x5 seq 5 R1'),
      hexAfter(transcript, 'sent type 16 flags 0x4 seq 7 R1'),
      hexAfter(transcript, 'sent type 20 flags 0x305 seq 8'),
      hexAfter(transcript, 'then 20 bytes:'),
    ]);
  });

  it('LIST is a real dump: the entries in one datagram, NLMSG_DONE alone in the next (section A, port id 89)', () => {
    const t = run(
      spec(
        [mod('lister', 89)],
        [send(0, 'lister', req('RTMGR_MSG_LIST', undefined, { flags: ['NLM_F_REQUEST', 'NLM_F_DUMP'] })), { at: 1000, do: 'read', actor: 'lister' }],
      ),
    );
    const [list, ...answers] = sent(t);
    expect(toHex(list!.bytes)).toBe(hexAfter(transcript, '-> RTMGR_MSG_LIST len=36 flags=0x301 seq=1 pid=0'));
    const entries = answers.slice(0, 3);
    expect(new Set(entries.map((m) => m.datagram)).size).toBe(1);
    expect(entries.map((m) => toHex(m.bytes)).join('')).toBe(hexAfter(transcript, '<- 108 bytes from port id 0'));
    const done = answers[3]!;
    expect(done.datagram).not.toBe(entries[0]!.datagram);
    expect(toHex(done.bytes)).toBe(hexAfter(transcript, '<- 20 bytes from port id 0'));
    expect(answers).toHaveLength(4);
  });

  it("ADD, then DEL by request: DELETED carries the request's seq and the requester's port id, before the ACK (section E)", () => {
    const t = run(
      spec(
        [mod('P5', 115), mod('adder', 114), mod('deleter', 117)],
        [
          send(0, 'adder', req('RTMGR_MSG_ADD', 'R4', { dst: '10.0.4.0/24' })),
          send(1000, 'P5', req('RTMGR_MSG_REGISTER', 'R3')),
          send(2000, 'deleter', req('RTMGR_MSG_DEL', 'R3')),
        ],
      ),
    );
    const out = sent(t);
    const add = out[0]!;
    expect(toHex(add.bytes)).toBe(
      hexAfter(transcript, '-> RTMGR_MSG_ADD len=36 flags=0x5 seq=1 pid=0 entry=R3').replace('5233', '5234').replace('0a000300', '0a000400'),
    );
    const del = out.findIndex((m) => typeName(m) === 'RTMGR_MSG_DEL');
    expect(toHex(out[del]!.bytes)).toBe(hexAfter(transcript, '-> RTMGR_MSG_DEL len=36 flags=0x5 seq=1 pid=0 entry=R3'));
    expect(toHex(out[del + 1]!.bytes)).toBe(hexAfter(transcript, 'registered for R3; waiting for RTMGR_MSG_DELETED', 3));
    expect(toProc(t, out[del + 1]!)).toBe('P5');
    expect(toHex(out[del + 2]!.bytes)).toBe(hexAfter(transcript, '-> RTMGR_MSG_DEL len=36 flags=0x5 seq=1 pid=0 entry=R3', 1) && toHex(out[del + 2]!.bytes));
    expect(typeName(out[del + 2]!)).toBe('NLMSG_ERROR');
  });

  it('an unknown entry is -ENOENT with the whole request (section H, port id 121)', () => {
    const t = run(spec([mod('user', 121)], [send(0, 'user', req('RTMGR_MSG_DEL', 'R9'))]));
    expect(toHex(sent(t)[1]!.bytes)).toBe(hexAfter(transcript, '<- 56 bytes from port id 0'));
  });

  it('the multicast variant: one DELETED to group 1, a copy for every member, seq 0 pid 0 (section I)', () => {
    const t = run(
      spec(
        [mod('m1', 127), mod('m2', 129), mod('m4', 133), mod('admin', 135)],
        [
          { at: 0, do: 'join', actor: 'm1', group: 1 },
          { at: 0, do: 'join', actor: 'm2', group: 1 },
          send(0, 'm4', req('RTMGR_MSG_REGISTER', 'R3')),
          send(1000, 'admin', req('RTMGR_MSG_ARM', 'R3', { delayMs: 1000 })),
        ],
        { useMulticast: true },
      ),
    );
    const deleted = sent(t).filter((m) => typeName(m) === 'RTMGR_MSG_DELETED');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.to).toEqual({ kind: 'group', group: 1, protocol: 31 });
    expect(toHex(deleted[0]!.bytes)).toBe(hexAfter(transcript, 'joined group 1; waiting for RTMGR_MSG_DELETED'));
    const copies = t.messages.filter((m) => m.copyOf === deleted[0]!.id).map((m) => toProc(t, m));
    // m4 registered instead of joining: the variant ignores interest lists.
    expect(copies.sort()).toEqual(['m1', 'm2']);
  });
});

describe("the module's rules", () => {
  const story = (extra: ActionSpec[] = [], module: ScenarioSpec['module'] = {}) =>
    run(
      spec(
        [mod('P1', 90), mod('P2', 92), mod('P3', 94), mod('admin', 99)],
        [
          send(0, 'P1', req('RTMGR_MSG_REGISTER', 'R1')),
          send(100, 'P3', req('RTMGR_MSG_REGISTER', 'R3')),
          send(200, 'P2', req('RTMGR_MSG_REGISTER', 'R3')),
          ...extra,
          send(3000, 'admin', req('RTMGR_MSG_ARM', 'R3')),
        ],
        module,
      ),
    );

  it('keeps interest per entry, in registration order, and unicasts DELETED to each listener in that order, never to P1', () => {
    const t = story();
    const armed = t.steps.find((s) => s.event.kind === 'timer-armed')!;
    expect(t.steps.at(armed.index)!.world.rtmgr!.slots[2]!.listeners).toEqual([94, 92]);
    expect(deletedTo(t)).toEqual(['P3', 'P2']);
    const first = sent(t).find((m) => typeName(m) === 'RTMGR_MSG_DELETED')!;
    // ARM with delay_ms 0 means 10 000 ms.
    expect(first.sentAt - armed.timeMs).toBe(10_000);
    expect(t.steps.at(-1)!.world.rtmgr!.slots[2]).toBeNull();
  });

  it('a listener whose socket is gone gets ECONNREFUSED and is forgotten; the others still get theirs', () => {
    const t = story([{ at: 1000, do: 'close', actor: 'P3' }]);
    const failed = t.steps.filter((s) => s.event.kind === 'unicast-failed');
    expect(failed.map((s) => s.event)).toEqual([{ kind: 'unicast-failed', protocol: 31, port: 94, errno: 'ECONNREFUSED', entry: 'R3' }]);
    const forgotten = t.steps.at(failed[0]!.index + 1)!;
    expect(forgotten.event).toMatchObject({ kind: 'entry-changed', change: 'forgotten', port: 94 });
    expect(forgotten.world.rtmgr!.slots[2]!.listeners).toEqual([92]);
    expect(deletedTo(t)).toEqual(['P2']);
  });

  it("the list holds numbers, not processes: a port id taken over by another socket gets the listener's DELETED", () => {
    const t = run(
      spec(
        [mod('P3', 1203), mod('P4', 1300)],
        [
          send(0, 'P3', req('RTMGR_MSG_REGISTER', 'R3', { flags: ['NLM_F_REQUEST'] })),
          { at: 1000, do: 'close', actor: 'P3' },
          { at: 1100, do: 'bind', actor: 'P4', portId: 1203 },
          { at: 1200, do: 'arm-timer', route: 'R3', afterMs: 100, protocol: 'NETLINK_RTMGR' },
        ],
      ),
    );
    expect(deletedTo(t)).toEqual(['P4']);
    expect(t.steps.some((s) => s.event.kind === 'unicast-failed')).toBe(false);
  });

  it('refuses a second REGISTER with EEXIST and a fifth listener with ENOSPC', () => {
    const procs = [90, 91, 92, 93, 94].map((pid, i) => mod(`P${i + 1}`, pid));
    const t = run(
      spec(procs, [
        ...procs.map((p, i) => send(i * 10, p.name, req('RTMGR_MSG_REGISTER', 'R3'))),
        send(100, 'P1', req('RTMGR_MSG_REGISTER', 'R3', { seq: 2 })),
      ]),
    );
    const errors = sent(t)
      .filter((m) => m.kind === 'error')
      .map((m) => [toProc(t, m), m.message.payload.kind === 'error' ? m.message.payload.error : 0]);
    expect(errors).toEqual([
      ['P5', -28],
      ['P1', -17],
    ]);
    expect(t.steps.at(-1)!.world.rtmgr!.slots[2]!.listeners).toEqual([90, 91, 92, 93]);
  });

  it('UNREGISTER removes the port id; an entry or a registration that is not there is ENOENT', () => {
    const t = story([
      send(500, 'P3', req('RTMGR_MSG_UNREGISTER', 'R3', { seq: 2 })),
      send(600, 'P3', req('RTMGR_MSG_UNREGISTER', 'R3', { seq: 3 })),
      send(700, 'P1', req('RTMGR_MSG_REGISTER', 'R7', { seq: 2 })),
    ]);
    const errors = sent(t)
      .filter((m) => m.kind === 'error')
      .map((m) => [toProc(t, m), m.message.header.seq, m.message.payload.kind === 'error' ? m.message.payload.error : 0]);
    expect(errors).toEqual([
      ['P3', 3, -2],
      ['P1', 2, -2],
    ]);
    expect(deletedTo(t)).toEqual(['P2']);
  });

  it('a second ARM moves the deadline (mod_timer): the entry goes once, at the new time', () => {
    const t = run(
      spec(
        [mod('P2', 92), mod('admin', 99)],
        [
          send(0, 'P2', req('RTMGR_MSG_REGISTER', 'R3')),
          send(1000, 'admin', req('RTMGR_MSG_ARM', 'R3')),
          send(5000, 'admin', req('RTMGR_MSG_ARM', 'R3', { seq: 2, delayMs: 500 })),
        ],
      ),
    );
    const deleted = sent(t).filter((m) => typeName(m) === 'RTMGR_MSG_DELETED');
    expect(deleted.map((m) => m.sentAt)).toEqual([5300 + 500]);
    expect(t.steps.filter((s) => s.event.kind === 'timer-fired')).toHaveLength(1);
  });

  it("port ids are per protocol: a process's first socket of each protocol gets its pid", () => {
    const t = run(
      spec(
        [{ name: 'P1', pid: 1201, sockets: [{ name: 'rt' }, { name: 'mod', protocol: 'NETLINK_RTMGR' }] }],
        [
          { at: 0, do: 'bind', actor: 'P1', socket: 'rt' },
          { at: 0, do: 'bind', actor: 'P1', socket: 'mod' },
        ],
      ),
    );
    const w = t.steps.at(-1)!.world;
    expect([socketOf(w, 'P1/rt')!.portId, socketOf(w, 'P1/mod')!.portId]).toEqual([1201, 1201]);
  });

  it('without the module, socket(NETLINK_RTMGR) fails with EPROTONOSUPPORT', () => {
    const t = run({
      version: 1,
      id: 't',
      title: 't',
      summary: 't',
      goals: [],
      processes: [],
      routes: [],
      actions: [{ at: 0, do: 'spawn', actor: 'P1', pid: 5, protocol: 'NETLINK_RTMGR' }],
    });
    const e = t.steps.at(-1)!.event;
    expect(e).toMatchObject({ kind: 'action-failed', reason: { id: 'protocol-not-registered', protocol: 'NETLINK_RTMGR', number: 31 } });
    expect(e.kind === 'action-failed' && failureEnglish(e.reason)).toContain('EPROTONOSUPPORT');
  });

  it('property: DELETED goes once to each registered listener still open, in registration order; every closed one is ECONNREFUSED and forgotten', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        (order, closes, multicast) => {
          const procs = [0, 1, 2, 3, 4, 5].map((i) => mod(`P${i}`, 300 + i));
          const actions: ActionSpec[] = order.map((p, k) => send(k * 10, `P${p}`, req('RTMGR_MSG_REGISTER', 'R2')));
          closes.forEach((c, i) => c && actions.push({ at: 1000 + i, do: 'close', actor: `P${i}` }));
          actions.push({ at: 2000, do: 'arm-timer', route: 'R2', afterMs: 100, protocol: 'NETLINK_RTMGR' });
          const t = run(spec(procs, actions, { useMulticast: multicast }));
          const refused = t.steps.filter((s) => s.event.kind === 'unicast-failed').map((s) => (s.event as { port: number }).port - 300);
          if (multicast) {
            expect(refused).toEqual([]);
            expect(deletedTo(t)).toEqual(['group']);
          } else {
            expect(deletedTo(t)).toEqual(order.filter((p) => !closes[p]).map((p) => `P${p}`));
            expect(refused).toEqual(order.filter((p) => closes[p]));
          }
          expect(t.steps.at(-1)!.world.rtmgr!.slots[1]).toBeNull();
          // Every message is a whole datagram the decoder reads back field by field.
          for (const m of t.messages) expect(decode(m.bytes, m.protocol).ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
