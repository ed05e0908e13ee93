/** A generated scenario of well over 100 000 steps: many subscribers, many requests, regular reads. */
import type { ActionSpec, ScenarioSpec } from '../src/engine';

export function largeScenario(requests = 4000, listeners = 20): ScenarioSpec {
  const processes = Array.from({ length: listeners + 1 }, (_, i) => ({ name: `P${i + 1}`, pid: 2000 + i }));
  const actions: ActionSpec[] = processes.slice(1).map((p) => ({ at: 0, do: 'bind', actor: p.name, groups: 0x40 }));
  let at = 10;
  for (let i = 0; i < requests; i++) {
    const dst = `10.${(i >> 8) & 255}.${i & 255}.0/24`;
    const add = i % 2 === 0;
    actions.push({
      at,
      do: 'send',
      actor: 'P1',
      request: add
        ? {
            type: 'RTM_NEWROUTE',
            flags: ['NLM_F_REQUEST', 'NLM_F_ACK', 'NLM_F_CREATE', 'NLM_F_EXCL'],
            seq: i + 1,
            route: { dst: `10.${(i >> 9) & 255}.${(i >> 1) & 255}.0/24`, gateway: '192.168.1.1', oif: 'eth0' },
          }
        : { type: 'RTM_DELROUTE', flags: ['NLM_F_REQUEST', 'NLM_F_ACK'], seq: i + 1, route: { dst: `10.${(i >> 9) & 255}.${(i >> 1) & 255}.0/24` } },
    });
    void dst;
    at += 5;
    if (i % 50 === 49) for (const p of processes) actions.push({ at, do: 'read', actor: p.name });
  }
  return { version: 1, id: 'bench', title: 'bench', summary: 'bench', goals: [], processes, routes: [], actions, settings: { latencyMs: 2 } };
}
