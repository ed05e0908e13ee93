/**
 * The engine's descriptions in English: the wording of every step description id. The CLI's trace,
 * the goldens and the English interface all read these, so a change here changes them all.
 */
import type { Step, Timeline } from '../timeline';
import { at, label as messageLabel, message, sayStep, stepText, type DropReason, type MessageLabel, type StepWords, type Who } from './stepText';
import type { EntryChange } from '../trace';
import { FIELD_ENGLISH, type FieldWords } from './fields';
import { GLOSSARY_ENGLISH, type GlossaryWords } from './glossary';
import { FAILURE_ENGLISH, failureEnglish } from './failures';
import type { FailureWords } from '../failure';

/** The kernel's name for a group, or "group 3" when it has none. */
const group = (name: string | null, n: number) => name ?? `group ${n}`;

/** "P1", or `P3 (socket "sync")` when the process has more than one. */
const who = (w: Who) => (w.socket === undefined ? w.process : `${w.process} (socket "${w.socket}")`);

/** A message named in short; a type the kernel has no name for is the inspector's "type 42". */
const label = (l: MessageLabel) => messageLabel(l, FIELD_ENGLISH.type);

const ENTRY_CHANGE: { readonly [K in EntryChange]: (entry: string, port: number) => string } = {
  added: (n) => `module adds ${n} in a free slot`,
  deleted: (n) => `module frees ${n}'s slot; its interest list goes with it`,
  registered: (n, p) => `module appends port id ${p} to ${n}'s interest list`,
  unregistered: (n, p) => `module removes port id ${p} from ${n}'s interest list`,
  forgotten: (n, p) => `module forgets port id ${p}: it is gone, so it leaves ${n}'s interest list`,
};

const DROP_REASON: { readonly [K in DropReason]: string } = {
  'rcvbuf-full': 'receive queue full',
  congested: 'socket still congested after an overrun',
  truncated: 'it did not fit the recvmsg() buffer (MSG_TRUNC), and the rest of a datagram is lost',
  closed: 'the socket was closed, and what it had queued was freed',
};

