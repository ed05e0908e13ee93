/** The permalink to this scenario and step, and an <iframe> snippet for course pages. */
import { useLang, useLectureText, useT } from '../i18n';
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../context';
import { embedLink, shareLink } from '../url';
import { selectRef, selectStep, selectTitle } from '../../store/selectors';

function CopyField({ label, value, multiline, testId }: { label: string; value: string; multiline?: boolean; testId: string }) {
  const [copied, setCopied] = useState(false);
  const m = useT();
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
          {copied ? m.share.copied : m.share.copy}
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
  const m = useT();
  const { lang } = useLang();
  const tl = useLectureText();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const href = window.location.href;
  const link = shareLink(href, ref, atStep ? step : null);
  const src = embedLink(href, ref, atStep ? step : null, { autoplay, controls, lang });
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const snippet = `<iframe src="${escape(src)}" title="${escape(m.share.iframeTitle(tl(title)))}" width="960" height="600" style="border:0;width:100%;height:auto;aspect-ratio:960/600" loading="lazy" allow="clipboard-write; fullscreen"></iframe>`;
  return (
    <dialog ref={dialog} className="sheet share" aria-labelledby="share-title" onClose={onClose} onCancel={onClose}>
      <h2 id="share-title">{m.share.title}</h2>
      <label className="check">
        <input type="checkbox" checked={atStep} onChange={(e) => setAtStep(e.target.checked)} /> {m.share.atStep(step)}
      </label>
      <CopyField label={m.share.link} value={link} testId="share-link" />
      <fieldset className="embed-opts">
        <legend className="caps">{m.share.embed}</legend>
        <label className="check">
          <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> {m.share.autoplay}
        </label>
        <label className="check">
          <input type="checkbox" checked={controls} onChange={(e) => setControls(e.target.checked)} /> {m.share.controls}
        </label>
      </fieldset>
      <CopyField label={m.share.embedCode} value={snippet} multiline testId="share-embed" />
      {ref.kind === 'shared' && <p className="muted">{m.share.inLink(link.length)}</p>}
      <form method="dialog" style={{ textAlign: 'right', marginTop: 12 }}>
        <button className="btn" type="submit">
          {m.share.done}
        </button>
      </form>
    </dialog>
  );
}
