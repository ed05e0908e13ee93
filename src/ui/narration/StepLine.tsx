/**
 * A step's one-line description in the page's language: the engine says what happened as data
 * (stepText), the language's table words it. Shared by the narration, the event log and the inspector.
 */
import { useCallback } from 'react';
import { sayStep, stepText, type Step, type StepText, type Timeline } from '../../engine';
import { useLang, useLectureText, useT } from '../i18n';
import { BreakAtBars } from './RichText';

/** The description's data, with the lecture's title in the page's language. */
function localised(d: StepText, tl: (s: string) => string): StepText {
  return d.id === 'start' ? { ...d, title: tl(d.title) } : d;
}

/** A function from a step to its description, as a string (for a title attribute or a window's row). */
export function useSayStep(): (step: Step, t: Timeline) => string {
  const words = useT().engine.steps;
  const tl = useLectureText();
  return useCallback((step: Step, t: Timeline) => sayStep(localised(stepText(step, t), tl), words), [words, tl]);
}

/**
 * The part of a description that is not prose of the page's language: a route in `ip route` syntax
 * (code, as a learner would type it), or the wire encoder's own English message when a request
 * cannot be written as bytes.
 */
function aside(d: StepText, lang: string): { text: string; code: boolean } | null {
  if (d.id === 'route-added' || d.id === 'route-removed') return { text: d.route, code: true };
  if (d.id === 'action-failed' && d.reason.id === 'not-encodable' && lang !== 'en') return { text: d.reason.detail, code: false };
  return null;
}

/** The description as text; a flag list may break after each `|`. */
export function StepLine({ step, t, bars = false }: { step: Step; t: Timeline; bars?: boolean }) {
  const words = useT().engine.steps;
  const { lang } = useLang();
  const tl = useLectureText();
  const d = localised(stepText(step, t), tl);
  const text = sayStep(d, words);
  const show = (s: string) => (bars ? <BreakAtBars text={s} /> : s);
  const part = aside(d, lang);
  const at = part ? text.lastIndexOf(part.text) : -1;
  if (!part || at < 0) return <>{show(text)}</>;
  return (
    <>
      {show(text.slice(0, at))}
      {part.code ? <code>{part.text}</code> : <span lang="en">{show(part.text)}</span>}
      {show(text.slice(at + part.text.length))}
    </>
  );
}
