import type { Failure } from '../failure';
import type { ActionSpec } from '../spec';

/** The action of one kind, e.g. ActionOf<'bind'>. */
export type ActionOf<K extends ActionSpec['do']> = Extract<ActionSpec, { do: K }>;

/** Why a socket action cannot run: its process or socket does not exist. */
export function noSocket(a: { actor: string; socket?: string }): Failure {
  return { id: 'no-socket', process: a.actor, ...(a.socket === undefined ? {} : { socket: a.socket }) };
}
