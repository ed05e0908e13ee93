/** The recorder: what one event's handling writes down, step by step, with the world after each. */
import { socketOf, type Message, type SocketState, type World } from '../model';
import type { ActionSpec } from '../spec';
import type { TraceEvent } from '../trace';
import { copyWorld, type Draft } from './copies';
import { RunMessage, type NewMessage } from './message';

/** What a step may read besides the world: the script and the (append-only) message table. */
export interface Env {
  readonly actions: readonly ActionSpec[];
  /** Indexes of the actions the script runs, in (time, index) order. */
  readonly order: readonly number[];
  readonly latencyMs: number;
  /** Messages are immutable once created; a step only appends. */
  readonly messages: Message[];
}

/** A step as the event makes it; the timeline numbers it (`index`) when it appends it. */
export interface Emitted {
  index: number;
  timeMs: number;
  event: TraceEvent;
  world: World;
  /** Index of the scenario action this step follows from, or null for none. */
  cause: number | null;
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
  /** `fresh`: the caller made `world` for this recorder alone (a copy nobody else holds). */
  constructor(
    world: World,
    readonly env: Env,
    readonly cause: number | null,
    fresh = false,
  ) {
    this.#world = world;
    this.#own = fresh;
  }

  get world(): World {
    return this.#world;
  }

  set world(w: World) {
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
    w.sockets[w.socketIndex[s.id]!] = s;
    return w;
  }

  /** Record one step: the event, and the world after it, which from now on never changes. */
  emit(world: World, event: TraceEvent): void {
    this.world = world;
    this.out.push({ index: -1, timeMs: world.timeMs, event, world, cause: this.cause });
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
