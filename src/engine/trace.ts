/** The closed union of things the engine says happened. The UI animates from these, never by diffing worlds. */
import type { Failure } from './failure';
import type { Route } from './model';
import type { SocketOptionName } from './spec';

export type TraceEvent =
  | { kind: 'start' }
  | { kind: 'process-started'; process: string; pid: number }
  | { kind: 'socket-opened'; socket: string }
  | { kind: 'socket-bound'; socket: string; portId: number; autobind: boolean }
  | { kind: 'group-joined'; socket: string; group: number; via: 'bind' | 'setsockopt' }
  | { kind: 'group-left'; socket: string; group: number; via: 'bind' | 'setsockopt' }
  /** bytes: what the kernel keeps; requested: what SO_RCVBUF was given. */
  | { kind: 'rcvbuf-set'; socket: string; bytes: number; requested: number }
  | { kind: 'option-set'; socket: string; option: SocketOptionName; value: boolean }
  | { kind: 'message-sent'; message: number; copies?: readonly number[] }
  | { kind: 'message-delivered'; message: number }
  | { kind: 'message-dropped'; message: number; reason: 'rcvbuf-full' | 'congested' | 'truncated' | 'closed' }
  | { kind: 'message-read'; socket: string; message: number }
  | { kind: 'read-error'; socket: string; errno: 'ENOBUFS' | 'EAGAIN' }
  | { kind: 'timer-armed'; timer: string; route: string; fireAt: number }
  | { kind: 'timer-cancelled'; timer: string; route: string }
  | { kind: 'timer-fired'; timer: string; route: string; address?: string }
  | { kind: 'route-added'; route: Route; replaced: boolean }
  | { kind: 'route-removed'; route: Route }
  | { kind: 'address-added'; address: string; ifindex: number }
  | { kind: 'address-deprecated'; address: string; ifindex: number }
  | { kind: 'address-removed'; address: string; ifindex: number }
  /** close(): the port id and group memberships are given up, queued messages are freed. */
  | { kind: 'socket-closed'; socket: string; portId: number | null }
  /** A module's table changed: an entry added or deleted, a port id added to or dropped from its interest list. */
  | { kind: 'entry-changed'; protocol: number; entry: string; change: EntryChange; port?: number }
  /** netlink_unicast() found no socket with that port id in the protocol: the skb is freed, nothing is sent. */
  | { kind: 'unicast-failed'; protocol: number; port: number; errno: 'ECONNREFUSED'; entry?: string }
  | { kind: 'action-failed'; reason: Failure };

/** registered / unregistered: a REGISTER or UNREGISTER; forgotten: the module dropped a port id that is gone. */
export type EntryChange = 'added' | 'deleted' | 'registered' | 'unregistered' | 'forgotten';

export type TraceKind = TraceEvent['kind'];

export const TRACE_KINDS: readonly TraceKind[] = [
  'start',
  'process-started',
  'socket-opened',
  'socket-bound',
  'group-joined',
  'group-left',
  'rcvbuf-set',
  'option-set',
  'message-sent',
  'message-delivered',
  'message-dropped',
  'message-read',
  'read-error',
  'timer-armed',
  'timer-cancelled',
  'timer-fired',
  'route-added',
  'route-removed',
  'address-added',
  'address-deprecated',
  'address-removed',
  'socket-closed',
  'entry-changed',
  'unicast-failed',
  'action-failed',
];

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
