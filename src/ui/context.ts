import { createContext, useContext, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store/appStore';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('StoreContext is missing');
  return s;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

type Actions = { [K in keyof AppState as AppState[K] extends (...args: never[]) => unknown ? K : never]: AppState[K] };

/** The store's actions. They never change, so reading them needs no subscription. */
export function useActions(): Actions {
  return useAppStore().getState();
}

/** The playhead time, re-rendering at most when it changes by `resolution` ms (for text readouts). */
export function usePlayheadTime(resolution = 50): number {
  const store = useAppStore();
  const [t, setT] = useState(() => store.time.get());
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the clock may have moved between the first render and subscribing; catch up once.
    setT(store.time.get());
    return store.time.subscribe((v) => setT((old) => (Math.abs(v - old) >= resolution || v === 0 ? v : old)));
  }, [store, resolution]);
  return t;
}
