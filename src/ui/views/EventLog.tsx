/**
 * Every step in order; the current one highlighted and kept in view; filters by process and kind.
 *
 * Row model: the log is a list of step indexes (`rows`, ascending), chosen by the filters; each row
 * is drawn from its step alone (`LogRow`), and a run of similar steps folds into one group row (`logItems`),
 * so grouping and filtering only change which items the list holds. Past WINDOW_FROM rows only the rows in view are drawn, each one line of
 * ROW_HEIGHT px (the full text is in the row's title), so a 200,000-step run opens at once.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { formatFlags, protocolName, stepActor, stepMessage, type Timeline } from '../../engine';
import { logItems, type LogItem } from '../../store/similarSteps';
import { useT } from '../i18n';
import { useMessageTypeName } from '../names';
import { StepLine, useSayStep } from '../narration/StepLine';
import { selectIndex, selectLanes, selectSkipSimilar, selectStep, selectTimeline } from '../../store/selectors';
import { useApp, useActions } from '../context';
import { GlossaryText, Term } from '../glossary/Term';
import { kindClass } from '../kinds';
import { CATEGORIES, categoryOf, partiesOf, type Category } from './categories';
import { useRowWindow } from './useWindow';

/** Logs longer than this are windowed. */
export const WINDOW_FROM = 600;
/** A windowed row's height in px (one line; kept in step with `.log-table.windowed tr` in styles.css). */
export const ROW_HEIGHT = 28;
/** The sticky header's height in px, above the first row. */
const HEAD_HEIGHT = 27;

const ALL_KINDS = CATEGORIES.length;

/** The steps the filters let through, in order (the start is always listed). */
function filterRows(t: Timeline, who: string, kinds: ReadonlySet<Category>): number[] {
  const n = t.steps.length;
  const rows: number[] = [];
  if (who === 'all' && kinds.size === ALL_KINDS) {
    for (let i = 0; i < n; i++) rows.push(i);
    return rows;
  }
  rows.push(0);
  for (let i = 1; i < n; i++) {
    const s = t.steps.at(i)!;
    if (kinds.has(categoryOf(s, t)) && (who === 'all' || partiesOf(s, t).includes(who))) rows.push(i);
  }
  return rows;
}

