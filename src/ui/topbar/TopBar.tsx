import { useState } from 'react';
import { lectureTitle, LECTURES } from '../../scenarios';
import { ConfirmDiscard } from './ConfirmDiscard';
import { useApp, useAppStore } from '../context';
import { Icon } from '../icons';
import type { ThemeChoice } from '../theme';
import { CodeButton } from '../code/CodeSlot';
import { PrintButton } from '../handout/PrintButton';

const VIEWS = [
  { id: 'stage', label: 'Stage', name: 'Stage' },
  { id: 'diagram', label: 'Diagram', name: 'Sequence diagram' },
  { id: 'log', label: 'Log', name: 'Event log' },
] as const;

function ViewTabs() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const inspector = useApp((s) => s.inspectorOpen);
  const setInspector = useApp((s) => s.setInspectorOpen);
  const sandbox = useApp((s) => s.sandboxOpen);
  const setSandbox = useApp((s) => s.setSandboxOpen);
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
      <div className="seg tabs" role="tablist" aria-label="Main view" onKeyDown={onKey}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls="main-view"
            aria-label={v.name}
            title={v.name}
            tabIndex={view === v.id ? 0 : -1}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <button type="button" className="btn toggle" aria-pressed={inspector} onClick={() => setInspector(!inspector)}>
        Inspector
      </button>
      <CodeButton />
      <button type="button" className="btn toggle" aria-pressed={sandbox} onClick={() => setSandbox(!sandbox)}>
        Sandbox
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
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M3 3l5 5 5-5M8 8v6" />
          </svg>
        </span>
        <h1 style={{ fontSize: 15, margin: 0 }}>Netlink Visualizer</h1>
      </div>
      <span className="sep" aria-hidden="true">
        /
      </span>
      <div className="picker-row">
        <div className="picker">
          <label htmlFor="scenario-picker">Scenario</label>
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
            title={spec.title}
          >
            {!builtIn && <option value="__custom">{spec.title} (loaded file)</option>}
            {LECTURES.map(({ id, title }) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
          {Icon.chevrons(12)}
        </div>
      </div>
      <span className="meta">
        {steps} steps · {(endMs / 1000).toFixed(1)} s
      </span>
      <span className="spacer" />
      <ViewTabs />
      <label className="btn file-btn" title="Open a scenario file (.json) or an nlmon capture (.pcap, .pcapng), or drop one on the page">
        Open…
        <input
          type="file"
          accept=".json,application/json,.pcap,.pcapng,.cap"
          className="sr-only"
          aria-label="Open a scenario file or capture"
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
        title="Download this timeline as a pcapng capture (LINKTYPE_NETLINK) for Wireshark"
        onClick={() => void import('../files/captureFiles').then((m) => m.downloadCapture(store))}
      >
        Export<span className="wide-only"> capture</span>
      </button>
      <button type="button" className="btn" onClick={onShare}>
        Share
      </button>
      <PrintButton />
      <button type="button" className="icon-btn" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onHelp}>
        {Icon.help(17)}
      </button>
      <div className="seg" role="group" aria-label="Theme">
        <button type="button" aria-pressed={theme === 'light'} aria-label="Light theme" title="Light" onClick={() => setTheme('light')}>
          {Icon.sun()}
        </button>
        <button type="button" aria-pressed={theme === 'dark'} aria-label="Dark theme" title="Dark" onClick={() => setTheme('dark')}>
          {Icon.moon()}
        </button>
        <button type="button" aria-pressed={theme === 'system'} aria-label="Follow the system theme" title="System" onClick={() => setTheme('system')}>
          {Icon.auto()}
        </button>
      </div>
      {pending !== null && (
        <ConfirmDiscard
          title={lectureTitle(pending) ?? pending}
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
