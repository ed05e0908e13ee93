/**
 * The code behind the step under the cursor: the C system call a process makes (with the step's
 * own arguments, the request built from its exact bytes) and the iproute2 command that does the
 * same, or the kernel's path through named functions. Copy buttons, and the whole scenario as a
 * C program to download.
 */
import { EnglishText, useT } from '../i18n';
import { useEffect, useMemo, useRef, useState } from 'react';
import { cProgram, stepCode, type CodeBlock, type PathEntry } from '../../codegen';
import { useApp } from '../context';
import { highlight } from './highlight';
import './code.css';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API here (a page opened from disk, an old browser): the selection way still works.
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

function Code({ block, onCopy, copied }: { block: CodeBlock; onCopy: (b: CodeBlock) => void; copied: boolean }) {
  const tokens = useMemo(() => highlight(block.code, block.language), [block]);
  const pre = useRef<HTMLPreElement>(null);
  const m = useT();
  // The line about this step (inside a read loop, say) may be below the fold of a long snippet: scroll the snippet to it.
  useEffect(() => {
    const el = pre.current?.querySelector<HTMLElement>('.tk-here');
    if (pre.current && el) pre.current.scrollTop = Math.max(0, el.offsetTop - 60);
  }, [tokens]);
  return (
    <figure className="code-block" data-testid={`code-${block.id}`}>
      <figcaption>
        <span>
          <EnglishText>{block.label}</EnglishText>
        </span>
        <button type="button" className="btn code-copy" onClick={() => onCopy(block)} aria-label={m.code.copyLabel(block.label)}>
          {copied ? m.share.copied : m.share.copy}
        </button>
      </figcaption>
      <pre tabIndex={0} aria-label={m.code.codeLabel(block.label)} ref={pre}>
        <code>
          {tokens.map((t, i) =>
            t.kind === 'plain' ? (
              t.text
            ) : (
              <span key={i} className={`tk-${t.kind}${t.kind === 'comment' && t.text.startsWith('/* This step') ? ' tk-here' : ''}`}>
                {t.text}
              </span>
            ),
          )}
        </code>
      </pre>
    </figure>
  );
}

function KernelPath({ path }: { path: PathEntry[] }) {
  const m = useT();
  return (
    <ol className="kpath" aria-label={m.code.kernelPath}>
      {path.map((p, i) => (
        <li key={`${p.fn}-${i}`} className={p.current ? 'current' : undefined} aria-current={p.current ? 'step' : undefined}>
          <code className="kfn">{p.fn}</code> <span className="kfile">{p.file}</span>
          {/* The functions this step shows say what they do; the rest of the path stays a list of names. */}
          {p.current ? (
            <p>
              <EnglishText>{p.text}</EnglishText>
            </p>
          ) : (
            <span className="sr-only">
              : <EnglishText>{p.text}</EnglishText>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

export default function CodePanel() {
  const t = useApp((s) => s.index.timeline);
  const step = useApp((s) => s.step);
  const code = useMemo(() => stepCode(t, step), [t, step]);
  const [status, setStatus] = useState('');
  // Which snippet was copied, at which step: moving the cursor shows the other snippets' Copy again.
  const [copied, setCopied] = useState<{ id: string; step: number } | null>(null);
  const timer = useRef(0);
  const root = useRef<HTMLElement>(null);
  const m = useT();
  useEffect(() => () => window.clearTimeout(timer.current), []);
  // The side column scrolls: bring the panel into view when it opens below the inspector.
  useEffect(() => {
    root.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  const say = (text: string) => {
    setStatus(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setStatus('');
      setCopied(null);
    }, 4000);
  };
  const onCopy = async (b: CodeBlock) => {
    const ok = await copyText(b.code);
    setCopied(ok ? { id: b.id, step } : null);
    say(ok ? m.code.copiedStep(b.label, step) : m.code.copyFailed);
  };
  const onDownload = () => {
    const p = cProgram(t);
    const url = URL.createObjectURL(new Blob([p.code], { type: 'text/x-csrc' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${t.spec.id}.c`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(m.code.downloaded(`${t.spec.id}.c`, p.skipped.map((s) => s.what).join(', ')));
  };

  return (
    <section className="panel code-panel" aria-label={m.code.region} data-testid="code-panel" ref={root}>
      <div className="code-head">
        <h2 className="panel-title">{m.code.title}</h2>
        <span className={`code-side ${code.side}`}>{code.side === 'kernel' ? m.code.inKernel : code.side === 'user' ? m.code.userSpace : m.code.noCode}</span>
      </div>
      <p className="code-title">
        <span className="muted">{m.code.stepLabel(step)}</span> <EnglishText>{code.title}</EnglishText>
      </p>
      {code.note && (
        <p className="code-note">
          <EnglishText>{code.note}</EnglishText>
        </p>
      )}
      {code.blocks.map((b) => (
        <Code key={`${step}-${b.id}`} block={b} onCopy={(x) => void onCopy(x)} copied={copied?.id === b.id && copied.step === step} />
      ))}
      {code.path.length > 0 && <KernelPath path={code.path} />}
      <div className="code-foot">
        <button type="button" className="btn" onClick={onDownload}>
          {m.code.download}
        </button>
        <p className="muted">
          {m.code.buildBefore} <code>gcc -Wall -o scenario {t.spec.id}.c</code>
          {m.code.buildMiddle} <code>unshare -n ./scenario</code>.
        </p>
      </div>
      <p className="code-status" role="status" aria-live="polite" data-testid="code-status">
        {status}
      </p>
    </section>
  );
}
