/**
 * Properties of the capture code: export then import gives back the same datagrams (times, ports,
 * bytes, multicast copies) for random scenarios; the reader never crashes or hangs on damaged
 * input, and every rejection says where.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fifoToArray, run, toHex, type Timeline } from '../engine';
import { arbScenario } from '../engine/arbitraries.test-helpers';
import { CaptureError, datagramsOf, exportCapture, importCapture, readCapture, writePcapng, type Datagram } from './index';
import { PACKET_KERNEL, PACKET_USER } from './nlmon';
import { fixtureCapture, largeCapture, lectureTimeline, nlmonPacket } from './test-helpers';

const wire = (ds: readonly Datagram[]) =>
  ds.map((d) => ({ timeMs: d.timeMs, direction: d.direction, fromPort: d.fromPort, toPort: d.toPort, hex: toHex(d.bytes) }));
const copyCounts = (t: Timeline) =>
  t.steps
    .flatMap((s) =>
      s.event.kind === 'message-sent' && s.event.copies
        ? [s.event.copies.filter((c) => t.steps.some((x) => x.event.kind === 'message-delivered' && x.event.message === c))]
        : [],
    )
    .filter((c) => c.length)
    .map((c) => c.map((id) => toHex(t.messages.at(id)!.bytes)));

describe('round trip', () => {
  it('export → import gives the same datagrams, port ids, times and multicast copies (pcapng)', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const t = run(spec);
        const back = importCapture(readCapture(exportCapture(t, 'pcapng'))).timeline;
        expect(wire(datagramsOf(back))).toEqual(wire(datagramsOf(t)));
        expect(copyCounts(back)).toEqual(copyCounts(t));
        // Steps stay in time order, as seekTime needs.
        for (let i = 1; i < back.steps.length; i++) expect(back.steps.at(i)!.timeMs).toBeGreaterThanOrEqual(back.steps.at(i - 1)!.timeMs);
      }),
      { numRuns: 200 },
    );
  });

  it('classic pcap keeps times, directions and bytes (it has no comments to name the sockets)', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const t = run(spec);
        const f = readCapture(exportCapture(t, 'pcap'));
        const ds = datagramsOf(t);
        expect(f.packets.map((p) => [p.timeUs / 1000, p.pktType === PACKET_USER ? 'to-user' : 'to-kernel', toHex(p.datagram)])).toEqual(
          ds.map((d) => [d.timeMs, d.direction, toHex(d.bytes)]),
        );
        importCapture(f);
      }),
      { numRuns: 100 },
    );
  });
});

/** Damage a valid file: overwrite, cut, insert or drop bytes. */
const arbDamaged = fc
  .oneof(fc.constantFrom(exportCapture(lectureTimeline('echo'), 'pcapng'), exportCapture(lectureTimeline('dump'), 'pcap'), fixtureCapture().bytes))
  .chain((good) =>
    fc
      .array(
        fc.oneof(
          fc.record({ op: fc.constant('set' as const), at: fc.nat(good.length - 1), value: fc.integer({ min: 0, max: 255 }) }),
          fc.record({ op: fc.constant('cut' as const), at: fc.nat(good.length) }),
          fc.record({ op: fc.constant('insert' as const), at: fc.nat(good.length), bytes: fc.uint8Array({ maxLength: 12 }) }),
          fc.record({
            op: fc.constant('u32' as const),
            at: fc.nat(good.length - 4),
            value: fc.oneof(fc.constantFrom(0, 1, 11, 12, 16, 0xffffffff, 0x7fffffff), fc.nat()),
          }),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((ops) => {
        let b = good.slice();
        for (const o of ops) {
          if (o.op === 'set') b[Math.min(o.at, b.length - 1)] = o.value;
          else if (o.op === 'cut') b = b.slice(0, o.at);
          else if (o.op === 'insert') b = Uint8Array.from([...b.subarray(0, o.at), ...o.bytes, ...b.subarray(o.at)]);
          else if (o.at + 4 <= b.length) new DataView(b.buffer).setUint32(o.at, o.value >>> 0, true);
        }
        return b;
      }),
  );

/** Each step's world, checked against a walk of the events: queues hold what was delivered so far. */
function checkWorlds(t: Timeline): void {
  const queues = new Map<string, number[]>();
  let count = 0;
  for (const s of t.steps) {
    const e = s.event;
    if (e.kind === 'message-sent') count = Math.max(count, e.message + 1 + (e.copies?.length ?? 0));
    if (e.kind === 'message-delivered') {
      const to = t.messages.at(e.message)!.to;
      if (to.kind === 'socket') queues.set(to.socket, [...(queues.get(to.socket) ?? []), e.message]);
    }
    expect(s.world.timeMs).toBe(s.timeMs);
    expect(s.world.messageCount).toBe(count);
    for (const sock of s.world.sockets) expect(fifoToArray(sock.queue)).toEqual(queues.get(sock.id) ?? []);
  }
}

describe('imported worlds', () => {
  it('every step of a long capture has the world its events say, across checkpoints, in any order of looking', () => {
    const t = importCapture(readCapture(largeCapture(1000))).timeline;
    expect(t.steps.length).toBeGreaterThan(1000);
    // Look at a late step first, so it is rebuilt from a checkpoint rather than walked to.
    expect(t.steps.at(777)!.world.timeMs).toBe(t.steps.at(777)!.timeMs);
    checkWorlds(t);
  });

  it('holds for random scenarios exported and imported', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => checkWorlds(importCapture(readCapture(exportCapture(run(spec)))).timeline)),
      { numRuns: 100 },
    );
  });
});

