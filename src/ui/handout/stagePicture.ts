/**
 * A still picture of the stage at one step, as inline SVG markup: a box per process with its
 * sockets (port id, groups, queue), the system call boundary, the kernel with its routing table, and
 * the step's message as an arrow between the two. A pure function of the step and the timeline
 * index, so the handout draws every step without running the app to it. Colours come from classes
 * (handout.css and the kind classes of styles.css), so the picture follows the printed page.
 */
import { fifoToArray, formatRoute, knownGroupName, socketOf, stepMessage, type Message } from '../../engine';
import { en, type Messages } from '../../i18n';
import type { TimelineIndex } from '../../store/timelineIndex';
import { INK_OF } from '../export/diagramSvg';
import { el, px, text } from '../export/markup';
import { shortType } from '../views/diagramModel';

export const PICTURE_WIDTH = 680;
const PER_ROW = 5;
const LINE = 14;
const GAP = 10;
/** Routes drawn in two columns; beyond that, a count. */
const MAX_ROUTES = 12;

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

type PictureWords = Messages['handout']['picture'];

/** What happens to the step's message at this step, in one word. */
function verb(kind: string, p: PictureWords): string {
  switch (kind) {
    case 'message-sent':
      return p.sent;
    case 'message-delivered':
      return p.delivered;
    case 'message-dropped':
      return p.dropped;
    case 'message-read':
      return p.read;
    default:
      return '';
  }
}

