import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from './arbitraries.test-helpers';
import { decode, encode, fifoToArray, fork, forkScenario, run, seek, seekTime, socketOf, toHex, type Decoded, type NlMessage, type Timeline } from './index';

function decodeOk(bytes: Uint8Array): Decoded {
  const r = decode(bytes);
  if (!r.ok) throw r.error;
  return r.value;
}

/** Everything observable about a run, as text: events and the exact bytes of every message. */
function fingerprint(t: Timeline): string {
  return JSON.stringify({ steps: t.steps.map((s) => [s.index, s.timeMs, s.event, s.cause]), bytes: t.messages.map((m) => toHex(m.bytes)) });
}

describe('engine invariants', () => {
  it('is deterministic: the same scenario gives the same trace, byte for byte', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        expect(fingerprint(run(spec))).toBe(fingerprint(run(structuredClone(spec))));
      }),
      { numRuns: 150 },
    );
  });

  it('seek(n) equals a fresh run stopped at n', () => {
    fc.assert(
      fc.property(arbScenario(), fc.nat(), (spec, pick) => {
        const full = run(spec);
        const n = pick % full.steps.length;
        const partial = run(spec, { maxSteps: n + 1 });
        expect(seek(full, n).world).toEqual(partial.steps.at(n)!.world);
        expect(seek(full, n).event).toEqual(partial.steps.at(n)!.event);
      }),
      { numRuns: 150 },
    );
  });

  it('seekTime returns the last step at or before the time', () => {
    fc.assert(
      fc.property(arbScenario(), fc.integer({ min: 0, max: 20_000 }), (spec, time) => {
        const t = run(spec);
        const s = seekTime(t, time);
        expect(s.timeMs).toBeLessThanOrEqual(Math.max(time, 0));
        const next = t.steps.at(s.index + 1);
        if (next) expect(next.timeMs).toBeGreaterThan(time);
      }),
      { numRuns: 100 },
    );
  });

  it('every multicast reaches exactly the group members at send time, each copy delivered or dropped once', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const t = run(spec);
        for (const s of t.steps) {
          if (s.event.kind !== 'message-sent') continue;
          const m = t.messages.at(s.event.message)!;
          if (m.to.kind !== 'group') continue;
          const prev = t.steps.at(s.index - 1)!.world;
          const echoTo =
            m.inReplyTo !== undefined && t.messages.at(m.inReplyTo)!.message.header.flags & 0x8
              ? (t.messages.at(m.inReplyTo)!.from as { socket: string }).socket
              : undefined;
          const members = prev.socketOrder.filter((id) => socketOf(prev, id)!.groups.includes(m.to.kind === 'group' ? m.to.group : -1) && id !== echoTo);
          const receivers = (s.event.copies ?? []).map((c) => (t.messages.at(c)!.to as { socket: string }).socket);
          expect(receivers).toEqual(members);
          for (const c of s.event.copies ?? []) {
            const outcomes = t.steps.filter((x) => (x.event.kind === 'message-delivered' || x.event.kind === 'message-dropped') && x.event.message === c);
            expect(outcomes).toHaveLength(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a datagram is queued only when the queue is empty or its truesize fits, charged once, and every drop is reported', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const t = run(spec);
        for (const s of t.steps) {
          for (const id of s.world.socketOrder) {
            const sock = socketOf(s.world, id)!;
            const queued = fifoToArray(sock.queue).map((m) => t.messages.at(m)!);
            // The bytes charged equal the truesize of the datagrams still queued (charged = released).
            expect(sock.rmemAlloc).toBe(queued.filter((m) => m.datagram === m.id).reduce((n, m) => n + m.truesize, 0));
            // A datagram is queued whole: every queued message's datagram head is queued too.
            for (const m of queued) expect(queued.some((x) => x.id === m.datagram)).toBe(true);
          }
          if (s.event.kind === 'message-delivered') {
            const m = t.messages.at(s.event.message)!;
            if (m.to.kind !== 'socket' || m.datagram !== m.id) continue;
            const before = socketOf(t.steps.at(s.index - 1)!.world, m.to.socket)!;
            if (m.kind === 'dump-part' || m.kind === 'done') continue;
            expect(before.rmemAlloc === 0 || before.rmemAlloc + m.truesize <= before.rcvbuf).toBe(true);
            expect(before.congested).toBe(false);
          }
        }
        const last = t.steps.at(t.steps.length - 1)!.world;
        const drops = t.steps.filter(
          (s) => s.event.kind === 'message-dropped' && s.event.reason !== 'truncated' && t.messages.at(s.event.message)!.datagram === s.event.message,
        ).length;
        expect(last.socketOrder.reduce((n, id) => n + socketOf(last, id)!.drops, 0)).toBe(drops);
      }),
      { numRuns: 150 },
    );
  });

  it('a dump is never dropped, and a datagram holds whole messages within its skb', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const t = run(spec);
        for (const s of t.steps) {
          if (s.event.kind !== 'message-dropped' || s.event.reason === 'truncated') continue;
          expect(['dump-part', 'done']).not.toContain(t.messages.at(s.event.message)!.kind);
        }
        const bytes = new Map<number, number>();
        for (const m of t.messages) if (m.to.kind === 'socket') bytes.set(m.datagram, (bytes.get(m.datagram) ?? 0) + ((m.bytes.length + 3) & ~3));
        for (const [head, n] of bytes) {
          const m = t.messages.at(head)!;
          // What a datagram carries fits the allocation it is charged for (truesize covers the head and its overhead).
          expect(n).toBeLessThan(m.truesize);
          // Every message decodes whole from its own bytes.
          for (let i = head; i < t.messages.length && t.messages.at(i)!.datagram === head; i++) expect(decode(t.messages.at(i)!.bytes).ok).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('forking at step n shares steps before n, runs the new action, and is itself deterministic', () => {
    fc.assert(
      fc.property(arbScenario(), fc.nat(), fc.boolean(), (spec, pick, keepScript) => {
        const t = run(spec);
        const n = pick % t.steps.length;
        const f = fork(t, n, [{ at: 0, do: 'read', actor: 'P1' }], { keepScript });
        for (let i = 0; i < n; i++) expect(f.steps.at(i)).toBe(t.steps.at(i));
        const added = f.steps.filter((s) => s.cause === spec.actions.length);
        expect(added.length).toBeGreaterThan(0);
        expect(added[0]!.timeMs).toBe(t.steps.at(n)!.timeMs);
        if (!keepScript) {
          // The old future is dropped: scripted actions still waiting at step n never run.
          const waiting = new Set(t.order.slice(t.steps.at(n)!.world.nextAction));
          expect(f.steps.slice(n + 1).filter((s) => s.cause !== null && waiting.has(s.cause))).toEqual([]);
        }
        expect(fingerprint(fork(t, n, [{ at: 0, do: 'read', actor: 'P1' }], { keepScript }))).toBe(fingerprint(f));
      }),
      { numRuns: 100 },
    );
  });
});

