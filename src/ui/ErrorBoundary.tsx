/**
 * What the learner sees instead of a blank page when a part of the app fails to load or draw: most
 * often a piece of the app that is gone from the server after a new version was published. Lazy
 * parts are fetched twice before this shows (see lazyRetry.ts); reloading gets the new version.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

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

/** The message and the reload button. */
export function Crash({ error }: { error: Error }) {
  const chunk = isChunkError(error);
  return (
    <div className="crash" role="alert" data-testid="crash">
      <h1>{chunk ? 'Part of the visualizer could not be loaded' : 'The visualizer stopped with an error'}</h1>
      <p>
        {chunk
          ? 'The server may have a newer version than the one this page started with, or the connection dropped. Reloading the page fetches it again.'
          : 'Reloading the page starts it again; sandbox work of this tab is kept.'}
      </p>
      <p className="muted small">{error.message.slice(0, 200)}</p>
      <button type="button" className="btn primary" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    </div>
  );
}
