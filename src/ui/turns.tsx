/**
 * The app takes the pre-rendered frame over (main.tsx) in turns, so that no task of the start is
 * long: the page's frame and the shortcuts first, then each part wrapped in a `Turn`, one task
 * each, in the order of PARTS; work a part's first render needs that can be done ahead (`prepare`)
 * comes in tasks of its own just before it. Until its turn comes, a part keeps the frame's
 * elements (a part that suspends while the page is hydrated keeps its markup) and does not
 * respond; the shortcuts and the stage's frame are live from the first turn. A part whose state
 * has changed by its turn (a key pressed as the stage came alive) shows that change:
 * e2e/prerender.spec.ts checks that the page ends as the app would build it.
 */
import { Suspense, type ReactNode } from 'react';

interface Pending {
  done: boolean;
  waiting: Array<() => void>;
  /** What Suspense calls on a thrown promise: this one settles when its turn comes. */
  then(resolve: () => void): void;
}

/**
 * The parts, in the order they come alive: what a learner reaches for first (the stage's cards,
 * then the playback bar) before what they read or rarely use. Each is small enough to take over
 * in a short task.
 */
export const PARTS = ['cards', 'routes', 'core', 'playback', 'scrubber', 'side', 'narration', 'code', 'top', 'tabs', 'glossary'] as const;
export type Part = (typeof PARTS)[number];

let turns: Pending[] | null = null;
const ahead = new Map<Part, Array<() => void>>();

/**
 * Work that `part`'s first render needs and that can be done ahead (a table built, a pattern
 * compiled): during a takeover it runs in a task of its own before the part's turn.
 */
export function prepare(part: Part, work: () => void): void {
  const list = ahead.get(part);
  if (list) list.push(work);
  else ahead.set(part, [work]);
}

/**
 * Makes the turns for the next takeover. Each `next()` does one piece of preparation or gives one
 * part its turn (its render follows in the same task); false when nothing is left.
 */
export function startTurns(): { next(): boolean } {
  const list = PARTS.map((): Pending => {
    const waiting: Array<() => void> = [];
    return { done: false, waiting, then: (resolve) => void waiting.push(resolve) };
  });
  turns = list;
  let i = 0;
  let prepared = 0;
  return {
    next() {
      const work = ahead.get(PARTS[i]!)?.[prepared];
      if (work) {
        prepared++;
        work();
        return true;
      }
      prepared = 0;
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

function Wait({ part, children }: { part: Part; children: ReactNode }) {
  const pending = turns?.[PARTS.indexOf(part)];
  if (pending && !pending.done) throw pending;
  return children;
}

/** A part of the page (one element) taken over from the frame in its turn; rendered at once otherwise. */
export function Turn({ part, children }: { part: Part; children: ReactNode }) {
  return (
    <Suspense fallback={null}>
      <Wait part={part}>{children}</Wait>
    </Suspense>
  );
}

/**
 * Clicks and changes inside `root` while it is being taken over: a part whose turn has not come
 * has no handlers yet, so a file chosen or a button pressed then would be lost. They are held
 * (a click's default action too: a switch does not flip, a link is not followed) and done again,
 * in order, once the whole page is live; the returned function does that. Keys need no holding:
 * the shortcuts listen on the window from the first turn.
 */
export function holdInput(root: HTMLElement): () => void {
  const held: Array<{ kind: 'click' | 'change'; target: HTMLElement }> = [];
  const hold = (e: Event) => {
    // A click on an icon lands on its svg: the element to click again is the one around it.
    let target = e.target instanceof Element ? e.target : null;
    while (target && !(target instanceof HTMLElement)) target = target.parentElement;
    if (!target || !root.contains(target)) return;
    // A click on a file input's label opens the file picker only as the click's own default action.
    if (e.type === 'click' && target instanceof HTMLInputElement && target.type === 'file') return;
    if (e.type === 'click') e.preventDefault();
    e.stopPropagation();
    held.push({ kind: e.type as 'click' | 'change', target });
  };
  document.addEventListener('click', hold, true);
  document.addEventListener('change', hold, true);
  return () => {
    document.removeEventListener('click', hold, true);
    document.removeEventListener('change', hold, true);
    for (const { kind, target } of held) {
      if (!target.isConnected) continue;
      if (kind === 'click') target.click();
      else target.dispatchEvent(new Event('change', { bubbles: true }));
    }
  };
}