const arbIp = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
const arbAttr = fc.oneof(
  fc.record({ type: fc.constantFrom(1, 5, 7), kind: fc.constant('ipv4' as const), value: arbIp }),
  fc.record({ type: fc.constantFrom(4, 6, 15), kind: fc.constant('u32' as const), value: fc.nat(0xffffffff) }),
  fc.record({ type: fc.constantFrom(9, 12, 20), kind: fc.constant('raw' as const), bytes: fc.array(fc.nat(255), { maxLength: 9 }) }),
);
const arbHeader = (type: fc.Arbitrary<number>) =>
  fc.record({ len: fc.constant(0), type, flags: fc.nat(0xffff), seq: fc.nat(0xffffffff), pid: fc.nat(0xffffffff) });
const arbRoute: fc.Arbitrary<NlMessage> = fc.record({
  header: arbHeader(fc.constantFrom(24, 25, 26)),
  payload: fc.record({
    kind: fc.constant('route' as const),
    rtmsg: fc.record({
      family: fc.nat(255),
      dstLen: fc.nat(32),
      srcLen: fc.nat(32),
      tos: fc.nat(255),
      table: fc.nat(255),
      protocol: fc.nat(255),
      scope: fc.nat(255),
      type: fc.nat(255),
      flags: fc.nat(0xffffffff),
    }),
    attrs: fc.array(arbAttr, { maxLength: 6 }),
  }),
});

function withLen(m: NlMessage): NlMessage {
  return { ...m, header: { ...m.header, len: encode(m).length } };
}

describe('wire format', () => {
  it('decode(encode(m)) = m for route messages', () => {
    fc.assert(
      fc.property(arbRoute, (m) => {
        expect(decodeOk(encode(m)).message).toEqual(withLen(m));
      }),
      { numRuns: 500 },
    );
  });

  it('decode(encode(m)) = m for errors that echo a request', () => {
    fc.assert(
      fc.property(arbRoute, fc.integer({ min: -200, max: 0 }), (req, error) => {
        const r = withLen(req);
        const m: NlMessage = { header: { len: 0, type: 2, flags: 0, seq: r.header.seq, pid: 7 }, payload: { kind: 'error', error, request: r } };
        expect(decodeOk(encode(m)).message).toEqual(withLen(m));
      }),
      { numRuns: 300 },
    );
  });

  it('every decoded field lies inside the message and no two fields overlap', () => {
    fc.assert(
      fc.property(arbRoute, (m) => {
        const bytes = encode(m);
        const { fields } = decodeOk(bytes);
        const covered = new Uint8Array(bytes.length);
        for (const f of fields) {
          expect(f.offset + f.length).toBeLessThanOrEqual(bytes.length);
          for (let i = f.offset; i < f.offset + f.length; i++) {
            expect(covered[i]).toBe(0);
            covered[i] = 1;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any truncation of a valid message is refused with a message, never a crash', () => {
    fc.assert(
      fc.property(arbRoute, fc.nat(), (m, cut) => {
        const bytes = encode(m);
        const n = cut % bytes.length;
        const r = decode(bytes.subarray(0, n));
        expect(r.ok ? '' : r.error.message).toMatch(/truncated|nlmsg_len|rtattr/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('forkScenario', () => {
  it('running the forked scenario from the start repeats the steps up to the fork, then runs the new action', () => {
    fc.assert(
      fc.property(arbScenario(), fc.nat(), (spec, pick) => {
        const t = run(spec);
        const n = pick % t.steps.length;
        const forked = forkScenario(t, n, [{ at: 0, do: 'read', actor: 'P1' }]);
        const again = run(forked);
        // The same events and bytes up to the fork point (causes are renumbered, so compare events).
        for (let i = 0; i <= n; i++) {
          expect(again.steps.at(i)!.event).toEqual(t.steps.at(i)!.event);
          expect(again.steps.at(i)!.timeMs).toBe(t.steps.at(i)!.timeMs);
        }
        const added = forked.actions.length - 1;
        expect(again.steps.some((s) => s.cause === added)).toBe(true);
        // Saved and reloaded, it gives the same trace again.
        expect(fingerprint(run(JSON.parse(JSON.stringify(forked))))).toBe(fingerprint(again));
      }),
      { numRuns: 150 },
    );
  });
});
