/**
 * The sequence diagram as a standalone SVG file, drawn from the timeline index for a range of steps
 * (not cloned from the screen, which draws only the rows in view). Colours are written into the file
 * from a palette, the current theme's tokens, so the file looks the same anywhere it is opened.
 */
import { endpointName, type MessageKind } from '../../engine';
import type { Messages } from '../../i18n';
import type { TimelineIndex } from '../../store/timelineIndex';
import { arrowLabel, diagramWidth, labelSpot, laneOf, laneX, ROW, shortType, stepMark, textBox, type Box } from '../views/diagramModel';
import { el, esc, px, text } from './markup';

export type Ink = 'request' | 'ack' | 'error' | 'notification' | 'dump' | 'done';

export interface DiagramPalette {
  background: string;
  text: string;
  /** Marks and notes on a lane. */
  muted: string;
  /** Lifelines and the rule under the lane names. */
  line: string;
  ink: Record<Ink, string>;
}

export interface DiagramExportOptions {
  /** First and last step drawn (inclusive). */
  from: number;
  to: number;
  /** A message drawn emphasised (the one selected in the app), or null. */
  selected: number | null;
  title: string;
  palette: DiagramPalette;
  /** The page's words: the file says what the diagram on screen says, in the same language. */
  words: Pick<Messages, 'diagram' | 'diagramExport'>;
}

export interface DiagramPicture {
  svg: string;
  width: number;
  height: number;
}

export const INK_OF: Record<MessageKind, Ink> = {
  request: 'request',
  ack: 'ack',
  reply: 'ack',
  error: 'error',
  notification: 'notification',
  'dump-part': 'dump',
  done: 'done',
};

const HEAD = 56;
const FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/** At most this many steps in one picture (about 52,000 px tall): a long run is saved in parts. */
export const MAX_EXPORT_STEPS = 2000;

/** The steps a request may draw: clamped to the timeline, from ≤ to, and at most MAX_EXPORT_STEPS of them. */
export function clampRange(ix: TimelineIndex, from: number, to: number): { from: number; to: number } {
  const last = ix.timeline.steps.length - 1;
  const a = Math.max(0, Math.min(last, Math.floor(from) || 0));
  const b = Math.max(0, Math.min(last, Math.floor(to) || 0));
  const lo = Math.min(a, b);
  return { from: lo, to: Math.min(Math.max(a, b), lo + MAX_EXPORT_STEPS - 1) };
}

