/**
 * The lecture module's route timers: a kernel timer armed on a route deletes it when it fires,
 * and the kernel, acting on its own, notifies with seq 0 and port id 0 (as fib_magic() changes do).
 */
import type { Failure } from '../../failure';
import { NETLINK_ROUTE } from '../../protocol/netlink';
import type { TimerState } from '../../model';
import type { Recorder } from '../../core/recorder';
import { enqueue, withoutTimer } from '../../core/world';
import { addressLifetime } from './addresses';
import { removeRoute } from './handlers';

/** mod_timer(): arm a timer that deletes the route after `afterMs`. */
export function armTimer(rec: Recorder, route: string, afterMs: number): Failure | null {
  const w = rec.world;
  if (!w.routes.some((r) => r.label === route)) return { id: 'no-route-to-time', route };
  const id = `T${w.nextTimer}`;
  const fireAt = w.timeMs + afterMs;
  const timer: TimerState = { id, protocol: NETLINK_ROUTE, kind: 'route', route, armedAt: w.timeMs, fireAt, cause: rec.cause ?? -1 };
  const next = enqueue({ ...w, nextTimer: w.nextTimer + 1, timers: { ...w.timers, [id]: timer } }, { kind: 'timer', at: fireAt, timer: id });
  rec.emit(next, { kind: 'timer-armed', timer: id, route, fireAt });
  return null;
}

/** del_timer(): the route stays. */
export function cancelTimer(rec: Recorder, route: string): Failure | null {
  const t = Object.values(rec.world.timers).find((x) => x.route === route && x.kind === 'route');
  if (!t) return { id: 'no-timer', route };
  rec.emit(withoutTimer(rec.world, t.id), { kind: 'timer-cancelled', timer: t.id, route });
  return null;
}

/** The timer callback: delete the route, if it is still there; an address timer ends an address lifetime. */
export function fireRouteTimer(rec: Recorder, t: TimerState): void {
  rec.emit(withoutTimer(rec.world, t.id), { kind: 'timer-fired', timer: t.id, route: t.route, ...(t.address ? { address: t.address } : {}) });
  if (t.kind !== 'route') return addressLifetime(rec, t);
  const victim = rec.world.routes.find((r) => r.label === t.route);
  if (victim) removeRoute(rec, victim, 0, 0);
}