/** Where a step is in the list (its group's row when folded), or where it would be (the first item after it). */
function rowOf(items: readonly LogItem[], step: number): number {
  const first = (it: LogItem) => (it.kind === 'group' ? it.from : it.step);
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (first(items[mid]!) <= step) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

const LogRow = memo(function LogRow({
  t,
  index,
  current,
  ahead,
  windowed,
  go,
}: {
  t: Timeline;
  index: number;
  current: boolean;
  ahead: boolean;
  windowed: boolean;
  go: (n: number) => void;
}) {
  const m = useT();
  const typeName = useMessageTypeName();
  const say = useSayStep();
  const s = t.steps.at(index)!;
  const msg = stepMessage(s, t);
  const text = s.index === 0 ? m.log.starts : windowed ? say(s, t) : undefined;
  const cat = categoryOf(s, t);
  return (
    <tr
      aria-current={current ? 'step' : undefined}
      className={`${ahead ? 'ahead ' : ''}${msg ? kindClass(msg.kind) : cat === 'errors' ? 'k-error' : 'k-state'}`}
      onClick={() => go(s.index)}
      data-step={s.index}
    >
      <td>
        <button
          type="button"
          className="link"
          onClick={(e) => {
            e.stopPropagation();
            go(s.index);
          }}
          aria-label={m.log.goTo(s.index)}
        >
          {s.index}
        </button>
      </td>
      <td className="mono">{(s.timeMs / 1000).toFixed(2)} s</td>
      <td>{stepActor(s, t) ?? ''}</td>
      <td title={windowed ? text : undefined}>{s.index === 0 ? text : <StepLine step={s} t={t} />}</td>
      <td>
        {msg && (
          <span className="log-msg">
            <b>
              <Term term={typeName(msg.message.header.type, msg.protocol)} focusable={false} />
            </b>
            <span>
              <GlossaryText text={formatFlags(msg.message.header.type, msg.message.header.flags, msg.protocol)} focusable={false} />
            </span>
            <span className="log-proto" title={m.log.protoTitle(msg.protocol)}>
              {protocolName(msg.protocol)}
            </span>
          </span>
        )}
      </td>
    </tr>
  );
});

/** A run of similar steps folded into one row; it opens to show them. */
function GroupRow({
  t,
  item,
  label,
  step,
  toggle,
  go,
}: {
  t: Timeline;
  item: Extract<LogItem, { kind: 'group' }>;
  label: string;
  step: number;
  toggle: (g: number) => void;
  go: (n: number) => void;
}) {
  const m = useT();
  const typeName = useMessageTypeName();
  const first = t.steps.at(item.from)!;
  const msg = stepMessage(first, t);
  const here = step >= item.from && step <= item.to;
  return (
    <tr className={`log-group${item.from > step ? ' ahead' : ''}`} aria-current={here && !item.open ? 'step' : undefined} data-testid="log-group">
      <td colSpan={5}>
        <button type="button" className="group-toggle" aria-expanded={item.open} onClick={() => toggle(item.group)}>
          <span aria-hidden="true">{item.open ? '▾' : '▸'}</span> {m.log.similar(item.shown, item.from, item.to)} {stepActor(first, t) ?? ''} ·{' '}
          {m.log.eventKind(label.split(' · ')[0]!.replace('message-', ''))}
          {msg ? ` ${typeName(msg.message.header.type, msg.protocol)}` : ''}
        </button>
        {!item.open && (
          <button type="button" className="link" onClick={() => go(item.to)}>
            {m.log.goToStep(item.to)}
          </button>
        )}
      </td>
    </tr>
  );
}

export default function EventLog() {
  const t = useApp(selectTimeline);
  const step = useApp(selectStep);
  const lanes = useApp(selectLanes);
  const setStep = useActions().setStep;
  const [who, setWho] = useState('all');
  const [kinds, setKinds] = useState<Set<Category>>(() => new Set(CATEGORIES));
  const body = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => filterRows(t, who, kinds), [t, who, kinds]);
  const m = useT();
  const ix = useApp(selectIndex);
  const skipSimilar = useApp(selectSkipSimilar);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const items = useMemo(
    () => logItems(rows, skipSimilar ? ix.groupOf : new Int32Array(t.steps.length).fill(-1), ix.groups, open),
    [rows, skipSimilar, ix, open, t],
  );
  const toggleGroup = (g: number) =>
    setOpen((old) => {
      const next = new Set(old);
      if (next.has(g)) next.delete(g);
      else next.add(g);
      return next;
    });
  const windowed = items.length > WINDOW_FROM;
  const win = useRowWindow(body, windowed ? items.length : 0, ROW_HEIGHT, HEAD_HEIGHT);
  const names = [...lanes.map((l) => l.process), 'kernel'];

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    if (windowed) {
      // The current row may not be drawn yet: scroll to where it sits.
      const top = HEAD_HEIGHT + rowOf(items, step) * ROW_HEIGHT;
      if (top < el.scrollTop + HEAD_HEIGHT || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
      return;
    }
    const cur = el.querySelector<HTMLElement>('[aria-current="step"]');
    if (cur) {
      const box = el.getBoundingClientRect();
      const r = cur.getBoundingClientRect();
      if (r.top < box.top + 30 || r.bottom > box.bottom) el.scrollTop += r.top - box.top - box.height / 2;
    }
  }, [step, items, windowed]);

  const toggle = (c: Category) =>
    setKinds((old) => {
      const next = new Set(old);
      if (next.has(c)) next.delete(c);
      else next.add(c);
      return next;
    });

  const from = windowed ? win.start : 0;
  const to = windowed ? win.end : items.length;
  const drawn: LogItem[] = items.slice(from, to);

  return (
    <section className="view-panel log" aria-label={m.log.region} data-testid="event-log">
      <div className="log-filters">
        <label>
          <span className="caps">{m.log.process}</span>{' '}
          <select value={who} onChange={(e) => setWho(e.target.value)} aria-label={m.log.filter}>
            <option value="all">{m.log.all}</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend className="caps">{m.log.kinds}</legend>
          {CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={kinds.has(c)} onChange={() => toggle(c)} />
              {m.log.categories[c]}
            </label>
          ))}
        </fieldset>
        <span className="muted" aria-live="polite">
          {m.log.count(rows.length - 1, t.steps.length - 1)}
        </span>
      </div>
      <div className="log-body" ref={body}>
        <table className={`log-table${windowed ? ' windowed' : ''}`} aria-rowcount={windowed ? items.length + 1 : undefined}>
          <thead>
            <tr>
              <th scope="col">{m.log.cols.step}</th>
              <th scope="col">{m.log.cols.time}</th>
              <th scope="col">{m.log.cols.actor}</th>
              <th scope="col">{m.log.cols.what}</th>
              <th scope="col">{m.log.cols.message}</th>
            </tr>
          </thead>
          <tbody>
            {windowed && from > 0 && (
              <tr className="log-spacer" aria-hidden="true" style={{ height: from * ROW_HEIGHT }}>
                <td colSpan={5} />
              </tr>
            )}
            {drawn.map((item) =>
              item.kind === 'group' ? (
                <GroupRow key={`g${item.group}`} t={t} item={item} label={ix.groups[item.group]!.kind} step={step} toggle={toggleGroup} go={setStep} />
              ) : (
                <LogRow key={item.step} t={t} index={item.step} current={item.step === step} ahead={item.step > step} windowed={windowed} go={setStep} />
              ),
            )}
            {windowed && to < items.length && (
              <tr className="log-spacer" aria-hidden="true" style={{ height: (items.length - to) * ROW_HEIGHT }}>
                <td colSpan={5} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
