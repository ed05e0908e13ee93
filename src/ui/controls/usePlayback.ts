import { useEffect } from 'react';
import type { AppStore } from '../../store/appStore';

/** Drives the store's clock with animation frames while playing. */
export function usePlayback(store: AppStore): void {
  useEffect(() => {
    let raf = 0;
    let last = 0;
    const frame = (t: number) => {
      const dt = last ? Math.min(100, t - last) : 0;
      last = t;
      store.getState().tick(dt);
      if (store.getState().playing) raf = requestAnimationFrame(frame);
      else last = 0;
    };
    const unsub = store.subscribe((s, prev) => {
      if (s.playing && !prev.playing) {
        last = 0;
        raf = requestAnimationFrame(frame);
      }
    });
    if (store.getState().playing) raf = requestAnimationFrame(frame);
    return () => {
      unsub();
      cancelAnimationFrame(raf);
    };
  }, [store]);
}
