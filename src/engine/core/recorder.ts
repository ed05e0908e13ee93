/** The recorder: what one event's handling writes down, step by step, with the world after each. */
import { socketOf, type Endpoint, type Message, type SocketState, type World } from '../model';
import type { ActionSpec } from '../spec';
import type { TraceEvent } from '../trace';
import { copyWorld, socketChanges, type Draft } from './copies';
import { loggedDelta, worldDelta, type WorldDelta } from './delta';
import { RunMessage, type NewMessage } from './message';

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

/** A step as the event makes it; the timeline numbers it (`index`) when it appends it. */
export interface Emitted {
  index: number;
  timeMs: number;
  event: TraceEvent;
  world: World;
  /** Index of the scenario action this step follows from, or null for none. */
  cause: number | null;
  /** What `world` changed from the world of the step before. */
  delta: WorldDelta;
}

export type { NewMessage };

export class Recorder {
  readonly out: Emitted[] = [];
  #world: World;
  /**
   * The world is a copy this recorder made and has not handed out (emitted) yet, and so may still
   * change in place; likewise its socket list. A busy event (a notification to twenty sockets)
   * would otherwise copy the world once per message.
   */
  #own: boolean;
  #ownSockets = false;
  /** The world of the step before (emitted last, by this event or the one before it). */
  #base: World;
  /**
   * True while the world has changed since #base only through this recorder (setSocket,
   * newMessage) and in the cursors a step moves: then #socketLog and a few comparisons make the
   * next delta (loggedDelta). A rule that builds a world itself makes it false, and the delta is
   * found by comparing the two worlds (worldDelta).
   */
  #logged: boolean;
  /** The socket changes since #base, in WorldDelta form: place, count, then names and values. */
  readonly #socketLog: unknown[] = [];
  /**
   * `fresh`: the caller made `world` for this recorder alone (a copy nobody else holds). `base`: the
   * world of the step before; unless the caller says it changed since only in the cursors a step
   * moves (`logged`), the first delta is found by comparison.
   */
  constructor(
    world: World,
    readonly env: Env,
    readonly cause: number | null,
    fresh = false,
    base: World = world,
    logged = base === world,
  ) {
    this.#world = world;
    this.#own = fresh;
    this.#base = base;
    this.#logged = logged;
  }

  get world(): World {
    return this.#world;
  }

  set world(w: World) {
    if (w !== this.#world) this.#logged = false;
    this.#world = w;
    this.#own = this.#ownSockets = false;
  }

  /** The world, as a copy that may change in place until it is emitted. */
  #draft(): Draft<World> & { sockets: SocketState[] } {
    if (!this.#own) {
      this.#world = copyWorld(this.#world);
      this.#own = true;
      this.#ownSockets = false;
    }
    return this.#world as Draft<World> & { sockets: SocketState[] };
  }

  /** The world with this socket's new state (its place in `sockets` never changes). */
  setSocket(s: SocketState): World {
    const w = this.#draft();
    if (!this.#ownSockets) {
      w.sockets = w.sockets.slice();
      this.#ownSockets = true;
    }
    const i = w.socketIndex[s.id]!;
    const was = w.sockets[i]!;
    w.sockets[i] = s;
    if (this.#logged && was !== s) {
      const log = this.#socketLog;
      const at = log.length;
      log.push(i, 0);
      if (socketChanges(was, s, log)) log[at + 1] = (log.length - at - 2) / 2;
      else this.#logged = false;
    }
    return w;
  }

  /** Record one step: the event, and the world after it, which from now on never changes. */
  emit(world: World, event: TraceEvent): void {
    const delta = this.#logged && world === this.#world ? loggedDelta(this.#base, world, this.#socketLog) : worldDelta(this.#base, world);
    this.world = world;
    this.#base = world;
    this.#logged = true;
    this.#socketLog.length = 0;
    this.out.push({ index: -1, timeMs: world.timeMs, event, world, cause: this.cause, delta });
  }

  /** The endpoint of a socket, as messages name it. */
  endpoint(socket: string): Endpoint {
    let e = this.env.endpoints.get(socket);
    if (!e) this.env.endpoints.set(socket, (e = { kind: 'socket', socket }));
    return e;
  }

  /** The socket as it is now (a step before may have changed it). */
  socket(id: string): SocketState {
    return socketOf(this.world, id)!;
  }

  /** Add a message to the table; `copyOf` is the multicast message whose bytes a copy shares. */
  newMessage(m: NewMessage, copyOf?: Message): Message {
    const w = this.world;
    const id = w.messageCount;
    const full = new RunMessage(id, m, this.cause, w.nextSeq, copyOf instanceof RunMessage ? copyOf : undefined);
    // A fork may have left messages past messageCount: they belong to a dropped future.
    if (this.env.messages.length !== id) this.env.messages.length = id;
    this.env.messages.push(full);
    const d = this.#draft();
    d.messageCount = id + 1;
    d.nextSeq = w.nextSeq + 1;
    return full;
  }
}
