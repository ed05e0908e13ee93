/**
 * Lifelines for each process and the kernel, one row per step, an arrow per message from the step
 * that sent it to the step that delivered it. A multicast is a fan from one point on the kernel's
 * line. Clicking an arrow selects the message and moves the cursor to it.
 *
 * Row model: row i is step i, ROW px tall; marks and arrows are drawn from the timeline index alone
 * (diagramModel.ts). Only the rows in view (and the arrows that cross them) are drawn, so a
 * 200,000-step run draws a few hundred elements; `arrowsOf` lists arrows by the step that sends them.
 */
import { useT } from '../i18n';
import { useEndpointName } from '../names';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { protocolName, type Message } from '../../engine';
import type { TimelineIndex } from '../../store/timelineIndex';
import { useRowWindow } from './useWindow';
import { selectIndex, selectSelectedMessage, selectStep } from '../../store/selectors';
import { useApp, useActions } from '../context';
import { kindClass } from '../kinds';
import { DiagramExport } from './DiagramExport';
import { arrowLabel, diagramWidth, isEcho, labelSpot, laneOf, laneX, ROW, stepLanes, stepMark, textBox, TOP, type Box } from './diagramModel';

/** An arrow longer than this many rows is kept on a short list checked for every window. */
const LONG = 400;

/** The messages drawn as arrows (unicast) and as fans (multicast), ordered by the step that sends them. */
function arrowsOf(ix: TimelineIndex) {
  const arrows: Message[] = [];
  const fans: Message[] = [];
  const long: Message[] = [];
  const last = ix.timeline.steps.length - 1;
  for (const m of ix.timeline.messages) {
    const s0 = ix.sentStep[m.id]!;
    if (s0 < 0) continue;
    if (m.to.kind === 'group') {
      fans.push(m);
      continue;
    }
    arrows.push(m);
    const s1 = ix.outcomeStep[m.id]! >= 0 ? ix.outcomeStep[m.id]! : last;
    if (s1 - s0 > LONG) long.push(m);
  }
  const bySent = (a: Message, b: Message) => ix.sentStep[a.id]! - ix.sentStep[b.id]! || a.id - b.id;
  arrows.sort(bySent);
  fans.sort(bySent);
  return { arrows, fans, long };
}

