import { useLang, useLectureText, useT } from '../i18n';
import { useActions, useAppStore } from '../context';

/** "Print handout": the handout's code (./print) loads when the button is first pressed; it prints in the page's language. */
export function PrintButton() {
  const store = useAppStore();
  const showNotice = useActions().showNotice;
  const m = useT();
  const { lang } = useLang();
  const tr = useLectureText();
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label={m.handout.print}
      title={m.handout.printTitle}
      onClick={() =>
        void import('./print')
          .then((p) => p.printHandout(store.getState().index, { lang, words: m, tr }))
          .catch((e: unknown) => showNotice({ kind: 'error', title: m.handout.failed, lines: [String(e)] }))
      }
    >
      {/* A printer; the top bar has no room for another word. */}
      <svg width={17} height={17} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinejoin="round" aria-hidden="true">
        <path d="M4.5 6V2h7v4M4.5 11.5h-2v-5h11v5h-2M4.5 9.5h7V14h-7z" />
      </svg>
    </button>
  );
}
