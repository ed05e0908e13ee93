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
 * The description as text; a flag list may break after each `|`. The one part that stays English in
 * every language, the engine's own reason why an action could not run, is marked so.
 */
export function StepLine({ step, t, bars = false }: { step: Step; t: Timeline; bars?: boolean }) {
  const words = useT().engine.steps;
  const { lang } = useLang();
  const tl = useLectureText();
  const d = localised(stepText(step, t), tl);
  const text = sayStep(d, words);
  const show = (s: string) => (bars ? <BreakAtBars text={s} /> : s);
  const reason = d.id === 'action-failed' && lang !== 'en' ? d.reason : '';
  const at = reason ? text.lastIndexOf(reason) : -1;
  if (at < 0) return <>{show(text)}</>;
  return (
    <>
      {show(text.slice(0, at))}
      <span lang="en">{show(reason)}</span>
      {show(text.slice(at + reason.length))}
    </>
  );
}
