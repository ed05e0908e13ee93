/** Who and what a step concerns, shared by the CLI, the views and the step descriptions (stepText.ts). */
import { groupName, messageTypeName } from '../protocol/names';
import { messageLength } from '../core/message';
import type { Endpoint, Message } from '../model';
import type { Step, Timeline } from '../timeline';
import { assertNever } from '../trace';

export function processOfSocket(socket: string): string {
  return socket.slice(0, socket.indexOf('/'));
}

/** "P1", "kernel" or the group's name. */
export function endpointName(e: Endpoint): string {
  switch (e.kind) {
    case 'kernel':
      return 'kernel';
    case 'socket':
      return processOfSocket(e.socket);
    case 'group':
      return groupName(e.group, e.protocol);
  }
}

export function messageLabel(m: Message): string {
  const h = m.message.header;
  return `${messageTypeName(h.type, m.protocol)}${m.route ? ` (${m.route})` : ''}`;
}

/** The process a step concerns, if any: who sent, received, read, bound or joined. */
export function stepActor(step: Step, t: Timeline): string | undefined {
  const e = step.event;
  switch (e.kind) {
    case 'process-started':
      return e.process;
    case 'socket-opened':
    case 'socket-bound':
    case 'group-joined':
    case 'group-left':
    case 'rcvbuf-set':
    case 'option-set':
    case 'message-read':
    case 'read-error':
    case 'socket-closed':
      return processOfSocket(e.socket);
    case 'message-sent': {
      const m = t.messages.at(e.message)!;
      return endpointName(m.from);
    }
    case 'message-delivered':
    case 'message-dropped':
      return endpointName(t.messages.at(e.message)!.to);
    case 'timer-armed':
    case 'timer-cancelled':
    case 'timer-fired':
    case 'route-added':
    case 'route-removed':
    case 'address-added':
    case 'address-deprecated':
    case 'address-removed':
    case 'entry-changed':
    case 'unicast-failed':
      return 'kernel';
    case 'start':
    case 'action-failed':
      return undefined;
    default:
      return assertNever(e);
  }
}

/** The message a step is about, if any. */
export function stepMessage(step: Step, t: Timeline): Message | undefined {
  const e = step.event;
  return 'message' in e ? t.messages.at(e.message) : undefined;
}

/** Where a message sits in its datagram: "message 2 of 9", and the datagram's length. */
export function datagramInfo(t: Timeline, m: Message): { index: number; count: number; bytes: number } {
  const first = t.messages.at(m.datagram)!;
  let count = 0;
  let bytes = 0;
  for (let i = first.id; i < t.messages.length && t.messages.at(i)!.datagram === first.id; i++) {
    count++;
    bytes += (messageLength(t.messages.at(i)!) + 3) & ~3;
  }
  return { index: m.id - first.id + 1, count, bytes };
}
