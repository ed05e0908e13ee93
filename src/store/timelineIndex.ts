/**
 * Facts about a timeline that the views ask for often, computed once per timeline:
 * when each message was sent and delivered (or dropped), markers for the scrubber, idle gaps.
 */
import type { MessageKind, QuestionSpec, Timeline } from '../engine';
import { captions, findStep, type Caption } from '../scenarios';

export type MarkerKind = MessageKind | 'state';

export interface Marker {
  step: number;
  timeMs: number;
  kind: MarkerKind;
}

export interface TimelineIndex {
  timeline: Timeline;
  /** Step at which message i was sent, or -1. */
  sentStep: Int32Array;
  /** Step at which message i reached its receiver (delivered or dropped), or -1 if never. */
  outcomeStep: Int32Array;
  dropped: Uint8Array;
  /** Step at which message i was read by its socket, or -1. */
  readStep: Int32Array;
  markers: Marker[];
  idle: Array<{ fromMs: number; toMs: number }>;
  endMs: number;
  captions: Caption[];
  /** The question asked just before each step that has one. */
  questionAt: Map<number, QuestionSpec>;
}

/** A quiet stretch longer than this is "idle time" that playback may skip. */
export const IDLE_GAP_MS = 1500;

export function indexTimeline(t: Timeline): TimelineIndex {
  const n = t.messages.length;
  const sentStep = new Int32Array(n).fill(-1);
  const outcomeStep = new Int32Array(n).fill(-1);
  const readStep = new Int32Array(n).fill(-1);
  const dropped = new Uint8Array(n);
  const markers: Marker[] = [];
  for (const s of t.steps) {
    const e = s.event;
    switch (e.kind) {
      case 'message-sent':
        sentStep[e.message] = s.index;
        for (const c of e.copies ?? []) sentStep[c] = s.index;
        markers.push({ step: s.index, timeMs: s.timeMs, kind: t.messages[e.message]!.kind });
        break;
      case 'message-delivered':
        outcomeStep[e.message] = s.index;
        break;
      case 'message-dropped':
        outcomeStep[e.message] = s.index;
        dropped[e.message] = 1;
        markers.push({ step: s.index, timeMs: s.timeMs, kind: 'error' });
        break;
      case 'message-read':
        readStep[e.message] = s.index;
        markers.push({ step: s.index, timeMs: s.timeMs, kind: 'state' });
        break;
      case 'start':
        break;
      default:
        markers.push({ step: s.index, timeMs: s.timeMs, kind: 'state' });
    }
  }
  const idle: TimelineIndex['idle'] = [];
  for (let i = 1; i < t.steps.length; i++) {
    const a = t.steps[i - 1]!.timeMs;
    const b = t.steps[i]!.timeMs;
    if (b - a > IDLE_GAP_MS) idle.push({ fromMs: a, toMs: b });
  }
  const last = t.steps[t.steps.length - 1]!;
  const questionAt = new Map<number, QuestionSpec>();
  for (const q of t.spec.questions ?? []) {
    const at = findStep(t, q.before);
    if (at !== undefined && at > 0 && !questionAt.has(at)) questionAt.set(at, q);
  }
  return { timeline: t, sentStep, outcomeStep, readStep, dropped, markers, idle, endMs: last.timeMs, captions: captions(t), questionAt };
}

/** Messages drawn travelling at (step, time): sent at or before the step, not yet arrived after it. */
export function inFlight(ix: TimelineIndex, step: number): number[] {
  const out: number[] = [];
  const msgs = ix.timeline.messages;
  for (let id = 0; id < msgs.length; id++) {
    const m = msgs[id]!;
    if (m.to.kind === 'group') continue;
    const s = ix.sentStep[id]!;
    if (s < 0 || s > step) continue;
    const o = ix.outcomeStep[id]!;
    if (o === -1 || o > step) out.push(id);
  }
  return out;
}

/** Where a message is along its path at a time: 0 at the sender, 1 at the receiver. */
export function progress(sentAt: number, deliverAt: number, now: number): number {
  if (deliverAt <= sentAt) return 1;
  return Math.min(1, Math.max(0, (now - sentAt) / (deliverAt - sentAt)));
}

/**
 * Where to draw it: a just-sent envelope is drawn a little way out, so the copies of a
 * multicast are already fanned apart at the moment they are sent.
 */
export function drawnProgress(sentAt: number, deliverAt: number, now: number): number {
  return 0.45 + 0.55 * progress(sentAt, deliverAt, now);
}