export const STEP_ENGLISH: StepWords = {
  start: (d) => `Start: ${d.title}`,
  'process-started': (d) => `${d.process} starts (pid ${d.pid})`,
  'socket-opened': (d) => `${d.process} opens a ${d.protocol} socket "${d.socket}"`,
  'socket-bound': (d) => `${who(d.who)}${d.who.socket === undefined ? "'s socket" : ''} is bound to port id ${d.portId}${d.autobind ? ' (autobind)' : ''}`,
  'group-joined': (d) =>
    `${who(d.who)} joins ${group(d.group, d.number)} (${d.number})${d.via === 'bind' ? ' via nl_groups at bind()' : ' via NETLINK_ADD_MEMBERSHIP'}`,
  'group-left': (d) =>
    `${who(d.who)} leaves ${group(d.group, d.number)} (${d.number})${d.via === 'bind' ? ' via nl_groups at bind()' : ' via NETLINK_DROP_MEMBERSHIP'}`,
  'rcvbuf-set': (d) =>
    `${who(d.who)} sets SO_RCVBUF to ${d.requested}: the kernel keeps ${d.bytes} bytes${d.doubled ? ' (doubled)' : ` (doubled, capped at rmem_max, at least ${d.min})`}`,
  'option-set': (d) => `${who(d.who)} turns ${d.on ? 'on' : 'off'} ${d.option}`,
  multicast: (d) => {
    const n = d.copies.length;
    return `kernel multicasts ${message(d.message, FIELD_ENGLISH.type)} to ${group(d.group, d.number)}: ${n === 0 ? 'no members, no copies' : `${n} ${n === 1 ? 'copy' : 'copies'} (${d.copies.join(', ')})`}`;
  },
  sent: (d) => `${d.from} sends ${message(d.message, FIELD_ENGLISH.type)} to ${d.to}`,
  'kernel-received': (d) => `kernel receives ${label(d.label)} from ${d.from}`,
  queued: (d) => `${d.to}'s receive queue takes ${label(d.label)} (${d.bytes} bytes, charged ${d.truesize} for the skb)`,
  'queued-datagram': (d) =>
    `${d.to}'s receive queue takes one datagram of ${d.count} messages (${d.bytes} bytes, charged ${d.truesize} for the skb), starting with ${label(d.label)}`,
  'in-datagram': (d) => `${label(d.label)} is message ${d.index} of ${d.count} in that datagram`,
  dropped: (d) => `${label(d.label)} ${d.reason === 'truncated' ? 'cut off' : 'dropped'} for ${d.to}: ${DROP_REASON[d.reason]}`,
  read: (d) => {
    const what = `${message(d.message, FIELD_ENGLISH.type)}${d.route === undefined ? '' : ` — that is ${d.route}`}`;
    return `${who(d.who)} reads ${what}${d.count === 1 ? '' : ` (message ${d.index} of ${d.count} from one recvmsg())`}`;
  },
  'read-error': (d) =>
    d.errno === 'ENOBUFS'
      ? `${who(d.who)}'s recvmsg() fails with ENOBUFS: messages were dropped, re-sync`
      : `${who(d.who)}'s recvmsg() finds nothing to read (EAGAIN)`,
  'module-timer-armed': (d) => `module arms ${d.route}'s timer (mod_timer): it deletes ${d.route} at ${at(d.fireAt)}`,
  'lifetime-noted': (d) => `kernel notes the lifetime of ${d.address}: ${d.valid ? 'it goes' : 'it is deprecated'} at ${at(d.fireAt)}`,
  'timer-armed': (d) => `kernel arms a timer: delete ${d.route} at ${at(d.fireAt)}`,
  'timer-cancelled': (d) => `kernel cancels the timer on ${d.route}`,
  'module-timer-fired': (d) => `${d.route}'s timer fires: rtmgr_timer_fn() must not sleep, so it schedules the work item that deletes ${d.route}`,
  'lifetime-expired': (d) => `check_lifetime() runs: a lifetime of ${d.address} has run out`,
  'timer-fired': (d) => `timer fires for ${d.route}`,
  'route-added': (d) => `kernel ${d.replaced ? 'replaces' : 'adds'} ${d.label}: ${d.route}`,
  'route-removed': (d) => `kernel removes ${d.label}: ${d.route}`,
  'address-added': (d) => `kernel adds address ${d.address} on ${d.dev}`,
  'address-deprecated': (d) => `the preferred lifetime of ${d.address} on ${d.dev} ends: the address is deprecated`,
  'address-removed': (d) => `kernel removes address ${d.address} from ${d.dev}`,
  'socket-closed': (d) => `${who(d.who)} closes its ${d.protocol} socket${d.portId === null ? '' : `: port id ${d.portId} is free again`}`,
  'entry-changed': (d) => ENTRY_CHANGE[d.change](d.entry, d.port),
  'unicast-failed': (d) => `nlmsg_unicast() to port id ${d.port} fails with ECONNREFUSED: no ${d.protocol} socket holds it any more`,
  'action-failed': (d) => `not done: ${failureEnglish(d.reason)}`,
};

/** A step in one line of plain English, as the CLI prints it and the English interface shows it. */
export function describeStep(step: Step, t: Timeline): string {
  return sayStep(stepText(step, t), STEP_ENGLISH);
}

/** Everything the engine says in words, worded in one language: steps, why an action failed, field meanings, glossary. */
export interface EngineWords {
  readonly steps: StepWords;
  readonly failures: FailureWords;
  readonly fields: FieldWords;
  readonly glossary: GlossaryWords;
}

export const ENGLISH: EngineWords = { steps: STEP_ENGLISH, failures: FAILURE_ENGLISH, fields: FIELD_ENGLISH, glossary: GLOSSARY_ENGLISH };