/** The picture in the page's words (English by default): its labels, the message's short name, a group's. */
export function stagePicture(ix: TimelineIndex, stepIndex: number, words: Pick<Messages, 'handout' | 'diagram' | 'process'> = en): string {
  const pw = words.handout.picture;
  const t = ix.timeline;
  const step = t.steps.at(stepIndex)!;
  const w = step.world;
  const procs = w.processOrder;
  const rows = Math.max(1, Math.ceil(procs.length / PER_ROW));
  const perRow = Math.min(PER_ROW, Math.max(1, procs.length));
  const boxW = (PICTURE_WIDTH - 20 - GAP * (perRow - 1)) / perRow;
  // A box is as tall as the process with the most socket lines (at most 3 sockets and a "more" line).
  const most = Math.max(1, ...procs.map((n) => Math.min(4, w.processes[n]!.sockets.length)));
  const BOX_H = 28 + most * LINE;
  const userH = 24 + rows * (BOX_H + GAP);
  const boundary = userH + 8;
  const routes = w.routes;
  const shown = routes.slice(0, MAX_ROUTES);
  // Room under the boundary for the message's label.
  const kernelTop = boundary + 26;
  const routeRows = Math.max(1, Math.ceil(shown.length / 2) + (routes.length > shown.length ? 1 : 0));
  const kernelH = 48 + routeRows * 15;
  const height = kernelTop + kernelH + 10;
  const parts: string[] = [];
  const centre = new Map<string, { x: number; y: number }>();

  parts.push(text({ x: 10, y: 16, class: 'sp-zone' }, pw.userSpace(procs.length)));
  procs.forEach((name, i) => {
    const bx = 10 + (i % PER_ROW) * (boxW + GAP);
    const by = 24 + Math.floor(i / PER_ROW) * (BOX_H + GAP);
    const p = w.processes[name]!;
    centre.set(name, { x: bx + boxW / 2, y: by + BOX_H });
    const chars = Math.max(8, Math.floor(boxW / 6.4));
    const lines = p.sockets.slice(0, 3).map((id) => {
      const s = socketOf(w, id)!;
      const port = s.closed ? pw.closed : s.portId === null ? pw.unbound : pw.port(s.portId);
      const groups = s.groups.length ? pw.groups(s.groups.join(',')) : '';
      return clip(`${port}${groups}${pw.queue(fifoToArray(s.queue).length)}`, chars);
    });
    if (p.sockets.length > 3) lines.push(pw.moreSockets(p.sockets.length - 3));
    if (p.sockets.length === 0) lines.push(pw.noSocket);
    parts.push(
      el(
        'g',
        { class: 'sp-proc', 'data-process': name },
        el('rect', { x: px(bx), y: by, width: px(boxW), height: BOX_H, rx: 8 }),
        text({ x: px(bx + 8), y: by + 17, class: 'sp-name' }, clip(`${name} · pid ${p.pid}`, chars)),
        ...lines.map((l, k) => text({ x: px(bx + 8), y: by + 35 + k * LINE, class: 'sp-line' }, l)),
      ),
    );
  });
  parts.push(el('line', { x1: 0, x2: PICTURE_WIDTH, y1: boundary, y2: boundary, class: 'sp-boundary' }));
  parts.push(text({ x: PICTURE_WIDTH - 10, y: boundary + 13, class: 'sp-note', 'text-anchor': 'end' }, pw.boundary));
  parts.push(el('rect', { x: 10, y: kernelTop, width: PICTURE_WIDTH - 20, height: kernelH, rx: 8, class: 'sp-kernel' }));
  parts.push(text({ x: 20, y: kernelTop + 18, class: 'sp-name' }, pw.kernel(!!w.rtmgr)));
  parts.push(text({ x: 20, y: kernelTop + 36, class: 'sp-line' }, pw.routes(routes.length)));
  const half = Math.ceil(shown.length / 2);
  shown.forEach((r, k) =>
    parts.push(
      text(
        { x: k < half ? 34 : 34 + (PICTURE_WIDTH - 60) / 2, y: kernelTop + 51 + (k % half) * 15, class: 'sp-mono' },
        clip(`${r.label}  ${formatRoute(r, w.interfaces)}`, 42),
      ),
    ),
  );
  if (routes.length > shown.length) parts.push(text({ x: 34, y: kernelTop + 51 + half * 15, class: 'sp-line' }, pw.more(routes.length - shown.length)));
  if (routes.length === 0) parts.push(text({ x: 34, y: kernelTop + 51, class: 'sp-line' }, pw.empty));
  const kernelAt = { x: PICTURE_WIDTH - 150, y: kernelTop };

  const m: Message | undefined = stepMessage(step, t);
  if (m) {
    const end = (e: Message['from']) => (e.kind === 'socket' ? centre.get(socketOf(w, e.socket)?.process ?? '') : e.kind === 'kernel' ? kernelAt : undefined);
    const from = end(m.from) ?? kernelAt;
    // A multicast goes to each member: its copies, sent at the same step, say which sockets those are.
    const e = step.event;
    const ends = m.to.kind === 'group' ? (e.kind === 'message-sent' ? (e.copies ?? []) : []).map((c) => t.messages.at(c)!.to) : [m.to];
    const targets = ends.map(end).filter((p): p is { x: number; y: number } => p !== undefined);
    const ink = `k-${INK_OF[m.kind] === 'dump' ? 'dump-part' : INK_OF[m.kind]}`;
    const group = m.to.kind === 'group' ? (knownGroupName(m.to.group, m.to.protocol) ?? words.process.group(m.to.group)) : null;
    const label = `${verb(step.event.kind, pw)}: ${shortType(m, words.diagram)}${group === null ? '' : pw.toGroup(group)}`;
    const head = `sp-head-${stepIndex}`;
    const lx = targets.length ? (from.x + targets.reduce((sum, p) => sum + p.x, 0) / targets.length) / 2 : from.x;
    // Under the boundary, on a white ground, kept clear of the "system call boundary" note on the right
    // (as long as that note is in the page's language: about 6 units a character, at least 140).
    const labelW = label.length * 7;
    const noteW = Math.max(140, pw.boundary.length * 6);
    const labelX = Math.min(PICTURE_WIDTH - 10 - noteW - labelW / 2, Math.max(10 + labelW / 2, lx));
    const arrows = targets.map((to) =>
      el('line', { x1: px(from.x), y1: px(from.y), x2: px(to.x), y2: px(to.y), class: 'sp-arrow', 'marker-end': `url(#${head})` }),
    );
    parts.push(
      el(
        'g',
        { class: `sp-message ${ink}` },
        // The head takes the colour of the line that uses it (context-stroke), so it follows the kind.
        el(
          'marker',
          { id: head, viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
          el('path', { d: 'M0 0L8 4L0 8z', fill: 'context-stroke' }),
        ),
        ...arrows,
        el('rect', { x: px(labelX - labelW / 2 - 4), y: px(boundary + 3), width: px(labelW + 8), height: 15, rx: 3, class: 'sp-label-bg' }),
        text({ x: px(labelX), y: px(boundary + 14), class: 'sp-label', 'text-anchor': 'middle' }, label),
      ),
    );
  }
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'stage-picture',
      viewBox: `0 0 ${PICTURE_WIDTH} ${px(height)}`,
      role: 'img',
      'aria-label': pw.label(stepIndex),
    },
    ...parts,
  );
}
