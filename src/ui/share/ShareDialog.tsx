/** The permalink to this scenario and step, and an <iframe> snippet for course pages. */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../context';
import { embedLink, shareLink } from '../url';
import { selectRef, selectStep, selectTitle } from '../../store/selectors';

function CopyField({ label, value, multiline, testId }: { label: string; value: string; multiline?: boolean; testId: string }) {
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (an iframe, an old browser): select the text for Ctrl+C instead.
      ref.current?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1600);
  };
  const id = `share-${testId}`;
  return (
    <div className="copy-field">
      <label htmlFor={id} className="caps">
        {label}
      </label>
      <div className="copy-row">
        {multiline ? (
          <textarea id={id} ref={ref} readOnly value={value} rows={4} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} ref={ref} readOnly value={value} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        )}
        <button type="button" className="btn" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

export default function ShareDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ref = useApp(selectRef);
  const step = useApp(selectStep);
  const title = useApp(selectTitle);
  const [atStep, setAtStep] = useState(true);
  const [autoplay, setAutoplay] = useState(false);
  const [controls, setControls] = useState(true);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const href = window.location.href;
  const link = shareLink(href, ref, atStep ? step : null);
  const src = embedLink(href, ref, atStep ? step : null, { autoplay, controls });
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const snippet = `<iframe src="${escape(src)}" title="${escape(`Netlink Visualizer: ${title}`)}" width="960" height="600" style="border:0;width:100%;height:auto;aspect-ratio:960/600" loading="lazy" allow="clipboard-write; fullscreen"></iframe>`;
  return (
    <dialog ref={dialog} className="sheet share" aria-labelledby="share-title" onClose={onClose} onCancel={onClose}>
      <h2 id="share-title">Share this scenario</h2>
      <label className="check">
        <input type="checkbox" checked={atStep} onChange={(e) => setAtStep(e.target.checked)} /> Open at step {step}
      </label>
      <CopyField label="Link" value={link} testId="share-link" />
      <fieldset className="embed-opts">
        <legend className="caps">Embed in a course page</legend>
        <label className="check">
          <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> Play on load
        </label>
        <label className="check">
          <input type="checkbox" checked={controls} onChange={(e) => setControls(e.target.checked)} /> Show playback controls
        </label>
      </fieldset>
      <CopyField label="Embed code" value={snippet} multiline testId="share-embed" />
      {ref.kind === 'shared' && <p className="muted">This scenario travels inside the link itself ({link.length.toLocaleString('en-US')} characters).</p>}
      <form method="dialog" style={{ textAlign: 'right', marginTop: 12 }}>
        <button className="btn" type="submit">
          Done
        </button>
      </form>
    </dialog>
  );
}
