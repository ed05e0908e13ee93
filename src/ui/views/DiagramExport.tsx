/**
 * Saving the sequence diagram as SVG or PNG: the steps from–to (the whole run unless the learner
 * narrows it), with the selected message drawn emphasised. The drawing code loads on first use.
 */
import { useLectureText, useT } from '../i18n';
import { useId, useState } from 'react';
import { selectIndex, selectLastStep, selectScenarioId, selectSelectedMessage, selectTitle } from '../../store/selectors';
import { useActions, useApp } from '../context';
import './diagramExport.css';

export function DiagramExport() {
  const last = useApp(selectLastStep);
  const ix = useApp(selectIndex);
  const title = useApp(selectTitle);
  const scenario = useApp(selectScenarioId);
  const selected = useApp(selectSelectedMessage);
  const showNotice = useActions().showNotice;
  const tx = useT();
  const tl = useLectureText();
  // The range is kept as typed; clampRange makes it valid when the picture is drawn.
  const [range, setRange] = useState<{ from: number; to: number | null }>({ from: 0, to: null });
  const id = useId();
  const to = range.to ?? last;
  const run = (format: 'svg' | 'png') =>
    import('../export/diagramFile')
      .then(async (m) => {
        const r = m.clampRange(ix, range.from, to);
        const pic = m.picture(ix, { ...r, selected, title: tl(title), words: tx });
        const name = `${scenario}-diagram-steps-${r.from}-${r.to}`;
        if (format === 'svg') m.saveSvg(pic, name);
        else await m.savePng(pic, name);
      })
      .catch((e: unknown) => showNotice({ kind: 'error', title: tx.diagramExport.failed(format.toUpperCase()), lines: [String(e)] }));
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : fallback);
  return (
    <div className="diagram-export" role="group" aria-label={tx.diagramExport.region}>
      <span className="muted">{tx.diagramExport.steps}</span>
      <label htmlFor={`${id}-from`} className="sr-only">
        {tx.diagramExport.from}
      </label>
      <input
        id={`${id}-from`}
        type="number"
        min={0}
        max={last}
        value={range.from}
        onChange={(e) => setRange({ ...range, from: num(e.target.value, 0) })}
        data-testid="export-from"
      />
      <span aria-hidden="true">–</span>
      <label htmlFor={`${id}-to`} className="sr-only">
        {tx.diagramExport.to}
      </label>
      <input
        id={`${id}-to`}
        type="number"
        min={0}
        max={last}
        value={to}
        onChange={(e) => setRange({ ...range, to: num(e.target.value, last) })}
        data-testid="export-to"
      />
      <button type="button" className="btn" onClick={() => void run('svg')}>
        {tx.diagramExport.svg}
      </button>
      <button type="button" className="btn" onClick={() => void run('png')}>
        {tx.diagramExport.png}
      </button>
    </div>
  );
}
