/**
 * What a step's one-line description says, as data: which sentence (`id`) and the names and numbers
 * that go in it. Each language words it once per id (`StepWords`): English in `english.ts` for the
 * CLI and the English interface, other languages in src/i18n. Names here are already the kernel's
 * spelling (message types, flags, groups, errnos), so no language translates them.
 */
import { errnoName } from '../protocol/netlink';
import { formatFlags, knownGroupName, knownMessageTypeName, protocolName } from '../protocol/names';
import { IFA_LOCAL, RTA_DST } from '../protocol/rtnetlink';
import { SOCK_MIN_RCVBUF } from '../core/skb';
import type { Failure } from '../failure';
import type { Message, World } from '../model';
import { formatRoute } from '../families/route/routes';
import { socketOf } from '../model';
import type { Step, Timeline } from '../timeline';
import type { EntryChange, TraceEvent } from '../trace';
import { assertNever } from '../trace';
import { datagramInfo, endpointName, processOfSocket } from './steps';

/** A process, and which of its sockets when it has more than one. */
export interface Who {
  process: string;
  socket?: string;
}

/** A message as a step names it: type, what it is about, header fields, and an answer's result. */
export interface MessageText {
  /** The kernel's name for the type, or its number when the kernel has none (each language names it: "type 42", "tipo 42"). */
  type: string | number;
  /** " 10.0.0.0/24", a module entry's name, destination and delay, or "". */
  detail: string;
  flags: string;
  seq: number;
  pid: number;
  /** Only on an ACK or error: success, an errno's name, or a payload that is not an nlmsgerr. */
  answer?: 'ack' | { errno: string } | 'unknown';
}

/** A message as a step names it in short: its type (as in MessageText) and the route it is about, if any. */
export interface MessageLabel {
  type: string | number;
  route?: string;
}

/** A group joined or left, and how: nl_groups at bind() or NETLINK_ADD/DROP_MEMBERSHIP. */
interface Membership {
  who: Who;
  /** The kernel's name for the group, or null when it has none (each language then names it by number). */
  group: string | null;
  number: number;
  via: 'bind' | 'setsockopt';
}

export type DropReason = Extract<TraceEvent, { kind: 'message-dropped' }>['reason'];

export type StepText =
  | { id: 'start'; title: string }
  | { id: 'process-started'; process: string; pid: number }
  | { id: 'socket-opened'; process: string; socket: string; protocol: string }
  | { id: 'socket-bound'; who: Who; portId: number; autobind: boolean }
  | ({ id: 'group-joined' } & Membership)
  | ({ id: 'group-left' } & Membership)
  | { id: 'rcvbuf-set'; who: Who; requested: number; bytes: number; doubled: boolean; min: number }
  | { id: 'option-set'; who: Who; option: string; on: boolean }
  | { id: 'multicast'; message: MessageText; group: string | null; number: number; copies: readonly string[] }
  | { id: 'sent'; from: string; message: MessageText; to: string }
  | { id: 'kernel-received'; label: MessageLabel; from: string }
  | { id: 'queued'; to: string; label: MessageLabel; bytes: number; truesize: number }
  | { id: 'queued-datagram'; to: string; label: MessageLabel; count: number; bytes: number; truesize: number }
  | { id: 'in-datagram'; label: MessageLabel; index: number; count: number }
  | { id: 'dropped'; label: MessageLabel; to: string; reason: DropReason }
  | { id: 'read'; who: Who; message: MessageText; route?: string; index: number; count: number }
  | { id: 'read-error'; who: Who; errno: 'ENOBUFS' | 'EAGAIN' }
  | { id: 'module-timer-armed'; route: string; fireAt: number }
  | { id: 'lifetime-noted'; address: string; valid: boolean; fireAt: number }
  | { id: 'timer-armed'; route: string; fireAt: number }
  | { id: 'timer-cancelled'; route: string }
  | { id: 'module-timer-fired'; route: string }
  | { id: 'lifetime-expired'; address: string }
  | { id: 'timer-fired'; route: string }
  | { id: 'route-added'; label: string; route: string; replaced: boolean }
  | { id: 'route-removed'; label: string; route: string }
  | { id: 'address-added'; address: string; dev: string }
  | { id: 'address-deprecated'; address: string; dev: string }
  | { id: 'address-removed'; address: string; dev: string }
  | { id: 'socket-closed'; who: Who; protocol: string; portId: number | null }
  | { id: 'entry-changed'; change: EntryChange; entry: string; port: number }
  | { id: 'unicast-failed'; port: number; protocol: string }
  /** Why a scripted or sandbox action could not run, as data each language words (failure.ts). */
  | { id: 'action-failed'; reason: Failure };

