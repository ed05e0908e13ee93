/**
 * The encoder against bytes the real kernel sent (src/engine/fixtures/kernel-capture.json, made by
 * tools/capture-kernel.py in a network namespace). The simulated processes take the captured
 * sockets' port ids, so whole messages compare byte for byte.
 */
import { describe, expect, it } from 'vitest';
import capture from './fixtures/kernel-capture.json';
import { decode, encode, fromHex, run, toHex, type Decoded, type ActionSpec, type LabelledRouteSpec, type ScenarioSpec, type Timeline } from './index';

const cases = capture.cases;

function decodeOk(bytes: Uint8Array): Decoded {
  const r = decode(bytes);
  if (!r.ok) throw r.error;
  return r.value;
}
const REQUESTER = capture.ports.requester;
const SUBSCRIBED = capture.ports.subscribedRequester;

const R1 = { dst: '10.0.1.0/24', gateway: '192.168.1.1', oif: 'eth0', protocol: 'boot' as const };
// The default world is the capture namespace: lo, eth0 with 192.168.1.2/24 (its prefix route in
// main, its local and broadcast routes in local), eth1.

function scenario(routes: LabelledRouteSpec[], actions: ActionSpec[], pid = REQUESTER): ScenarioSpec {
  return {
    version: 1,
    id: 'golden',
    title: 'golden',
    summary: 'golden',
    goals: [],
    processes: [
      { name: 'REQ', pid },
      { name: 'MON', pid: 900 },
    ],
    routes,
    actions: [{ at: 0, do: 'bind', actor: 'MON', groups: 0x40 }, ...actions],
  };
}

/** Hex of every message of a kind, in send order, with the receiving process. */
function sent(t: Timeline, to: string): string[] {
  return t.steps
    .filter((s) => s.event.kind === 'message-delivered')
    .map((s) => t.messages.at((s.event as { message: number }).message)!)
    .filter((m) => m.to.kind === 'socket' && m.to.socket.startsWith(`${to}/`))
    .map((m) => toHex(m.bytes));
}

function requestHex(t: Timeline): string {
  return toHex(t.messages.find((m) => m.kind === 'request')!.bytes);
}

