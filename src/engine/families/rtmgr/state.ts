/**
 * The module's state as rtmgr_mod.c keeps it: a fixed table of slots, each entry with its
 * interest list (port ids in registration order) and its timer. Immutable, like the world.
 */
import { failureEnglish } from '../../describe/failures';
import type { ModuleSpec } from '../../spec';
import type { World } from '../../model';
import { parsePrefix } from '../route/routes';
import { RTMGR_INITIAL, RTMGR_MAX_ENTRIES } from './uapi';

/** struct rtmgr_entry, for a used slot. */
export interface RtmgrEntry {
  name: string;
  dst: string;
  dstLen: number;
  /** msg.delay_ms: the delay its timer was armed with, 0 = not armed. */
  delayMs: number;
  /** listeners[]: port ids, in registration order. */
  listeners: readonly number[];
  /** The pending timer_list (a TimerState id), or null. */
  timer: string | null;
  /** A queued del_work (a TimerState id of kind 'rtmgr-work'), or null. */
  work: string | null;
}

export interface RtmgrState {
  /** The module parameter use_multicast. */
  useMulticast: boolean;
  /** table[RTMGR_MAX_ENTRIES]: null is a free slot (used = false). */
  slots: readonly (RtmgrEntry | null)[];
}

/** rtmgr_init(): the initial entries in the first slots, the rest free. A bad entry is a bug: scenarios are validated first. */
export function initialRtmgr(spec: ModuleSpec): RtmgrState {
  const entries = spec.entries ?? RTMGR_INITIAL;
  const slots: (RtmgrEntry | null)[] = Array.from({ length: RTMGR_MAX_ENTRIES }, () => null);
  entries.slice(0, RTMGR_MAX_ENTRIES).forEach((e, i) => {
    const p = parsePrefix(e.dst);
    if (!p.ok) throw new Error(`module entry ${e.name}: ${failureEnglish(p.error)}`);
    slots[i] = { name: e.name, dst: p.value.addr, dstLen: p.value.len, delayMs: 0, listeners: [], timer: null, work: null };
  });
  return { useMulticast: spec.useMulticast ?? false, slots };
}

/** rtmgr_find(): the slot of the used entry with this name, or -1. */
export function findSlot(m: RtmgrState, name: string): number {
  return m.slots.findIndex((e) => e !== null && e.name === name);
}

/** The entries in table order (the order a LIST dumps them). */
export function usedEntries(m: RtmgrState): RtmgrEntry[] {
  return m.slots.filter((e): e is RtmgrEntry => e !== null);
}

/** The world with slot i replaced. */
export function withSlot(w: World, i: number, e: RtmgrEntry | null): World {
  const m = w.rtmgr!;
  const slots = m.slots.slice();
  slots[i] = e;
  return { ...w, rtmgr: { ...m, slots } };
}
