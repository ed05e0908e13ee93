/**
 * The pure step: take the next event and return the trace entries it causes, each with the world
 * after it. Events come from three places, merged by (time, seq): the script's actions, message
 * arrivals, and the timer queue.
 */
import { familyOf } from './families';
import { socketOf, type Message, type World } from './model';
import type { ActionSpec, ScenarioSpec } from './spec';
import { DEFAULT_LATENCY_MS } from './spec';
import { runAction } from './syscalls';
import { datagramOf, queueDatagram } from './core/queue';
import { Recorder, type Emitted, type Env } from './core/recorder';
import { netlinkRcvSkb } from './core/send';
import { copyWorld } from './core/copies';

export type { Emitted, Env };

/** Action indexes in the order they run: by time, then by their place in the file. */
export function actionOrder(actions: readonly ActionSpec[]): number[] {
  return actions.map((_, i) => i).sort((a, b) => actions[a]!.at - actions[b]!.at || a - b);
}

export function makeEnv(spec: ScenarioSpec, messages: Message[] = [], order: readonly number[] = actionOrder(spec.actions)): Env {
  return { actions: spec.actions, order, latencyMs: spec.settings?.latencyMs ?? DEFAULT_LATENCY_MS, messages, endpoints: new Map() };
}

export interface StepResult {
  /** The world after the event, even when the event changed nothing visible. */
  world: World;
  out: Emitted[];
}

/** A datagram reaches its receiver: the kernel's family for a request, a socket's queue otherwise. */
function arrive(rec: Recorder, parts: readonly Message[]): void {
  const m = parts[0]!;
  if (m.to.kind === 'kernel') {
    rec.emit(rec.world, { kind: 'message-delivered', message: m.id });
    const family = familyOf(m.protocol);
    // The transit time is for the eye: a request whose socket has closed meanwhile is not processed.
    if (family && m.from.kind === 'socket' && !rec.socket(m.from.socket).closed) netlinkRcvSkb(rec, m, rec.socket(m.from.socket), family.input);
    return;
  }
  if (m.to.kind !== 'socket') return;
  const to = socketOf(rec.world, m.to.socket)!;
  if (to.closed) for (const p of parts) rec.emit(rec.world, { kind: 'message-dropped', message: p.id, reason: 'closed' });
  else queueDatagram(rec, to, parts);
}

/**
 * The next message to arrive: group messages are not delivered themselves (their copies are), and a
 * message queued inside the receiver's own system call is already there.
 */
function nextArrival(world: World, env: Env): Message | undefined {
  for (let i = world.nextArrival; i < world.messageCount; i++) {
    const m = env.messages[i]!;
    if (m.to.kind !== 'group' && !m.inline) return m;
  }
  return undefined;
}

/**
 * Advance by one event. Returns null when nothing is left to do. `base` is the world of the last
 * step emitted, which each emitted step's delta is taken from: `world` itself unless the event
 * before changed it after its last step.
 */
export function step(world: World, env: Env, base: World = world): StepResult | null {
  const arrival = nextArrival(world, env);
  const queued = world.queue[0];
  const scripted = env.order[world.nextAction];
  let at = Infinity;
  let seq = Infinity;
  let pick: 'script' | 'arrival' | 'queue' | null = null;
  // A scripted action's sequence number is its index, lower than any event scheduled at run time.
  if (scripted !== undefined) {
    at = env.actions[scripted]!.at;
    seq = scripted;
    pick = 'script';
  }
  if (arrival && (arrival.deliverAt < at || (arrival.deliverAt === at && arrival.seq < seq))) {
    at = arrival.deliverAt;
    seq = arrival.seq;
    pick = 'arrival';
  }
  if (queued && (queued.at < at || (queued.at === at && queued.seq < seq))) pick = 'queue';
  switch (pick) {
    case 'script': {
      const w = copyWorld(world);
      w.nextAction++;
      w.timeMs = at;
      const rec = new Recorder(w, env, scripted!, true, base, base === world);
      runAction(rec, env.actions[scripted!]!);
      return { world: rec.world, out: rec.out };
    }
    case 'arrival': {
      const parts = arrival!.to.kind === 'kernel' ? [arrival!] : datagramOf(env.messages, arrival!);
      const w = copyWorld(world);
      w.nextArrival = parts[parts.length - 1]!.id + 1;
      w.timeMs = at;
      const rec = new Recorder(w, env, arrival!.cause, true, base, base === world);
      arrive(rec, parts);
      return { world: rec.world, out: rec.out };
    }
    case 'queue': {
      const popped = copyWorld(world);
      popped.queue = world.queue.slice(1);
      popped.timeMs = queued!.at;
      const t = popped.timers[queued!.timer];
      const rec = new Recorder(popped, env, t?.cause ?? null, true, base, base === world);
      if (t) familyOf(t.protocol)?.fire(rec, t);
      return { world: rec.world, out: rec.out };
    }
    default:
      return null;
  }
}
