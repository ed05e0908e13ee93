/**
 * Messages in flight, drawn from (step, time) only: an envelope sits at
 * progress(sentAt, deliverAt, now) along its path, so playing, stepping and scrubbing agree.
 * The playhead moves motion values; React renders only when the set of messages changes.
 */
import { useT } from '../i18n';
import { useEndpointName, useMessageTypeName } from '../names';
import { domAnimation, LazyMotion, m, MotionConfig, useMotionValue } from 'framer-motion';
import { memo, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { endpointName as engineName, NETLINK_RTMGR, protocolName, socketOf, type Message } from '../../engine';
import { selectIndex, selectStep, selectWorld } from '../../store/selectors';
import { drawnProgress, inFlight } from '../../store/timelineIndex';
import { useApp, useAppStore, useActions } from '../context';
import { KindGlyph, kindClass } from '../kinds';
import type { Signal } from '../../store/signal';
import { useReducedMotion } from '../useReducedMotion';
import type { Point } from './anchors';
import { separate, type Box } from './separate';

/** The kernel end of a path: the course module's card for its protocol, the netlink core otherwise. */
function endpointKey(e: Message['from'], protocol = 0): string {
  return e.kind === 'socket' ? `nub:${e.socket}` : protocol === NETLINK_RTMGR ? 'module' : 'core';
}

/** The path a message travels on the stage: from one anchor to another. */
function pathKey(m: Message): string {
  return `${endpointKey(m.from, m.protocol)}>${endpointKey(m.to, m.protocol)}`;
}

/** Messages in flight on one path: drawn as one envelope, the one furthest along, with a count. */
interface PathGroup {
  key: string;
  lead: Message;
  count: number;
}

/** Groups messages by path, in order of sending: the first sent on a path is the furthest along. */
function groupByPath(msgs: readonly Message[]): PathGroup[] {
  const groups = new Map<string, PathGroup>();
  for (const msg of msgs) {
    const key = pathKey(msg);
    const g = groups.get(key);
    if (!g) groups.set(key, { key, lead: msg, count: 1 });
    else {
      g.count += 1;
      if (msg.id < g.lead.id) g.lead = msg;
    }
  }
  return [...groups.values()];
}

/** How far inside its near end an envelope that leans off its path keeps the path, in px. */
const LEAN_INSET = 12;

/**
 * How far an envelope's centre sits beside its point on the path: a path that runs sideways has
 * its envelope lean the way it goes, so the copies of a multicast fanning out from one point to
 * cards on both sides are drawn apart instead of on top of each other (their pills are wider than
 * the gap between their points for most of a short path). A steep path keeps it centred.
 */
export function leanOf(from: Point, to: Point, halfWidth: number): number {
  const dx = to.x - from.x;
  if (Math.abs(dx) < Math.abs(to.y - from.y) / 4) return 0;
  return Math.sign(dx) * Math.max(0, halfWidth - LEAN_INSET);
}

/**
 * Where an envelope is drawn at progress p (its centre, `lean` beside the path), kept off the system
 * call boundary's label: where it would cover the label, it is drawn at the nearer edge of the
 * label's band instead.
 */
export function placeOnPath(from: Point, to: Point, p: number, label: Point | undefined, half: { w: number; h: number }, lean = 0): Point {
  const x = from.x + (to.x - from.x) * p + lean;
  const y = from.y + (to.y - from.y) * p;
  if (!label?.w || !label.h || to.y === from.y) return { x, y };
  const dy = label.h / 2 + half.h + 4;
  if (Math.abs(y - label.y) >= dy || Math.abs(x - label.x) >= label.w / 2 + half.w + 4) return { x, y };
  const edges = [label.y - dy, label.y + dy].map((e) => (e - from.y) / (to.y - from.y)).filter((q) => q >= 0 && q <= 1);
  if (edges.length === 0) return { x, y };
  const q = edges.reduce((a, b) => (Math.abs(b - p) < Math.abs(a - p) ? b : a));
  return { x: from.x + (to.x - from.x) * q + lean, y: from.y + (to.y - from.y) * q };
}

/**
 * Places every envelope on each tick of the playhead: where its path puts it, then kept off the
 * others (separate.ts), the earliest message first. One subscription for the layer, so that each
 * envelope's place can take the others into account.
 */
class Placer {
  private items = new Map<string, { order: number; where: (t: number) => Box; set: (x: number, y: number) => void }>();
  private obstacles: Box[] = [];
  constructor(private readonly now: Signal) {}
  setObstacles(obstacles: Box[]): void {
    this.obstacles = obstacles;
    this.placeSoon();
  }
  private pending = false;
  /** A burst of envelopes mounting together is placed once, not once per envelope. */
  private placeSoon(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.place(this.now.get());
    });
  }
  add(key: string, order: number, where: (t: number) => Box, set: (x: number, y: number) => void): () => void {
    this.items.set(key, { order, where, set });
    this.placeSoon();
    return () => {
      this.items.delete(key);
      this.placeSoon();
    };
  }
  place = (t: number): void => {
    const items = [...this.items.values()].sort((a, b) => a.order - b.order);
    const at = separate(
      items.map((i) => i.where(t)),
      this.obstacles,
    );
    items.forEach((item, i) => item.set(at[i]!.x, at[i]!.y));
  };
}

