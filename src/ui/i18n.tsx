/**
 * The language of the interface and of the lecture on screen. Components read their words with
 * useT() and a lecture's text through useLectureText(); the picker calls setLang, which fetches the
 * language's chunk first, so the page switches in one render and the step stays where it was.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, loadMessages, saveLang, type Lang, type Messages } from '../i18n';
import { loadLectureText, translator, untranslated, type TextTable, type Translate } from '../scenarios';
import { selectSpec } from '../store/selectors';
import { useApp, useAppStore } from './context';

interface I18n {
  lang: Lang;
  m: Messages;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ lang: 'en', m: en, setLang: () => undefined });
const LectureContext = createContext<Translate>(untranslated);

export function useT(): Messages {
  return useContext(I18nContext).m;
}

export function useLang(): Pick<I18n, 'lang' | 'setLang'> {
  return useContext(I18nContext);
}

/** A lecture text (title, caption, goal, question) in the current language, or as written. */
export function useLectureText(): Translate {
  return useContext(LectureContext);
}

interface Loaded {
  key: string;
  table: TextTable | undefined;
}

const keyOf = (lang: Lang, id: string) => `${lang}:${id}`;
const SANDBOX = 'Sandbox: ';

/** The current lecture's translation: its built-in table (fetched per language), then the file's own "i18n". */
function LectureText({ lang, loaded, setLoaded, children }: { lang: Lang; loaded: Loaded | null; setLoaded: (l: Loaded) => void; children: ReactNode }) {
  const spec = useApp(selectSpec);
  const key = keyOf(lang, spec.id);
  useEffect(() => {
    if (lang === 'en' || loaded?.key === key) return;
    let live = true;
    loadLectureText(lang, spec.id).then(
      (table) => live && setLoaded({ key, table }),
      () => live && setLoaded({ key, table: undefined }),
    );
    return () => {
      live = false;
    };
  }, [lang, spec.id, key, loaded, setLoaded]);
  const own = spec.i18n?.[lang];
  const builtIn = loaded?.key === key ? loaded.table : undefined;
  const tr = useMemo(() => {
    if (lang === 'en') return untranslated;
    const t = translator(builtIn, own);
    // A sandbox fork is titled "Sandbox: <the lecture's title>": the title inside still translates.
    return (s: string) => (s.startsWith(SANDBOX) && t(s) === s ? SANDBOX + t(s.slice(SANDBOX.length)) : t(s));
  }, [lang, builtIn, own]);
  return <LectureContext.Provider value={tr}>{children}</LectureContext.Provider>;
}

/**
 * The language in force. Switching fetches the language's words and the current lecture's
 * translation first, then changes everything in one render; the store (and so the step) is untouched.
 */
export function I18nProvider({
  initial,
  messages,
  lectureText,
  children,
}: {
  initial: Lang;
  messages: Messages;
  /** The first lecture's translation, fetched before the first render. */
  lectureText?: TextTable | undefined;
  children: ReactNode;
}) {
  const store = useAppStore();
  const [state, setState] = useState({ lang: initial, m: messages });
  const [loaded, setLoaded] = useState<Loaded | null>(() => (lectureText ? { key: keyOf(initial, store.getState().spec.id), table: lectureText } : null));
  useEffect(() => {
    document.documentElement.lang = state.lang;
  }, [state.lang]);
  const setLang = useCallback(
    (lang: Lang) => {
      saveLang(lang);
      const id = store.getState().spec.id;
      void Promise.all([loadMessages(lang), lang === 'en' ? undefined : loadLectureText(lang, id).catch(() => undefined)]).then(([m, table]) => {
        setLoaded({ key: keyOf(lang, id), table });
        setState({ lang, m });
      });
    },
    [store],
  );
  const value = useMemo(() => ({ ...state, setLang }), [state, setLang]);
  return (
    <I18nContext.Provider value={value}>
      <LectureText lang={state.lang} loaded={loaded} setLoaded={setLoaded}>
        {children}
      </LectureText>
    </I18nContext.Provider>
  );
}

/**
 * Text the C generator writes (the code panel's labels and notes) is in English in every language:
 * marked as such, so a screen reader reads it with English rules.
 */
export function EnglishText({ children }: { children: ReactNode }) {
  const { lang } = useContext(I18nContext);
  return lang === 'en' ? <>{children}</> : <span lang="en">{children}</span>;
}
