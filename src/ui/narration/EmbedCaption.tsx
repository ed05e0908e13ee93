import { captionAt } from '../../scenarios';
import { useApp } from '../context';
import { RichText } from './RichText';
import { selectIndex, selectStep } from '../../store/selectors';

/** The narration in an embed: one compact strip under the stage. */
export function EmbedCaption() {
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const c = captionAt(ix.captions, step);
  const last = ix.timeline.steps.length - 1;
  return (
    <section className="embed-caption" aria-label="Narration">
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="caption">
        <span className="caps">
          Step {step} of {last}
        </span>{' '}
        <b>{c?.title ?? ix.timeline.spec.title}</b> <RichText text={c?.text ?? ix.timeline.spec.summary} />
      </div>
    </section>
  );
}
