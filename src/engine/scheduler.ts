/**
 * The pure step: take the next event and return the trace entries it causes, each with the world
 * after it. Events come from three places, merged by (time, seq): the script's actions, message
 * arrivals, and the timer queue.
 */
import { familyOf } from './families';
import { socketOf, type World } from './model';
import type { ActionSpec, ScenarioSpec } from './spec';
import { DEFAULT_LATENCY_MS } from './spec';
import { runAction } from './syscalls';
import { queueDatagram } from './core/queue';
import { MessageTable } from './core/messageTable';
import type { Env, Recorder } from './core/recorder';
import { netlinkRcvSkb } from './core/send';

export type { Env };

/** Action indexes in the order they run: by time, then by their place in the file. */
export function actionOrder(actions: readonly ActionSpec[]): number[] {
  return actions.map((_, i) => i).sort((a, b) => actions[a]!.at - actions[b]!.at || a - b);
}

export function makeEnv(spec: ScenarioSpec, messages = new MessageTable(), order: readonly number[] = actionOrder(spec.actions)): Env {
  return {
    actions: spec.actions,
    order,
    orderAt: Float64Array.from(order, (i) => spec.actions[i]!.at),
    latencyMs: spec.settings?.latencyMs ?? DEFAULT_LATENCY_MS,
    messages,
    endpoints: new Map(),
  };
}

/**
 * A datagram reaches its receiver: the kernel's family for a request, a socket's queue otherwise.
 * It is its `n` messages from id `first`.
 */
function arrive(rec: Recorder, first: number, n: number): void {
  const messages = rec.env.messages;
  const to = messages.toOf(first);
  if (to.kind === 'kernel') {
    const m = messages.get(first);
    rec.emit(rec.world, { kind: 'message-delivered', message: m.id });
    const family = familyOf(m.protocol);
    // The transit time is for the eye: a request whose socket has closed meanwhile is not processed.
    if (family && m.from.kind === 'socket' && !rec.socket(m.from.socket).closed) netlinkRcvSkb(rec, m, rec.socket(m.from.socket), family.input);
    return;
  }
  if (to.kind !== 'socket') return;
  const s = socketOf(rec.world, to.socket)!;
  if (s.closed) for (let id = first; id < first + n; id++) rec.emit(rec.world, { kind: 'message-dropped', message: id, reason: 'closed' });
  else queueDatagram(rec, s, first, n);
}

/**
 * The next message to arrive: group messages are not delivered themselves (their copies are), and a
 * message queued inside the receiver's own system call is already there.
 */
function nextArrival(world: World, messages: MessageTable): number {
  for (let i = world.nextArrival; i < world.messageCount; i++) {
    if (messages.isCopy(i)) return i;
    const m = messages.row(i);
    if (m.to.kind !== 'group' && !m.inline) return i;
  }
  return -1;
}

/**
 * Advance the recorder's world by one event, recording its steps. False when nothing is left to do.
 * An event may have no visible effect (a timer whose route is gone): it records no step.
 */
export function step(rec: Recorder): boolean {
  const world = rec.world;
  const env = rec.env;
  const messages = env.messages;
  const arrival = nextArrival(world, messages);
  const queued = world.queue[0];
  const scripted = env.order[world.nextAction];
  let at = Infinity;
  let seq = Infinity;
  let pick: 'script' | 'arrival' | 'queue' | null = null;
  // A scripted action's sequence number is its index, lower than any event scheduled at run time.
  if (scripted !== undefined) {
    at = env.orderAt[world.nextAction]!;
    seq = scripted;
    pick = 'script';
  }
  if (arrival >= 0) {
    const arrivalAt = messages.deliverAtOf(arrival);
    const arrivalSeq = messages.seqOf(arrival);
    if (arrivalAt < at || (arrivalAt === at && arrivalSeq < seq)) {
      at = arrivalAt;
      seq = arrivalSeq;
      pick = 'arrival';
    }
  }
  if (queued && (queued.at < at || (queued.at === at && queued.seq < seq))) pick = 'queue';
  const w = rec.cursors;
  switch (pick) {
    case 'script': {
      w.nextAction++;
      w.timeMs = at;
      rec.cause = scripted!;
      runAction(rec, env.actions[scripted!]!);
      return true;
    }
    case 'arrival': {
      const n = messages.toOf(arrival).kind === 'kernel' ? 1 : messages.partsOf(arrival);
      w.nextArrival = arrival + n;
      w.timeMs = at;
      rec.cause = messages.row(arrival).cause;
      arrive(rec, arrival, n);
      return true;
    }
    case 'queue': {
      w.queue = world.queue.slice(1);
      w.timeMs = queued!.at;
      const t = world.timers[queued!.timer];
      rec.cause = t?.cause ?? null;
      if (t) familyOf(t.protocol)?.fire(rec, t);
      return true;
    }
    default:
      return false;
  }
}
