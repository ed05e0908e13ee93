/**
 * A kernel name with its glossary entry: the sentence and the header appear on hover and on focus
 * (a tooltip the term points at with aria-describedby, so a screen reader reads it after the name);
 * Esc closes it. Entries come from the engine's one glossary table, worded in the page's language.
 */
import { prepare } from '../turns';
import { Fragment, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { glossaryEntry, glossaryTerms, sayGlossary } from '../../engine';
import { useT } from '../i18n';
import { el, esc } from '../export/markup';

export function Term({ term, children, focusable = true }: { term: string; children?: ReactNode; focusable?: boolean }) {
  const entry = glossaryEntry(term);
  const m = useT();
  // Where the tip goes: under the term, kept inside the window (fixed, so no panel edge clips it).
  const [open, setOpen] = useState<CSSProperties | null>(null);
  if (!entry) return <>{children ?? term}</>;
  const show = (el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    const width = Math.min(320, window.innerWidth - 16);
    const below = r.bottom + 120 < window.innerHeight;
    setOpen({
      left: Math.max(8, Math.min(r.left, window.innerWidth - width - 8)),
      maxWidth: width,
      ...(below ? { top: r.bottom + 6 } : { bottom: window.innerHeight - r.top + 6 }),
    });
  };
  const hide = () => setOpen(null);
  return (
    <span
      className="term"
      tabIndex={focusable ? 0 : undefined}
      aria-describedby={descriptionId(term)}
      data-term={term}
      onMouseEnter={(e) => show(e.currentTarget)}
      onMouseLeave={hide}
      onFocus={(e) => show(e.currentTarget)}
      onBlur={hide}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          hide();
        }
      }}
    >
      {children ?? term}
      {open && (
        <span role="tooltip" className="term-tip" style={open} ref={keepInWindow}>
          {sayGlossary(entry.about, m.engine.glossary)} <span className="term-header">{m.glossary.definedIn(entry.header)}</span>
        </span>
      )}
    </span>
  );
}

/**
 * A tip placed under its term that runs past the window's bottom (a long sentence, a language
 * longer than English) goes above the term instead, when there is room there. Measured once, as it
 * appears; React leaves the adjusted position alone, since the tip's style object does not change.
 */
function keepInWindow(tip: HTMLElement | null): void {
  if (!tip || tip.style.top === '') return;
  const r = tip.getBoundingClientRect();
  const term = tip.parentElement!.getBoundingClientRect();
  if (r.bottom <= window.innerHeight - 8 || term.top - r.height - 6 < 8) return;
  tip.style.top = '';
  tip.style.bottom = `${window.innerHeight - term.top + 6}px`;
}

const descriptionId = (term: string) => `glossary-${term.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * Every glossary sentence once, hidden, for the terms' aria-describedby: a screen reader reads the
 * meaning after the name, and no panel's text carries a copy of it. The hundred-odd sentences are
 * one element's markup (escaped), not three hundred nodes for the first render to build or, over
 * the pre-rendered frame, to walk.
 */
/** The descriptions' box: the build's embed frame shares the app frame's (scripts/prerender-plugin.ts). */
export const GLOSSARY_ID = 'glossary-descriptions';

export function GlossaryDescriptions() {
  const m = useT();
  const html = useMemo(
    () =>
      glossaryTerms()
        .map((t) => {
          const e = glossaryEntry(t)!;
          return el('span', { id: descriptionId(t) }, esc(`${sayGlossary(e.about, m.engine.glossary)} ${m.glossary.definedIn(e.header)}`));
        })
        .join(''),
    [m],
  );
  return <div hidden id={GLOSSARY_ID} dangerouslySetInnerHTML={{ __html: html }} />;
}

let pattern: RegExp | undefined;
// The narration's first render finds terms in its text: the table and the pattern are built ahead.
prepare('narration', () => glossaryTerms());
prepare('narration', () => termPattern().test('NLM_F_ACK'));
/** Every glossary term as a whole word; longest first so NLM_F_DUMP_INTR wins over NLM_F_DUMP. */
function termPattern(): RegExp {
  if (!pattern) {
    const terms = glossaryTerms().sort((a, b) => b.length - a.length);
    const esc = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'));
    pattern = new RegExp(`(?<![A-Za-z0-9_])(${esc.join('|')})(?![A-Za-z0-9_])`, 'g');
  }
  return pattern;
}

/**
 * Text with every kernel name in it made a glossary term, and flag lists (`A|B|C`) allowed to wrap
 * only after a `|`, never inside a name.
 */
export function GlossaryText({ text, focusable = true }: { text: string; focusable?: boolean }) {
  const out: ReactNode[] = [];
  let last = 0;
  const re = termPattern();
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(<Plain key={`p${last}`} text={text.slice(last, m.index)} />);
    const word = m[1]!;
    out.push(<Term key={`t${m.index}`} term={word.replace(/\s/g, ' ')} focusable={focusable} />);
    last = m.index + word.length;
  }
  if (last < text.length) out.push(<Plain key={`p${last}`} text={text.slice(last)} />);
  return <>{out}</>;
}

/**
 * A `|` is where a flag list breaks, and a `.` before a member name (`RTA_GATEWAY.rta_len`) where a
 * field path breaks; only a single name wider than its whole column is ever cut (CSS overflow-wrap).
 */
function Plain({ text }: { text: string }) {
  const parts = text.split(/(?<=\|)|(?=\.[a-z_])/);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}
