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

function Code({ text }: { text: string }) {
  return (
    <code>
      <BreakAtBars text={text} />
    </code>
  );
}

/** Captions use `backticks` for kernel names (shown in code style) and nothing else. */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return <>{parts.map((p, i) => (p.startsWith('`') && p.endsWith('`') && p.length > 2 ? <Code key={i} text={p.slice(1, -1)} /> : <span key={i}>{p}</span>))}</>;
}