const Envelope = memo(function Envelope({
  pathKey: key,
  msg,
  from,
  to,
  placer,
  copyLabel,
  reduced,
  count,
  label,
}: {
  pathKey: string;
  msg: Message;
  from: Point;
  to: Point;
  placer: Placer;
  copyLabel: string | null;
  reduced: boolean;
  count: number;
  label: Point | undefined;
}) {
  const select = useActions().select;
  // A boolean per envelope: selecting another message re-renders only the two envelopes concerned.
  const selected = useApp((s) => s.selectedMessage === msg.id);
  const x = useMotionValue(from.x);
  const y = useMotionValue(from.y);
  const ref = useRef<HTMLButtonElement>(null);
  // Its size, read when its path or label moves (a layout change): nothing is measured per frame.
  useEffect(() => {
    const el = ref.current;
    const size = el ? { w: el.offsetWidth / 2, h: el.offsetHeight / 2 } : { w: 40, h: 11 };
    // The layer's width, so that an envelope near the stage's edge (or leaning off its path) stays on it.
    const room = el?.parentElement?.clientWidth ?? Infinity;
    const lean = leanOf(from, to, size.w);
    // With reduced motion the envelope waits at the middle of its path instead of gliding.
    const where = (t: number): Box => {
      const at = placeOnPath(from, to, reduced ? 0.5 : drawnProgress(msg.sentAt, msg.deliverAt, t), label, size, lean);
      return { x: Math.min(Math.max(at.x, size.w + 2), room - size.w - 2), y: at.y, ...size };
    };
    return placer.add(key, msg.id, where, (px, py) => {
      x.set(px);
      y.set(py);
    });
  }, [key, msg, from, to, placer, reduced, label, x, y]);
  const tx = useT();
  const endpointName = useEndpointName();
  const typeName = useMessageTypeName();
  const name = typeName(msg.message.header.type, msg.protocol);
  const proto = protocolName(msg.protocol);
  return (
    <m.button
      ref={ref}
      type="button"
      className={`envelope ${kindClass(msg.kind)}${selected ? ' selected' : ''}`}
      style={{ x, y }}
      initial={{ opacity: 0, scale: 0.85 }}
      animate={{ opacity: 1, scale: 1 }}
      transition={{ duration: 0.18 }}
      onClick={() => select(msg.id)}
      data-testid="envelope"
      data-type={name}
      // The engine's name, the same in every language: a stable hook for tests.
      data-to={engineName(msg.to)}
      data-protocol={proto}
      data-count={count}
      aria-label={tx.stage.inFlight(name, proto, endpointName(msg.from), endpointName(msg.to), copyLabel, count - 1)}
      title={tx.stage.envelopeTitle(name, proto, msg.protocol, copyLabel, count)}
    >
      <KindGlyph kind={msg.kind} size={12} />
      <span className="ename">{name}</span>
      <span className="proto" aria-hidden="true">
        {proto.replace('NETLINK_', '')}
      </span>
      {count > 1 && (
        <span className="count" aria-hidden="true">
          ×{count}
        </span>
      )}
      {copyLabel && <span className="sr-only"> ({copyLabel})</span>}
    </m.button>
  );
});

