/**
 * Messages in flight, drawn from (step, time) only: an envelope sits at
 * progress(sentAt, deliverAt, now) along its path, so playing, stepping and scrubbing agree.
 * The playhead moves motion values; React renders only when the set of messages changes.
 */
import { domAnimation, LazyMotion, m, MotionConfig, useMotionValue } from 'framer-motion';
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { endpointName, messageTypeName, NETLINK_RTMGR, protocolName, socketOf, type Message } from '../../engine';
import { selectIndex, selectStep, selectWorld } from '../../store/selectors';
import { drawnProgress, inFlight } from '../../store/timelineIndex';
import { useApp, useAppStore, useActions } from '../context';
import { KindGlyph, kindClass } from '../kinds';
import type { Signal } from '../../store/signal';
import { useReducedMotion } from '../useReducedMotion';
import type { Point } from './anchors';

/** The kernel end of a path: the course module's card for its protocol, the netlink core otherwise. */
function endpointKey(e: Message['from'], protocol = 0): string {
  return e.kind === 'socket' ? `nub:${e.socket}` : protocol === NETLINK_RTMGR ? 'module' : 'core';
}

/** How many envelopes on the same path are ahead of this one (sent earlier, not yet arrived). */
function rankOnPath(all: readonly Message[], m: Message): number {
  const path = `${endpointKey(m.from, m.protocol)}>${endpointKey(m.to, m.protocol)}`;
  return all.filter((o) => o.id < m.id && `${endpointKey(o.from, o.protocol)}>${endpointKey(o.to, o.protocol)}` === path).length;
}

/** Envelopes on the same path form a train: the k-th behind the first is drawn this far back. */
const TRAIN_GAP = 0.17;

function Envelope({
  msg,
  from,
  to,
  now,
  copyLabel,
  reduced,
  rank,
}: {
  msg: Message;
  from: Point;
  to: Point;
  now: Signal;
  copyLabel: string | null;
  reduced: boolean;
  rank: number;
}) {
  const select = useActions().select;
  // A boolean per envelope: selecting another message re-renders only the two envelopes concerned.
  const selected = useApp((s) => s.selectedMessage === msg.id);
  const x = useMotionValue(from.x);
  const y = useMotionValue(from.y);
  useEffect(() => {
    // With reduced motion the envelope waits at the middle of its path instead of gliding.
    const place = (t: number) => {
      const p = Math.max(0.06, (reduced ? 0.5 : drawnProgress(msg.sentAt, msg.deliverAt, t)) - rank * TRAIN_GAP);
      x.set(from.x + (to.x - from.x) * p);
      y.set(from.y + (to.y - from.y) * p);
    };
    place(now.get());
    return now.subscribe(place);
  }, [msg, from, to, now, reduced, rank, x, y]);
  const name = messageTypeName(msg.message.header.type, msg.protocol);
  const proto = protocolName(msg.protocol);
  return (
    <m.button
      type="button"
      className={`envelope ${kindClass(msg.kind)}${selected ? ' selected' : ''}`}
      style={{ x, y }}
      initial={{ opacity: 0, scale: 0.85 }}
      animate={{ opacity: 1, scale: 1 }}
      transition={{ duration: 0.18 }}
      onClick={() => select(msg.id)}
      data-testid="envelope"
      data-type={name}
      data-to={endpointName(msg.to)}
      data-protocol={proto}
      aria-label={`${name} (${proto}) in flight from ${endpointName(msg.from)} to ${endpointName(msg.to)}${copyLabel ? `, ${copyLabel}` : ''}. Inspect`}
      title={`${name} · ${proto} (${msg.protocol})${copyLabel ? `, ${copyLabel}` : ''}`}
    >
      <KindGlyph kind={msg.kind} size={12} />
      {name}
      <span className="proto" aria-hidden="true">
        {proto.replace('NETLINK_', '')}
      </span>
      {copyLabel && <span className="sr-only"> ({copyLabel})</span>}
    </m.button>
  );
}

/** The path: faint dashes ahead, a dotted trail behind the envelope. */
function Trail({ msg, from, to, now, reduced }: { msg: Message; from: Point; to: Point; now: Signal; reduced: boolean }) {
  const done = useRef<SVGLineElement>(null);
  useEffect(() => {
    const place = (t: number) => {
      const p = reduced ? 0.5 : drawnProgress(msg.sentAt, msg.deliverAt, t);
      done.current?.setAttribute('x2', String(from.x + (to.x - from.x) * p));
      done.current?.setAttribute('y2', String(from.y + (to.y - from.y) * p));
    };
    place(now.get());
    return now.subscribe(place);
  }, [msg, from, to, now, reduced]);
  return (
    <g className={kindClass(msg.kind)}>
      <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} stroke="var(--k-ink)" strokeOpacity={0.35} strokeWidth={1.5} strokeDasharray="4 5" />
      <line ref={done} x1={from.x} y1={from.y} x2={from.x} y2={from.y} stroke="var(--k-ink)" strokeWidth={2.2} strokeDasharray="1.5 4" strokeLinecap="round" />
    </g>
  );
}

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
  const e = ix.timeline.steps[step]!.event;
  const drops = e.kind === 'message-dropped' ? [e.message] : [];
  const copyLabel = (msg: Message) => {
    const n = ix.copyNumber[msg.id]!;
    if (!n) return null;
    const port = msg.to.kind === 'socket' ? socketOf(world, msg.to.socket)?.portId : null;
    return `copy ${n} → ${port ?? '?'}`;
  };
  const drawable = ids.map((id) => messages[id]!).filter((msg) => points[endpointKey(msg.from, msg.protocol)] && points[endpointKey(msg.to, msg.protocol)]);
  return (
    <div className="flight-layer" aria-hidden={drawable.length === 0 ? true : undefined}>
      <svg aria-hidden="true">
        {drawable.map((msg) => (
          <Trail
            key={msg.id}
            msg={msg}
            from={points[endpointKey(msg.from, msg.protocol)]!}
            to={points[endpointKey(msg.to, msg.protocol)]!}
            now={now}
            reduced={reduced}
          />
        ))}
      </svg>
      {drawable.map((msg) => (
        <Envelope
          key={msg.id}
          msg={msg}
          from={points[endpointKey(msg.from, msg.protocol)]!}
          to={points[endpointKey(msg.to, msg.protocol)]!}
          now={now}
          copyLabel={copyLabel(msg)}
          reduced={reduced}
          rank={rankOnPath(drawable, msg)}
        />
      ))}
      {drops.map((id) => {
        const msg = messages[id]!;
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
            ✕ dropped: queue full
          </m.div>
        ) : null;
      })}
    </div>
  );
}
