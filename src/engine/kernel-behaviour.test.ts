/**
 * The engine against what the live kernel did (docs/kernel-behaviour.md; the fixtures come from
 * tools/capture/*.py run in a private network namespace). Port ids the kernel drew at random are
 * given to the simulated sockets with bind(), so whole datagrams compare byte for byte; cstamp and
 * tstamp, the kernel's boot-relative clock, are masked.
 */
import { describe, expect, it } from 'vitest';
import addresses from './fixtures/kernel-addresses.json';
import buffers from './fixtures/kernel-buffers.json';
import datagrams from './fixtures/kernel-datagrams.json';
import extack from './fixtures/kernel-extack.json';
import sockets from './fixtures/kernel-sockets.json';
import {
  failureEnglish,
  rcvbufFor,
  run,
  skbTruesize,
  socketOf,
  toHex,
  type ActionSpec,
  type Failure,
  type LabelledRouteSpec,
  type Message,
  type ScenarioSpec,
  type Timeline,
} from './index';

const RMEM_MAX_HERE = datagrams.rcvbuf.rmem_max;

function scenario(actions: ActionSpec[], routes: LabelledRouteSpec[] = [], extra: Partial<ScenarioSpec> = {}): ScenarioSpec {
  return {
    version: 1,
    id: 'kernel',
    title: 'kernel',
    summary: 'kernel',
    goals: [],
    settings: { rmemMax: RMEM_MAX_HERE },
    processes: [
      { name: 'REQ', pid: 4242 },
      { name: 'MON', pid: 4343 },
    ],
    routes,
    actions,
    ...extra,
  };
}

/** The extra routes the capture scripts add: 10.2.<i>.0/24 via 192.168.1.1 dev eth0 proto boot. */
function extraRoutes(n: number): LabelledRouteSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    label: `X${i}`,
    dst: `10.${2 + (i >> 8)}.${i & 255}.0/24`,
    gateway: '192.168.1.1',
    oif: 'eth0',
    protocol: 'boot' as const,
  }));
}

/** Datagrams that reached a process's queue, each as the hex of its messages. */
function received(t: Timeline, proc: string): string[][] {
  const out: Message[][] = [];
  for (const s of t.steps) {
    if (s.event.kind !== 'message-delivered') continue;
    const m = t.messages.at(s.event.message)!;
    if (m.to.kind !== 'socket' || !m.to.socket.startsWith(`${proc}/`)) continue;
    if (m.datagram === m.id) out.push([m]);
    else out.at(-1)!.push(m);
  }
  return out.map((d) => d.map((m) => toHex(m.bytes)));
}

