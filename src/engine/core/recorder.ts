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
import { DeltaLog, F, socketDelta, worldDelta } from './delta';
import { CopyMessage, RunMessage, sharesGroup, type NewMessage } from './message';
import type { MessageTable } from './messageTable';

/** What a step may read besides the world: the script and the (append-only) message table. */
export interface Env {
  readonly actions: readonly ActionSpec[];
  /** Indexes of the actions the script runs, in (time, index) order. */
  readonly order: readonly number[];
  /** The time of each of those actions, in the same order (read every step, without reading the action). */
  readonly orderAt: Float64Array;
  readonly latencyMs: number;
  /** Messages are immutable once created; a step only appends. */
  readonly messages: MessageTable;
  /** One endpoint object per socket, shared by every message to or from it (they are immutable). */
  readonly endpoints: Map<string, Endpoint>;
}

/** Where the recorded steps go (the timeline's step list). */
export interface StepSink {
  /** True when the next step keeps its whole world. */
  readonly wholeNext: boolean;
  /**
   * `now`: the world after the step, to read its cursors and counters (the Moved fields other
   * than `queue`: a step's delta leaves them out) and nothing else, now.
   * `world`: a copy of the whole world after the step, when wholeNext said so; else the step's
   * delta is `log` up to `to`, from where the step before ended (or from 0, the first step in this
   * part of the log). `log` is the run's delta log, or rather its part number `chunk`: steps share
   * one part (one per step would be more objects per step for the garbage collector to copy)
   * until it is full (DeltaLog.next), and then go on in a new one (one log for a whole run would
   * grow to millions of entries, copied whole each time it grew).
   */
  push(now: World, event: TraceEvent, cause: number | null, log: DeltaLog, world: World | undefined, to: number, chunk: number): void;
}

export type { NewMessage };

/**
 * The cursors and counters a step moves: scheduler.ts and newMessage() write them in place. The
 * numbers are kept by the sink with every step (push() is handed the world); the timer queue, which
 * few steps change, goes into the step's delta when it changed (emit()).
 */
type Moved = Pick<World, 'timeMs' | 'nextSeq' | 'queue' | 'nextAction' | 'nextArrival' | 'messageCount'>;

export class Recorder {
  /** Index of the scenario action the current event follows from, or null. */
  cause: number | null = null;
  /** How many changes were made through this recorder (steps, sockets, worlds, messages): a counter to compare. */
  changes = 0;
  /** The world, which no step and no snapshot holds: it changes in place. */
  readonly #world: Draft<World>;
  /** Whether `sockets` is this world's own array (else another world's, copied before a change). */
  #ownSockets = true;
  /**
   * By place in `sockets`: whether the socket there is one setQueue() made since anything else
   * last saw it (a snapshot, a world a rule built, the log), so it may change in place.
   */
  #mine: boolean[] = [];
  /** The timer queue as it was at the step before. */
  #wasQueue: World['queue'];
  /**
   * What every step of this run changed, one after the other; the current step's changes start
   * at #from. Only appended to: steps keep their part.
   */
  #log = new DeltaLog();
  #from = 0;
  /** Which part of the run's delta log #log is. */
  #chunk = 0;
  /** A world a rule built was taken in since the step before: its timer queue may be in #log too. */
  #took = false;

  /** `world` is copied: the recorder changes its own. */
  constructor(
    world: World,
    readonly env: Env,
    private readonly sink: StepSink,
  ) {
    this.#world = copyWorld(world);
    this.#world.sockets = world.sockets.slice();
    this.#wasQueue = world.queue;
  }

  /** The world as it is now. Rules read it, or build a new world from it and hand that back. */
  get world(): World {
    return this.#world;
  }