export type StepTextId = StepText['id'];

/** One way of wording every kind of step description, e.g. English or Spanish. */
export type StepWords = { readonly [K in StepTextId]: (d: Extract<StepText, { id: K }>) => string };

/** A step description in the given words. */
export function sayStep(d: StepText, words: StepWords): string {
  return (words[d.id] as (d: StepText) => string)(d);
}

function who(socket: string, w: World): Who {
  const process = processOfSocket(socket);
  const proc = w.processes[process];
  return proc && proc.sockets.length > 1 ? { process, socket: socket.slice(process.length + 1) } : { process };
}

function answerOf(m: Message): MessageText['answer'] {
  if (m.kind !== 'ack' && m.kind !== 'error') return undefined;
  const p = m.message.payload;
  if (p.kind !== 'error') return 'unknown';
  return p.error === 0 ? 'ack' : { errno: errnoName(-p.error) ?? String(-p.error) };
}

function labelOf(m: Message): MessageLabel {
  const type = knownMessageTypeName(m.message.header.type, m.protocol) ?? m.message.header.type;
  return m.route ? { type, route: m.route } : { type };
}

function messageText(m: Message): MessageText {
  const h = m.message.header;
  const p = m.message.payload;
  let detail = '';
  if (p.kind === 'route') {
    const dst = p.attrs.find((a) => a.type === RTA_DST);
    if (dst && dst.kind === 'ipv4') detail = ` ${dst.value}/${p.rtmsg.dstLen}`;
  }
  if (p.kind === 'addr') {
    const local = p.attrs.find((a) => a.type === IFA_LOCAL);
    if (local && local.kind === 'ipv4') detail = ` ${local.value}/${p.ifa.prefixLen}`;
  }
  if (p.kind === 'rtmgr' && p.name)
    detail = ` ${p.name}${p.dstLen || p.dst !== '0.0.0.0' ? ` ${p.dst}/${p.dstLen}` : ''}${p.delayMs ? ` delay_ms ${p.delayMs}` : ''}`;
  const answer = answerOf(m);
  return {
    type: knownMessageTypeName(h.type, m.protocol) ?? h.type,
    detail,
    flags: formatFlags(h.type, h.flags, m.protocol),
    seq: h.seq,
    pid: h.pid,
    ...(answer === undefined ? {} : { answer }),
  };
}

const dev = (w: World, ifindex: number) => w.interfaces[ifindex] ?? `if${ifindex}`;

function sent(e: Extract<TraceEvent, { kind: 'message-sent' }>, t: Timeline): StepText {
  const m = t.messages.at(e.message)!;
  if (m.to.kind === 'group')
    return {
      id: 'multicast',
      message: messageText(m),
      group: knownGroupName(m.to.group, m.protocol) ?? null,
      number: m.to.group,
      copies: (e.copies ?? []).map((c) => endpointName(t.messages.at(c)!.to)),
    };
  return { id: 'sent', from: endpointName(m.from), message: messageText(m), to: endpointName(m.to) };
}

function delivered(m: Message, t: Timeline): StepText {
  if (m.to.kind === 'kernel') return { id: 'kernel-received', label: labelOf(m), from: endpointName(m.from) };
  const d = datagramInfo(t, m);
  const to = endpointName(m.to);
  if (d.count === 1) return { id: 'queued', to, label: labelOf(m), bytes: m.bytes.length, truesize: m.truesize };
  if (d.index === 1) return { id: 'queued-datagram', to, label: labelOf(m), count: d.count, bytes: d.bytes, truesize: m.truesize };
  return { id: 'in-datagram', label: labelOf(m), index: d.index, count: d.count };
}

function timerArmed(e: Extract<TraceEvent, { kind: 'timer-armed' }>, w: World): StepText {
  const timer = w.timers[e.timer];
  if (timer?.kind === 'rtmgr-entry') return { id: 'module-timer-armed', route: e.route, fireAt: e.fireAt };
  if (timer && timer.kind !== 'route' && timer.address !== undefined)
    return { id: 'lifetime-noted', address: timer.address, valid: timer.kind === 'address-valid', fireAt: e.fireAt };
  return { id: 'timer-armed', route: e.route, fireAt: e.fireAt };
}

