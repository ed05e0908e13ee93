/**
 * Windowing for long lists of fixed-height rows: which rows a scroller shows, plus a few either side.
 * A 200,000-step log would otherwise put a million nodes in the page. Hand-written (about 1 KB
 * before gzip) because the views need only fixed heights; a general library would weigh more.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First row drawn. */
  start: number;
  /** One past the last row drawn. */
  end: number;
}

/** Rows drawn beyond the visible ones, so a quick scroll does not show a blank edge. */
const OVERSCAN = 12;

/** The rows of `count`, each `rowHeight` px tall and starting `offset` px into the scroller, that are in view. */
export function useRowWindow(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, offset = 0): RowWindow {
  const [view, setView] = useState({ top: 0, height: 800 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight || 800 }));
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro?.disconnect();
    };
  }, [scroller]);
  const first = Math.floor((view.top - offset) / rowHeight);
  const last = Math.ceil((view.top - offset + view.height) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - OVERSCAN)), end: Math.max(0, Math.min(count, last + OVERSCAN)) };
}
