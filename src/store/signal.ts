/** A tiny observable number for per-frame values (the playhead), kept out of React state on purpose. */
export interface Signal {
  get(): number;
  set(v: number): void;
  subscribe(fn: (v: number) => void): () => void;
}

export function createSignal(initial: number): Signal {
  let value = initial;
  const subs = new Set<(v: number) => void>();
  return {
    get: () => value,
    set(v) {
      if (v === value) return;
      value = v;
      for (const fn of subs) fn(v);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
