/**
 * A scenario near the format's limits — 12 processes, at most 5,000 actions, 200,000 steps — for
 * the browser benches: one process changes routes, eleven listen on four sockets each and read
 * regularly, so every request fans out into dozens of steps.
 */
import type { ActionSpec, ScenarioSpec } from '../src/engine';

export function bigScenario(requests = 2500, socketsEach = 4): ScenarioSpec {
  const sockets = Array.from({ length: socketsEach }, (_, i) => ({ name: `s${i}` }));
  const processes = [{ name: 'P1', pid: 2000 }, ...Array.from({ length: 11 }, (_, i) => ({ name: `P${i + 2}`, pid: 2001 + i, sockets }))];
  const actions: ActionSpec[] = processes
    .slice(1)
    .flatMap((p) => sockets.map((s) => ({ at: 0, do: 'bind' as const, actor: p.name, socket: s.name, groups: 0x40 })));
  let at = 10;
  for (let i = 0; i < requests; i++) {
    const route = { dst: `10.${(i >> 9) & 255}.${(i >> 1) & 255}.0/24` };
    actions.push({
      at,
      do: 'send',
      actor: 'P1',
      request:
        i % 2 === 0
          ? {
              type: 'RTM_NEWROUTE',
              flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'],
              seq: i + 1,
              route: { ...route, gateway: '192.168.1.1', oif: 'eth0' },
            }
          : { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'], seq: i + 1, route },
    });
    at += 5;
    if (i % 50 === 49) for (const p of processes.slice(1)) for (const s of sockets) actions.push({ at, do: 'read', actor: p.name, socket: s.name });
  }
  return {
    version: 1,
    id: 'big',
    title: 'A big run',
    summary: 'Route changes fanned out to 44 listening sockets.',
    goals: [],
    processes,
    routes: [],
    actions,
    settings: { latencyMs: 2 },
  };
}
