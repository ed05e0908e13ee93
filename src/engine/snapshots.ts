/**
 * How a timeline keeps its worlds. A whole world per step would be most of a run's cost: a busy
 * run makes hundreds of thousands of steps, each world a fresh object with a fresh socket list,
 * all kept alive, and the garbage collector copies every one of them. So a step keeps only what
 * its world changed from the one before (the top-level fields that differ, and for a socket the
 * fields that differ), every CHECKPOINT-th step keeps its whole world, and `step.world` rebuilds
 * the rest on first look from the nearest checkpoint before it, at most CHECKPOINT - 1 changes
 * away, then keeps it. A view still reads one step's world without running the engine.
 */
import { copySocket, copyWorld, type Draft } from './core/copies';
import { fromFloat, type DeltaLog } from './core/delta';
import type { Fifo } from './fifo';
import type { StepSink } from './core/recorder';
import type { SocketState, World } from './model';
import type { TraceEvent } from './trace';
import { CompactEvents } from './compactEvents';
import { listIndex, StepList, type Step } from './steps';

/** Every step whose index is a multiple of this keeps its whole world. */
export const CHECKPOINT = 512;

/**
 * The world after the deltas `logs[spans[0]]` entries `[spans[1], spans[2])`, `logs[spans[3]]`
 * `[spans[4], spans[5])`, …, applied in order to `base`: equal, field for field and in the same
 * field order, to the world they were taken from. One copy of the world and of each socket that
 * changes, whatever the number of deltas.
 */
export function applyDeltas(base: World, logs: readonly DeltaLog[], spans: readonly number[]): World {
  const w = copyWorld(base) as unknown as Record<string, unknown>;
  // This world's own socket list, and which of its sockets are its own copies; a whole new list
  // (a socket was added) starts again from that one.
  let own: SocketState[] = [];
  let copied: boolean[] = [];
  const socket = (i: number): Record<string, unknown> => {
    if (w.sockets !== own) {
      own = (w.sockets as SocketState[]).slice();
      w.sockets = own;
      copied = [];
    }
    if (!copied[i]) {
      own[i] = copySocket(own[i]!);
      copied[i] = true;
    }
    return own[i] as unknown as Record<string, unknown>;
  };
  const queue = (s: Record<string, unknown>, offset: number, size: number) => {
    s.queue = (s.queue as Fifo).range(offset, size);
  };
  for (let n = 0; n < spans.length; n += 3) logs[spans[n]!]!.applyTo(w, spans[n + 1]!, spans[n + 2]!, socket, queue);
  return w as unknown as World;
}

/**
 * Steps' numbers are kept in blocks of this many steps: a new block when one is full, never a
 * bigger copy of all of them (a typed array costs its allocation and zeroing, and growing one by
 * doubling copied a long run's columns several times over).
 */
const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS;
const IN_BLOCK = BLOCK - 1;

/** A step of a run, built when a view first asks for it (RunSteps.at). Its world is built on first read. */
class RunStep implements Step {
  readonly #steps: RunSteps;
  #world: World | undefined;
  constructor(
    readonly index: number,
    readonly timeMs: number,
    readonly event: TraceEvent,
    readonly cause: number | null,
    steps: RunSteps,
  ) {
    this.#steps = steps;
  }
  get world(): World {
    return (this.#world ??= this.#steps.worldAt(this.index));
  }
}

const NO_CAUSE = -1;

/** A step's numbers besides its time (RunSteps.#ints), by offset. */
const enum Int {
  Cause,
  /** Where its entries end in its part of the delta log, and which part that is. */
  To,
  Chunk,
  /** Its event, as three numbers (CompactEvents), in this order. */
  Code,
  Message,
  Extra,
  /** The world's cursors and counters after it (its delta leaves them out). */
  NextSeq,
  NextAction,
  NextArrival,
  MessageCount,
  Count,
}

/**
 * The steps of a run (or of a fork: then the steps before its first one are another timeline's,
 * shared, and asked of that list). Kept in columns: a step's time, cause, which part of the run's
 * delta log its entries are in and where they end (its `to`; each step's entries follow the last
 * one's, or start a new part, so one offset per step is enough), and its event. A step whose index is a multiple of CHECKPOINT, and the
 * first step of the list, keep their whole world; any other world is rebuilt on first look from
 * the nearest whole world before it, at most CHECKPOINT - 1 changes away, then kept. The list is
 * also where the recorder writes a run's steps (StepSink).
 */
export class RunSteps extends StepList implements StepSink {
  #n = 0;
  /** Each step's time, by block (see BLOCK); the block being written. */
  readonly #times: Float64Array<ArrayBuffer>[] = [];
  #time = new Float64Array(0);
  /**
   * The other numbers of each step, by block: step k's at (k % BLOCK) * Int.Count + one of the
   * Int offsets, in one array, as a step's numbers are written together. The block being written.
   */
  readonly #intBlocks: Int32Array<ArrayBuffer>[] = [];
  #ints = new Int32Array(0);
  /** The events, as three numbers per step (Int.Code, Message, Extra). */
  readonly #compact = new CompactEvents();
  /** Whole worlds in hand, by the step's place in this list. */
  readonly #worlds = new Map<number, World>();
  /** Steps already handed out, by place (the same index gives the same object). */
  readonly #made: (RunStep | undefined)[] = [];
  /** The parts of the run's delta log (see StepSink), by number. */
  readonly #logs: DeltaLog[] = [];

