/**
 * How a timeline keeps its worlds. A whole world per step would be most of a run's cost: a busy
 * run makes hundreds of thousands of steps, each world a fresh object with a fresh socket list,
 * all kept alive, and the garbage collector copies every one of them. So a step keeps only what
 * its world changed from the one before (the top-level fields that differ, and for a socket the
 * fields that differ), every CHECKPOINT-th step keeps its whole world, and `step.world` rebuilds
 * the rest on first look from the nearest checkpoint before it, at most CHECKPOINT - 1 changes
 * away, then keeps it. A view still reads one step's world without running the engine.
 */
import { copySocket, copyWorld, socketChanges as knownSocketChanges, worldChanges } from './core/copies';
import type { SocketState, World } from './model';
import type { TraceEvent } from './trace';

/** Every step whose index is a multiple of this keeps its whole world. */
export const CHECKPOINT = 16;

/**
 * What one world changed from the one before, flat: a field name and its new value, or a socket's
 * place in `sockets`, how many fields of it changed, and that many names and values. A field that
 * went away has the value GONE.
 */
export type WorldDelta = readonly unknown[];

const GONE = Symbol('gone');
const NO_CHANGE: WorldDelta = [];

type Fields = Record<string, unknown>;

/** Where a delta is written before it is copied out at its exact length (it is kept for the whole run). */
const scratch: unknown[] = [];

/**
 * Appends the fields of `next` that differ from `prev` (by identity: parts are immutable and
 * shared), and those it no longer has; `sockets` of the same length are compared socket by socket
 * when `deep`. A key count tells whether any field went away, so most calls test no key twice.
 */
function changes(prev: Fields, next: Fields, deep: boolean): void {
  let shared = 0;
  for (const k in next) {
    const v = next[k];
    const was = prev[k];
    if (v === was) {
      if (v !== undefined || k in prev) {
        shared++;
        continue;
      }
    } else if (was !== undefined || k in prev) shared++;
    if (deep && k === 'sockets') socketListChanges(was as readonly SocketState[], v as readonly SocketState[]);
    else scratch.push(k, v);
  }
  let count = 0;
  for (const _ in prev) count++;
  if (count !== shared) for (const k in prev) if (!(k in next)) scratch.push(k, GONE);
}

function socketListChanges(prev: readonly SocketState[] | undefined, next: readonly SocketState[]): void {
  if (!prev || prev.length !== next.length) {
    scratch.push('sockets', next);
    return;
  }
  for (let i = 0; i < next.length; i++) {
    if (prev[i] === next[i]) continue;
    const at = scratch.length;
    scratch.push(i, 0);
    if (!knownSocketChanges(prev[i]!, next[i]!, scratch)) changes(prev[i] as unknown as Fields, next[i] as unknown as Fields, false);
    scratch[at + 1] = (scratch.length - at - 2) / 2;
  }
}

/** What `next` changed from `prev`: field by field where the fields are known (core/copies.ts), else by name. */
export function worldDelta(prev: World, next: World): WorldDelta {
  if (prev === next) return NO_CHANGE;
  scratch.length = 0;
  if (!worldChanges(prev, next, scratch, socketListChanges)) changes(prev as unknown as Fields, next as unknown as Fields, true);
  return scratch.length ? scratch.slice() : NO_CHANGE;
}

function set(o: Fields, k: string, v: unknown): void {
  if (v === GONE) delete o[k];
  else o[k] = v;
}

/**
 * The world after `deltas`, applied in order to `base`: equal, field for field and in the same
 * field order, to the world they were taken from. One copy of the world and of each socket that
 * changes, whatever the number of deltas.
 */
export function applyDeltas(base: World, deltas: readonly WorldDelta[]): World {
  const w = copyWorld(base) as unknown as Fields;
  let sockets: SocketState[] | null = null;
  let copied: boolean[] | null = null;
  for (const d of deltas) {
    for (let i = 0; i < d.length;) {
      const k = d[i];
      if (typeof k !== 'number') {
        set(w, k as string, d[i + 1]);
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
      const end = i + 2 + 2 * (d[i + 1] as number);
      for (i += 2; i < end; i += 2) set(s, d[i] as string, d[i + 1]);
    }
  }
  if (sockets) w.sockets = sockets;
  return w as unknown as World;
}

/**
 * A step of a run. Its world is either kept whole (a checkpoint, the first step, the step a fork
 * starts from, or one already looked at) or rebuilt from the steps before it in `line`, the
 * timeline's step list, when first read.
 */
export class RunStep {
  #world: World | undefined;
  constructor(
    readonly index: number,
    readonly timeMs: number,
    readonly event: TraceEvent,
    readonly cause: number | null,
    world: World | undefined,
    private readonly delta: WorldDelta,
    private readonly line: readonly RunStep[],
  ) {
    this.#world = world;
  }

  get world(): World {
    const kept = this.#world;
    if (kept) return kept;
    // Back to the nearest step whose world is in hand: a checkpoint at most CHECKPOINT - 1 steps back.
    let j = this.index - 1;
    while (!this.line[j]!.#world) j--;
    const deltas: WorldDelta[] = [];
    for (let k = j + 1; k <= this.index; k++) deltas.push(this.line[k]!.delta);
    return (this.#world = applyDeltas(this.line[j]!.#world!, deltas));
  }
}

/**
 * Appends a run's steps to `line`, each with what its world changed from the one before (or its
 * whole world on a checkpoint). `prev` is the world of the last step already in the line.
 */
export class StepWriter {
  constructor(
    private readonly line: RunStep[],
    private prev: World,
  ) {}

  push(timeMs: number, event: TraceEvent, cause: number | null, world: World): void {
    const index = this.line.length;
    const whole = index % CHECKPOINT === 0;
    this.line.push(new RunStep(index, timeMs, event, cause, whole ? world : undefined, whole ? NO_CHANGE : worldDelta(this.prev, world), this.line));
    this.prev = world;
  }
}

/** A step that keeps its whole world, to start a line (a run's first step, a fork's last shared one). */
export function wholeStep(line: RunStep[], index: number, timeMs: number, event: TraceEvent, cause: number | null, world: World): RunStep {
  return new RunStep(index, timeMs, event, cause, world, NO_CHANGE, line);
}
