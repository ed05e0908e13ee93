/**
 * A big scenario from outside is checked in a Web Worker (check.worker.ts) and then run here in
 * slices of a few milliseconds, so no task on the page's thread is long while it loads; the page
 * shows how far it is. Where there are no workers (tests, the CLI) the same check runs in place.
 */
import { startRun, type ScenarioSpec, type Timeline } from '../engine';
import type { ScenarioError } from './result';

export type CheckRequest = { kind: 'text'; text: string } | { kind: 'value'; value: unknown };
export type CheckReply = { ok: true; spec: ScenarioSpec; stepCount: number; data: string } | { ok: false; error: ScenarioError[] };

/**
 * How far a load is: checking (no count yet), then building the timeline step by step, then
 * indexing it for the views (steps, then messages).
 */
export type LoadProgress = { phase: 'checking' } | { phase: 'building' | 'indexing'; done: number; total: number };

/** The longest the page's thread works on one slice of the run before it lets the page draw, in ms. */
const SLICE_MS = 12;

/**
 * Check in a worker; null when no worker can run here (no Worker in tests and the CLI; none that
 * loads from a single HTML file opened from disk): then the caller checks in place.
 */
export async function checkInWorker(req: CheckRequest): Promise<CheckReply | null> {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  return new Promise<CheckReply | null>((resolve) => {
    worker.onmessage = (e: MessageEvent<CheckReply>) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      resolve(null);
      worker.terminate();
    };
    worker.postMessage(req);
  });
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Work that is done a number of items at a time: the engine's Runner, the timeline indexer. */
export interface Sliced {
  /** Do at most `count` more items; true when the work is over. */
  advance(count: number): boolean;
}

/**
 * Do `work` in slices of about SLICE_MS, calling `onSlice` between them, so that the page's thread
 * draws and answers between slices. The first slice and what the caller does after the last run
 * in tasks of their own: whatever came before (a worker's reply) or comes after (the first render
 * of the result) would otherwise make one long task with them.
 */
export async function inSlices(work: Sliced, onSlice: () => void): Promise<void> {
  let chunk = 200;
  await nextTask();
  for (;;) {
    const t0 = performance.now();
    let done = false;
    while (!done && performance.now() - t0 < SLICE_MS) {
      const c0 = performance.now();
      done = work.advance(chunk);
      const took = performance.now() - c0;
      // Keep one call near a quarter of a slice, both ways: items cost more in some stretches of a
      // run (and on a busy machine), and a chunk grown on cheap ones would overrun the slice.
      if (took > SLICE_MS / 2) chunk = Math.max(1, chunk >> 1);
      else if (took < SLICE_MS / 8) chunk *= 2;
    }
    onSlice();
    await nextTask();
    if (done) return;
  }
}

/** Run a checked scenario in slices of about SLICE_MS, reporting progress between them. */
export async function runInSlices(spec: ScenarioSpec, total: number, onProgress: (p: LoadProgress) => void): Promise<Timeline> {
  const runner = startRun(spec, { maxSteps: 200_000 });
  await inSlices(runner, () => onProgress({ phase: 'building', done: runner.stepCount, total }));
  return runner.timeline();
}
