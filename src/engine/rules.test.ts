import { describe, expect, it } from 'vitest';
import {
  decode,
  fork,
  run,
  seek,
  seekTime,
  socketOf,
  type ActionSpec,
  type ScenarioSpec,
  type Timeline,
  NLM_F_CAPPED,
  NLMSG_DONE,
  NLMSG_ERROR,
  RTM_DELROUTE,
  RTM_NEWROUTE,
  NLM_F_MULTI,
  describeStep,
  fromHex,
  WireError,
} from './index';

function spec(actions: ActionSpec[], extra: Partial<ScenarioSpec> = {}): ScenarioSpec {
  return {
    version: 1,
    id: 't',
    title: 't',
    summary: 't',
    goals: [],
    processes: [
      { name: 'P1', pid: 1201 },
      { name: 'P2', pid: 1202 },
      { name: 'P3', pid: 1203 },
    ],
    routes: [
      { label: 'R1', dst: '10.0.1.0/24', gateway: '192.168.1.1', oif: 'eth0' },
      { label: 'R2', dst: '10.0.2.0/24', gateway: '192.168.1.1', oif: 'eth0' },
      { label: 'R3', dst: '10.0.3.0/24', oif: 'eth1', protocol: 'kernel', scope: 'link' },
    ],
    actions,
    ...extra,
  };
}