describe('other families', () => {
  it('keep their messages as opaque, inspectable bytes', () => {
    // A generic netlink CTRL_CMD_GETFAMILY request and its answer: type 24 here is not RTM_NEWROUTE.
    const req = Uint8Array.from([20, 0, 0, 0, 24, 0, 5, 0, 9, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0]);
    const ack = Uint8Array.from([36, 0, 0, 0, 2, 0, 0, 1, 9, 0, 0, 0, 0x39, 0x30, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 24, 0, 5, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
    const file = writePcapng([nlmonPacket(1_700_000_000_000_000, PACKET_KERNEL, req, 16), nlmonPacket(1_700_000_000_000_010, PACKET_USER, ack, 16)]);
    const imp = importCapture(readCapture(file), { name: 'genl.pcapng' });
    const [m0, m1] = imp.timeline.messages;
    expect(m0!.message.payload).toEqual({ kind: 'raw', bytes: [3, 1, 0, 0] });
    expect(toHex(m0!.bytes)).toBe(toHex(req));
    expect(m1!.kind).toBe('reply');
    expect(m1!.to).toEqual({ kind: 'socket', socket: 'P12345/s0' });
    expect(imp.notes.join(' ')).toMatch(/2 packets are from other netlink families \(e.g. NETLINK_GENERIC\): shown as opaque bytes/);
  });
});

describe('reader fuzzing', () => {
  it('never crashes on damaged or random files; every rejection names the byte offset (and the packet when in one)', () => {
    const start = Date.now();
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: arbDamaged }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) }), (bytes) => {
        try {
          const f = readCapture(bytes);
          importCapture(f);
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureError);
          const err = e as CaptureError;
          expect(err.message).toMatch(/^(packet \d+, )?byte \d+: \S/);
          expect(err.offset).toBeGreaterThanOrEqual(0);
          expect(err.offset).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(Date.now() - start).toBeLessThan(60_000);
  }, 90_000);

  it('names the packet and offset of a bad message', () => {
    const good = nlmonPacket(1, PACKET_USER, Uint8Array.from([20, 0, 0, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const bad = nlmonPacket(2, PACKET_USER, Uint8Array.from([99, 0, 0, 0, 3, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const file = writePcapng([good, bad]);
    expect(() => readCapture(file)).toThrow(/^packet 2, byte \d+: netlink message 1 has nlmsg_len 99, but only 20 bytes are left/);
  });

  it('says what is wrong with other files', () => {
    expect(() => readCapture(new TextEncoder().encode('{"version": 1}'))).toThrow(/^byte 0: not a pcap or pcapng file: it starts with 7b 22 76 65/);
    const eth = exportCapture(lectureTimeline('echo'), 'pcap');
    new DataView(eth.buffer).setUint32(20, 1, true);
    expect(() => readCapture(eth)).toThrow(/byte 20: the file's link type is LINKTYPE_ETHERNET \(Ethernet\), not LINKTYPE_NETLINK \(253\)/);
    const cut = exportCapture(lectureTimeline('echo'), 'pcap');
    expect(() => readCapture(cut.subarray(0, cut.length - 5))).toThrow(/^packet 13, byte \d+: the packet claims \d+ captured bytes, but the file ends/);
    // The beginning of a bigger file: the cut is where loading stopped, said once.
    expect(readCapture(cut.subarray(0, cut.length - 5), { partialOf: 2e9 }).truncated).toMatch(/only the first 0 MB of 2000 MB were read \(12 packets\)/);
  });

  it('loads the first 200,000 messages of a bigger capture by default, and says so', () => {
    const f = readCapture(largeCapture(200_004));
    expect(f.messageCount).toBe(200_000);
    expect(f.truncated).toBe('only the first 200,000 netlink messages (packets 1–200,000) were loaded; the cap is 200,000');
    const imp = importCapture(f, { name: 'big.pcapng' });
    expect(imp.notes.at(-1)).toMatch(/^Not everything was loaded: only the first 200,000/);
    expect(imp.timeline.truncated).toBe(true);
  }, 120_000);

  it('caps the number of messages it loads, whole datagrams only, saying so', () => {
    const t = lectureTimeline('dump');
    const ds = datagramsOf(t);
    // The cap falls inside the dump's first packed datagram: only the datagrams before it load.
    let fit = 0;
    let n = 0;
    while (fit < ds.length && n + ds[fit]!.messages.length <= 3) n += ds[fit++]!.messages.length;
    expect(fit).toBeLessThan(ds.length);
    const f = readCapture(exportCapture(t), { maxMessages: 3 });
    expect(f.messageCount).toBe(n);
    expect(f.packets).toHaveLength(fit);
    expect(f.truncated).toBe(`only the first ${n} netlink messages (packets 1–${fit}) were loaded; the cap is 3`);
    expect(importCapture(f).timeline.truncated).toBe(true);
  });
});