/** The first item of a list sorted by sending step that is sent at or after `step`. */
function firstSentFrom(list: readonly Message[], ix: TimelineIndex, step: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ix.sentStep[list[mid]!.id]! < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export default function SequenceDiagram() {
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const selected = useApp(selectSelectedMessage);
  const inspectAndSeek = useActions().inspectAndSeek;
  const setStep = useActions().setStep;
  const tx = useT();
  const endpointName = useEndpointName();
  const t = ix.timeline;
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  // Every process that ever exists has a lane, from the step it appears; the kernel is always there.
  const lanes = useMemo(() => [...ix.lanes, { process: 'kernel', fromStep: 0 }], [ix]);
  const names = useMemo(() => lanes.map((l) => l.process), [lanes]);
  const [room, setRoom] = useState(800);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setRoom(el.clientWidth));
    ro.observe(el);
    setRoom(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  // Fill the panel, but never squash lanes: below MIN_LANE px a lane the diagram scrolls sideways.
  const width = diagramWidth(room, lanes.length);
  const x = useMemo(() => laneX(names, width), [names, width]);
  const y = (i: number) => TOP + i * ROW + ROW / 2;
  const height = TOP * 2 + t.steps.length * ROW;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const target = y(step) - el.clientHeight / 2;
    if (y(step) < el.scrollTop + 40 || y(step) > el.scrollTop + el.clientHeight - 40) el.scrollTop = Math.max(0, target);
    // Wider than the panel (many lanes): bring the current step's lanes into view, or the row would look empty.
    const xs = stepLanes(t.steps.at(step)!, t).map(x);
    if (xs.length === 0 || el.scrollWidth <= el.clientWidth) return;
    const left = Math.min(...xs);
    const right = Math.max(...xs);
    if (left < el.scrollLeft + 40 || right > el.scrollLeft + el.clientWidth - 40) el.scrollLeft = Math.max(0, (left + right) / 2 - el.clientWidth / 2);
  }, [step, t, x]);

  const all = useMemo(() => arrowsOf(ix), [ix]);
  const win = useRowWindow(scroller, t.steps.length, ROW, TOP);
  const lastStep = t.steps.length - 1;
  const outcome = (m: Message) => (ix.outcomeStep[m.id]! >= 0 ? ix.outcomeStep[m.id]! : lastStep);
  const multicastLabel = (g: Message) => tx.diagram.multicast(g.to.kind === 'group' ? g.to.group : '');
  // Arrows that touch the rows in view: those sent in the window or up to LONG rows before it and
  // arriving in or after it, plus the long ones that cross it.
  const seen = new Set<number>();
  const arrows: Message[] = [];
  const within = (m: Message) => ix.sentStep[m.id]! < win.end && outcome(m) >= win.start;
  for (let i = firstSentFrom(all.arrows, ix, win.start - LONG); i < all.arrows.length && ix.sentStep[all.arrows[i]!.id]! < win.end; i++) {
    const m = all.arrows[i]!;
    if (within(m)) {
      seen.add(m.id);
      arrows.push(m);
    }
  }
  for (const m of all.long) if (!seen.has(m.id) && within(m)) arrows.push(m);
  const fans: Message[] = [];
  for (let i = firstSentFrom(all.fans, ix, win.start); i < all.fans.length && ix.sentStep[all.fans[i]!.id]! < win.end; i++) fans.push(all.fans[i]!);
  // Where text already is (step marks, multicast origins, labels placed so far): an arrow's label
  // goes where it covers none of it, as in the saved diagram, so that the labels of one multicast's
  // copies, which leave the kernel together, do not lie on top of each other.
  const marks = t.steps.slice(win.start, win.end).flatMap((s) => {
    const mark = stepMark(s, t, tx.diagram);
    if (!mark) return [];
    const kernel = mark.lane === 'kernel';
    return [{ s, mark, kernel, box: textBox(kernel ? x(mark.lane) - 10 : x(mark.lane) + 10, y(s.index) + 4, mark.label.length, 11, kernel ? 'end' : 'start') }];
  });
  const taken: Box[] = marks.map((k) => k.box);
  for (const g of fans) taken.push(textBox(x('kernel') + 10, y(ix.sentStep[g.id]!) + 4, multicastLabel(g).length, 11, 'start'));
  // An arrow's head too: a label over it would hide where the message went.
  for (const m of arrows) {
    const [hx, hy] = [x(laneOf(m, 'to')), y(outcome(m))];
    taken.push([hx - 9, hy - 9, hx + 9, hy + 9]);
  }
  const labels = arrows.map((m) => {
    const label = arrowLabel(m, tx.diagram);
    return { m, label, at: labelSpot(taken, label.length, [x(laneOf(m, 'from')), y(ix.sentStep[m.id]!)], [x(laneOf(m, 'to')), y(outcome(m))]) };
  });
  const activate = (e: KeyboardEvent, fn: () => void) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      fn();
    }
  };

  return (
    <section className="view-panel diagram" aria-label={tx.diagram.region} data-testid="sequence-diagram">
      <DiagramExport />
      <div className="diagram-head" style={{ width }} ref={head}>
        {lanes.map((l) => (
          <span key={l.process} style={{ left: x(l.process) }} className="lane-name" data-testid="lane-name">
            {l.process}
          </span>
        ))}
      </div>
      <div
        className="diagram-scroll"
        ref={scroller}
        onScroll={(e) => {
          // The lane names sit above the scroller: they follow it sideways.
          if (head.current) head.current.style.transform = e.currentTarget.scrollLeft ? `translateX(${-e.currentTarget.scrollLeft}px)` : '';
        }}
      >
        <svg width={width} height={height} role="group" aria-label={tx.diagram.summary(all.arrows.length, t.steps.length - 1)}>
          <defs>
            <marker id="arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0L8 4L0 8z" fill="context-stroke" />
            </marker>
          </defs>
          <rect x={0} y={y(step) - ROW / 2} width={width} height={ROW} className="now-band" />
          {lanes.map((l) => (
            <line
              key={l.process}
              x1={x(l.process)}
              x2={x(l.process)}
              y1={l.fromStep ? y(l.fromStep) : TOP}
              y2={height - TOP}
              className="lifeline"
              data-lane={l.process}
            />
          ))}
          {fans.map((g) => (
            <g key={g.id} className={`fan ${kindClass(g.kind)}${ix.sentStep[g.id]! > step ? ' ahead' : ''}`}>
              <circle cx={x('kernel')} cy={y(ix.sentStep[g.id]!)} r={5} />
              <text x={x('kernel') + 10} y={y(ix.sentStep[g.id]!) + 4}>
                {multicastLabel(g)}
              </text>
            </g>
          ))}
          {arrows.map((m) => {
            const s0 = ix.sentStep[m.id]!;
            const s1 = outcome(m);
            const x1 = x(laneOf(m, 'from'));
            const x2 = x(laneOf(m, 'to'));
            const y1 = y(s0);
            const y2 = y(s1);
            const dropped = ix.dropped[m.id] === 1;
            const echo = isEcho(m);
            const name = tx.diagram.arrowLabel(arrowLabel(m, tx.diagram), protocolName(m.protocol), endpointName(m.from), endpointName(m.to), s0, dropped);
            return (
              <g
                key={m.id}
                className={`arrow ${kindClass(m.kind)}${echo ? ' echo' : ''}${s0 > step ? ' ahead' : ''}${selected === m.id ? ' selected' : ''}${s0 <= step && s1 > step ? ' flying' : ''}`}
                role="button"
                tabIndex={0}
                aria-label={name}
                data-testid="diagram-arrow"
                data-message={m.id}
                data-sent-step={s0}
                onClick={() => inspectAndSeek(m.id)}
                onKeyDown={(e) => activate(e, () => inspectAndSeek(m.id))}
              >
                <line x1={x1} y1={y1} x2={x2} y2={y2} className="hit" />
                <line x1={x1} y1={y1} x2={x2} y2={y2} className="shaft" markerEnd={dropped ? undefined : 'url(#arrowhead)'} />
                {dropped && (
                  <text x={x2} y={y2 + 4} textAnchor="middle" className="x">
                    ✕
                  </text>
                )}
              </g>
            );
          })}
          {/* The steps' marks over the arrows, their labels on cards like the arrows' own. */}
          {marks.map(({ s, mark, kernel, box: [left, top, right, bottom] }) => {
            const lane = mark.lane;
            return (
              <g key={s.index} className={`mark${s.index > step ? ' ahead' : ''}${mark.error ? ' k-error' : ''}`} onClick={() => setStep(s.index)}>
                <rect x={x(lane) - 4} y={y(s.index) - 4} width={8} height={8} rx={kernel ? 1 : 4} />
                <rect x={left} y={top} width={right - left} height={bottom - top} rx={3} className="label-card" />
                <text x={kernel ? x(lane) - 10 : x(lane) + 10} y={y(s.index) + 4} textAnchor={kernel ? 'end' : 'start'}>
                  {mark.label}
                </text>
              </g>
            );
          })}
          {/* Labels last, each on a card of the background, so that no arrow is drawn across a label:
              a halo alone lets a line show between the letters. */}
          {labels.map(({ m, label, at: [lx, ly] }) => {
            const [left, top, right, bottom] = textBox(lx, ly, label.length, 11, 'middle');
            return (
              <g key={m.id} aria-hidden="true">
                <rect x={left} y={top} width={right - left} height={bottom - top} rx={3} className="label-card" />
                <text
                  x={lx}
                  y={ly}
                  textAnchor="middle"
                  className={`arrow-label ${kindClass(m.kind)}${ix.sentStep[m.id]! > step ? ' ahead' : ''}${selected === m.id ? ' selected' : ''}`}
                >
                  {label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </section>
  );
}
