/**
 * A kernel name with its glossary entry: the sentence and the header appear on hover and on focus
 * (a tooltip the term points at with aria-describedby, so a screen reader reads it after the name);
 * Esc closes it. Entries come from the engine's one glossary table.
 */
import { useId, useState, type ReactNode } from 'react';
import { glossaryEntry, glossaryTerms } from '../../engine';

export function Term({ term, children, focusable = true }: { term: string; children?: ReactNode; focusable?: boolean }) {
  const entry = glossaryEntry(term);
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!entry) return <>{children ?? term}</>;
  return (
    <span
      className="term"
      tabIndex={focusable ? 0 : undefined}
      aria-describedby={id}
      data-term={term}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      {children ?? term}
      <span role="tooltip" id={id} className="term-tip" hidden={!open}>
        {entry.meaning} <span className="term-header">Defined in {entry.header}.</span>
      </span>
    </span>
  );
}

let pattern: RegExp | undefined;
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

/** A `|` is the one place a flag list may break. */
function Plain({ text }: { text: string }) {
  if (!text.includes('|')) return <>{text}</>;
  const parts = text.split('|');
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              |<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}
