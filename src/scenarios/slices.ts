/**
 * Long work on the page's thread, done a slice at a time so that the page draws and answers
 * between slices: a big scenario's run and index while it loads (checkInWorker.ts), and the
 * default lecture's at start-up (main.tsx), where slices are kept short enough that none counts
 * as a long task even on a phone's slower processor.
 */

export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Work that is done a number of items at a time: the engine's Runner, the timeline indexer. */
export interface Sliced {
  /** Do at most `count` more items; true when the work is over. */
  advance(count: number): boolean;
}

export interface SliceOptions {
  /** The longest the thread works on one slice before it lets the page draw, in ms (default 12). */
  sliceMs?: number;
  /** Items asked for in the first call (default 200); later calls adapt to what they cost. */
  chunk?: number;
}

/**
 * Do `work` in slices of about `sliceMs`, calling `onSlice` between them. The first slice and what
 * the caller does after the last run in tasks of their own: whatever came before (a worker's reply)
 * or comes after (the first render of the result) would otherwise make one long task with them.
 */
export async function inSlices(work: Sliced, onSlice: () => void, { sliceMs = 12, chunk = 200 }: SliceOptions = {}): Promise<void> {
  await nextTask();
  for (;;) {
    const t0 = performance.now();
    let done = false;
    while (!done && performance.now() - t0 < sliceMs) {
      const c0 = performance.now();
      done = work.advance(chunk);
      const took = performance.now() - c0;
      // Keep one call near a quarter of a slice, both ways: items cost more in some stretches of a
      // run (and on a busy machine), and a chunk grown on cheap ones would overrun the slice.
      if (took > sliceMs / 2) chunk = Math.max(1, chunk >> 1);
      else if (took < sliceMs / 8) chunk *= 2;
    }
    onSlice();
    await nextTask();
    if (done) return;
  }
}
