import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { AppStore } from '../store/appStore';
import { StoreContext, useApp } from './context';
import { PlaybackBar } from './controls/PlaybackBar';
import { ShortcutSheet } from './controls/ShortcutSheet';
import { useKeyboard } from './controls/useKeyboard';
import { usePlayback } from './controls/usePlayback';
import { NarrationPanel } from './narration/NarrationPanel';
import { Stage } from './stage/Stage';
import { applyTheme, saveTheme, storedTheme, type ThemeChoice } from './theme';
import { TopBar } from './topbar/TopBar';
import { permalink } from './url';

function Notice() {
  const notice = useApp((s) => s.notice);
  const dismiss = useApp((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role="alert" data-testid="notice">
      <div style={{ flex: 1 }}>
        <strong>{notice.title}</strong>
        {notice.lines.length > 0 && (
          <ul>
            {notice.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="btn" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Keeps the address bar a permalink to the current scenario and step. */
function useUrlSync(store: AppStore) {
  useEffect(() => {
    let timer = 0;
    const write = () => {
      const { scenarioId, step } = store.getState();
      const next = permalink(window.location.href, scenarioId, step);
      if (next !== window.location.href) window.history.replaceState(null, '', next);
    };
    const unsub = store.subscribe((s, prev) => {
      if (s.step === prev.step && s.scenarioId === prev.scenarioId) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(write, s.playing ? 400 : 0);
    });
    return () => {
      unsub();
      window.clearTimeout(timer);
    };
  }, [store]);
}

// The views beyond the stage load on demand, so the first paint stays small.
const Inspector = lazy(() => import('./views/Inspector'));
const EventLog = lazy(() => import('./views/EventLog'));
const SequenceDiagram = lazy(() => import('./views/SequenceDiagram'));

function Loading({ what }: { what: string }) {
  return (
    <div className="panel muted" role="status">
      Loading the {what}…
    </div>
  );
}

function MainView() {
  const view = useApp((s) => s.view);
  return (
    <div className="main-view" id="main-view" role="tabpanel" aria-labelledby={`tab-${view}`}>
      {view === 'stage' && <Stage />}
      {view === 'diagram' && (
        <Suspense fallback={<Loading what="sequence diagram" />}>
          <SequenceDiagram />
        </Suspense>
      )}
      {view === 'log' && (
        <Suspense fallback={<Loading what="event log" />}>
          <EventLog />
        </Suspense>
      )}
    </div>
  );
}

function SidePanels() {
  const open = useApp((s) => s.inspectorOpen);
  return (
    <aside className="side" aria-label="Explanation">
      <NarrationPanel />
      {open && (
        <Suspense fallback={<Loading what="message inspector" />}>
          <Inspector />
        </Suspense>
      )}
    </aside>
  );
}

export function App({ store, initialTheme }: { store: AppStore; initialTheme?: ThemeChoice }) {
  const [theme, setThemeState] = useState<ThemeChoice>(initialTheme ?? storedTheme());
  const [help, setHelp] = useState(false);
  useEffect(() => applyTheme(theme), [theme]);
  const setTheme = (t: ThemeChoice) => {
    saveTheme(t);
    setThemeState(t);
  };
  const openHelp = useCallback(() => setHelp(true), []);
  usePlayback(store);
  useKeyboard(store, openHelp);
  useUrlSync(store);
  return (
    <StoreContext.Provider value={store}>
      <div className="app">
        <TopBar theme={theme} setTheme={setTheme} onHelp={openHelp} />
        <main className="main">
          <MainView />
          <SidePanels />
        </main>
        <PlaybackBar />
      </div>
      <Notice />
      <ShortcutSheet open={help} onClose={() => setHelp(false)} />
    </StoreContext.Provider>
  );
}
