/**
 * Whatever a view needs to know about the history of a run, computed once per timeline, so that
 * every view draws a step from that step and this index alone, never by looking at neighbouring
 * steps: when each message was sent, delivered (or dropped) and read, which processes ever exist
 * (the lanes), every change to the routing table with its cause, the copy number of each multicast
 * copy, scrubber markers and idle gaps.
 */
import {
  NETLINK_ROUTE,
  processOfSocket,
  type Message,
  type MessageKind,
  type QuestionSpec,
  type Route,
  type Step,
  type Timeline,
  type TimerState,
} from '../engine';
import { captions, findStep, type Caption } from '../scenarios';
import { groupOfStep, similarRuns, stepKind, type StepGroup } from './similarSteps';

export type MarkerKind = MessageKind | 'state';

export interface Marker {
  step: number;
  timeMs: number;
  kind: MarkerKind;
}

/** A process that exists at some point of the run, and the step from which it does. */
export interface Lane {
  process: string;
  /** 0 for the scenario's own processes; the process-started step for one spawned later. */
  fromStep: number;
}

/** Why the routing table changed: a process's request, or one of the kernel's timers (a route's, an address lifetime). */
export type RouteCause = { kind: 'request'; process: string; message: number } | { kind: 'timer'; timer: string };

/** Something the kernel's route module did, as the routing table's footer reports it. */
export type KernelChange = { step: number; timeMs: number } & (
  | { kind: 'route'; change: 'added' | 'replaced' | 'removed'; route: Route; cause: RouteCause | null }
  | { kind: 'address-removed'; address: string; cause: RouteCause | null }
  | { kind: 'timer-armed'; route: string; fireAt: number }
  | { kind: 'timer-cancelled'; route: string }
  | { kind: 'timer-fired'; route: string; address?: string }
);

export interface TimelineIndex {
  timeline: Timeline;
  /** Step at which message i was sent, or -1. */
  sentStep: Int32Array;
  /** Step at which message i reached its receiver (delivered or dropped), or -1 if never. */
  outcomeStep: Int32Array;
  dropped: Uint8Array;
  /** Step at which message i was read by its socket, or -1. */
  readStep: Int32Array;
  /**
   * The scrubber's markers: every one when there are at most MARKER_SLOTS, else one per slot of the
   * track, the first of its kind there, an error before anything else.
   */
  markers: Marker[];
  idle: Array<{ fromMs: number; toMs: number }>;
  endMs: number;
  captions: Caption[];
  /** The question asked just before each step that has one. */
  questionAt: Map<number, QuestionSpec>;
  /** Every process that ever exists, in order of appearance (the kernel is not one). */
  lanes: Lane[];
  /** Route additions, replacements and removals, and timers armed or cancelled, in step order. */
  kernelChanges: KernelChange[];
  /** For each step: the index in kernelChanges of the latest change at or before it, or -1. */
  lastKernelChange: Int32Array;
  /** For message i, a member's copy of a multicast: which copy it is (1-based), else 0. */
  copyNumber: Int32Array;
  /** For message i, a member's copy of a multicast: how many copies the multicast made, else 0. */
  copyCount: Int32Array;
  /** For each step, how many messages are travelling after it. */
  flying: Int32Array;
  /** The messages that travel (see inFlight), in order of the step that sends them; ties by id. */
  flights: Int32Array;
  /** flights[i]'s sending step, for a binary search by step. */
  flightSent: Int32Array;
  /** Runs of similar steps that "skip similar steps" crosses in one press (never across a caption or a question). */
  groups: StepGroup[];
  /** For each step, its index in groups, or -1. */
  groupOf: Int32Array;
}

/** Marker slots along the scrubber's track: more could not be told apart, and a long run would draw thousands. */
export const MARKER_SLOTS = 600;

/** The scrubber's track spans this many ms of simulated time: the run, and at least a second. */
export function trackMs(endMs: number): number {
  return Math.max(endMs, 1000);
}

/** A quiet stretch longer than this is "idle time" that playback may skip. */
export const IDLE_GAP_MS = 1500;

/** An index being built a slice at a time (see startIndex); indexTimeline is the same in one go. */
export interface Indexer {
  /** Index at most `maxSteps` more steps (or messages, in the second phase); true when the index is complete. */
  advance(maxSteps: number): boolean;
  /** Steps and messages indexed so far, out of `total`. */
  readonly done: number;
  readonly total: number;
  /** The index, once advance() has returned true. */
  index(): TimelineIndex;
}

/**
 * Start indexing a timeline in slices, so that a 200,000-step run is indexed without a long task on
 * the page's thread. Whatever the slices, the index equals indexTimeline's.
 */