/**
 * The path, as faint dashes: a box turned along it. It does not change while the envelope moves,
 * so a frame repaints nothing but the envelopes' own layers.
 */
const Trail = memo(function Trail({ kind, from, to }: { kind: Message['kind']; from: Point; to: Point }) {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  return <span className={`trail ${kindClass(kind)}`} style={{ left: from.x, top: from.y, width: length, transform: `rotate(${angle}rad)` }} />;
});

/**
 * This layer is the only animated part, so it is loaded after first paint together with
 * framer-motion: the stage itself renders without waiting for it.
 */
export default function AnimatedFlightLayer({ points }: { points: Record<string, Point> }) {
  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={domAnimation} strict>
        <FlightLayer points={points} />
      </LazyMotion>
    </MotionConfig>
  );
}

function FlightLayer({ points }: { points: Record<string, Point> }) {
  const store = useAppStore();
  const reduced = useReducedMotion();
  const now = store.time;
  const ids = useApp(useShallow((s) => inFlight(s.index, s.step)));
  const ix = useApp(selectIndex);
  const step = useApp(selectStep);
  const world = useApp(selectWorld);
  const messages = ix.timeline.messages;
  const e = ix.timeline.steps.at(step)!.event;
  const drops = e.kind === 'message-dropped' ? [e.message] : [];
  const tx = useT();
  const copyLabel = (msg: Message) => {
    const n = ix.copyNumber[msg.id]!;
    if (!n) return null;
    const port = msg.to.kind === 'socket' ? socketOf(world, msg.to.socket)?.portId : null;
    return tx.stage.copy(n, String(port ?? '?'));
  };
  const drawable = groupByPath(ids.map((id) => messages.at(id)!)).filter(
    (g) => points[endpointKey(g.lead.from, g.lead.protocol)] && points[endpointKey(g.lead.to, g.lead.protocol)],
  );
  const label = points['boundary'];
  const [placer] = useState(() => new Placer(now));
  useEffect(() => now.subscribe(placer.place), [now, placer]);
  useEffect(() => placer.setObstacles(label?.w && label.h ? [{ x: label.x, y: label.y, w: label.w / 2, h: label.h / 2 }] : []), [placer, label]);
  return (
    <div className="flight-layer" aria-hidden={drawable.length === 0 ? true : undefined} data-in-flight={ids.length}>
      <div className="trails" aria-hidden="true">
        {drawable.map(({ key, lead }) => (
          <Trail key={key} kind={lead.kind} from={points[endpointKey(lead.from, lead.protocol)]!} to={points[endpointKey(lead.to, lead.protocol)]!} />
        ))}
      </div>
      {drawable.map(({ key, lead, count }) => (
        <Envelope
          key={key}
          pathKey={key}
          msg={lead}
          from={points[endpointKey(lead.from, lead.protocol)]!}
          to={points[endpointKey(lead.to, lead.protocol)]!}
          placer={placer}
          copyLabel={copyLabel(lead)}
          reduced={reduced}
          count={count}
          label={label}
        />
      ))}
      {drops.map((id) => {
        const msg = messages.at(id)!;
        const p = points[endpointKey(msg.to, msg.protocol)];
        return p ? (
          <m.div
            key={`drop-${id}`}
            className="drop-burst"
            style={{ left: p.x, top: p.y + 18 }}
            initial={{ scale: 0.6, opacity: 0 }}
            animate={{ scale: 1, opacity: 1 }}
            data-testid="drop-burst"
          >
            {tx.stage.dropBurst}
          </m.div>
        ) : null;
      })}
    </div>
  );
}
