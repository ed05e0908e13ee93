import { Suspense } from 'react';
import { lazyRetry } from '../lazyRetry';
import { useT } from '../i18n';
import { selectCodeOpen } from '../../store/selectors';
import { useApp } from '../context';

// The panel and the C generator behind it load on first open, never with the page.
const CodePanel = lazyRetry(() => import('./CodePanel'));

/** The Code panel's place in the side column, mounted while it is open. */
export function CodeSlot() {
  const open = useApp(selectCodeOpen);
  const m = useT();
  if (!open) return null;
  return (
    <Suspense
      fallback={
        <div className="panel muted" role="status">
          {m.app.loading.code}
        </div>
      }
    >
      <CodePanel />
    </Suspense>
  );
}

/** Its toggle, beside the inspector's. */
export function CodeButton() {
  const open = useApp(selectCodeOpen);
  const setOpen = useApp((s) => s.setCodeOpen);
  const m = useT();
  return (
    <button type="button" className="btn toggle" aria-pressed={open} onClick={() => setOpen(!open)}>
      {m.topbar.code}
    </button>
  );
}
