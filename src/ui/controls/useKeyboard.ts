import { useLayoutEffect } from 'react';
import type { AppStore } from '../../store/appStore';

/** Global shortcuts. Form controls and buttons keep their own keys (Space presses a focused button). */
export function useKeyboard(store: AppStore, openHelp: () => void): void {
  // Attached with the first commit, before the page is painted: a key pressed as soon as the
  // stage shows is not lost (a passive effect would run only after that paint).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      const inField = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el?.isContentEditable;
      if (inField) return;
      const st = store.getState();
      const onButton = tag === 'BUTTON' || el?.getAttribute('role') === 'slider';
      switch (e.key) {
        case ' ':
          if (onButton) return;
          e.preventDefault();
          st.togglePlay();
          return;
        case 'ArrowRight':
          e.preventDefault();
          st.stepBy(1);
          return;
        case 'ArrowLeft':
          e.preventDefault();
          st.stepBy(-1);
          return;
        case 'Home':
          e.preventDefault();
          st.restart();
          return;
        case 'End':
          e.preventDefault();
          st.toEnd();
          return;
        case '?':
          e.preventDefault();
          openHelp();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, openHelp]);
}
