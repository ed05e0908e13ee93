export type ThemeChoice = 'light' | 'dark' | 'system';

export const THEME_KEY = 'netlink-viz-theme';

export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function saveTheme(t: ThemeChoice): void {
  try {
    if (t === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, t);
  } catch {
    // Private mode or a sandboxed iframe: the choice just isn't remembered.
  }
}

/** Applies a choice to <html data-theme>, following the system while the choice is "system". */
export function applyTheme(t: ThemeChoice): () => void {
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  const set = () => document.documentElement.setAttribute('data-theme', t === 'system' ? (mq.matches ? 'dark' : 'light') : t);
  set();
  if (t !== 'system') return () => undefined;
  mq.addEventListener('change', set);
  return () => mq.removeEventListener('change', set);
}
