/**
 * What the sequence diagram draws, as data: which lane a step's mark sits on and what it says, the
 * short name on a message's arrow, and where lanes and rows go. The diagram on screen and its SVG
 * export (src/ui/export/diagramSvg.ts) both draw from here, so they always agree.
 */
import { knownMessageTypeName, NETLINK_ROUTE, processOfSocket, type Message, type Step, type Timeline } from '../../engine';
import { en, type Messages } from '../../i18n';

export const ROW = 26;
export const TOP = 14;
/** Below this many pixels a lane, the diagram scrolls sideways rather than squash lanes together. */
export const MIN_LANE = 150;

export function shortType(m: Message, d: Pick<Messages['diagram'], 'unnamedType'> = en.diagram): string {
  const t = knownMessageTypeName(m.message.header.type, m.protocol) ?? d.unnamedType(m.message.header.type);
  // NETLINK_ROUTE's RTM_ names say their protocol; any other protocol is named on the arrow.
  const proto = m.protocol === NETLINK_ROUTE ? '' : ` [${m.protocol}]`;
  if (m.kind === 'ack') return `ACK${proto}`;
  if (m.kind === 'error' && m.message.payload.kind === 'error') return `ERROR ${m.message.payload.error}${proto}`;
  return `${t}${proto}`;
}

/** The lane a message's end is drawn on: its process, or the kernel. */
/** An echo: the requester's own unicast copy of a notification (NLM_F_ECHO), not a member's multicast copy. */
export function isEcho(m: Message): boolean {
  return m.kind === 'notification' && m.copyOf === undefined && m.inReplyTo !== undefined && m.to.kind === 'socket';
}

/** What an arrow says: the type, which route (R1, R2… for a dump's parts), and whether it is a copy or an echo. */
export function arrowLabel(m: Message, d: Messages['diagram'] = en.diagram): string {
  const route = m.route && m.kind !== 'ack' && m.kind !== 'error' ? ` ${m.route}` : '';
  const which = m.copyOf !== undefined ? d.copy : isEcho(m) ? d.echo : '';
  return `${shortType(m, d)}${route}${which}`;
}

export function laneOf(m: Message, side: 'from' | 'to'): string {
  const e = m[side];
  return e.kind === 'socket' ? processOfSocket(e.socket) : 'kernel';
}

/** A step that is not a message drawn as a small mark on one lane, or null when the step has none. */
export function stepMark(s: Step, t: Timeline, d: Messages['diagram'] = en.diagram): { lane: string; label: string; error: boolean } | null {
  const e = s.event;
  const mark = (lane: string, label: string) => ({ lane, label, error: e.kind === 'read-error' && e.errno === 'ENOBUFS' });
  switch (e.kind) {
    case 'process-started':
      return mark(e.process, d.started(e.pid));
    case 'timer-armed':
      return mark('kernel', d.timerArmed(e.route));
    case 'timer-fired':
      return mark('kernel', e.address ? d.lifetimeOver(e.address) : d.timerFired(e.route));
    case 'timer-cancelled':
      return mark('kernel', d.timerCancelled(e.route));
    case 'route-added':
      return mark('kernel', d.routeAdded(e.route.label));
    case 'route-removed':
      return mark('kernel', d.routeRemoved(e.route.label));
    case 'socket-bound':
      return mark(processOfSocket(e.socket), d.bound(e.portId));
    case 'group-joined':
      return mark(processOfSocket(e.socket), d.joins(e.group));
    case 'group-left':
      return mark(processOfSocket(e.socket), d.leaves(e.group));
    case 'message-read':
      return mark(processOfSocket(e.socket), d.reads(shortType(t.messages.at(e.message)!, d)));
    case 'socket-closed':
      return mark(processOfSocket(e.socket), d.closed(e.portId));
    case 'entry-changed':
      return mark(
        'kernel',
        e.change === 'registered'
          ? d.listAdd(e.entry, e.port)
          : e.change === 'unregistered'
            ? d.listRemove(e.entry, e.port)
            : e.change === 'forgotten'
              ? d.forgets(e.entry, e.port)
              : d.entry(e.entry, e.change),
      );
    case 'unicast-failed':
      return mark('kernel', `→ ${e.port}: ECONNREFUSED`);
    case 'read-error':
      return mark(processOfSocket(e.socket), e.errno);
    default:
      return null;
  }
}

/** The lanes a step is drawn on: a message's two ends, or its mark's lane; none for a step with neither. */
export function stepLanes(s: Step, t: Timeline): string[] {
  const e = s.event;
  if ('message' in e && e.kind !== 'message-read') {
    const m = t.messages.at(e.message)!;
    return [laneOf(m, 'from'), laneOf(m, 'to')];
  }
  const mark = stepMark(s, t);
  return mark ? [mark.lane] : [];
}

/** Where lanes go across `width` pixels: the first at 70, the kernel's 180 from the right edge. */
export function laneX(names: readonly string[], width: number): (name: string) => number {
  return (name) => 70 + ((width - 250) * names.indexOf(name)) / Math.max(1, names.length - 1);
}

export function diagramWidth(room: number, lanes: number): number {
  return Math.max(room, lanes * MIN_LANE);
}

/** A text's extent on the page: left, top, right, bottom. */
export type Box = readonly [number, number, number, number];

/** The box of a line of monospace text of `chars` characters at (x, baseline y). */
export function textBox(x: number, y: number, chars: number, size: number, anchor: 'start' | 'middle' | 'end'): Box {
  // A monospace glyph is about 0.6 em wide (DejaVu Sans Mono, Menlo, Consolas); the halo adds 2 px a side.
  const w = chars * size * 0.6 + 4;
  const left = anchor === 'start' ? x - 2 : anchor === 'end' ? x - w + 2 : x - w / 2;
  return [left, y - size, left + w, y + 3];
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Where along an arrow its label is tried: the middle first, then nearer one end or the other. */
const SPOTS = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9];

/**
 * Where an arrow's label goes (its centre and baseline): the first spot along the arrow where it
 * covers no text already placed, else the one that covers least, and it is then taken. Copies of one
 * multicast leave the kernel together and their labels would all sit on the same spot in the middle.
 * The diagram on screen and its export place labels alike.
 */
export function labelSpot(taken: Box[], chars: number, [x1, y1]: readonly [number, number], [x2, y2]: readonly [number, number]): [number, number] {
  let best: [number, number] = [0, 0];
  let bestBox: Box | null = null;
  let least = Infinity;
  for (const f of SPOTS) {
    const spot: [number, number] = [x1 + (x2 - x1) * f, y1 + (y2 - y1) * f - 5];
    const box = textBox(spot[0], spot[1], chars, 10.5, 'middle');
    const covered = taken.reduce((sum, t) => sum + overlap(box, t), 0);
    if (covered < least) [best, bestBox, least] = [spot, box, covered];
    if (covered === 0) break;
  }
  taken.push(bestBox!);
  return best;
}
