/** Every step in order; the current one highlighted and kept in view; filters by process and kind. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeStep, formatFlags, messageTypeName, protocolName, stepActor, stepMessage } from '../../engine';
import { logItems } from '../../store/similarSteps';
import { selectIndex, selectLanes, selectSkipSimilar, selectStep, selectTimeline } from '../../store/selectors';
import { useApp, useActions } from '../context';
import { GlossaryText, Term } from '../glossary/Term';
import { kindClass } from '../kinds';
import { CATEGORIES, categoryOf, partiesOf, type Category } from './categories';

export default function EventLog() {
  const t = useApp(selectTimeline);
  const step = useApp(selectStep);
  const lanes = useApp(selectLanes);
  const setStep = useActions().setStep;
  const [who, setWho] = useState('all');
  const [kinds, setKinds] = useState<Set<Category>>(() => new Set(CATEGORIES.map((c) => c.id)));
  const body = useRef<HTMLDivElement>(null);
  const rows = useMemo(
    () =>
      t.steps.map((s) => ({
        s,
        cat: categoryOf(s, t),
        parties: partiesOf(s, t),
        text: s.index === 0 ? 'The scenario starts' : describeStep(s, t),
        actor: stepActor(s, t) ?? '',
        msg: stepMessage(s, t),
      })),
    [t],
  );
  const visible = rows.filter((r) => r.s.index === 0 || (kinds.has(r.cat) && (who === 'all' || r.parties.includes(who))));
  const ix = useApp(selectIndex);
  const skipSimilar = useApp(selectSkipSimilar);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const items = useMemo(
    () =>
      logItems(
        visible.map((r) => r.s.index),
        skipSimilar ? ix.groupOf : new Int32Array(t.steps.length).fill(-1),
        ix.groups,
        open,
      ),
    [visible, skipSimilar, ix, open, t],
  );
  const toggleGroup = (g: number) =>
    setOpen((old) => {
      const next = new Set(old);
      if (next.has(g)) next.delete(g);
      else next.add(g);
      return next;
    });
  const names = [...lanes.map((l) => l.process), 'kernel'];

  useEffect(() => {
    const el = body.current?.querySelector<HTMLElement>('[aria-current="step"]');
    if (el && body.current) {
      const box = body.current.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      if (r.top < box.top + 30 || r.bottom > box.bottom) body.current.scrollTop += r.top - box.top - box.height / 2;
    }
  }, [step, who, kinds]);

  const toggle = (c: Category) =>
    setKinds((old) => {
      const next = new Set(old);
      if (next.has(c)) next.delete(c);
      else next.add(c);
      return next;
    });

  return (
    <section className="view-panel log" aria-label="Event log" data-testid="event-log">
      <div className="log-filters">
        <label>
          <span className="caps">Process</span>{' '}
          <select value={who} onChange={(e) => setWho(e.target.value)} aria-label="Filter by process">
            <option value="all">All</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend className="caps">Kinds</legend>
          {CATEGORIES.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={kinds.has(c.id)} onChange={() => toggle(c.id)} />
              {c.label}
            </label>
          ))}
        </fieldset>
        <span className="muted" aria-live="polite">
          {visible.length - 1} of {rows.length - 1} steps
        </span>
      </div>
      <div className="log-body" ref={body}>
        <table className="log-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">What happened</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              if (item.kind === 'group') {
                const first = rows[item.from]!;
                const here = step >= item.from && step <= item.to;
                return (
                  <tr
                    key={`g${item.group}`}
                    className={`log-group${item.from > step ? ' ahead' : ''}`}
                    aria-current={here && !item.open ? 'step' : undefined}
                    data-testid="log-group"
                  >
                    <td colSpan={5}>
                      <button type="button" className="group-toggle" aria-expanded={item.open} onClick={() => toggleGroup(item.group)}>
                        <span aria-hidden="true">{item.open ? '▾' : '▸'}</span> {item.shown} similar steps, {item.from}–{item.to}: {first.actor} ·{' '}
                        {ix.groups[item.group]!.kind.split(' · ')[0]!.replace('message-', '')}
                        {first.msg ? ` ${messageTypeName(first.msg.message.header.type, first.msg.protocol)}` : ''}
                      </button>
                      {!item.open && (
                        <button type="button" className="link" onClick={() => setStep(item.to)}>
                          go to step {item.to}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              }
              const { s, text, actor, msg, cat } = rows[item.step]!;
              return (
                <tr
                  key={s.index}
                  aria-current={s.index === step ? 'step' : undefined}
                  className={`${s.index > step ? 'ahead ' : ''}${msg ? kindClass(msg.kind) : cat === 'errors' ? 'k-error' : 'k-state'}`}
                  onClick={() => setStep(s.index)}
                  data-step={s.index}
                >
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={(e) => {
                        e.stopPropagation();
                        setStep(s.index);
                      }}
                      aria-label={`Go to step ${s.index}`}
                    >
                      {s.index}
                    </button>
                  </td>
                  <td className="mono">{(s.timeMs / 1000).toFixed(2)} s</td>
                  <td>{actor}</td>
                  <td>{text}</td>
                  <td>
                    {msg && (
                      <span className="log-msg">
                        <b>
                          <Term term={messageTypeName(msg.message.header.type, msg.protocol)} focusable={false} />
                        </b>
                        <span>
                          <GlossaryText text={formatFlags(msg.message.header.type, msg.message.header.flags, msg.protocol)} focusable={false} />
                        </span>
                        <span className="log-proto" title={`netlink protocol ${msg.protocol}`}>
                          {protocolName(msg.protocol)}
                        </span>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
