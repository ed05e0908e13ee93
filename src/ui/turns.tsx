/**
 * The app takes the pre-rendered frame over (main.tsx) in turns, so that no task of the start is
 * long: the stage first, then each part wrapped in a `Turn`, one task each. Until its turn comes, a
 * part keeps the frame's elements (a part that suspends while the page is hydrated keeps its
 * markup) and does not respond; the shortcuts and the stage are live from the first turn. A part
 * whose state has changed by its turn (a key pressed as the stage came alive) shows that change:
 * e2e/prerender.spec.ts checks that the page ends as the app would build it.
 */
import { Suspense, type ReactNode } from 'react';

interface Pending {
  done: boolean;
  waiting: Array<() => void>;
  /** What Suspense calls on a thrown promise: this one settles when its turn comes. */
  then(resolve: () => void): void;
}

let turns: Pending[] | null = null;

/**
 * Makes `count` turns for the next takeover. Each `next()` gives one part its turn (its render
 * follows in the same task); false when none is left.
 */
export function startTurns(count: number): { next(): boolean } {
  const list = Array.from({ length: count }, (): Pending => {
    const waiting: Array<() => void> = [];
    return { done: false, waiting, then: (resolve) => void waiting.push(resolve) };
  });
  turns = list;
  let i = 0;
  return {
    next() {
      const t = list[i++];
      if (!t) {
        if (turns === list) turns = null;
        return false;
      }
      t.done = true;
      for (const resolve of t.waiting.splice(0)) resolve();
      return true;
    },
  };
}

function Wait({ turn, children }: { turn: number; children: ReactNode }) {
  const pending = turns?.[turn];
  if (pending && !pending.done) throw pending;
  return children;
}

/** A part of the page (one element) taken over from the frame in turn `turn`; rendered at once otherwise. */
export function Turn({ turn, children }: { turn: number; children: ReactNode }) {
  return (
    <Suspense fallback={null}>
      <Wait turn={turn}>{children}</Wait>
    </Suspense>
  );
}
