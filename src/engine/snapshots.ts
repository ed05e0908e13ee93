/**
 * How a timeline keeps its worlds. A whole world per step would be most of a run's cost: a busy
 * run makes hundreds of thousands of steps, each world a fresh object with a fresh socket list,
 * all kept alive, and the garbage collector copies every one of them. So a step keeps only what
 * its world changed from the one before (the top-level fields that differ, and for a socket the
 * fields that differ), every CHECKPOINT-th step keeps its whole world, and `step.world` rebuilds
 * the rest on first look from the nearest checkpoint before it, at most CHECKPOINT - 1 changes
 * away, then keeps it. A view still reads one step's world without running the engine.
 */
import { copySocket, copyWorld } from './core/copies';
import { GONE, NO_CHANGE, type WorldDelta } from './core/delta';
import type { StepSink } from './core/recorder';
import type { SocketState, World } from './model';
import type { TraceEvent } from './trace';

/** Every step whose index is a multiple of this keeps its whole world. */
export const CHECKPOINT = 32;

export type { WorldDelta };

type Fields = Record<string, unknown>;

function set(o: Fields, k: string, v: unknown): void {
  if (v === GONE) delete o[k];
  else o[k] = v;
}

/**
 * The world after the deltas `log[spans[0]..spans[1])`, `log[spans[2]..spans[3])`, …, applied in
 * order to `base`: equal, field for field and in the same field order, to the world they were
 * taken from. One copy of the world and of each socket that changes, whatever the number of deltas.
 */
export function applyDeltas(base: World, log: WorldDelta, spans: readonly number[]): World {
  const w = copyWorld(base) as unknown as Fields;
  let sockets: SocketState[] | null = null;
  let copied: boolean[] | null = null;
  for (let n = 0; n < spans.length; n += 2) {
    const end = spans[n + 1]!;
    for (let i = spans[n]!; i < end;) {
      const k = log[i];
      if (typeof k !== 'number') {
        set(w, k as string, log[i + 1]);
        // A whole new socket list (a socket was added): later socket changes copy from it.
        if (k === 'sockets') sockets = copied = null;
        i += 2;
        continue;
      }
      const list = (sockets ??= (w.sockets as SocketState[]).slice());
      copied ??= [];
      if (!copied[k]) {
        list[k] = copySocket(list[k]!);
        copied[k] = true;
      }
      const s = list[k] as unknown as Fields;
      const last = i + 2 + 2 * (log[i + 1] as number);
      for (i += 2; i < last; i += 2) set(s, log[i] as string, log[i + 1]);
    }
  }
  if (sockets) w.sockets = sockets;
  return w as unknown as World;
}

/**
 * A step of a run. Its world is either kept whole (a checkpoint, the first step, the step a fork
 * starts from, or one already looked at) or rebuilt from the steps before it in `line`, the
 * timeline's step list, when first read. Its delta is the run's delta log from where the step
 * before it ends (its `to`) up to its own `to`: each step's entries follow the last one's, so
 * one offset per step is enough. A step that keeps its whole world keeps no entries (its `to` is
 * where the next step's begin), and the first step of a run or a fork keeps its whole world, with
 * `to` 0, the start of the new run's log.
 */
export class RunStep {
  #world: World | undefined;
  constructor(
    readonly index: number,
    readonly timeMs: number,
    readonly event: TraceEvent,
    readonly cause: number | null,
    world: World | undefined,
    private readonly log: WorldDelta,
    private readonly to: number,
    private readonly line: readonly RunStep[],
  ) {
    this.#world = world;
  }

  get world(): World {
    const kept = this.#world;
    if (kept) return kept;
    // Back to the nearest step whose world is in hand: a checkpoint at most CHECKPOINT - 1 steps
    // back. Every step after it comes from the same run (a run or a fork starts on a whole world),
    // so they share this step's log.
    let j = this.index - 1;
    while (!this.line[j]!.#world) j--;
    const spans: number[] = [];
    for (let k = j + 1; k <= this.index; k++) spans.push(this.line[k - 1]!.to, this.line[k]!.to);
    return (this.#world = applyDeltas(this.line[j]!.#world!, this.log, spans));
  }
}

/**
 * Appends a run's steps to `line`, each with what its world changed from the one before, or its
 * whole world on a checkpoint (the recorder copies it when `wholeNext` says so).
 */
export class StepWriter implements StepSink {
  constructor(private readonly line: RunStep[]) {}

  get wholeNext(): boolean {
    return this.line.length % CHECKPOINT === 0;
  }

  push(timeMs: number, event: TraceEvent, cause: number | null, log: WorldDelta, world: World | undefined, from: number, to: number): void {
    const index = this.line.length;
    this.line.push(new RunStep(index, timeMs, event, cause, world, world ? NO_CHANGE : log, world ? from : to, this.line));
  }
}

/** A step that keeps its whole world, to start a line (a run's first step, a fork's last shared one). */
export function wholeStep(line: RunStep[], index: number, timeMs: number, event: TraceEvent, cause: number | null, world: World): RunStep {
  return new RunStep(index, timeMs, event, cause, world, NO_CHANGE, 0, line);
}
