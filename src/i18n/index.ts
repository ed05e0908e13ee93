/**
 * The interface's languages. English is in the first load; any other language is its own chunk,
 * fetched when chosen. A lecture's text in another language is separate: see src/scenarios/i18n.ts.
 */
import { en, type Messages } from './en';

export { en, type Messages };

export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in that language, for the picker (so a reader finds their own). */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', es: 'Español' };

export function isLang(x: unknown): x is Lang {
  return typeof x === 'string' && (LANGS as readonly string[]).includes(x);
}

const loaders: Record<Exclude<Lang, 'en'>, () => Promise<Messages>> = {
  es: () => import('./es').then((m) => m.es),
};

export async function loadMessages(lang: Lang): Promise<Messages> {
  return lang === 'en' ? en : loaders[lang]();
}

export const LANG_KEY = 'netlink-viz-lang';

export function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode or a sandboxed iframe: the choice just isn't remembered.
  }
}

/** ?lang= first, then the learner's earlier choice, then the browser's preferred languages. */
export function initialLang(fromUrl: Lang | undefined, preferred: readonly string[]): Lang {
  if (fromUrl) return fromUrl;
  const stored = storedLang();
  if (stored) return stored;
  for (const p of preferred) {
    const base = p.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}
