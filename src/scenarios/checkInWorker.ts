/**
 * A big scenario from outside is checked in a Web Worker (check.worker.ts) and then run here in
 * slices of a few milliseconds, so no task on the page's thread is long while it loads; the page
 * shows how far it is. Where there are no workers (tests, the CLI) the same check runs in place.
 */
import { startRun, type ScenarioSpec, type Timeline } from '../engine';
import type { ScenarioError } from './result';
import { inSlices } from './slices';

export type CheckRequest = { kind: 'text'; text: string } | { kind: 'value'; value: unknown };
export type CheckReply = { ok: true; spec: ScenarioSpec; stepCount: number; data: string } | { ok: false; error: ScenarioError[] };

/**
 * How far a load is: checking (no count yet), then building the timeline step by step, then
 * indexing it for the views (steps, then messages).
 */
export type LoadProgress = { phase: 'checking' } | { phase: 'building' | 'indexing'; done: number; total: number };

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

/** Run a checked scenario in slices (see inSlices), reporting progress between them. */
export async function runInSlices(spec: ScenarioSpec, total: number, onProgress: (p: LoadProgress) => void): Promise<Timeline> {
  const runner = startRun(spec, { maxSteps: 200_000 });
  await inSlices(runner, () => onProgress({ phase: 'building', done: runner.stepCount, total }));
  return runner.timeline();
}
