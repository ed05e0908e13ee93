import { Suspense, useCallback, useEffect, useState } from 'react';
import type { AppStore } from '../store/appStore';
import { StoreContext, useActions, useApp } from './context';
import { PlaybackBar } from './controls/PlaybackBar';
import { useKeyboard } from './controls/useKeyboard';
import { usePlayback } from './controls/usePlayback';
import { EmbedCaption } from './narration/EmbedCaption';
import { GlossaryDescriptions } from './glossary/Term';
import { NarrationPanel } from './narration/NarrationPanel';
import { Stage } from './stage/Stage';
import { applyTheme, saveTheme, storedTheme, type ThemeChoice } from './theme';
import { TopBar } from './topbar/TopBar';
import { I18nProvider, useLang, useT } from './i18n';
import { en, type Lang, type Messages } from '../i18n';
import { CodeSlot } from './code/CodeSlot';
import { permalink } from './url';
import { lazyRetry } from './lazyRetry';
import { Turn } from './turns';
import { loadFile, useDropZone } from './files/useScenarioFiles';
import { selectInspectorOpen, selectLoading, selectNotice, selectQuestionOpen, selectSandboxOpen, selectView } from '../store/selectors';
import { sayNotice, type SaidLine } from '../i18n/notice';

function Notice() {
  const notice = useApp(selectNotice);
  const dismiss = useActions().dismissNotice;
  const m = useT();
  const { lang } = useLang();
  if (!notice) return null;
  // What the notice says is data, worded here in the page's language; a notice without it is English.
  const { title, lines } = notice.text ? sayNotice(notice.text, m) : { title: notice.title, lines: notice.lines.map((text): SaidLine => ({ text })) };
  const english = lang !== 'en';
  return (
    <div className={`notice ${notice.kind}`} role="alert" data-testid="notice">
      <div style={{ flex: 1 }}>
        <strong>{title}</strong>
        {lines.length > 0 && (
          <ul>
            {lines.map((l, i) => (
              <li key={i} {...((l.english || !notice.text) && english ? { lang: 'en' } : {})}>
                {l.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="btn" onClick={dismiss}>
        {m.app.dismiss}
      </button>
    </div>
  );
}

/** While a big scenario loads: how far it is, for the eye and for screen readers. */
function LoadingBar() {
  const loading = useApp(selectLoading);
  const t = useT().app.progress;
  if (!loading) return null;
  const counting = loading.phase !== 'checking';
  const heading = t[loading.phase];
  // Indexing counts steps then messages: its progress reads as a share, not as a count of steps.
  const count = !counting
    ? ''
    : loading.phase === 'building'
      ? t.steps(loading.done, loading.total)
      : t.percent(Math.floor((100 * loading.done) / Math.max(1, loading.total)));
  const label = counting ? `${heading}: ${count}` : heading;
  return (
    <div className="notice info loading" data-testid="loading">
      <div style={{ flex: 1 }}>
        <strong aria-live="polite">{heading}</strong>
        <div
          className="progress"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          {...(counting ? { 'aria-valuemax': loading.total, 'aria-valuenow': loading.done, 'aria-valuetext': label } : {})}
        >
          <span style={{ transform: `scaleX(${counting ? loading.done / Math.max(1, loading.total) : 0.08})` }} className={counting ? '' : 'indeterminate'} />
        </div>
        {counting && <span className="muted">{count}</span>}
      </div>
    </div>
  );
}

/** A link longer than this (characters of scenario data) is rewritten only when stepping pauses. */
const LONG_LINK = 8_000;

/** Keeps the address bar a permalink to the current scenario and step. */
function useUrlSync(store: AppStore) {
  useEffect(() => {
    let timer = 0;
    const write = () => {
      const { ref, step } = store.getState();
      const next = permalink(window.location.href, ref, step);
      try {
        if (next !== window.location.href) window.history.replaceState(null, '', next);
      } catch {
        // Some hosts (a file opened from disk, a sandboxed frame) refuse address changes: no permalink then.
      }
    };
    const unsub = store.subscribe((s, prev) => {
      if (s.step === prev.step && s.ref === prev.ref) return;
      window.clearTimeout(timer);
      // Rewriting the address takes time in step with its length (a 200,000-step file's link is 60 kB
      // and took 15-30 ms a step): while the learner steps through such a run, it follows once they pause.
      const long = s.ref.kind === 'shared' && s.ref.data.length > LONG_LINK;
      timer = window.setTimeout(write, s.playing ? 400 : long ? 1000 : 0);
    });
    return () => {
      unsub();
      window.clearTimeout(timer);
    };
  }, [store]);
}

// The views beyond the stage load on demand, so the first paint stays small.
const Inspector = lazyRetry(() => import('./views/Inspector'));
const EventLog = lazyRetry(() => import('./views/EventLog'));
const SequenceDiagram = lazyRetry(() => import('./views/SequenceDiagram'));
const ShareDialog = lazyRetry(() => import('./share/ShareDialog'));
const ShortcutSheet = lazyRetry(() => import('./controls/ShortcutSheet'));
const QuestionPanel = lazyRetry(() => import('./quiz/QuestionPanel'));
const SandboxPanel = lazyRetry(() => import('./sandbox/SandboxPanel'));
const ModuleSource = lazyRetry(() => import('./code/ModuleSource'));

function Loading({ what }: { what: keyof Messages['app']['loading'] }) {
  const m = useT();
  return (
    <div className="panel muted" role="status">
      {m.app.loading[what]}
    </div>
  );
}

function MainView() {
  const view = useApp(selectView);
  return (
    <div className="main-view" id="main-view" role="tabpanel" aria-labelledby={`tab-${view}`}>
      {view === 'stage' && <Stage />}
      {view === 'diagram' && (
        <Suspense fallback={<Loading what="diagram" />}>
          <SequenceDiagram />
        </Suspense>
      )}
      {view === 'log' && (
        <Suspense fallback={<Loading what="log" />}>
          <EventLog />
        </Suspense>
      )}
    </div>
  );
}

function SidePanels() {
  const open = useApp(selectInspectorOpen);
  const question = useApp(selectQuestionOpen);
  const sandbox = useApp(selectSandboxOpen);
  // The course module's C, for scenarios that load the module (merged into the Code panel later).
  const hasModule = useApp((s) => s.index.timeline.steps.at(0)!.world.rtmgr !== undefined);
  const m = useT();
  return (
    <aside className="side" aria-label={m.app.explanation}>
      {question && (
        <Suspense fallback={<Loading what="question" />}>
          <QuestionPanel />
        </Suspense>
      )}
      {sandbox && (
        <Suspense fallback={<Loading what="sandbox" />}>
          <SandboxPanel />
        </Suspense>
      )}
      <Turn part="narration">
        <NarrationPanel />
      </Turn>
      {hasModule && (
        <Suspense fallback={<Loading what="moduleCode" />}>
          <ModuleSource />
        </Suspense>
      )}
      {open && (
        <Suspense fallback={<Loading what="inspector" />}>
          <Inspector />
        </Suspense>
      )}
      {/* Open on a first visit, as in the frame: the turn then takes over one element. */}
      <Turn part="code">
        <CodeSlot />
      </Turn>
    </aside>
  );
}

/** In an embed (questions=1), a question floats over the stage. */
function EmbedQuestion() {
  const open = useApp(selectQuestionOpen);
  if (!open) return null;
  return (
    <div className="embed-question">
      <Suspense fallback={null}>
        <QuestionPanel />
      </Suspense>
    </div>
  );
}

/** What floats over either layout: the notice and the shortcut sheet. */
function Overlays({ help, closeHelp }: { help: boolean; closeHelp: () => void }) {
  return (
    <>
      <Notice />
      <Turn part="glossary">
        <GlossaryDescriptions />
      </Turn>
      <LoadingBar />
      {help && (
        <Suspense fallback={null}>
          <ShortcutSheet onClose={closeHelp} />
        </Suspense>
      )}
    </>
  );
}

export interface EmbedOptions {
  controls: boolean;
  parentOrigins: string[];
}

export interface AppProps {
  store: AppStore;
  /** The language to start in, with its words already loaded. */
  i18n?: { lang: Lang; messages: Messages; lectureText?: Record<string, string> | undefined };
  initialTheme?: ThemeChoice;
  embed?: EmbedOptions | null;
}

export function App({ store, i18n, ...rest }: AppProps) {
  return (
    <StoreContext.Provider value={store}>
      <I18nProvider initial={i18n?.lang ?? 'en'} messages={i18n?.messages ?? en} lectureText={i18n?.lectureText}>
        <Layout store={store} {...rest} />
      </I18nProvider>
    </StoreContext.Provider>
  );
}

function DropOverlay() {
  const m = useT();
  return (
    <div className="drop-overlay" aria-hidden="true">
      {m.app.drop}
    </div>
  );
}

function Layout({ store, initialTheme, embed = null }: Omit<AppProps, 'i18n'>) {
  const [theme, setThemeState] = useState<ThemeChoice>(initialTheme ?? (embed ? 'system' : storedTheme()));
  const [help, setHelp] = useState(false);
  const [share, setShare] = useState(false);
  const dragging = useDropZone(store, !embed);
  useEffect(() => {
    if (!embed) return;
    // The postMessage bridge is only for embeds, so it loads only there.
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('./embed/bridge').then((m) => {
      if (!cancelled) stop = m.startBridge(store, embed);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [store, embed]);
  useEffect(() => applyTheme(theme), [theme]);
  const setTheme = (t: ThemeChoice) => {
    saveTheme(t);
    setThemeState(t);
  };
  const openHelp = useCallback(() => setHelp(true), []);
  usePlayback(store);
  useKeyboard(store, openHelp);
  useUrlSync(store);
  if (embed) {
    return (
      <StoreContext.Provider value={store}>
        <div className={`app embed${embed.controls ? '' : ' no-controls'}`}>
          <main className="embed-main" tabIndex={-1}>
            <div className="embed-stage">
              <Stage />
            </div>
          </main>
          <EmbedQuestion />
          <Turn part="narration">
            <EmbedCaption />
          </Turn>
          {embed.controls && (
            <Turn part="playback">
              <PlaybackBar />
            </Turn>
          )}
        </div>
        <Overlays help={help} closeHelp={() => setHelp(false)} />
      </StoreContext.Provider>
    );
  }
  return (
    <StoreContext.Provider value={store}>
      <div className="app">
        <Turn part="top">
          <TopBar theme={theme} setTheme={setTheme} onHelp={openHelp} onShare={() => setShare(true)} onOpenFile={(f) => void loadFile(store, f)} />
        </Turn>
        <main className="main">
          <MainView />
          <Turn part="side">
            <SidePanels />
          </Turn>
        </main>
        <Turn part="playback">
          <PlaybackBar />
        </Turn>
      </div>
      <Overlays help={help} closeHelp={() => setHelp(false)} />
      {share && (
        <Suspense fallback={null}>
          <ShareDialog onClose={() => setShare(false)} />
        </Suspense>
      )}
      {dragging && <DropOverlay />}
    </StoreContext.Provider>
  );
}