/** What a step's description says, as data; `describeStep` words it in English. */
export function stepText(step: Step, t: Timeline): StepText {
  const e = step.event;
  const w = step.world;
  switch (e.kind) {
    case 'start':
      return { id: 'start', title: t.spec.title };
    case 'process-started':
      return { id: 'process-started', process: e.process, pid: e.pid };
    case 'socket-opened':
      return {
        id: 'socket-opened',
        process: processOfSocket(e.socket),
        socket: e.socket.slice(e.socket.indexOf('/') + 1),
        protocol: protocolName(socketOf(w, e.socket)?.protocol ?? 0),
      };
    case 'socket-bound':
      return { id: 'socket-bound', who: who(e.socket, w), portId: e.portId, autobind: e.autobind };
    case 'group-joined':
    case 'group-left':
      return {
        id: e.kind,
        who: who(e.socket, w),
        group: knownGroupName(e.group, socketOf(w, e.socket)?.protocol) ?? null,
        number: e.group,
        via: e.via,
      };
    case 'rcvbuf-set':
      return { id: 'rcvbuf-set', who: who(e.socket, w), requested: e.requested, bytes: e.bytes, doubled: e.bytes === 2 * e.requested, min: SOCK_MIN_RCVBUF };
    case 'option-set':
      return { id: 'option-set', who: who(e.socket, w), option: e.option, on: e.value };
    case 'message-sent':
      return sent(e, t);
    case 'message-delivered':
      return delivered(t.messages.at(e.message)!, t);
    case 'message-dropped': {
      const m = t.messages.at(e.message)!;
      return { id: 'dropped', label: labelOf(m), to: endpointName(m.to), reason: e.reason };
    }
    case 'message-read': {
      const m = t.messages.at(e.message)!;
      const d = datagramInfo(t, m);
      const route = m.message.payload.kind === 'route' && m.route ? { route: m.route } : {};
      return { id: 'read', who: who(e.socket, w), message: messageText(m), ...route, index: d.index, count: d.count };
    }
    case 'read-error':
      return { id: 'read-error', who: who(e.socket, w), errno: e.errno };
    case 'timer-armed':
      return timerArmed(e, w);
    case 'timer-cancelled':
      return { id: 'timer-cancelled', route: e.route };
    case 'timer-fired':
      if (t.steps.before(step.index)?.world.timers[e.timer]?.kind === 'rtmgr-entry') return { id: 'module-timer-fired', route: e.route };
      return e.address ? { id: 'lifetime-expired', address: e.address } : { id: 'timer-fired', route: e.route };
    case 'route-added':
      return { id: 'route-added', label: e.route.label, route: formatRoute(e.route, w.interfaces), replaced: e.replaced };
    case 'route-removed':
      return { id: 'route-removed', label: e.route.label, route: formatRoute(e.route, w.interfaces) };
    case 'address-added':
    case 'address-deprecated':
    case 'address-removed':
      return { id: e.kind, address: e.address, dev: dev(w, e.ifindex) };
    case 'socket-closed':
      return { id: 'socket-closed', who: who(e.socket, w), protocol: protocolName(socketOf(w, e.socket)?.protocol ?? 0), portId: e.portId };
    case 'entry-changed':
      return { id: 'entry-changed', change: e.change, entry: e.entry, port: e.port ?? 0 };
    case 'unicast-failed':
      return { id: 'unicast-failed', port: e.port, protocol: protocolName(e.protocol) };
    case 'action-failed':
      return { id: 'action-failed', reason: e.reason };
    default:
      return assertNever(e);
  }
}

/**
 * The parts of a step line that read the same in every language: a time, and a message as the
 * kernel's names and numbers (type, flags, seq, pid, the error an ACK carries).
 */
export const at = (ms: number) => `t = ${(ms / 1000).toFixed(2)} s`;

function answer(a: MessageText['answer']): string {
  if (a === undefined) return '';
  if (a === 'ack') return ' — ACK (error 0)';
  return a === 'unknown' ? ' — ' : ` — error -${a.errno}`;
}

/** "RTM_NEWROUTE (R4)", as messageLabel() writes it; `unnamed` names a type the kernel has no name for, in the line's language. */
export const label = (l: MessageLabel, unnamed: (type: number) => string) =>
  `${typeof l.type === 'number' ? unnamed(l.type) : l.type}${l.route ? ` (${l.route})` : ''}`;

/** A message as a step line says it; `unnamed` names a type the kernel has no name for, in the line's language. */
export const message = (m: MessageText, unnamed: (type: number) => string) =>
  `${typeof m.type === 'number' ? unnamed(m.type) : m.type}${m.detail} (flags ${m.flags}, seq ${m.seq}, pid ${m.pid})${answer(m.answer)}`;
