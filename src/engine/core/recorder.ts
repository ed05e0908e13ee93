/** The recorder: what one event's handling writes down, step by step, with the world after each. */
import { socketOf, type Message, type SocketState, type World } from '../model';
import type { ActionSpec } from '../spec';
import type { TraceEvent } from '../trace';
import { encode } from '../wire/message';

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

export type NewMessage = Omit<Message, 'id' | 'bytes' | 'cause' | 'seq'>;

export class Recorder {
  readonly out: Emitted[] = [];
  constructor(
    public world: World,
    readonly env: Env,
    readonly cause: number | null,
  ) {}

  /** Record one step: the event, and the world after it. */
  emit(world: World, event: TraceEvent): void {
    this.world = world;
    this.out.push({ index: -1, timeMs: world.timeMs, event, world, cause: this.cause });
  }

  /** The socket as it is now (a step before may have changed it). */
  socket(id: string): SocketState {
    return socketOf(this.world, id)!;
  }

  /** Add a message to the table; `bytes` lets multicast copies share their original's bytes. */
  newMessage(m: NewMessage, bytes?: Uint8Array): Message {
    const w = this.world;
    const id = w.messageCount;
    // The caller hands over a fresh literal: completing it in place saves a copy per message, which
    // counts on a busy run (every multicast copy is a message).
    const full = m as Message;
    full.id = id;
    full.bytes = bytes ?? encode(m.message);
    full.cause = this.cause;
    full.seq = w.nextSeq;
    // A fork may have left messages past messageCount: they belong to a dropped future.
    if (this.env.messages.length !== id) this.env.messages.length = id;
    this.env.messages.push(full);
    this.world = { ...w, messageCount: id + 1, nextSeq: w.nextSeq + 1 };
    return full;
  }
}