describe('encoder matches the real kernel byte for byte', () => {
  it('RTM_NEWROUTE with REQUEST|ACK|CREATE|EXCL: request, ACK (36 bytes, CAPPED) and the group notification', () => {
    const t = run(
      scenario(
        [],
        [
          {
            at: 0,
            do: 'send',
            actor: 'REQ',
            request: { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'], seq: 1, route: R1 },
          },
        ],
      ),
    );
    expect(requestHex(t)).toBe(cases.newroute_ack.request);
    expect(sent(t, 'REQ')).toEqual(cases.newroute_ack.replies);
    expect(sent(t, 'MON')).toEqual(cases.newroute_ack.notifications);
  });

  it('-EEXIST without NLM_F_ACK echoes the whole request', () => {
    const t = run(
      scenario(
        [{ label: 'R1', ...R1 }],
        [{ at: 0, do: 'send', actor: 'REQ', request: { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_CREATE', 'NLM_F_EXCL'], seq: 2, route: R1 } }],
      ),
    );
    expect(requestHex(t)).toBe(cases.newroute_eexist.request);
    expect(sent(t, 'REQ')).toEqual(cases.newroute_eexist.replies);
    expect(sent(t, 'MON')).toEqual([]);
  });

  it('-ESRCH for a route that does not exist', () => {
    const route = { dst: '10.0.9.0/24', protocol: 'boot' as const, scope: 'universe' as const, type: 'unicast' as const };
    const t = run(
      scenario([{ label: 'R1', ...R1 }], [{ at: 0, do: 'send', actor: 'REQ', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST'], seq: 3, route } }]),
    );
    expect(requestHex(t)).toBe(cases.delroute_esrch.request);
    expect(sent(t, 'REQ')).toEqual(cases.delroute_esrch.replies);
  });

  it('a dump: one NLM_F_MULTI RTM_NEWROUTE per route, main then local, then NLMSG_DONE (20 bytes) once the parts are read', () => {
    const t = run(
      scenario(
        [{ label: 'R1', ...R1 }],
        [
          { at: 0, do: 'send', actor: 'REQ', request: { type: 'RTM_GETROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_DUMP'], seq: 4 } },
          { at: 1000, do: 'read', actor: 'REQ' },
        ],
      ),
    );
    expect(requestHex(t)).toBe(cases.dump.request);
    expect(sent(t, 'REQ')).toEqual(cases.dump.replies);
  });

  it("RTM_DELROUTE with ACK: the notification has flags 0 and the request's seq and port id", () => {
    const route = { dst: R1.dst, protocol: R1.protocol, scope: 'universe' as const, type: 'unicast' as const };
    const t = run(
      scenario(
        [{ label: 'R1', ...R1 }],
        [{ at: 0, do: 'send', actor: 'REQ', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'], seq: 5, route } }],
      ),
    );
    expect(requestHex(t)).toBe(cases.delroute_ack.request);
    expect(sent(t, 'REQ')).toEqual(cases.delroute_ack.replies);
    expect(sent(t, 'MON')).toEqual(cases.delroute_ack.notifications);
  });

  const R2 = { dst: '10.0.2.0/24', gateway: '192.168.1.1', oif: 'eth0', priority: 100, protocol: 'boot' as const };
  it('a subscribed requester without NLM_F_ECHO gets its multicast copy before its ACK', () => {
    const t = run(
      scenario(
        [],
        [
          { at: 0, do: 'bind', actor: 'REQ', portId: SUBSCRIBED, groups: 0x40 },
          {
            at: 0,
            do: 'send',
            actor: 'REQ',
            request: { type: 'RTM_NEWROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'], seq: 6, route: R2 },
          },
        ],
      ),
    );
    expect(requestHex(t)).toBe(cases.subscribed_no_echo.request);
    expect(sent(t, 'REQ')).toEqual(cases.subscribed_no_echo.replies);
  });

  it('with NLM_F_ECHO the subscribed requester gets exactly one copy, then its ACK', () => {
    const route = { dst: '10.0.2.0/24', protocol: 'boot' as const, scope: 'universe' as const, type: 'unicast' as const };
    const t = run(
      scenario(
        [{ label: 'R2', ...R2 }],
        [
          { at: 0, do: 'bind', actor: 'REQ', portId: SUBSCRIBED, groups: 0x40 },
          { at: 0, do: 'send', actor: 'REQ', request: { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_ECHO'], seq: 7, route } },
        ],
      ),
    );
    expect(requestHex(t)).toBe(cases.subscribed_echo.request);
    expect(sent(t, 'REQ')).toEqual(cases.subscribed_echo.replies);
  });

  it('a route the kernel deletes on its own is announced with seq 0 and port id 0', () => {
    const t = run(
      scenario(
        [{ label: 'R3', dst: '10.0.3.0/24', oif: 'eth1', prefsrc: '10.0.3.1', protocol: 'kernel', scope: 'link' }],
        [{ at: 0, do: 'arm-timer', route: 'R3', afterMs: 2000 }],
      ),
    );
    expect(sent(t, 'MON')).toEqual([cases.kernel_timer_delroute.notifications[1]]);
  });

  it('decodes every captured message back to the same bytes', () => {
    const all = Object.values(cases).flatMap((c) => [
      ...('request' in c ? [c.request] : []),
      ...('replies' in c ? c.replies : []),
      ...('notifications' in c ? c.notifications : []),
    ]);
    expect(all.length).toBeGreaterThan(20);
    for (const hex of all) expect(toHex(encode(decodeOk(fromHex(hex)).message))).toBe(hex);
  });
});
