import { Turn } from '../turns';
import { useState } from 'react';
import { lectureTitle, LECTURES } from '../../scenarios';
import { ConfirmDiscard } from './ConfirmDiscard';
import { useApp, useAppStore } from '../context';
import { Icon } from '../icons';
import type { ThemeChoice } from '../theme';
import { CodeButton } from '../code/CodeSlot';
import { PrintButton } from '../handout/PrintButton';
import { useLang, useLectureText, useT } from '../i18n';
import { LANG_NAMES, LANGS, isLang } from '../../i18n';

const VIEWS = [{ id: 'stage' }, { id: 'diagram' }, { id: 'log' }] as const;

/** The language picker: each language named in itself; the address keeps a lang= it had up to date. */
function LanguagePicker() {
  const { lang, setLang } = useLang();
  const m = useT();
  return (
    <div className="picker lang-picker">
      <label htmlFor="lang-picker" className="sr-only">
        {m.topbar.language}
      </label>
      <select
        id="lang-picker"
        value={lang}
        data-testid="lang-picker"
        title={`${m.topbar.language}: ${LANG_NAMES[lang]}`}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLang(next)) return;
          setLang(next);
          try {
            const u = new URL(window.location.href);
            if (u.searchParams.has('lang')) {
              u.searchParams.set('lang', next);
              window.history.replaceState(null, '', u.toString());
            }
          } catch {
            // A host that refuses address changes: the choice still holds, and is remembered.
          }
        }}
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l} aria-label={LANG_NAMES[l]} title={LANG_NAMES[l]}>
            {l.toUpperCase()}
          </option>
        ))}
      </select>
      {Icon.chevrons(12)}
    </div>
  );
}

function ViewTabs() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const inspector = useApp((s) => s.inspectorOpen);
  const setInspector = useApp((s) => s.setInspectorOpen);
  const sandbox = useApp((s) => s.sandboxOpen);
  const setSandbox = useApp((s) => s.setSandboxOpen);
  const m = useT();
  const onKey = (e: React.KeyboardEvent) => {
    const i = VIEWS.findIndex((v) => v.id === view);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();
    const next = VIEWS[(i + d + VIEWS.length) % VIEWS.length]!;
    setView(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="views-bar">
      <div className="seg tabs" role="tablist" aria-label={m.topbar.mainView} onKeyDown={onKey}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls="main-view"
            aria-label={m.topbar.views[v.id].name}
            title={m.topbar.views[v.id].name}
            tabIndex={view === v.id ? 0 : -1}
            onClick={() => setView(v.id)}
          >
            {m.topbar.views[v.id].label}
          </button>
        ))}
      </div>
      <button type="button" className="btn toggle" aria-pressed={inspector} onClick={() => setInspector(!inspector)}>
        {m.topbar.inspector}
      </button>
      <CodeButton />
      <button type="button" className="btn toggle" aria-pressed={sandbox} onClick={() => setSandbox(!sandbox)}>
        {m.topbar.sandbox}
      </button>
    </div>
  );
}

export function TopBar({
  theme,
  setTheme,
  onHelp,
  onShare,
  onOpenFile,
}: {
  theme: ThemeChoice;
  setTheme: (t: ThemeChoice) => void;
  onHelp: () => void;
  onShare: () => void;
  onOpenFile: (f: File) => void;
}) {
  const scenarioId = useApp((s) => s.scenarioId);
  const spec = useApp((s) => s.spec);
  const steps = useApp((s) => s.index.timeline.steps.length - 1);
  const endMs = useApp((s) => s.index.endMs);
  const loadLectureAction = useApp((s) => s.loadLecture);
  const store = useAppStore();
  const builtIn = lectureTitle(scenarioId) !== undefined;
  const [pending, setPending] = useState<string | null>(null);
  const changes = useApp((s) => s.history.length);
  const m = useT();
  const tl = useLectureText();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M3 3l5 5 5-5M8 8v6" />
          </svg>
        </span>
        <h1 style={{ fontSize: 15, margin: 0 }}>{m.app.title}</h1>
      </div>
      <span className="sep" aria-hidden="true">
        /
      </span>
      <div className="picker-row">
        <div className="picker">
          <label htmlFor="scenario-picker">{m.topbar.scenario}</label>
          <select
            id="scenario-picker"
            value={builtIn ? scenarioId : '__custom'}
            onChange={(e) => {
              const id = e.target.value;
              // Another lecture replaces sandbox work (and its Undo history): ask first.
              if (store.getState().history.length) setPending(id);
              else void loadLectureAction(id);
            }}
            data-testid="scenario-picker"
            title={m.lectureTitles[spec.title] ?? tl(spec.title)}
          >
            {!builtIn && <option value="__custom">{m.topbar.loadedFile(tl(spec.title))}</option>}
            {LECTURES.map(({ id, title }) => (
              <option key={id} value={id}>
                {m.lectureTitles[title] ?? title}
              </option>
            ))}
          </select>
          {Icon.chevrons(12)}
        </div>
      </div>
      <span className="meta">{m.topbar.meta(steps, endMs)}</span>
      <span className="spacer" />
      <Turn part="tabs">
        <ViewTabs />
      </Turn>
      <label className="btn file-btn" title={m.topbar.openTitle}>
        {m.topbar.open}
        <input
          type="file"
          accept=".json,application/json,.pcap,.pcapng,.cap"
          className="sr-only"
          aria-label={m.topbar.openLabel}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onOpenFile(f);
            e.target.value = '';
            // Leave the hidden input, or Space would open the file dialog again instead of playing.
            e.target.blur();
          }}
        />
      </label>
      <button
        type="button"
        className="btn"
        style={{ whiteSpace: 'nowrap' }}
        title={m.topbar.exportTitle}
        onClick={() => void import('../files/captureFiles').then((m) => m.downloadCapture(store))}
      >
        {/* One flex item: the button's gap would otherwise open between the two words. */}
        <span>
          {m.topbar.exportShort}
          <span className="wide-only">{m.topbar.exportWide}</span>
        </span>
      </button>
      <button type="button" className="btn" onClick={onShare}>
        {m.topbar.share}
      </button>
      <PrintButton />
      <button type="button" className="icon-btn" aria-label={m.topbar.shortcuts} title={m.topbar.shortcutsTitle} onClick={onHelp}>
        {Icon.help(17)}
      </button>
      <LanguagePicker />
      <div className="seg" role="group" aria-label={m.topbar.theme}>
        <button type="button" aria-pressed={theme === 'light'} aria-label={m.topbar.light} title={m.topbar.lightShort} onClick={() => setTheme('light')}>
          {Icon.sun()}
        </button>
        <button type="button" aria-pressed={theme === 'dark'} aria-label={m.topbar.dark} title={m.topbar.darkShort} onClick={() => setTheme('dark')}>
          {Icon.moon()}
        </button>
        <button type="button" aria-pressed={theme === 'system'} aria-label={m.topbar.system} title={m.topbar.systemShort} onClick={() => setTheme('system')}>
          {Icon.auto()}
        </button>
      </div>
      {pending !== null && (
        <ConfirmDiscard
          title={m.lectureTitles[lectureTitle(pending) ?? ''] ?? lectureTitle(pending) ?? pending}
          steps={changes}
          onKeep={() => {
            setPending(null);
            document.getElementById('scenario-picker')?.focus();
          }}
          onDiscard={() => {
            setPending(null);
            void loadLectureAction(pending);
          }}
        />
      )}
    </header>
  );
}