const add = (at: number, actor: string, flags: string[], seq: number, dst = '10.0.4.0/24'): ActionSpec => ({
  at,
  do: 'send',
  actor,
  request: { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', ...flags], seq, route: { dst, gateway: '192.168.1.1', oif: 'eth0' } },
});
const del = (at: number, actor: string, flags: string[], seq: number, dst: string): ActionSpec => ({
  at,
  do: 'send',
  actor,
  request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', ...flags], seq, route: { dst } },
});

/** The lecture's routes (R<n>), leaving out those the kernel made for the interfaces' addresses. */
function lectureRoutes(t: Timeline): string[] {
  return t.steps
    .at(-1)!
    .world.routes.map((r) => r.label)
    .filter((l) => l.startsWith('R'));
}

/** Messages that reached a process's queue, in order. */
function received(t: Timeline, proc: string) {
  return t.steps
    .filter((s) => s.event.kind === 'message-delivered')
    .map((s) => t.messages.at((s.event as { message: number }).message)!)
    .filter((m) => m.to.kind === 'socket' && m.to.socket.startsWith(`${proc}/`));
}

describe('port ids', () => {
  it('the first autobound socket of a process gets its pid; a second gets a kernel-chosen value >= 0x80000000', () => {
    const t = run(
      spec(
        [
          { at: 0, do: 'bind', actor: 'P1' },
          { at: 0, do: 'bind', actor: 'P1', socket: 'b' },
        ],
        { processes: [{ name: 'P1', pid: 1201, sockets: [{ name: 'a' }, { name: 'b' }] }] },
      ),
    );
    const w = t.steps.at(-1)!.world;
    expect(socketOf(w, 'P1/a')!.portId).toBe(1201);
    expect(socketOf(w, 'P1/b')!.portId).toBeGreaterThanOrEqual(0x80000000);
  });

  it('sending from an unbound socket autobinds it first', () => {
    const t = run(spec([add(0, 'P2', ['NLM_F_ACK', 'NLM_F_CREATE'], 1)]));
    expect(t.steps.at(1)!.event).toMatchObject({ kind: 'socket-bound', portId: 1202, autobind: true });
    expect(t.steps.at(2)!.event.kind).toBe('message-sent');
  });

  it('an explicit port id that is taken is refused', () => {
    const t = run(
      spec([
        { at: 0, do: 'bind', actor: 'P1' },
        { at: 0, do: 'bind', actor: 'P2', portId: 1201 },
      ]),
    );
    expect(t.steps.at(-1)!.event).toMatchObject({ kind: 'action-failed' });
  });
});

describe('requests and answers', () => {
  it('ACK: NLMSG_ERROR with error 0, NLM_F_CAPPED, 36 bytes, seq and port id of the request', () => {
    const t = run(spec([add(0, 'P1', ['NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'], 42)]));
    const [ack] = received(t, 'P1');
    expect(ack!.bytes.length).toBe(36);
    expect(ack!.message.header).toMatchObject({ type: NLMSG_ERROR, flags: NLM_F_CAPPED, seq: 42, pid: 1201 });
    expect(ack!.message.payload).toMatchObject({ kind: 'error', error: 0 });
    expect(lectureRoutes(t)).toEqual(['R1', 'R2', 'R3', 'R4']);
  });

  it('no ACK without NLM_F_ACK on success', () => {
    const t = run(spec([add(0, 'P1', ['NLM_F_CREATE'], 1)]));
    expect(received(t, 'P1')).toEqual([]);
  });

  it('errors come back even without NLM_F_ACK and echo the whole request with flags 0', () => {
    const t = run(spec([add(0, 'P1', ['NLM_F_CREATE', 'NLM_F_EXCL'], 7, '10.0.1.0/24'), del(0, 'P1', [], 8, '10.0.9.0/24')]));
    const [eexist, esrch] = received(t, 'P1');
    expect(eexist!.message.payload).toMatchObject({ error: -17 });
    expect(eexist!.message.header.flags).toBe(0);
    expect(eexist!.bytes.length).toBe(20 + t.messages.at(0)!.bytes.length);
    expect(esrch!.message.payload).toMatchObject({ error: -3 });
  });

  it('NETLINK_CAP_ACK caps the echoed request of an error too', () => {
    const t = run(
      spec([add(0, 'P1', ['NLM_F_CREATE', 'NLM_F_EXCL'], 7, '10.0.1.0/24')], { processes: [{ name: 'P1', pid: 5, sockets: [{ name: 's0', capAck: true }] }] }),
    );
    const [err] = received(t, 'P1');
    expect(err!.bytes.length).toBe(36);
    expect(err!.message.header.flags).toBe(NLM_F_CAPPED);
  });

  it('RTM_NEWROUTE without NLM_F_CREATE for a missing route is -ENOENT; with REPLACE an existing one is replaced', () => {
    const t = run(
      spec([add(0, 'P1', [], 1), { at: 10, do: 'bind', actor: 'P2', groups: 0x40 }, { ...add(20, 'P1', ['NLM_F_REPLACE', 'NLM_F_ACK'], 2, '10.0.1.0/24') }]),
    );
    const p1 = received(t, 'P1');
    expect(p1[0]!.message.payload).toMatchObject({ error: -2 });
    expect(received(t, 'P2')[0]!.message.header.flags).toBe(0x100);
  });

  it('a message without NLM_F_REQUEST is not acted on', () => {
    const t = run(spec([{ at: 0, do: 'send', actor: 'P1', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_ACK'], seq: 1, route: { dst: '10.0.1.0/24' } } }]));
    expect(t.steps.some((s) => s.event.kind === 'route-removed')).toBe(false);
    expect(received(t, 'P1')[0]!.message.payload).toMatchObject({ error: 0 });
  });

  it('a dump answers with NLM_F_MULTI parts in one datagram, then NLMSG_DONE alone once they are read, and no ACK even when asked', () => {
    const ask: ActionSpec = { at: 0, do: 'send', actor: 'P1', request: { type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_DUMP', 'NLM_F_ACK'], seq: 9 } };
    const unread = received(run(spec([ask])), 'P1');
    expect(unread.every((m) => m.kind === 'dump-part')).toBe(true);
    const t = run(spec([ask, { at: 1000, do: 'read', actor: 'P1' }]));
    const got = received(t, 'P1');
    const parts = got.slice(0, -1);
    const done = got.at(-1)!;
    // Main before local: the lecture's three routes and the prefix route of eth0, then the five local-table routes.
    expect(parts.map((m) => m.kind)).toEqual(Array(9).fill('dump-part'));
    expect(parts.every((m) => m.message.header.type === RTM_NEWROUTE && m.message.header.flags === NLM_F_MULTI && m.datagram === parts[0]!.datagram)).toBe(
      true,
    );
    expect(parts.slice(0, 4).map((m) => m.route)).toEqual(['R1', 'R2', 'R3', 'C1']);
    expect(done.message.header).toMatchObject({ type: NLMSG_DONE, flags: NLM_F_MULTI, seq: 9 });
    expect(done.bytes.length).toBe(20);
    expect(done.datagram).not.toBe(parts[0]!.datagram);
    expect(got.some((m) => m.kind === 'ack')).toBe(false);
  });

  it('deleting with scope unset (RT_SCOPE_NOWHERE) matches any scope; a wrong scope does not', () => {
    const t = run(
      spec([
        {
          at: 0,
          do: 'send',
          actor: 'P1',
          request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST'], seq: 1, route: { dst: '10.0.3.0/24', scope: 'universe' } },
        },
        { at: 0, do: 'send', actor: 'P1', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'], seq: 2, route: { dst: '10.0.3.0/24' } } },
      ]),
    );
    expect(received(t, 'P1').map((m) => (m.message.payload as { error: number }).error)).toEqual([-3, 0]);
  });
});

describe('notifications', () => {
  const subscribe: ActionSpec[] = [
    { at: 0, do: 'bind', actor: 'P1' },
    { at: 0, do: 'bind', actor: 'P2', groups: 0x40 },
    { at: 0, do: 'bind', actor: 'P3' },
    { at: 0, do: 'join', actor: 'P3', group: 7 },
  ];

  it("a request-caused RTM_NEWROUTE goes to members only, flags EXCL|CREATE, with the request's seq and port id", () => {
    const t = run(spec([...subscribe, add(10, 'P1', ['NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'], 77)]));
    for (const p of ['P2', 'P3']) {
      const [n] = received(t, p);
      expect(n!.message.header).toMatchObject({ type: RTM_NEWROUTE, flags: 0x600, seq: 77, pid: 1201 });
    }
    expect(received(t, 'P1').map((m) => m.kind)).toEqual(['ack']);
  });

  it('the lecture: a timer deletes R3 and RTM_DELROUTE (seq 0, pid 0, flags 0) reaches P2 and P3, never P1', () => {
    const t = run(spec([...subscribe, { at: 0, do: 'arm-timer', route: 'R3', afterMs: 10_000 }]));
    const fired = t.steps.find((s) => s.event.kind === 'timer-fired')!;
    expect(fired.timeMs).toBe(10_000);
    for (const p of ['P2', 'P3']) {
      const [n] = received(t, p);
      expect(n!.message.header).toMatchObject({ type: RTM_DELROUTE, flags: 0, seq: 0, pid: 0 });
      expect(n!.route).toBe('R3');
    }
    expect(received(t, 'P1')).toEqual([]);
    expect(lectureRoutes(t)).toEqual(['R1', 'R2']);
  });

  it('a subscribed requester gets its copy before its ACK; with NLM_F_ECHO exactly one copy', () => {
    const plain = run(spec([...subscribe, add(10, 'P2', ['NLM_F_ACK', 'NLM_F_CREATE'], 5)]));
    expect(received(plain, 'P2').map((m) => m.kind)).toEqual(['notification', 'ack']);
    const echo = run(spec([...subscribe, add(10, 'P2', ['NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_ECHO'], 5)]));
    expect(received(echo, 'P2').map((m) => m.kind)).toEqual(['notification', 'ack']);
    expect(received(echo, 'P2')[0]!.copyOf).toBeUndefined();
    // An unsubscribed requester with ECHO still gets the one copy.
    const p1 = run(spec([...subscribe, add(10, 'P1', ['NLM_F_CREATE', 'NLM_F_ECHO'], 5)]));
    expect(received(p1, 'P1').map((m) => m.kind)).toEqual(['notification']);
  });

  it('leaving the group stops the copies', () => {
    const t = run(spec([...subscribe, { at: 5, do: 'leave', actor: 'P2', group: 7 }, del(10, 'P1', [], 1, '10.0.1.0/24')]));
    expect(received(t, 'P2')).toEqual([]);
    expect(received(t, 'P3')).toHaveLength(1);
  });
});

describe('overflow', () => {
  const small = (noEnobufs = false): Partial<ScenarioSpec> => ({
    processes: [
      { name: 'P1', pid: 1201 },
      { name: 'P2', pid: 1202, sockets: [{ name: 's0', rcvbuf: 100, noEnobufs }] },
      { name: 'P3', pid: 1203 },
    ],
  });
  const burst: ActionSpec[] = [
    { at: 0, do: 'bind', actor: 'P2', groups: 0x40 },
    { at: 0, do: 'bind', actor: 'P3', groups: 0x40 },
    add(10, 'P1', ['NLM_F_CREATE'], 1, '10.0.4.0/24'),
    add(20, 'P1', ['NLM_F_CREATE'], 2, '10.0.5.0/24'),
    add(30, 'P1', ['NLM_F_CREATE'], 3, '10.0.6.0/24'),
    add(40, 'P1', ['NLM_F_CREATE'], 4, '10.0.7.0/24'),
  ];

  it('drops for the full socket only, reports ENOBUFS once on the next read, and earlier messages stay readable', () => {
    const t = run(spec([...burst, { at: 2000, do: 'read', actor: 'P2' }, { at: 2100, do: 'read', actor: 'P2' }], small()));
    const drops = t.steps.filter((s) => s.event.kind === 'message-dropped');
    // 100-byte queue: 0 <= 100 admits one, 60 <= 100 admits a second (overshoot), 120 > 100 drops.
    expect(drops).toHaveLength(2);
    expect(received(t, 'P2')).toHaveLength(2);
    expect(received(t, 'P3')).toHaveLength(4);
    const reads = t.steps
      .filter((s) => s.event.kind === 'message-read' || s.event.kind === 'read-error')
      .map((s) => (s.event.kind === 'read-error' ? s.event.errno : 'msg'));
    expect(reads).toEqual(['ENOBUFS', 'msg', 'msg', 'EAGAIN']);
    expect(socketOf(t.steps.at(-1)!.world, 'P2/s0')!.drops).toBe(2);
  });

  it('NETLINK_NO_ENOBUFS: the drops still happen, silently', () => {
    const t = run(spec([...burst, { at: 2000, do: 'read', actor: 'P2' }], small(true)));
    expect(t.steps.filter((s) => s.event.kind === 'message-dropped')).toHaveLength(2);
    expect(t.steps.some((s) => s.event.kind === 'read-error' && s.event.errno === 'ENOBUFS')).toBe(false);
  });
});

describe('timeline', () => {
  const t = run(
    spec([
      { at: 0, do: 'bind', actor: 'P2', groups: 0x40 },
      { at: 0, do: 'arm-timer', route: 'R3', afterMs: 10_000 },
      { at: 11_000, do: 'read', actor: 'P2' },
    ]),
  );

  it('seeks by step and by time without replaying', () => {
    expect(seek(t, 999).index).toBe(t.steps.length - 1);
    expect(seek(t, -3).index).toBe(0);
    expect(seekTime(t, 9_999).event.kind).toBe('timer-armed');
    expect(seekTime(t, 10_000).timeMs).toBe(10_000);
  });

  it('a step that changes nothing in the world shares it (structural sharing)', () => {
    const before = t.steps.at(1)!.world;
    const after = t.steps.at(-1)!.world;
    expect(after.processes).toBe(before.processes);
  });

  it('forking drops the old future and recomputes', () => {
    const armed = t.steps.findIndex((s) => s.event.kind === 'timer-armed');
    const f = fork(t, armed, [{ at: 0, do: 'cancel-timer', route: 'R3' }]);
    expect(f.steps.some((s) => s.event.kind === 'timer-fired')).toBe(false);
    expect(f.steps.at(-1)!.world.routes.filter((r) => r.label.startsWith('R'))).toHaveLength(3);
    expect(t.steps.some((s) => s.event.kind === 'timer-fired')).toBe(true);
  });

  it('describes every step in words', () => {
    expect(t.steps.map((s) => describeStep(s, t)).join('\n')).toMatch(
      /multicasts RTM_DELROUTE 10\.0\.3\.0\/24 \(flags 0, seq 0, pid 0\) to RTNLGRP_IPV4_ROUTE: 1 copy \(P2\)/,
    );
  });
});

describe('decoder errors', () => {
  it('names what is missing and where', () => {
    const failure = (hex: string) => {
      const r = decode(fromHex(hex));
      return r.ok ? undefined : r.error;
    };
    expect(failure('3c000000')).toBeInstanceOf(WireError);
    expect(failure('3c000000')?.message).toMatch(/struct nlmsghdr/);
    expect(failure('3c00000019000000000000000000000002180000')?.message).toMatch(/nlmsg_len says 60 bytes, but only 20/);
    expect(failure('1800000019000000000000000000000002180000fe02fd01000000000300')?.message).toMatch(/rtattr|truncated|nlmsg_len/);
  });
});