export function startIndex(t: Timeline): Indexer {
  const n = t.messages.length;
  const stepCount = t.steps.length;
  const sentStep = new Int32Array(n).fill(-1);
  const outcomeStep = new Int32Array(n).fill(-1);
  const readStep = new Int32Array(n).fill(-1);
  const dropped = new Uint8Array(n);
  // Every marker while there are at most MARKER_SLOTS, and the one each slot of the track keeps.
  const markers: Marker[] = [];
  let markerCount = 0;
  const slots = new Map<number, Marker>();
  const track = trackMs(t.steps.at(stepCount - 1)!.timeMs);
  const mark = (s: Step, kind: MarkerKind) => {
    const mk = { step: s.index, timeMs: s.timeMs, kind };
    if (++markerCount <= MARKER_SLOTS) markers.push(mk);
    const slot = Math.floor((Math.min(mk.timeMs, track) / track) * MARKER_SLOTS);
    const held = slots.get(slot);
    if (!held || (kind === 'error' && held.kind !== 'error')) slots.set(slot, mk);
  };
  const lanes: Lane[] = t.steps.at(0)!.world.processOrder.map((process) => ({ process, fromStep: 0 }));
  const kernelChanges: KernelChange[] = [];
  const lastKernelChange = new Int32Array(stepCount).fill(-1);
  const idle: TimelineIndex['idle'] = [];
  const questionAt = new Map<number, QuestionSpec>();
  for (const q of t.spec.questions ?? []) {
    const at = findStep(t, q.before);
    if (at !== undefined && at > 0 && !questionAt.has(at)) questionAt.set(at, q);
  }
  const caps = captions(t);
  const runs = similarRuns(new Set([...caps.map((c) => c.step), ...questionAt.keys()]));
  // What the kernel is acting on: the request it received last, or the timer that fired last. A change
  // at another moment than that has no known cause (null): the kernel acted on its own.
  let handling: { cause: RouteCause; timeMs: number } | null = null;

  function indexStep(s: Step): void {
    const e = s.event;
    const at = { step: s.index, timeMs: s.timeMs };
    const cause = handling && handling.timeMs === s.timeMs ? handling.cause : null;
    switch (e.kind) {
      case 'process-started':
        lanes.push({ process: e.process, fromStep: s.index });
        mark(s, 'state');
        break;
      case 'route-added':
        kernelChanges.push({ ...at, kind: 'route', change: e.replaced ? 'replaced' : 'added', route: e.route, cause });
        mark(s, 'state');
        break;
      case 'route-removed':
        kernelChanges.push({ ...at, kind: 'route', change: 'removed', route: e.route, cause });
        mark(s, 'state');
        break;
      case 'address-removed':
        kernelChanges.push({ ...at, kind: 'address-removed', address: e.address, cause });
        mark(s, 'state');
        break;
      case 'timer-armed':
        kernelChanges.push({ ...at, kind: 'timer-armed', route: e.route, fireAt: e.fireAt });
        mark(s, 'state');
        break;
      case 'timer-cancelled':
        kernelChanges.push({ ...at, kind: 'timer-cancelled', route: e.route });
        mark(s, 'state');
        break;
      case 'timer-fired':
        handling = { cause: { kind: 'timer', timer: e.timer }, timeMs: s.timeMs };
        // A timer that takes a route away: the stage shows that route as going until it goes.
        if (endsRoute(t.steps.before(s.index)?.world.timers[e.timer]))
          kernelChanges.push({ ...at, kind: 'timer-fired', route: e.route, ...(e.address ? { address: e.address } : {}) });
        mark(s, 'state');
        break;
      case 'message-sent':
        sentStep[e.message] = s.index;
        for (const c of e.copies ?? []) sentStep[c] = s.index;
        mark(s, t.messages.at(e.message)!.kind);
        break;
      case 'message-delivered': {
        outcomeStep[e.message] = s.index;
        const m = t.messages.at(e.message)!;
        if (m.to.kind === 'kernel' && m.from.kind === 'socket')
          handling = { cause: { kind: 'request', process: processOfSocket(m.from.socket), message: m.id }, timeMs: s.timeMs };
        break;
      }
      case 'message-dropped':
        outcomeStep[e.message] = s.index;
        dropped[e.message] = 1;
        mark(s, 'error');
        break;
      case 'message-read':
        readStep[e.message] = s.index;
        mark(s, 'state');
        break;
      case 'start':
        break;
      default:
        mark(s, 'state');
    }
    lastKernelChange[s.index] = kernelChanges.length - 1;
    if (s.index > 0) {
      runs.push(s.index, stepKind(s, t));
      const before = t.steps.at(s.index - 1)!.timeMs;
      if (s.timeMs - before > IDLE_GAP_MS) idle.push({ fromMs: before, toMs: s.timeMs });
    }
  }

  // Second phase, once every step is indexed: each multicast copy's number, and how many messages
  // travel after each step (+1 at the step that sends one, -1 at the step it arrives).
  const copyNumber = new Int32Array(n);
  const copyCount = new Int32Array(n);
  const copiesSoFar = new Map<number, number>();
  const flyingDelta = new Int32Array(stepCount + 1);
  // The travelling messages by sending step, by a counting sort: counted here, placed in the third
  // phase (stable, so that ties stay in id order).
  const flightStarts = new Int32Array(stepCount + 1);
  function indexMessage(m: Message): void {
    if (m.copyOf !== undefined) {
      const nth = (copiesSoFar.get(m.copyOf) ?? 0) + 1;
      copiesSoFar.set(m.copyOf, nth);
      copyNumber[m.id] = nth;
    }
    if (travels(m)) {
      const s = sentStep[m.id]!;
      flyingDelta[s]!++;
      flightStarts[s + 1]!++;
      const o = outcomeStep[m.id]!;
      if (o >= 0) flyingDelta[o]!--;
    }
  }
  /** Drawn travelling for at least one step: sent to a socket or the kernel, and not received at the step that sent it. */
  function travels(m: Message): boolean {
    const s = sentStep[m.id]!;
    return s >= 0 && m.to.kind !== 'group' && outcomeStep[m.id] !== s;
  }

  // Third phase, once every copy is counted: how many copies each multicast made, and each
  // travelling message in its place.
  let flights: Int32Array | null = null;
  let flightSent: Int32Array | null = null;
  function placeMessage(m: Message): void {
    if (m.copyOf !== undefined) copyCount[m.id] = copiesSoFar.get(m.copyOf)!;
    if (travels(m)) {
      const s = sentStep[m.id]!;
      const at = flightStarts[s]!++;
      flights![at] = m.id;
      flightSent![at] = s;
    }
  }
  function startPlacing(): void {
    for (let i = 0; i < stepCount; i++) flightStarts[i + 1]! += flightStarts[i]!;
    flights = new Int32Array(flightStarts[stepCount]!);
    flightSent = new Int32Array(flights.length);
  }

  let step = 0;
  let message = 0;
  let placed = 0;
  let result: TimelineIndex | null = null;
  return {
    get done() {
      return step + message + placed;
    },
    total: stepCount + 2 * n,
    advance(max) {
      let budget = max;
      for (; step < stepCount && budget > 0; step++, budget--) indexStep(t.steps.at(step)!);
      for (; step === stepCount && message < n && budget > 0; message++, budget--) indexMessage(t.messages.at(message)!);
      if (message === n && !flights) startPlacing();
      for (; message === n && placed < n && budget > 0; placed++, budget--) placeMessage(t.messages.at(placed)!);
      if (step < stepCount || placed < n) return false;
      result ??= finish();
      return true;
    },
    index() {
      if (!result) throw new Error('the index is not complete');
      return result;
    },
  };

  function finish(): TimelineIndex {
    const flying = new Int32Array(stepCount);
    let c = 0;
    for (let i = 0; i < stepCount; i++) flying[i] = c += flyingDelta[i]!;
    const groups = runs.end();
    return {
      timeline: t,
      sentStep,
      outcomeStep,
      readStep,
      dropped,
      markers: markerCount <= MARKER_SLOTS ? markers : [...slots.values()],
      idle,
      endMs: t.steps.at(stepCount - 1)!.timeMs,
      captions: caps,
      questionAt,
      lanes,
      kernelChanges,
      lastKernelChange,
      copyNumber,
      copyCount,
      flying,
      flights: flights!,
      flightSent: flightSent!,
      groups,
      groupOf: groupOfStep(stepCount, groups),
    };
  }
}