export function diagramSvg(ix: TimelineIndex, options: DiagramExportOptions): DiagramPicture {
  const { from, to } = clampRange(ix, options.from, options.to);
  const p = options.palette;
  const d = options.words.diagram;
  const w = options.words.diagramExport;
  const t = ix.timeline;
  // Every lane that exists by the last step drawn; the kernel is always there.
  const lanes = [...ix.lanes.filter((l) => l.fromStep <= to), { process: 'kernel', fromStep: 0 }];
  const names = lanes.map((l) => l.process);
  const width = diagramWidth(640, lanes.length);
  const x = laneX(names, width);
  const y = (i: number) => HEAD + 8 + (i - from) * ROW + ROW / 2;
  const height = HEAD + 16 + (to - from + 1) * ROW;
  const bottom = height - 8;
  const parts: string[] = [];
  const halo = { 'paint-order': 'stroke', stroke: p.background, 'stroke-width': 4, 'stroke-linejoin': 'round' };
  // Where text already is: an arrow's label goes where it covers none of it (see labelSpot).
  const taken: Box[] = [];

  parts.push(el('rect', { x: 0, y: 0, width, height, fill: p.background }));
  parts.push(text({ x: 12, y: 18, fill: p.text, 'font-size': 12, 'font-weight': 700 }, w.heading(options.title, from, to)));
  parts.push(el('line', { x1: 0, x2: width, y1: HEAD, y2: HEAD, stroke: p.line }));
  const used = new Set<Ink>();
  for (const l of lanes) {
    parts.push(
      text(
        { x: px(x(l.process)), y: HEAD - 10, fill: p.text, 'font-size': 13, 'font-weight': 700, 'text-anchor': 'middle', 'data-lane': l.process },
        l.process,
      ),
    );
    const top = l.fromStep > from ? y(l.fromStep) : HEAD + 4;
    parts.push(el('line', { x1: px(x(l.process)), x2: px(x(l.process)), y1: px(top), y2: bottom, stroke: p.line, 'stroke-dasharray': '4 4' }));
  }
  for (let i = from; i <= to; i++) {
    const mark = stepMark(t.steps.at(i)!, t, d);
    if (!mark) continue;
    const kernel = mark.lane === 'kernel';
    const colour = mark.error ? p.ink.error : p.muted;
    const mx = x(mark.lane);
    taken.push(textBox(kernel ? mx - 10 : mx + 10, y(i) + 4, mark.label.length, 11, kernel ? 'end' : 'start'));
    parts.push(
      el(
        'g',
        { 'data-step': i },
        el('rect', { x: px(mx - 4), y: px(y(i) - 4), width: 8, height: 8, rx: kernel ? 1 : 4, fill: p.background, stroke: colour, 'stroke-width': 1.5 }),
        text({ x: px(kernel ? mx - 10 : mx + 10), y: px(y(i) + 4), fill: colour, 'text-anchor': kernel ? 'end' : 'start', 'font-size': 11 }, mark.label),
      ),
    );
  }
  for (const m of t.messages) {
    const s0 = ix.sentStep[m.id]!;
    if (s0 < from || s0 > to || m.to.kind !== 'group') continue;
    const ink = p.ink[INK_OF[m.kind]];
    taken.push(textBox(x('kernel') + 10, y(s0) + 4, d.multicast(m.to.group).length, 11, 'start'));
    parts.push(
      el(
        'g',
        { 'data-message': m.id },
        el('circle', { cx: px(x('kernel')), cy: px(y(s0)), r: 5, fill: ink }),
        text({ x: px(x('kernel') + 10), y: px(y(s0) + 4), fill: ink, 'font-size': 11, 'font-weight': 600, ...halo }, d.multicast(m.to.group)),
      ),
    );
  }
  // An arrow's head too, as on screen: a label over it would hide where the message went.
  for (const m of t.messages) {
    const s0 = ix.sentStep[m.id]!;
    const s1 = ix.outcomeStep[m.id]! >= 0 ? ix.outcomeStep[m.id]! : t.steps.length - 1;
    if (s0 < 0 || m.to.kind === 'group' || s1 < from || s1 > to || s0 > to) continue;
    const [hx, hy] = [x(laneOf(m, 'to')), y(s1)];
    taken.push([hx - 9, hy - 9, hx + 9, hy + 9]);
  }
  // Labels go in last, each on a card of the background: no later arrow is drawn across one.
  const labels: string[] = [];
  for (const m of t.messages) {
    const s0 = ix.sentStep[m.id]!;
    if (s0 < 0 || m.to.kind === 'group') continue;
    const s1 = ix.outcomeStep[m.id]! >= 0 ? ix.outcomeStep[m.id]! : t.steps.length - 1;
    // An arrow crossing the range is cut at its edges; a cut end has no head and is dashed.
    if (s1 < from || s0 > to) continue;
    const inkName = INK_OF[m.kind];
    const ink = p.ink[inkName];
    const x1 = x(laneOf(m, 'from'));
    const x2 = x(laneOf(m, 'to'));
    const a = Math.max(s0, from);
    const b = Math.min(s1, to);
    const at = (s: number) => x1 + ((x2 - x1) * (s - s0)) / Math.max(1, s1 - s0);
    const y1 = s0 < from ? HEAD + 4 : y(s0);
    const y2 = s1 > to ? bottom : y(s1);
    const cut = s0 < from || s1 > to;
    const dropped = ix.dropped[m.id] === 1;
    const head = !dropped && s1 <= to;
    if (head) used.add(inkName);
    const selected = options.selected === m.id;
    const label = arrowLabel(m, d);
    const [lx, ly] = labelSpot(taken, label.length, [at(a), y1], [at(b), y2]);
    parts.push(
      el(
        'g',
        { 'data-message': m.id },
        el('line', {
          x1: px(at(a)),
          y1: px(y1),
          x2: px(at(b)),
          y2: px(y2),
          stroke: ink,
          'stroke-width': selected ? 3 : 1.6,
          'stroke-dasharray': cut ? '6 3' : undefined,
          'marker-end': head ? `url(#head-${inkName})` : undefined,
        }),
        dropped && s1 <= to ? text({ x: px(x2), y: px(y2 + 4), fill: p.ink.error, 'font-size': 14, 'font-weight': 700, 'text-anchor': 'middle' }, '✕') : '',
        el('title', {}, esc(w.arrowTitle(shortType(m, d), endpointName(m.from), endpointName(m.to), s0))),
      ),
    );
    const [cardLeft, cardTop, cardRight, cardBottom] = textBox(lx, ly, label.length, 10.5, 'middle');
    labels.push(
      el(
        'g',
        { 'data-label': m.id },
        el('rect', {
          x: px(cardLeft),
          y: px(cardTop),
          width: px(cardRight - cardLeft),
          height: px(cardBottom - cardTop),
          rx: 3,
          fill: p.background,
          'fill-opacity': 0.9,
        }),
        text(
          {
            x: px(lx),
            y: px(ly),
            fill: ink,
            'font-size': 10.5,
            'font-weight': 700,
            'text-anchor': 'middle',
            'text-decoration': selected ? 'underline' : undefined,
            ...halo,
          },
          label,
        ),
      ),
    );
  }
  parts.push(...labels);
  const markers = [...used].map((k) =>
    el(
      'marker',
      { id: `head-${k}`, viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      el('path', { d: 'M0 0L8 4L0 8z', fill: p.ink[k] }),
    ),
  );
  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': FONT,
      role: 'img',
      'aria-label': w.label(options.title, from, to),
    },
    el('defs', {}, ...markers),
    ...parts,
  );
  return { svg, width, height };
}
