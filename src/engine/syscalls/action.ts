import type { ActionSpec } from '../spec';

/** The action of one kind, e.g. ActionOf<'bind'>. */
export type ActionOf<K extends ActionSpec['do']> = Extract<ActionSpec, { do: K }>;

/** Why a socket action cannot run: its process or socket does not exist. */
export function noSocket(a: { actor: string; socket?: string }): string {
  return `${a.actor} has no socket ${a.socket ?? ''}`.trim();
}