export function indexTimeline(t: Timeline): TimelineIndex {
  const ix = startIndex(t);
  ix.advance(Infinity);
  return ix.index();
}

/**
 * Messages drawn travelling at (step, time), in id order: sent at or before the step, not yet
 * arrived after it. Read backwards from the last message sent by the step until all `flying[step]`
 * are found, so the cost is the span of the oldest flight, not the length of the run (a full scan
 * took 2 ms at 200,000 steps, on every update of the store).
 */
export function inFlight(ix: TimelineIndex, step: number): number[] {
  const want = ix.flying[step] ?? 0;
  const out: number[] = [];
  if (want === 0) return out;
  let lo = 0;
  let hi = ix.flightSent.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.flightSent[mid]! <= step) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && out.length < want; i--) {
    const id = ix.flights[i]!;
    const o = ix.outcomeStep[id]!;
    if (o === -1 || o > step) out.push(id);
  }
  return out.sort((a, b) => a - b);
}

/** Whether the stage has anything to animate at this step: a message travelling, or one just dropped. */
export function anyInFlight(ix: TimelineIndex, step: number): boolean {
  if (ix.timeline.steps.at(step)?.event.kind === 'message-dropped') return true;
  return (ix.flying[step] ?? 0) > 0;
}

/** Where a message is along its path at a time: 0 at the sender, 1 at the receiver. */
export function progress(sentAt: number, deliverAt: number, now: number): number {
  if (deliverAt <= sentAt) return 1;
  return Math.min(1, Math.max(0, (now - sentAt) / (deliverAt - sentAt)));
}

/**
 * Where to draw it: a just-sent envelope is drawn a little way out, so the copies of a
 * multicast are already fanned apart at the moment they are sent.
 */
export function drawnProgress(sentAt: number, deliverAt: number, now: number): number {
  return 0.45 + 0.55 * progress(sentAt, deliverAt, now);
}

/** Whether a timer's expiry removes a routing-table route: a scripted route timer, or an address's valid lifetime (not its preferred one). */
function endsRoute(timer: TimerState | undefined): boolean {
  return timer?.protocol === NETLINK_ROUTE && (timer.kind === 'route' || timer.kind === 'address-valid');
}