  /** Take in a world a rule built (from this one): what differs is written down, then it is this world. */
  set world(w: World) {
    const own = this.#world;
    if (w === own) return;
    this.changes++;
    worldDelta(own, w, this.#log);
    this.#took = true;
    if (w.sockets !== own.sockets) {
      this.#ownSockets = false;
      this.#mine = [];
    }
    Object.assign(own, w);
    for (const k in own) if (!(k in w)) delete (own as Record<string, unknown>)[k];
  }

  /**
   * This world with field `k` set to `v`, written straight into the step's delta, instead of a
   * world built with one field changed, which taking in compares field by field.
   */
  withField<K extends Exclude<keyof World, 'sockets' | keyof Moved>>(k: K, v: World[K]): World {
    const w = this.#world;
    if (w[k] !== v) {
      this.changes++;
      this.#log.push(k, v);
      (w as Draft<World>)[k] = v;
    }
    return w;
  }

  /** The world for scheduler.ts to move its cursors (the Moved fields only) as an event starts. */
  get cursors(): Draft<Moved> {
    return this.#world;
  }

  /** A copy of the world as it is now, which nothing changes afterwards. */
  snapshot(): World {
    const c = copyWorld(this.#world);
    c.sockets = this.#world.sockets.slice();
    this.#mine = [];
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
    this.changes++;
    socketDelta(i, w.sockets[i]!, s, this.#log);
    (w.sockets as SocketState[])[i] = s;
    this.#mine[i] = false;
    return w;
  }

  /**
   * The socket with new receive-queue fields: what the hot paths change (a datagram queued, a
   * datagram read), written straight into the step's delta, those that keep their value left out,
   * instead of setSocket() comparing every field of two sockets. Each field by its own name, so
   * that every access is to a known field. `s` is the socket as it is now. It is copied, unless
   * this recorder made it and nothing else has seen it since (#mine): then it changes in place,
   * one object fewer per step for the garbage collector.
   */
  setQueue(s: SocketState, queue: Fifo, rmemAlloc: number, readCount: number, congested: boolean, maxRecvmsgLen: number): SocketState {
    const w = this.#world;
    if (!this.#ownSockets) {
      w.sockets = w.sockets.slice();
      this.#ownSockets = true;
    }
    const i = w.socketIndex[s.id]!;
    this.changes++;
    const log = this.#log;
    const at = log.socket(i);
    // In the socket's field order, as setSocket() writes them; each written down before it changes.
    if (rmemAlloc !== s.rmemAlloc) log.number(F.rmemAlloc, rmemAlloc);
    if (queue !== s.queue) log.queue(s.queue, queue);
    if (congested !== s.congested) log.set(F.congested, congested);
    if (readCount !== s.readCount) log.number(F.readCount, readCount);
    if (maxRecvmsgLen !== s.maxRecvmsgLen) log.number(F.maxRecvmsgLen, maxRecvmsgLen);
    log.endSocket(at);
    let next: Draft<SocketState>;
    if (this.#mine[i] && w.sockets[i] === s) next = s as Draft<SocketState>;
    else {
      (w.sockets as SocketState[])[i] = next = copySocket(s);
      this.#mine[i] = true;
    }
    next.rmemAlloc = rmemAlloc;
    next.queue = queue;
    next.congested = congested;
    next.readCount = readCount;
    next.maxRecvmsgLen = maxRecvmsgLen;
    return next;
  }

  /** Record one step: the event, and the world after it (this world, or one a rule built from it). */
  emit(world: World, event: TraceEvent): void {
    this.world = world;
    this.changes++;
    const w = this.#world;
    const log = this.#log;
    const from = this.#from;
    // The timer queue last, so that its value wins over any a taken-in world wrote into the log before.
    if (w.queue !== this.#wasQueue || (this.#took && log.has(F.queue, from))) log.set(F.queue, (this.#wasQueue = w.queue));
    this.#took = false;
    // A step that keeps its whole world needs no delta: its part of the log is taken back.
    const whole = this.sink.wholeNext ? this.snapshot() : undefined;
    if (whole) log.truncate(from);
    const to = log.length;
    this.sink.push(w, event, this.cause, log, whole, to, this.#chunk);
    const next = log.next();
    if (!next) this.#from = to;
    else {
      this.#log = next;
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
    this.changes++;
    const id = w.messageCount;
    const group = copyOf instanceof RunMessage ? copyOf : undefined;
    // A fork may have left messages past messageCount: they belong to a dropped future.
    const messages = this.env.messages;
    messages.truncate(id);
    let full: Message;
    if (group && sharesGroup(m, id, w.nextSeq, group, this.cause)) {
      messages.pushCopy(m.to, m.deliverAt, group);
      full = new CopyMessage(id, m.to, m.deliverAt, group);
    } else messages.push((full = new RunMessage(id, m, this.cause, w.nextSeq, group)));
    w.messageCount = id + 1;
    w.nextSeq++;
    return full;
  }

  /**
   * One member's copy `m` of multicast message `group`, made right after the group message and its
   * other copies (netlink_broadcast() clones one skb): kept as a copy without comparing `m` with
   * the group field by field, which newMessage() does for any other caller. Returns its id.
   */
  newCopy(m: NewMessage, group: Message): number {
    const w = this.#world;
    const id = w.messageCount;
    if (!(group instanceof RunMessage) || w.nextSeq !== group.seq + (id - group.id) || this.cause !== group.cause || m.datagram !== id)
      return this.newMessage(m, group).id;
    this.changes++;
    const messages = this.env.messages;
    messages.truncate(id);
    messages.pushCopy(m.to, m.deliverAt, group);
    w.messageCount = id + 1;
    w.nextSeq++;
    return id;
  }
}
