/**
 * The recorder: the one world a run changes, and what each step changed in it. The kernel rules
 * change the world through it (or hand it a world they built); each step they record is written
 * down as its event and its delta, and every so often as a whole copy of the world (the sink says
 * when). So a run copies no world per step and never compares two whole worlds to find a change.
 */
import { socketOf, type Endpoint, type Message, type SocketState, type World } from '../model';
import type { Fifo } from '../fifo';
import type { ActionSpec } from '../spec';
import type { TraceEvent } from '../trace';
import { copySocket, copyWorld, type Draft } from './copies';
import { QUEUE_RANGE, QUEUE_SIZE, socketDelta, worldDelta, type WorldDelta } from './delta';
import { CopyMessage, RunMessage, sharesGroup, type NewMessage } from './message';

/** What a step may read besides the world: the script and the (append-only) message table. */
export interface Env {
  readonly actions: readonly ActionSpec[];
  /** Indexes of the actions the script runs, in (time, index) order. */
  readonly order: readonly number[];
  readonly latencyMs: number;
  /** Messages are immutable once created; a step only appends. */
  readonly messages: Message[];
  /** One endpoint object per socket, shared by every message to or from it (they are immutable). */
  readonly endpoints: Map<string, Endpoint>;
}

/** Where the recorded steps go (the timeline's step list). */
export interface StepSink {
  /** True when the next step keeps its whole world. */
  readonly wholeNext: boolean;
  /**
   * `world`: a copy of the whole world after the step, when wholeNext said so; else the step's
   * delta is `log` up to `to`, from where the step before ended (or from 0, the first step in this
   * part of the log). `log` is the run's delta log, or rather its part number `chunk`: steps share one array (one array per step would be two more objects per step for the
   * garbage collector to copy) until it holds LOG_CHUNK entries, and then go on in a new one (one
   * array for a whole run grew to millions of entries, and each time it grew it was copied whole).
   */
  push(timeMs: number, event: TraceEvent, cause: number | null, log: WorldDelta, world: World | undefined, to: number, chunk: number): void;
}

export type { NewMessage };

/**
 * The cursors and counters a step moves: scheduler.ts and newMessage() write them in place, and a
 * step's delta compares them with their values at the step before (emit()).
 */
type Moved = Pick<World, 'timeMs' | 'nextSeq' | 'queue' | 'nextAction' | 'nextArrival' | 'messageCount'>;

/** Entries in one part of a run's delta log before the next step starts a new part (see StepSink). */
export const LOG_CHUNK = 1024;

export class Recorder {
  /** Index of the scenario action the current event follows from, or null. */
  cause: number | null = null;
  /** The world, which no step and no snapshot holds: it changes in place. */
  readonly #world: Draft<World>;
  /** Whether `sockets` is this world's own array (else another world's, copied before a change). */
  #ownSockets = true;
  /** The Moved fields as they were at the step before. */
  readonly #was: Moved;
  /**
   * What every step of this run changed, in WorldDelta form, one after the other; the current
   * step's changes besides the Moved fields start at #from. Only appended to: steps keep their part.
   */
  #log: unknown[] = [];
  #from = 0;
  /** Which part of the run's delta log #log is. */
  #chunk = 0;
  /** A world a rule built was taken in since the step before: Moved fields may be in #log too. */
  #took = false;

  /** `world` is copied: the recorder changes its own. */
  constructor(
    world: World,
    readonly env: Env,
    private readonly sink: StepSink,
  ) {
    this.#world = copyWorld(world);
    this.#world.sockets = world.sockets.slice();
    const { timeMs, nextSeq, queue, nextAction, nextArrival, messageCount } = world;
    this.#was = { timeMs, nextSeq, queue, nextAction, nextArrival, messageCount };
  }

  /** The world as it is now. Rules read it, or build a new world from it and hand that back. */
  get world(): World {
    return this.#world;
  }

