/**
 * The module's timers: ARM starts an entry's timer_list (mod_timer, so a second ARM moves the
 * deadline); the callback runs in softirq context and only schedules the work item; the work
 * item, in process context, deletes the entry and notifies with seq 0 and port id 0.
 */
import type { Failure } from '../../failure';
import type { TimerState } from '../../model';
import type { Recorder } from '../../core/recorder';
import { enqueue, withoutTimer } from '../../core/world';
import { rtmgrDelete } from './notify';
import { findSlot, withSlot } from './state';
import { NETLINK_RTMGR, RTMGR_DEFAULT_DELAY_MS } from './uapi';

function newTimer(rec: Recorder, kind: TimerState['kind'], entry: string, fireAt: number): { w: ReturnType<typeof enqueue>; id: string } {
  const w = rec.world;
  const id = `T${w.nextTimer}`;
  const timer: TimerState = { id, protocol: NETLINK_RTMGR, kind, route: entry, armedAt: w.timeMs, fireAt, cause: rec.cause ?? -1 };
  return { id, w: enqueue({ ...w, nextTimer: w.nextTimer + 1, timers: { ...w.timers, [id]: timer } }, { kind: 'timer', at: fireAt, timer: id }) };
}

/** rtmgr_arm(): delay_ms 0 means 10 000; mod_timer() replaces a pending deadline. */
export function rtmgrArm(rec: Recorder, slot: number, delayMs: number): number {
  const e = rec.world.rtmgr!.slots[slot]!;
  const delay = delayMs || RTMGR_DEFAULT_DELAY_MS;
  if (e.timer) rec.world = withoutTimer(rec.world, e.timer);
  const { w, id } = newTimer(rec, 'rtmgr-entry', e.name, rec.world.timeMs + delay);
  rec.emit(withSlot(w, slot, { ...e, delayMs: delay, timer: id }), { kind: 'timer-armed', timer: id, route: e.name, fireAt: w.timers[id]!.fireAt });
  return 0;
}

/** The scripted kernel-side ARM (a lecture's shortcut for a privileged process's request). */
export function rtmgrArmByName(rec: Recorder, name: string, afterMs: number): Failure | null {
  const m = rec.world.rtmgr;
  if (!m) return { id: 'module-not-loaded' };
  const slot = findSlot(m, name);
  if (slot < 0) return { id: 'no-entry-to-time', entry: name };
  rtmgrArm(rec, slot, afterMs);
  return null;
}

/** rtmgr_timer_fn(): softirq context, must not sleep: it hands over to the workqueue (schedule_work). */
function rtmgrTimerFn(rec: Recorder, t: TimerState): void {
  let w = withoutTimer(rec.world, t.id);
  const m = w.rtmgr!;
  const slot = findSlot(m, t.route);
  const e = slot < 0 ? null : m.slots[slot]!;
  // A timer whose entry was deleted (or deleted and added again) finds nothing to do.
  if (!e || e.timer !== t.id) {
    rec.emit(w, { kind: 'timer-fired', timer: t.id, route: t.route });
    return;
  }
  rec.world = w;
  const { w: queued, id } = e.work ? { w, id: e.work } : newTimer(rec, 'rtmgr-work', e.name, w.timeMs);
  w = withSlot(queued, slot, { ...e, timer: null, work: id });
  rec.emit(w, { kind: 'timer-fired', timer: t.id, route: t.route });
}

/** rtmgr_del_work(): under the mutex, delete the entry if it is still there and armed; seq 0, port id 0. */
function rtmgrDelWork(rec: Recorder, t: TimerState): void {
  const w = withoutTimer(rec.world, t.id);
  const slot = findSlot(w.rtmgr!, t.route);
  const e = slot < 0 ? null : w.rtmgr!.slots[slot]!;
  if (!e || e.work !== t.id) {
    rec.world = w;
    return;
  }
  rec.world = withSlot(w, slot, { ...e, work: null });
  if (e.delayMs) rtmgrDelete(rec, slot, 0, 0);
}

/** KernelFamily.fire: the timer callback, or the work item it scheduled. */
export function rtmgrFire(rec: Recorder, t: TimerState): void {
  if (t.kind === 'rtmgr-work') rtmgrDelWork(rec, t);
  else rtmgrTimerFn(rec, t);
}
