/**
 * Where envelopes start and end: elements register as anchors (a socket's nub, the netlink core's
 * node) and the stage measures them relative to itself whenever its layout may have changed.
 */
import { createContext, useCallback, useContext, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface Point {
  x: number;
  y: number;
  /** The anchor's size, for the few that mark an area (the boundary's label) rather than a point. */
  w?: number;
  h?: number;
}

/** How far inside a scrolling part's edge an anchor scrolled out of it is drawn: where a card's own would be. */
const CLIP_INSET = 14;

type Register = (key: string) => (el: HTMLElement | null) => void;

const AnchorContext = createContext<Register>(() => () => undefined);

export const AnchorProvider = AnchorContext.Provider;

export function useAnchor(key: string): (el: HTMLElement | null) => void {
  return useContext(AnchorContext)(key);
}

/**
 * Keeps a map of anchor centres relative to the container, re-measured when `deps` change and when
 * the container or an element marked `data-measure` is resized (a card that grows moves what is
 * below it): never per frame, and not per step unless something actually moved.
 */
export function useAnchorLayout(container: RefObject<HTMLElement | null>, deps: unknown[]): { register: Register; points: Record<string, Point> } {
  const elements = useRef(new Map<string, HTMLElement>());
  const refs = useRef(new Map<string, (el: HTMLElement | null) => void>());
  const [points, setPoints] = useState<Record<string, Point>>({});

  // eslint-disable-next-line react-hooks/preserve-manual-memoization -- it reads container.current when called, which the compiler cannot track; the callback only changes with the ref object.
  const measure = useCallback(() => {
    const root = container.current;
    if (!root) return;
    const box = root.getBoundingClientRect();
    // The stage may be drawn scaled (an embed fitted into a small frame); anchors are in its own units.
    const k = root.offsetWidth ? box.width / root.offsetWidth : 1;
    const next: Record<string, Point> = {};
    // An anchor scrolled out of a scrolling part of the stage is drawn at that part's edge.
    const clips = new Map<Element, DOMRect>();
    for (const [key, el] of elements.current) {
      const r = el.getBoundingClientRect();
      const clip = el.closest('[data-clip-anchors]');
      if (clip) {
        let c = clips.get(clip);
        if (!c) clips.set(clip, (c = clip.getBoundingClientRect()));
        const top = Math.min(Math.max(r.top, c.top), c.bottom - r.height - CLIP_INSET);
        next[key] = {
          x: (r.left + r.width / 2 - box.left) / k + root.scrollLeft,
          y: (top + r.height / 2 - box.top) / k + root.scrollTop,
          w: r.width / k,
          h: r.height / k,
        };
        continue;
      }
      next[key] = {
        x: (r.left + r.width / 2 - box.left) / k + root.scrollLeft,
        y: (r.top + r.height / 2 - box.top) / k + root.scrollTop,
        w: r.width / k,
        h: r.height / k,
      };
    }
    setPoints((old) => {
      const same =
        Object.keys(next).length === Object.keys(old).length &&
        Object.entries(next).every(
          ([k, p]) => old[k] && Math.abs(old[k]!.x - p.x) < 0.5 && Math.abs(old[k]!.y - p.y) < 0.5 && Math.abs((old[k]!.w ?? 0) - (p.w ?? 0)) < 0.5,
        );
      return same ? old : next;
    });
  }, [container]);

  const register: Register = useCallback((key) => {
    let fn = refs.current.get(key);
    if (!fn) {
      fn = (el) => {
        if (el) elements.current.set(key, el);
        else elements.current.delete(key);
      };
      refs.current.set(key, fn);
    }
    return fn;
  }, []);

  useLayoutEffect(() => {
    const root = container.current;
    if (!root || typeof ResizeObserver === 'undefined') {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- measuring the laid-out DOM and storing the result is what a layout effect is for.
      measure();
      return;
    }
    // An observer reports every element it starts to observe once, after the browser's own layout
    // and before the paint: the first measure reads that layout instead of forcing one here (on a
    // first render, the layout of the whole page) while the render's task is still running.
    const ro = new ResizeObserver(() => measure());
    ro.observe(root);
    for (const el of root.querySelectorAll('[data-measure]')) ro.observe(el);
    // A part of the stage that scrolls (a long list of processes, the routing table) moves its anchors.
    let frame = 0;
    const onScroll = () => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          measure();
        });
    };
    root.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      ro.disconnect();
      root.removeEventListener('scroll', onScroll, { capture: true });
      cancelAnimationFrame(frame);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what changes the set of anchors (scenario, card and socket count); measure and container are stable.
  }, deps);

  return { register, points };
}