const sizes = (d: string[][]) => d.map((x) => x.reduce((n, h) => n + h.length / 2, 0));
const counts = (d: string[][]) => d.map((x) => x.length);
const dump = (
  seq: number,
  extra: Partial<{ flags: string[]; extraAttrs: Array<{ type: number; hex: string }>; override: { dstLen?: number; table?: number } }> = {},
): ActionSpec => ({
  at: 0,
  do: 'send',
  actor: 'REQ',
  request: { type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_DUMP'], seq, ...extra },
});
/** One successful read with this buffer: afterwards the kernel sizes dump parts to it (max_recvmsg_len). */
const warmUp = (buffer: number): ActionSpec[] => [
  { at: 0, do: 'send', actor: 'REQ', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST'], seq: 99, route: { dst: '10.250.0.0/24' } } },
  { at: 1000, do: 'read', actor: 'REQ', count: 1, buffer },
];
const bindTo = (port: number, actor = 'REQ', groups?: number): ActionSpec => ({ at: 0, do: 'bind', actor, portId: port, ...(groups ? { groups } : {}) });
const reads = (n: number, from: number, buffer = 32768, actor = 'REQ'): ActionSpec[] =>
  Array.from({ length: n }, (_, i) => ({ at: from + i * 1000, do: 'read', actor, count: 1, buffer }));

describe('a dump arrives as datagrams (§1)', () => {
  for (const [key, extra] of [
    ['dump_3', 3],
    ['dump_7', 7],
    ['dump_50', 50],
  ] as const) {
    it(`${extra} extra routes: the captured datagrams, byte for byte, NLMSG_DONE alone`, () => {
      const c = datagrams.cases[key];
      const t = run(scenario([bindTo(c.port), dump(Number.parseInt(c.request.slice(16, 18), 16)), ...reads(2, 1000)], extraRoutes(extra)));
      expect(received(t, 'REQ')).toEqual(c.datagrams);
      expect(counts(received(t, 'REQ'))).toEqual(c.messagesPerDatagram);
    });
  }

  for (const key of ['dump_1000_buf32768_fresh', 'dump_1000_buf8192_fresh', 'dump_1000_buf32768_warm'] as const) {
    it(`1000 extra routes (${key}): parts as big as the reader has ever read, whole entries only`, () => {
      const c = datagrams.cases[key];
      const warm = c.warmSocket ? warmUp(c.recvBufsize) : [];
      const start = warm.length ? 5000 : 0;
      const actions = [...warm, { ...dump(2), at: start }, ...reads(c.datagramCount, start + 1000, c.recvBufsize)];
      const t = run(scenario(actions, extraRoutes(1000)));
      const got = received(t, 'REQ').slice(warm.length ? 1 : 0);
      expect(sizes(got)).toEqual(c.datagramSizes);
      expect(counts(got)).toEqual(c.messagesPerDatagram);
    });
  }

  it('strict checking honours a table filter (flags NLM_F_MULTI|NLM_F_DUMP_FILTERED); without it the filter is ignored', () => {
    for (const [key, strict] of [
      ['dump_3_table_main_nonstrict', false],
      ['dump_3_table_main_strict', true],
      ['dump_3_table_local_strict', true],
      ['dump_3_table_100_strict', true],
    ] as const) {
      const c = datagrams.cases[key];
      const table = Number.parseInt(c.request.slice(40, 42), 16);
      const options: ActionSpec[] = strict ? [{ at: 0, do: 'set-option', actor: 'REQ', option: 'NETLINK_GET_STRICT_CHK', value: true }] : [];
      const t = run(scenario([...options, dump(1, { override: { table } }), ...reads(2, 1000)], extraRoutes(3)));
      const got = received(t, 'REQ');
      expect(counts(got)).toEqual(c.messagesPerDatagram);
      // Port ids aside (the capture's were drawn at random), the DONE and the flags are the kernel's.
      expect(got.at(-1)![0]!.slice(0, 16)).toBe(c.datagrams.at(-1)![0]!.slice(0, 16));
    }
  });
});

describe('recvmsg() and MSG_TRUNC (§2)', () => {
  it('a 100-byte buffer takes the first message whole and loses the rest of that datagram; the next read gets NLMSG_DONE', () => {
    const c = datagrams.cases.truncation.dump_truncated;
    const t = run(
      scenario([dump(1), { at: 1000, do: 'read', actor: 'REQ', count: 1, buffer: 100 }, { at: 2000, do: 'read', actor: 'REQ', count: 1 }], extraRoutes(3)),
    );
    const read = t.steps.filter((s) => s.event.kind === 'message-read').map((s) => t.messages.at((s.event as { message: number }).message)!);
    const cut = t.steps.filter((s) => s.event.kind === 'message-dropped' && s.event.reason === 'truncated');
    expect(read.map((m) => m.kind)).toEqual(['dump-part', 'done']);
    // What the kernel copied: the first message whole, then the start of the second.
    expect(c.smallRead.bytes.startsWith(toHex(read[0]!.bytes).slice(0, 16))).toBe(true);
    expect(cut).toHaveLength(8);
  });
});

describe('SO_RCVBUF and dump pacing (§3)', () => {
  it('the kernel keeps max(2 × min(value, rmem_max), 2304)', () => {
    for (const row of datagrams.rcvbuf.soRcvbuf) {
      if (row.set === null) continue;
      expect(rcvbufFor(row.set, RMEM_MAX_HERE)).toBe(row.get);
    }
  });

  for (const key of ['pacing_1000_minrcvbuf_buf32768', 'pacing_1000_minrcvbuf_buf8192'] as const) {
    it(`a dump into the smallest buffer is paced, never dropped (${key})`, () => {
      const c = datagrams.cases[key];
      const warm = warmUp(c.recvBufsize);
      const actions: ActionSpec[] = [
        ...warm,
        { at: 4000, do: 'set-rcvbuf', actor: 'REQ', bytes: 0 },
        { ...dump(2), at: 5000 },
        ...reads(c.datagramCount, 6000, c.recvBufsize),
      ];
      const t = run(scenario(actions, extraRoutes(1000)));
      const got = received(t, 'REQ').slice(1);
      expect(sizes(got)).toEqual(c.datagramSizes);
      expect(t.steps.some((s) => s.event.kind === 'message-dropped' || s.event.kind === 'read-error')).toBe(false);
      // rmem_alloc before each read: one part queued at a time, charged its truesize.
      const before = actions.slice(warm.length + 2).map((a) => socketOf([...t.steps].reverse().find((s) => s.timeMs < a.at)!.world, 'REQ/s0')!.rmemAlloc);
      expect(before).toEqual(c.rmemAllocBeforeEachRead.slice(0, before.length));
    });
  }
});

describe('receive-buffer accounting (§4)', () => {
  it('truesize follows the allocation: 832 for a notification or an ACK, 4352 for a 2056-byte error or a fresh dump part, DONE after bigger reads costs more', () => {
    for (const len of buffers.cases.truesize.route_notifications.messageLengths) expect(skbTruesize(len)).toBe(832);
    for (const row of buffers.cases.truesize.unicast_replies.rows) expect(skbTruesize(row.replyLength)).toBe(row.truesize);
    for (const row of buffers.cases.truesize.dump.rows) {
      const t = run(scenario([dump(1), { at: 1000, do: 'read', actor: 'REQ', count: 1, buffer: row.recvBufsize }]));
      const parts = t.messages.filter((m) => m.to.kind === 'socket');
      expect(parts[0]!.truesize).toBe(row.firstPartTruesize);
      expect(parts.find((m) => m.kind === 'done')!.truesize).toBe(row.doneTruesize);
    }
  });

  const burst = (setRcvbuf: number, noEnobufs: boolean, n = 20): ActionSpec[] => [
    { at: 0, do: 'bind', actor: 'MON', groups: 0x40 },
    { at: 0, do: 'set-rcvbuf', actor: 'MON', bytes: setRcvbuf },
    ...(noEnobufs ? [{ at: 0, do: 'set-option', actor: 'MON', option: 'NETLINK_NO_ENOBUFS', value: true } as ActionSpec] : []),
    ...Array.from({ length: n }, (_, i): ActionSpec => ({
      at: 10 + i,
      do: 'send',
      actor: 'REQ',
      request: {
        type: 'RTM_NEWROUTE',
        flags: ['NLM_F_REQUEST', 'NLM_F_CREATE', 'NLM_F_EXCL'],
        seq: 100 + i,
        route: { dst: `10.5.${i}.0/24`, gateway: '192.168.1.1', oif: 'eth0' },
      },
    })),
    { at: 5000, do: 'read', actor: 'MON' },
  ];

  for (const key of [
    'burst_set0',
    'burst_set2304',
    'burst_set4096',
    'burst_set0_no_enobufs',
    'burst_set2304_no_enobufs',
    'burst_set4096_no_enobufs',
  ] as const) {
    it(`a burst of 20 notifications (${key}): the first survive, the rest are dropped for that socket only`, () => {
      const c = buffers.cases[key];
      const t = run(scenario(burst(c.setRcvbuf, c.noEnobufs)));
      const mon = socketOf(t.steps.at(-1)!.world, 'MON/s0')!;
      expect(mon.rcvbuf).toBe(c.rcvbuf);
      expect(mon.drops).toBe(c.drops);
      const reads = t.steps
        .filter((s) => s.event.kind === 'message-read' || s.event.kind === 'read-error')
        .map((s) =>
          s.event.kind === 'read-error' ? 'ENOBUFS' : t.messages.at(s.event.kind === 'message-read' ? s.event.message : 0)!.message.header.seq - 100,
        );
      expect(reads).toEqual(c.reads.map((r) => ('error' in r ? 'ENOBUFS' : r.seq - c.sentSeqs[0]!)));
    });
  }

  it('after an overflow nothing is admitted until a read leaves the queue empty (congested); NETLINK_NO_ENOBUFS keeps no such state', () => {
    for (const key of ['congested', 'congested_no_enobufs'] as const) {
      const c = buffers.cases[key];
      const first = burst(c.setRcvbuf, c.noEnobufs, 10).slice(0, -1);
      const more = Array.from({ length: 3 }, (_, i): ActionSpec => ({
        at: 3000 + i,
        do: 'send',
        actor: 'REQ',
        request: {
          type: 'RTM_NEWROUTE',
          flags: ['NLM_F_REQUEST', 'NLM_F_CREATE', 'NLM_F_EXCL'],
          seq: 110 + i,
          route: { dst: `10.6.${i}.0/24`, gateway: '192.168.1.1', oif: 'eth0' },
        },
      }));
      const actions: ActionSpec[] = [
        ...first,
        { at: 2000, do: 'read', actor: 'MON', count: c.firstReads.length },
        ...more,
        { at: 5000, do: 'read', actor: 'MON' },
      ];
      const t = run(scenario(actions));
      const mon = socketOf(t.steps.at(-1)!.world, 'MON/s0')!;
      expect(mon.drops).toBe(c.dropsAfterReading);
      const afterMore = [...t.steps].reverse().find((s) => s.timeMs < 5000)!.world;
      expect(socketOf(afterMore, 'MON/s0')!.rmemAlloc).toBe(c.rmemAfterMore);
    }
  });

  it('kernel unicast follows the same rule: 20 ACKs into the smallest buffer leave 2, and all 20 routes are added', () => {
    const c = buffers.cases.unicast_ack_burst;
    const sends = Array.from({ length: 20 }, (_, i): ActionSpec => ({
      at: 10 + i,
      do: 'send',
      actor: 'REQ',
      request: {
        type: 'RTM_NEWROUTE',
        flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'],
        seq: i,
        route: { dst: `10.7.${i}.0/24`, gateway: '192.168.1.1', oif: 'eth0' },
      },
    }));
    const t = run(scenario([{ at: 0, do: 'set-rcvbuf', actor: 'REQ', bytes: c.setRcvbuf }, ...sends, { at: 5000, do: 'read', actor: 'REQ' }]));
    const req = socketOf(t.steps.at(-1)!.world, 'REQ/s0')!;
    expect(req.drops).toBe(c.drops);
    expect(t.steps.filter((s) => s.event.kind === 'message-read').length).toBe(c.acksReceived);
    expect(t.steps.filter((s) => s.event.kind === 'route-added').length).toBe(c.routesAdded);
  });
});

describe('port ids (§5)', () => {
  it('autobind gives the first socket the pid, later ones a fresh random negative id each; a taken id is EADDRINUSE, a bound socket only takes its own id again', () => {
    const t = run(
      scenario([
        { at: 0, do: 'open', actor: 'REQ', socket: 's1' },
        { at: 0, do: 'open', actor: 'REQ', socket: 's2' },
        { at: 1, do: 'bind', actor: 'REQ' },
        { at: 2, do: 'bind', actor: 'REQ', socket: 's1' },
        { at: 3, do: 'bind', actor: 'REQ', socket: 's2' },
        { at: 4, do: 'bind', actor: 'MON', portId: 4242 },
        { at: 5, do: 'bind', actor: 'REQ', portId: 0 },
      ]),
    );
    const w = t.steps.at(-1)!.world;
    const ids = ['REQ/s0', 'REQ/s1', 'REQ/s2'].map((id) => socketOf(w, id)!.portId!);
    expect(ids[0]).toBe(4242);
    for (const id of ids.slice(1)) expect(id | 0).toBeLessThan(-4096);
    expect(Math.abs((ids[1]! | 0) - (ids[2]! | 0))).not.toBe(1);
    const failures = t.steps.filter((s) => s.event.kind === 'action-failed').map((s) => failureEnglish((s.event as { reason: Failure }).reason));
    expect(failures[0]).toMatch(/EADDRINUSE/);
    expect(failures[1]).toMatch(/EINVAL/);
    expect(sockets.ports).toBeDefined();
  });
});

describe('extended ACK and validation errors (§6)', () => {
  const modes = { plain: [], cap: ['NETLINK_CAP_ACK'], ext: ['NETLINK_EXT_ACK'], cap_ext: ['NETLINK_CAP_ACK', 'NETLINK_EXT_ACK'] } as const;
  type Case = { request: string; modes: Record<string, { port: number; datagrams: string[][] }> };
  const R = { gateway: '192.168.1.1', oif: 'eth0', protocol: 'boot' as const };

  function replies(c: Case, mode: keyof typeof modes, request: ActionSpec, strict = false): string[][] {
    const port = c.modes[mode]!.port;
    const opts = [...modes[mode], ...(strict ? ['NETLINK_GET_STRICT_CHK'] : [])].map((option): ActionSpec => ({
      at: 0,
      do: 'set-option',
      actor: 'REQ',
      option: option as 'NETLINK_EXT_ACK',
      value: true,
    }));
    const t = run(scenario([bindTo(port), ...opts, request, { at: 1000, do: 'read', actor: 'REQ' }], [{ label: 'R1', dst: '10.0.1.0/24', ...R }]));
    expect(toHex(t.messages.find((m) => m.kind === 'request')!.bytes)).toBe(c.request);
    return received(t, 'REQ');
  }

  it('an invalid prefix length: EINVAL, and with NETLINK_EXT_ACK the text "Invalid prefix length" (NLM_F_ACK_TLVS), capped with NETLINK_CAP_ACK', () => {
    const c = extack.cases.newroute_dst_len_33 as Case;
    for (const mode of Object.keys(modes) as Array<keyof typeof modes>) {
      const req: ActionSpec = {
        at: 0,
        do: 'send',
        actor: 'REQ',
        request: {
          type: 'RTM_NEWROUTE',
          flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'],
          seq: 1,
          route: { dst: '10.0.1.0/24', ...R },
          override: { dstLen: 33 },
        },
      };
      expect(replies(c, mode, req)).toEqual(c.modes[mode]!.datagrams);
    }
  });

  it('a gateway no connected route reaches: ENETUNREACH, "Nexthop has invalid gateway"', () => {
    for (const [key, oif] of [
      ['newroute_gateway_unreachable', undefined],
      ['newroute_gateway_unreachable_oif', 'eth0'],
    ] as const) {
      const c = extack.cases[key] as Case;
      const seq = Number.parseInt(c.request.slice(16, 18), 16);
      for (const mode of Object.keys(modes) as Array<keyof typeof modes>) {
        const route = { dst: '10.0.2.0/24', gateway: '10.99.0.1', protocol: 'boot' as const, ...(oif ? { oif } : {}) };
        const req: ActionSpec = {
          at: 0,
          do: 'send',
          actor: 'REQ',
          request: { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'], seq, route },
        };
        expect(replies(c, mode, req)).toEqual(c.modes[mode]!.datagrams);
      }
    }
  });

  it('a missing route: ESRCH, with no text even under NETLINK_EXT_ACK', () => {
    const c = extack.cases.delroute_missing as Case;
    for (const mode of Object.keys(modes) as Array<keyof typeof modes>) {
      const req: ActionSpec = {
        at: 0,
        do: 'send',
        actor: 'REQ',
        request: {
          type: 'RTM_DELROUTE',
          flags: ['NLM_F_REQUEST', 'NLM_F_ACK'],
          seq: 4,
          route: { dst: '10.0.9.0/24', protocol: 'boot', scope: 'universe', type: 'unicast' },
        },
      };
      expect(replies(c, mode, req)).toEqual(c.modes[mode]!.datagrams);
    }
  });

  it('a strict dump request that fails its checks is answered by NLMSG_DONE carrying the error and the text', () => {
    type Extra = Parameters<typeof dump>[1];
    const cases: Array<[keyof typeof extack.cases, Extra]> = [
      ['dump_unknown_attr', { extraAttrs: [{ type: 99, hex: '01000000' }] }],
      ['dump_unsupported_attr', { extraAttrs: [{ type: 5, hex: '01020304' }] }],
      ['dump_header_values', { override: { dstLen: 24 } }],
      ['dump_table_missing', { override: { table: 100 } }],
    ];
    for (const [key, extra] of cases) {
      const c = extack.cases[key] as unknown as { request: string; modes: Record<string, { port: number; datagrams: string[][] }> };
      const seq = Number.parseInt(c.request.slice(16, 18), 16);
      for (const [mode, options] of [
        ['strict', []],
        ['strict_ext', ['NETLINK_EXT_ACK']],
      ] as const) {
        const got = c.modes[mode];
        if (!got) continue;
        const opts = ['NETLINK_GET_STRICT_CHK', ...options].map((option): ActionSpec => ({
          at: 0,
          do: 'set-option',
          actor: 'REQ',
          option: option as 'NETLINK_EXT_ACK',
          value: true,
        }));
        const t = run(scenario([bindTo(got.port), ...opts, dump(seq, extra), { at: 1000, do: 'read', actor: 'REQ' }]));
        expect(toHex(t.messages.find((m) => m.kind === 'request')!.bytes)).toBe(c.request);
        expect(received(t, 'REQ')).toEqual(got.datagrams);
      }
    }
  });

  it('a lookup that finds no route: ENETUNREACH with no text', () => {
    const c = extack.cases.getroute_unreachable as unknown as Case;
    const mode = Object.keys(c.modes)[0]!;
    const t = run(
      scenario([
        bindTo(c.modes[mode]!.port),
        { at: 0, do: 'send', actor: 'REQ', request: { type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'], seq: 11, route: { dst: '10.99.0.1/32' } } },
      ]),
    );
    const got = received(t, 'REQ');
    expect(got[0]![0]!.slice(32, 40)).toBe('9bffffff');
  });
});

describe('addresses and the routes they bring (§7)', () => {
  const eth1 = { index: 3, name: 'eth1' };
  const interfaces = [
    { index: 1, name: 'lo', addresses: [{ address: '127.0.0.1/8' }] },
    { index: 2, name: 'eth0', addresses: [{ address: '192.168.1.2/24' }] },
    eth1,
  ];
  const addr = (type: 'RTM_NEWADDR' | 'RTM_DELADDR', seq: number, at: number, flags: string[]): ActionSpec => ({
    at,
    do: 'send',
    actor: 'REQ',
    request: { type, flags: ['NLM_F_REQUEST', ...flags], seq, address: { address: '10.1.0.5/24', dev: 'eth1' } },
  });
  /** cstamp and tstamp are the kernel's clock since boot: the last 16 hex digits of an address message. */
  const masked = (hex: string) => (hex.slice(8, 12) === '1400' || hex.slice(8, 12) === '1500' ? hex.slice(0, -16) : hex);

  it('RTM_NEWADDR: the address (request seq and port), then local, prefix and broadcast routes (seq 0, port 0), then the ACK', () => {
    const c = addresses.cases.newaddr;
    const t = run(
      scenario(
        [bindTo(c.requesterPort), bindTo(addresses.monitorPort, 'MON', 0x50), addr('RTM_NEWADDR', 1, 10, ['NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'])],
        [],
        { interfaces },
      ),
    );
    expect(toHex(t.messages.find((m) => m.kind === 'request')!.bytes)).toBe(c.request);
    expect(received(t, 'MON').map((d) => d.map(masked))).toEqual(c.notifications.map((d) => d.map(masked)));
    expect(received(t, 'REQ')).toEqual(c.replies);
  });

  it('RTM_DELADDR: the address goes, then prefix, broadcast and local routes', () => {
    const c = addresses.cases.deladdr;
    const t = run(
      scenario(
        [
          bindTo(c.requesterPort),
          bindTo(addresses.monitorPort, 'MON', 0x50),
          addr('RTM_NEWADDR', 1, 10, ['NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL']),
          { at: 1000, do: 'read', actor: 'MON' },
          addr('RTM_DELADDR', 3, 2000, ['NLM_F_ACK']),
        ],
        [],
        { interfaces },
      ),
    );
    const after = (d: string[][]) => d.slice(4);
    expect(after(received(t, 'MON')).map((d) => d.map(masked))).toEqual(c.notifications.map((d) => d.map(masked)));
    expect(received(t, 'REQ').at(-1)).toEqual(c.replies[0]);
  });

  it('RTM_GETADDR: every address in one datagram, then NLMSG_DONE alone', () => {
    const c = addresses.cases.getaddr_dump;
    const t = run(
      scenario(
        [
          bindTo(2225183215),
          {
            at: 0,
            do: 'send',
            actor: 'MON',
            request: { type: 'RTM_NEWADDR', flags: ['NLM_F_REQUEST', 'NLM_F_CREATE'], seq: 1, address: { address: '10.1.0.5/24', dev: 'eth1' } },
          },
          { at: 1000, do: 'send', actor: 'REQ', request: { type: 'RTM_GETADDR', flags: ['NLM_F_REQUEST', 'NLM_F_DUMP'], seq: 2 } },
          ...reads(2, 2000),
        ],
        [],
        { interfaces },
      ),
    );
    expect(toHex(t.messages.find((m) => m.kind === 'request' && m.message.header.seq === 2)!.bytes)).toBe(c.request);
    expect(received(t, 'REQ').map((d) => d.map((h) => (h.length > 40 ? h.slice(0, -16) : h)))).toEqual(
      c.datagrams.map((d) => d.map((h) => (h.length > 40 ? h.slice(0, -16) : h))),
    );
  });
});

describe('address lifetimes: the real kernel timer (§8)', () => {
  it('when valid_lft runs out, RTM_DELADDR then the three RTM_DELROUTEs, all seq 0 and port 0; a shorter preferred_lft first deprecates the address', () => {
    const t = run(
      scenario(
        [
          bindTo(1, 'MON', 0x50),
          {
            at: 0,
            do: 'send',
            actor: 'REQ',
            request: {
              type: 'RTM_NEWADDR',
              flags: ['NLM_F_REQUEST', 'NLM_F_CREATE'],
              seq: 1,
              address: { address: '10.1.0.5/24', dev: 'eth1', validLft: 5, preferredLft: 2 },
            },
          },
        ],
        [],
        {
          interfaces: [
            { index: 1, name: 'lo' },
            { index: 2, name: 'eth0', addresses: [{ address: '192.168.1.2/24' }] },
            { index: 3, name: 'eth1' },
          ],
        },
      ),
    );
    const later = t.steps
      .filter((s) => s.event.kind === 'message-sent' && s.timeMs > 1000)
      .map((s) => t.messages.at((s.event as { message: number }).message)!);
    const seen = later.map((m) => [m.message.header.type, m.message.header.seq, m.message.header.pid, Math.round(m.sentAt / 1000)]);
    // RTM_NEWADDR (deprecated) at 2 s; RTM_DELADDR and the RTM_DELROUTEs at 5 s (the kernel: 0-0.35 s later).
    expect(seen).toEqual([
      [20, 0, 0, 2],
      [21, 0, 0, 5],
      [25, 0, 0, 5],
      [25, 0, 0, 5],
      [25, 0, 0, 5],
    ]);
    const deprecated = later[0]!.message.payload;
    expect(deprecated.kind === 'addr' && deprecated.ifa.flags & 0x20).toBe(0x20);
  });
});

describe('sender metadata (§9)', () => {
  it('a multicast copy and the NLM_F_ECHO copy carry the group (msg_name nl_groups, NETLINK_PKTINFO); an ACK carries none', () => {
    const t = run(
      scenario([
        { at: 0, do: 'bind', actor: 'MON', groups: 0x40 },
        {
          at: 0,
          do: 'send',
          actor: 'REQ',
          request: {
            type: 'RTM_NEWROUTE',
            flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_ECHO', 'NLM_F_CREATE', 'NLM_F_EXCL'],
            seq: 1,
            route: { dst: '10.0.4.0/24', gateway: '192.168.1.1', oif: 'eth0' },
          },
        },
      ]),
    );
    const to = (proc: string) => t.messages.filter((m) => m.to.kind === 'socket' && m.to.socket.startsWith(proc));
    expect(to('MON').map((m) => m.dstGroup)).toEqual([7]);
    expect(to('REQ').map((m) => [m.kind, m.dstGroup])).toEqual([
      ['notification', 7],
      ['ack', 0],
    ]);
    expect(toHex(to('REQ')[0]!.bytes)).toBe(toHex(to('MON')[0]!.bytes));
    expect(sockets.metadata).toBeDefined();
  });
});
