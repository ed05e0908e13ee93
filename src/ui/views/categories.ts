/** Which filter category a step belongs to, and which processes it concerns. */
import { endpointName, stepActor, type Step, type Timeline } from '../../engine';

export type Category = 'requests' | 'replies' | 'notifications' | 'errors' | 'timers' | 'state';

/** In the order the filters show them; their names are in the message tables (log.categories). */
export const CATEGORIES: Category[] = ['requests', 'replies', 'notifications', 'errors', 'timers', 'state'];

export function categoryOf(s: Step, t: Timeline): Category {
  const e = s.event;
  switch (e.kind) {
    case 'message-dropped':
    case 'read-error':
    case 'action-failed':
    case 'unicast-failed':
      return 'errors';
    case 'timer-armed':
    case 'timer-cancelled':
    case 'timer-fired':
      return 'timers';
    case 'message-sent':
    case 'message-delivered':
    case 'message-read': {
      const k = t.messages.at(e.message)!.kind;
      if (k === 'request') return 'requests';
      if (k === 'notification') return 'notifications';
      if (k === 'error') return 'errors';
      return 'replies';
    }
    default:
      return 'state';
  }
}

/** Every process (or "kernel") a step concerns: its actor, and a message's sender and receiver. */
export function partiesOf(s: Step, t: Timeline): string[] {
  const out = new Set<string>();
  const a = stepActor(s, t);
  if (a) out.add(a);
  const e = s.event;
  if ('message' in e) {
    const m = t.messages.at(e.message)!;
    out.add(endpointName(m.from));
    if (m.to.kind !== 'group') out.add(endpointName(m.to));
    else for (const c of e.kind === 'message-sent' ? (e.copies ?? []) : []) out.add(endpointName(t.messages.at(c)!.to));
  }
  return [...out];
}