  /**
   * `first` is step `start`, with its whole world: a run's first step (start 0), or the step a
   * fork starts from, whose steps before it are `shared`'s.
   */
  constructor(
    first: Omit<Step, 'index'>,
    private readonly start = 0,
    private readonly shared: StepList | null = null,
  ) {
    super();
    this.push(first.world, first.event, first.cause, null, first.world, 0);
  }

  get length(): number {
    return this.start + this.#n;
  }

  /** How many parts of the run's delta log this list's steps use (see StepSink). */
  get logParts(): number {
    return this.#logs.length;
  }

  get wholeNext(): boolean {
    return this.length % CHECKPOINT === 0;
  }

  push(now: World, event: TraceEvent, cause: number | null, log: DeltaLog | null, world: World | undefined, to: number, chunk = 0): void {
    const k = this.#n;
    const o = k & IN_BLOCK;
    if (o === 0) {
      this.#times.push((this.#time = new Float64Array(BLOCK)));
      this.#intBlocks.push((this.#ints = new Int32Array(BLOCK * Int.Count)));
    }
    this.#time[o] = now.timeMs;
    const ints = this.#ints;
    const at = o * Int.Count;
    ints[at + Int.NextSeq] = now.nextSeq;
    ints[at + Int.NextAction] = now.nextAction;
    ints[at + Int.NextArrival] = now.nextArrival;
    ints[at + Int.MessageCount] = now.messageCount;
    ints[at + Int.Cause] = cause ?? NO_CAUSE;
    ints[at + Int.To] = to;
    ints[at + Int.Chunk] = chunk;
    this.#compact.keep(ints, at + Int.Code, event);
    if (world) this.#worlds.set(k, world);
    else if (chunk >= this.#logs.length) this.#logs[chunk] = log!;
    this.#n = k + 1;
  }

  /** Step k's event, as kept or built again (see CompactEvents). */
  #event(k: number): TraceEvent {
    return this.#compact.read(this.#int(k, Int.Code), this.#int(k, Int.Message), this.#int(k, Int.Extra));
  }

  #int(k: number, field: Int): number {
    return this.#intBlocks[k >> BLOCK_BITS]![(k & IN_BLOCK) * Int.Count + field]!;
  }

  #timeOf(k: number): number {
    return this.#times[k >> BLOCK_BITS]![k & IN_BLOCK]!;
  }

  at(i: number): Step | undefined {
    const index = listIndex(i, this.length);
    if (index < 0) return undefined;
    const k = index - this.start;
    if (k < 0) return this.shared!.at(index);
    const c = this.#int(k, Int.Cause);
    return (this.#made[k] ??= new RunStep(index, this.#timeOf(k), this.#event(k), c === NO_CAUSE ? null : c, this));
  }

  override timeAt(i: number): number {
    const k = i - this.start;
    return k < 0 ? this.shared!.timeAt(i) : this.#timeOf(k);
  }

  /** The world after step `index` (one of this list's own). */
  worldAt(index: number): World {
    const k = index - this.start;
    const kept = this.#worlds.get(k);
    if (kept) return kept;
    // Back to the nearest world in hand: every step after it comes from this list's run, so they share its log.
    let j = k - 1;
    while (!this.#worlds.has(j)) j--;
    const spans: number[] = [];
    for (let m = j + 1; m <= k; m++) this.#span(m, spans);
    const w = applyDeltas(this.#worlds.get(j)!, this.#logs, spans) as Draft<World>;
    w.timeMs = fromFloat(this.#timeOf(k));
    w.nextSeq = this.#int(k, Int.NextSeq);
    w.nextAction = this.#int(k, Int.NextAction);
    w.nextArrival = this.#int(k, Int.NextArrival);
    w.messageCount = this.#int(k, Int.MessageCount);
    this.#worlds.set(k, w);
    return w;
  }

  /** Appends step k's entries, as a span of the log: they start where the step before ended, or at the start of a new part. */
  #span(k: number, spans: number[]): void {
    const c = this.#int(k, Int.Chunk);
    spans.push(c, this.#int(k - 1, Int.Chunk) === c ? this.#int(k - 1, Int.To) : 0, this.#int(k, Int.To));
  }
}
