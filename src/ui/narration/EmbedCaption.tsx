import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLectureText, useT } from '../i18n';
import { captionAt } from '../../scenarios';
import { useApp } from '../context';
import { Icon } from '../icons';
import { RichText } from './RichText';
import { selectIndex, selectStep } from '../../store/selectors';

const stays = () => () => {};
const fullscreenAllowed = () => typeof document === 'undefined' || document.fullscreenEnabled;

/** Full screen for the embed alone (the snippet's iframe allows it); hidden where the browser or the host does not. */
function FullscreenButton() {
  const m = useT();
  const [on, setOn] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  // Whether the host allows full screen does not change while the page is open. The pre-rendered
  // frame, which cannot know the host, shows the button.
  const enabled = useSyncExternalStore(stays, fullscreenAllowed, () => true);
  useEffect(() => {
    const sync = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  if (!enabled) return null;
  const toggle = () => {
    const done = on ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    done.catch(() => undefined);
  };
  return (
    <button
      type="button"
      className="icon-btn"
      aria-pressed={on}
      aria-label={m.embed.fullScreen}
      title={on ? m.embed.leaveFullScreen : m.embed.fullScreen}
      onClick={toggle}
    >
      {Icon.fullscreen(16)}
    </button>
  );
}

/** The narration in an embed: one compact strip under the stage. */
export function EmbedCaption() {
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const c = captionAt(ix.captions, step);
  const last = ix.timeline.steps.length - 1;
  const m = useT();
  const tl = useLectureText();
  return (
    <section className="embed-caption" aria-label={m.narration.region}>
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="caption">
        <span className="caps">{m.narration.stepOf(step, last)}</span> <b>{tl(c?.title ?? ix.timeline.spec.title)}</b>{' '}
        <RichText text={tl(c?.text ?? ix.timeline.spec.summary)} />
      </div>
      <FullscreenButton />
    </section>
  );
}
