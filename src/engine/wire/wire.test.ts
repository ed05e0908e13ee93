/**
 * The fast paths of the encoder against the tables they write out, and a run's lazily encoded
 * messages against eager encoding: a message's length comes from its fields (encodedLength), its
 * bytes only when read, and multicast copies share one encoding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '../arbitraries.test-helpers';
import { run } from '../timeline';
import { RTMSG, writeRtmsg, type RtMsg } from '../families/route/rtmsg';
import { messageLength } from '../core/message';
import { ipv4ToBytes, WireError, writeIpv4 } from './bytes';
import { encode, encodedLength, NLMSGHDR, writeHeader, type NlMessage, type NlMsgHeader } from './message';
import { writeStruct } from './struct';
import type { NlAttr } from './attr';

const u32 = fc.nat(0xffffffff);
const arbIp = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
const arbAttr: fc.Arbitrary<NlAttr> = fc.oneof(
  fc.record({ type: fc.nat(30), kind: fc.constant('ipv4' as const), value: arbIp }),
  fc.record({ type: fc.nat(30), kind: fc.constant('u32' as const), value: u32 }),
  fc.record({ type: fc.nat(30), kind: fc.constant('string' as const), value: fc.string({ unit: 'binary-ascii', maxLength: 12 }) }),
  fc.record({ type: fc.nat(30), kind: fc.constant('u32s' as const), values: fc.array(u32, { maxLength: 4 }) }),
  fc.record({ type: fc.nat(30), kind: fc.constant('raw' as const), bytes: fc.array(fc.nat(255), { maxLength: 9 }) }),
);
const arbHeader: fc.Arbitrary<NlMsgHeader> = fc.record({ len: u32, type: fc.nat(0xffff), flags: fc.nat(0xffff), seq: u32, pid: u32 });
const arbRtmsg: fc.Arbitrary<RtMsg> = fc.record({
  family: fc.nat(255),
  dstLen: fc.nat(255),
  srcLen: fc.nat(255),
  tos: fc.nat(255),
  table: fc.nat(255),
  protocol: fc.nat(255),
  scope: fc.nat(255),
  type: fc.nat(255),
  flags: u32,
});
const arbPlain: fc.Arbitrary<NlMessage> = fc.oneof(
  fc.record({ header: arbHeader, payload: fc.record({ kind: fc.constant('route' as const), rtmsg: arbRtmsg, attrs: fc.array(arbAttr, { maxLength: 6 }) }) }),
  fc.record({
    header: arbHeader,
    payload: fc.record({
      kind: fc.constant('addr' as const),
      ifa: fc.record({ family: fc.nat(255), prefixLen: fc.nat(32), flags: fc.nat(255), scope: fc.nat(255), index: u32 }),
      attrs: fc.array(arbAttr, { maxLength: 5 }),
    }),
  }),
  fc.record({ header: arbHeader, payload: fc.record({ kind: fc.constant('done' as const), value: fc.integer({ min: -200, max: 0 }) }) }),
  fc.record({ header: arbHeader, payload: fc.record({ kind: fc.constant('raw' as const), bytes: fc.array(fc.nat(255), { maxLength: 11 }) }) }),
  fc.record({
    header: arbHeader,
    payload: fc.record({
      kind: fc.constant('rtmgr' as const),
      name: fc.string({ unit: 'binary-ascii', maxLength: 8 }),
      dst: arbIp,
      dstLen: fc.nat(32),
      delayMs: u32,
    }),
  }),
);
const arbMessage: fc.Arbitrary<NlMessage> = fc.oneof(
  arbPlain,
  fc.record({
    header: arbHeader,
    payload: fc.record(
      { kind: fc.constant('error' as const), error: fc.integer({ min: -200, max: 0 }), request: arbPlain, extAck: fc.array(arbAttr, { maxLength: 3 }) },
      { requiredKeys: ['kind', 'error', 'request'] },
    ),
  }),
);

describe('the encoder', () => {
  it('encodedLength(m) is the length encode(m) writes, for any message', () => {
    fc.assert(
      fc.property(arbMessage, (m) => {
        const bytes = encode(m);
        expect(encodedLength(m)).toBe(bytes.length);
        expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true)).toBe(bytes.length);
      }),
      { numRuns: 500 },
    );
  });

  it('one message encoded after another is the same bytes as alone (nothing of the one before is left in its padding)', () => {
    fc.assert(
      fc.property(arbMessage, arbMessage, (a, b) => {
        const alone = encode(b);
        const first = encode(a);
        const again = encode(b);
        expect(again).toEqual(alone);
        // Each result is its own copy.
        again.fill(0xff);
        expect(encode(a)).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('writeHeader and writeRtmsg write what the struct tables say', () => {
    const twice = <T>(layout: Parameters<typeof writeStruct<T>>[2], write: (buf: Uint8Array, view: DataView, v: T) => void, v: T) => {
      const a = new Uint8Array(layout.size + 8);
      const b = new Uint8Array(layout.size + 8);
      writeStruct(new DataView(a.buffer), 4, layout, v);
      write(b, new DataView(b.buffer), v);
      expect(b).toEqual(a);
    };
    fc.assert(
      fc.property(arbHeader, arbRtmsg, (h, r) => {
        twice(NLMSGHDR, (_, view, v) => writeHeader(view, 4, v), h);
        twice(RTMSG, (buf, view, v) => writeRtmsg(buf, view, 4, v), r);
      }),
      { numRuns: 300 },
    );
  });

  it('writeIpv4 writes what ipv4ToBytes gives, and refuses what it refuses, with the same message', () => {
    const near = fc.oneof(arbIp, fc.stringMatching(/^[0-9.]{0,16}$/), fc.string({ maxLength: 16 }));
    fc.assert(
      fc.property(near, (s) => {
        let expected: number[] | string;
        try {
          expected = ipv4ToBytes(s);
        } catch (e) {
          expected = (e as WireError).message;
        }
        const buf = new Uint8Array(6);
        let got: number[] | string;
        try {
          writeIpv4(buf, 1, s);
          got = Array.from(buf.subarray(1, 5));
        } catch (e) {
          got = (e as WireError).message;
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a run encodes lazily', () => {
  it('every message of a random scenario: bytes read later equal encoding it eagerly, its length is known before, copies share the bytes', () => {
    fc.assert(
      fc.property(arbScenario(), (spec) => {
        const t = run(spec);
        for (const m of t.messages) {
          const eager = encode(m.message);
          expect(messageLength(m)).toBe(eager.length);
          expect(m.bytes).toEqual(eager);
          expect(m.bytes).toBe(m.bytes);
          if (m.copyOf !== undefined) expect(m.bytes).toBe(t.messages.at(m.copyOf)!.bytes);
        }
      }),
      { numRuns: 100 },
    );
  });
});
