/** fast-check generators for random but well-formed scenarios (used by the property tests and the bench). */
import fc from 'fast-check';
import type { ActionSpec, LabelledRouteSpec, ScenarioSpec } from './spec';

const FLAGS_NEW = ['NLM_F_ACK', 'NLM_F_ECHO', 'NLM_F_CREATE', 'NLM_F_EXCL', 'NLM_F_REPLACE'];
const FLAGS_DEL = ['NLM_F_ACK', 'NLM_F_ECHO'];

export function arbScenario(opts: { maxActions?: number } = {}): fc.Arbitrary<ScenarioSpec> {
  return fc
    .record({
      nproc: fc.integer({ min: 1, max: 4 }),
      nroutes: fc.integer({ min: 0, max: 4 }),
      seed: fc.integer({ min: 0, max: 1000 }),
      latency: fc.integer({ min: 1, max: 500 }),
      rcvbufs: fc.array(fc.constantFrom(60, 100, 200, 212_992), { minLength: 4, maxLength: 4 }),
      noEnobufs: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      raw: fc.array(
        fc.record({
          dt: fc.integer({ min: 0, max: 400 }),
          kind: fc.integer({ min: 0, max: 11 }),
          who: fc.nat(),
          net: fc.integer({ min: 0, max: 7 }),
          flags: fc.subarray(FLAGS_NEW),
          seq: fc.integer({ min: 0, max: 100 }),
          n: fc.integer({ min: 1, max: 3 }),
        }),
        { maxLength: opts.maxActions ?? 30 },
      ),
    })
    .map(({ nproc, nroutes, seed, latency, rcvbufs, noEnobufs, raw }) => {
      const names = Array.from({ length: nproc }, (_, i) => `P${i + 1}`);
      const routes: LabelledRouteSpec[] = Array.from({ length: nroutes }, (_, i) => ({
        label: `R${i + 1}`,
        dst: `10.0.${i}.0/24`,
        gateway: '192.168.1.1',
        oif: 'eth0',
      }));
      let at = 0;
      const actions: ActionSpec[] = raw.map((r) => {
        at += r.dt;
        const actor = names[r.who % nproc]!;
        const dst = `10.0.${r.net}.0/24`;
        switch (r.kind) {
          case 0:
            return { at, do: 'bind', actor, groups: r.seq % 2 ? 0x40 : 0 };
          case 1:
            return { at, do: 'join', actor, group: 7 };
          case 2:
            return { at, do: 'leave', actor, group: 7 };
          case 3:
            return {
              at,
              do: 'send',
              actor,
              request: { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', ...r.flags], seq: r.seq, route: { dst, gateway: '192.168.1.1', oif: 'eth0' } },
            };
          case 4:
            return {
              at,
              do: 'send',
              actor,
              request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', ...r.flags.filter((f) => FLAGS_DEL.includes(f))], seq: r.seq, route: { dst } },
            };
          case 5:
            return { at, do: 'send', actor, request: { type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_DUMP'], seq: r.seq } };
          case 6:
            return { at, do: 'read', actor, count: r.n };
          case 7:
            // A small buffer cuts datagrams short (MSG_TRUNC) and sizes later dump parts.
            return { at, do: 'read', actor, buffer: [100, 4096, 32768][r.n - 1]! };
          case 8:
            return { at, do: 'set-rcvbuf', actor, bytes: [60, 200, 4096][r.n - 1]! };
          case 9:
            return {
              at,
              do: 'set-option',
              actor,
              option: (['NETLINK_NO_ENOBUFS', 'NETLINK_CAP_ACK', 'NETLINK_EXT_ACK'] as const)[r.n - 1]!,
              value: r.seq % 2 === 0,
            };
          case 10:
            return { at, do: 'spawn', actor: `Q${r.n}`, pid: 5000 + r.n };
          case 11:
            return { at, do: 'open', actor, socket: `x${r.n}`, rcvbuf: 200 };
          default:
            return nroutes ? { at, do: 'arm-timer', route: `R${(r.seq % nroutes) + 1}`, afterMs: r.dt * 3 } : { at, do: 'read', actor };
        }
      });
      // Everyone joins at the start, so multicasts have members to fan out to.
      const start: ActionSpec[] = names.map((actor, i) => ({ at: 0, do: 'bind', actor, groups: i % 2 ? 0x40 : 0 }));
      const spec: ScenarioSpec = {
        version: 1,
        id: 'random',
        title: 'random',
        summary: 'random',
        goals: [],
        settings: { latencyMs: latency, seed },
        processes: names.map((name, i) => ({ name, pid: 1000 + i, sockets: [{ name: 's0', rcvbuf: rcvbufs[i]!, noEnobufs: noEnobufs[i]! }] })),
        routes,
        actions: [...start, ...actions],
      };
      return spec;
    });
}
