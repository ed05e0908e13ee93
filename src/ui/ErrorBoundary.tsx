/**
 * What the learner sees instead of a blank page when a part of the app fails to load or draw: most
 * often a piece of the app that is gone from the server after a new version was published. Lazy
 * parts are fetched twice before this shows (see lazyRetry.ts); reloading gets the new version.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { initialLang, isLang, type Lang } from '../i18n';
import { CRASH } from '../i18n/crash';

interface State {
  error: Error | null;
}

/** A failed dynamic import says so in each browser's own words. */
export function isChunkError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically|Failed to fetch|ChunkLoadError/i.test(error.message);
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    return error ? <Crash error={error} /> : this.props.children;
  }
}

/**
 * The page's language without the app's context (this page may replace the whole app): what the app
 * set on <html> once it ran in another language, else what it would have chosen (?lang=, the
 * learner's earlier choice, the browser's languages).
 */
function pageLang(): Lang {
  const html = document.documentElement.lang;
  if (isLang(html) && html !== 'en') return html;
  const asked = new URLSearchParams(window.location.search).get('lang');
  return initialLang(isLang(asked) ? asked : undefined, navigator.languages ?? [navigator.language]);
}

/** The message and the reload button. */
export function Crash({ error }: { error: Error }) {
  const chunk = isChunkError(error);
  const lang = pageLang();
  const w = CRASH[lang];
  return (
    <div className="crash" role="alert" data-testid="crash" lang={lang}>
      <h1>{chunk ? w.chunkTitle : w.errorTitle}</h1>
      <p>{chunk ? w.chunkText : w.errorText}</p>
      {/* The browser's or the app's own words, in whatever language they came. */}
      <p className="muted small" lang="">
        {error.message.slice(0, 200)}
      </p>
      <button type="button" className="btn primary" onClick={() => window.location.reload()}>
        {w.reload}
      </button>
    </div>
  );
}
