import { GlossaryText } from '../glossary/Term';
import { Fragment } from 'react';

/** Text in which a flag set like NLM_F_REQUEST|NLM_F_ACK may break after each `|` rather than overflow its box. */
export function BreakAtBars({ text }: { text: string }) {
  const parts = text.split('|');
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              |<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

/** Captions use `backticks` for kernel names (shown in code style); every kernel name gets its glossary entry. */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('`') && p.endsWith('`') && p.length > 2 ? (
          <code key={i} className="kname">
            <GlossaryText text={p.slice(1, -1)} />
          </code>
        ) : (
          <span key={i}>
            <GlossaryText text={p} />
          </span>
        ),
      )}
    </>
  );
}
