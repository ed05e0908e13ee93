/** bind(fd, &sockaddr_nl{ nl_pid, nl_groups }): a port id, and the legacy group mask. */
import type { Failure } from '../failure';
import { bindGroups } from '../core/groups';
import { bindPort } from '../core/ports';
import type { Recorder } from '../core/recorder';
import { socketFor } from '../core/world';
import { noSocket, type ActionOf } from './action';

export function bind(rec: Recorder, a: ActionOf<'bind'>): Failure | null {
  const s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return noSocket(a);
  const bound = bindPort(rec, s, a.portId ?? 0);
  if (!bound.ok) return bound.error;
  bindGroups(rec, bound.value, a.groups ?? 0);
  return null;
}
