/**
 * The course module's C beside the step: the kernel module's line and the user program's line that
 * run at this step, found by their `@step` markers. The sources are fetched from the published
 * course-module folder the first time this panel shows, never bundled.
 */
import { useT } from '../i18n';
import { useEffect, useMemo, useState } from 'react';
import { markerLines, moduleStepCode, MODULE_FILES, type StepCode } from '../../codegen/module';
import { useApp } from '../context';

type Sources = Record<'kernel' | 'user', string>;

const base = `${import.meta.env.BASE_URL}course-module/`;
let loading: Promise<Sources> | null = null;

function loadSources(): Promise<Sources> {
  loading ??= Promise.all([fetch(base + MODULE_FILES.kernel), fetch(base + MODULE_FILES.user)]).then(async ([k, u]) => {
    if (!k.ok || !u.ok) throw new Error('not found');
    return { kernel: await k.text(), user: await u.text() };
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** How many lines of context show on each side of the line that runs. */
const CONTEXT = 4;

function Excerpt({ file, source, marker, who }: { file: string; source: string; marker: string | undefined; who: string }) {
  const lines = useMemo(() => source.split('\n'), [source]);
  const at = useMemo(() => (marker ? markerLines(source)[marker] : undefined), [source, marker]);
  const from = at ? Math.max(1, at - CONTEXT) : 1;
  const shown = at ? lines.slice(from - 1, at + CONTEXT) : [];
  const m = useT();
  return (
    <figure className="src" data-testid={`module-source-${file}`} data-marker={marker ?? ''}>
      <figcaption>
        <b className="mono">{file}</b> <span className="muted">{who}</span>
        <a className="src-download" href={base + file} download={file}>
          {m.code.download2}
        </a>
      </figcaption>
      {at ? (
        <pre tabIndex={0} aria-label={m.code.moduleLines(file, from, at + CONTEXT, at)}>
          {shown.map((text, i) => {
            const n = from + i;
            return (
              <code key={n} className={n === at ? 'hot' : undefined} aria-current={n === at ? 'true' : undefined}>
                <span className="ln" aria-hidden="true">
                  {n}
                </span>
                {text.replace(/\s*\/\* @step:[a-z]+ \*\//, '') || ' '}
              </code>
            );
          })}
        </pre>
      ) : (
        <p className="muted small">{m.code.noLine}</p>
      )}
    </figure>
  );
}

export default function ModuleSource() {
  const index = useApp((s) => s.index);
  const step = useApp((s) => s.step);
  const [sources, setSources] = useState<Sources | null>(null);
  const [failed, setFailed] = useState(false);
  const m = useT();
  useEffect(() => {
    let live = true;
    loadSources().then(
      (s) => live && setSources(s),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const code: StepCode | null = useMemo(() => moduleStepCode(index.timeline, step), [index, step]);
  return (
    <section className="panel module-source" aria-label={m.code.moduleRegion} data-testid="module-code">
      <details open>
        <summary>
          <h2 className="caps">{m.code.moduleTitle}</h2>
          <span className="muted small">{code ? m.code.runsHere : m.code.runsNone}</span>
        </summary>
        {failed && (
          <p className="muted small">
            {m.code.notLoaded} <a href={base + MODULE_FILES.kernel}>{MODULE_FILES.kernel}</a> {m.code.and}{' '}
            <a href={base + MODULE_FILES.user}>{MODULE_FILES.user}</a>.
          </p>
        )}
        {!failed && !sources && <p className="muted small">{m.code.loadingModule}</p>}
        {sources && (
          <>
            <Excerpt file={MODULE_FILES.kernel} source={sources.kernel} marker={code?.kernel} who={m.code.kernelModule} />
            <Excerpt
              file={MODULE_FILES.user}
              source={sources.user}
              marker={code?.user}
              who={code?.process ? m.code.userProgramOf(code.process) : m.code.userProgram}
            />
            <p className="muted small">
              {m.code.fullSources}{' '}
              <a href={base + MODULE_FILES.kernel} download>
                {MODULE_FILES.kernel}
              </a>{' '}
              ·{' '}
              <a href={base + MODULE_FILES.user} download>
                {MODULE_FILES.user}
              </a>{' '}
              ·{' '}
              <a href={base + MODULE_FILES.header} download>
                {MODULE_FILES.header}
              </a>{' '}
              ·{' '}
              <a href={`${base}README.md`} download>
                README.md
              </a>
            </p>
          </>
        )}
      </details>
    </section>
  );
}