  /** Take in a world a rule built (from this one): what differs is written down, then it is this world. */
  set world(w: World) {
    const own = this.#world;
    if (w === own) return;
    worldDelta(own, w, this.#log);
    this.#took = true;
    if (w.sockets !== own.sockets) this.#ownSockets = false;
    Object.assign(own, w);
    for (const k in own) if (!(k in w)) delete (own as Record<string, unknown>)[k];
  }

  /** The world for scheduler.ts to move its cursors (the Moved fields only) as an event starts. */
  get cursors(): Draft<Moved> {
    return this.#world;
  }

  /** A copy of the world as it is now, which nothing changes afterwards. */
  snapshot(): World {
    const c = copyWorld(this.#world);
    c.sockets = this.#world.sockets.slice();
    return c;
  }

  /** The world with this socket's new state (its place in `sockets` never changes). */
  setSocket(s: SocketState): World {
    const w = this.#world;
    if (!this.#ownSockets) {
      w.sockets = w.sockets.slice();
      this.#ownSockets = true;
    }
    const i = w.socketIndex[s.id]!;
    socketDelta(i, w.sockets[i]!, s, this.#log);
    (w.sockets as SocketState[])[i] = s;
    return w;
  }

  /**
   * The socket with new receive-queue fields: what the hot paths change (a datagram queued, a
   * datagram read), written straight into the step's delta, those that keep their value left out,
   * instead of setSocket() comparing every field of two sockets. Each field by its own name, so
   * that every access is to a known field. `s` is the socket as it is now; it is copied, never
   * changed (a step or a snapshot may hold it).
   */
  setQueue(s: SocketState, queue: Fifo, rmemAlloc: number, readCount: number, congested: boolean, maxRecvmsgLen: number): SocketState {
    const w = this.#world;
    if (!this.#ownSockets) {
      w.sockets = w.sockets.slice();
      this.#ownSockets = true;
    }
    const i = w.socketIndex[s.id]!;
    const next = copySocket(s);
    const log = this.#log;
    const at = log.length;
    log.push(i, 0);
    // In the socket's field order, as setSocket() writes them.
    if (rmemAlloc !== s.rmemAlloc) log.push('rmemAlloc', (next.rmemAlloc = rmemAlloc));
    if (queue !== s.queue) {
      next.queue = queue;
      if (queue.shares(s.queue)) log.push(QUEUE_RANGE, queue.offset, QUEUE_SIZE, queue.size);
      else log.push('queue', queue);
    }
    if (congested !== s.congested) log.push('congested', (next.congested = congested));
    if (readCount !== s.readCount) log.push('readCount', (next.readCount = readCount));
    if (maxRecvmsgLen !== s.maxRecvmsgLen) log.push('maxRecvmsgLen', (next.maxRecvmsgLen = maxRecvmsgLen));
    log[at + 1] = (log.length - at - 2) >> 1;
    (w.sockets as SocketState[])[i] = next;
    return next;
  }

  /** Record one step: the event, and the world after it (this world, or one a rule built from it). */
  emit(world: World, event: TraceEvent): void {
    this.world = world;
    const w = this.#world;
    const was = this.#was;
    const log = this.#log;
    // MOVED last, so that their values win over any a taken-in world wrote into the log before;
    // written out, as this runs on every step.
    const took = this.#took;
    const from = this.#from;
    if (w.timeMs !== was.timeMs || (took && log.indexOf('timeMs', from) >= 0)) log.push('timeMs', (was.timeMs = w.timeMs));
    if (w.nextSeq !== was.nextSeq || (took && log.indexOf('nextSeq', from) >= 0)) log.push('nextSeq', (was.nextSeq = w.nextSeq));
    if (w.queue !== was.queue || (took && log.indexOf('queue', from) >= 0)) log.push('queue', (was.queue = w.queue));
    if (w.nextAction !== was.nextAction || (took && log.indexOf('nextAction', from) >= 0)) log.push('nextAction', (was.nextAction = w.nextAction));
    if (w.nextArrival !== was.nextArrival || (took && log.indexOf('nextArrival', from) >= 0)) log.push('nextArrival', (was.nextArrival = w.nextArrival));
    if (w.messageCount !== was.messageCount || (took && log.indexOf('messageCount', from) >= 0)) log.push('messageCount', (was.messageCount = w.messageCount));
    this.#took = false;
    // A step that keeps its whole world needs no delta: its part of the log is taken back.
    const whole = this.sink.wholeNext ? this.snapshot() : undefined;
    if (whole) log.length = from;
    const to = log.length;
    this.sink.push(w.timeMs, event, this.cause, log, whole, to, this.#chunk);
    if (to < LOG_CHUNK) this.#from = to;
    else {
      this.#log = [];
      this.#from = 0;
      this.#chunk++;
    }
  }

  /** The endpoint of a socket, as messages name it. */
  endpoint(socket: string): Endpoint {
    let e = this.env.endpoints.get(socket);
    if (!e) this.env.endpoints.set(socket, (e = { kind: 'socket', socket }));
    return e;
  }

  /** The socket as it is now (a step before may have changed it). */
  socket(id: string): SocketState {
    return socketOf(this.#world, id)!;
  }

  /** Add a message to the table; `copyOf` is the multicast message whose bytes a copy shares. */
  newMessage(m: NewMessage, copyOf?: Message): Message {
    const w = this.#world;
    const id = w.messageCount;
    const group = copyOf instanceof RunMessage ? copyOf : undefined;
    const full =
      group && sharesGroup(m, group, this.cause)
        ? new CopyMessage(id, m.to, m.datagram, w.nextSeq, m.deliverAt, group)
        : new RunMessage(id, m, this.cause, w.nextSeq, group);
    // A fork may have left messages past messageCount: they belong to a dropped future.
    if (this.env.messages.length !== id) this.env.messages.length = id;
    this.env.messages.push(full);
    w.messageCount = id + 1;
    w.nextSeq++;
    return full;
  }
}
