import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Draws its content at a fixed design width and scales it down to fit the box, so an embedded
 * stage stays whole in a small frame instead of scrolling.
 */
export function FitBox({ width, children }: { width: number; children: ReactNode }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [k, setK] = useState(1);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i || typeof ResizeObserver === 'undefined') return;
    const fit = () => setK(Math.min(1, o.clientWidth / i.offsetWidth, o.clientHeight / Math.max(1, i.offsetHeight)));
    const ro = new ResizeObserver(fit);
    ro.observe(o);
    ro.observe(i);
    fit();
    return () => ro.disconnect();
  }, []);
  return (
    <div className="fit-outer" ref={outer}>
      <div className="fit-inner" ref={inner} style={{ width, transform: `scale(${k})` }} data-scale={k.toFixed(3)}>
        {children}
      </div>
    </div>
  );
}
