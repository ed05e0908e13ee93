/** sendmsg() to the kernel (nl_pid 0): the request travels to the family the socket was opened for. */
import type { Failure } from '../failure';
import { autobind } from '../core/ports';
import type { Recorder } from '../core/recorder';
import { KERNEL } from '../core/send';
import { skbTruesize } from '../core/skb';
import { socketFor } from '../core/world';
import { encodedLength } from '../wire/message';
import { familyOf } from '../families';
import type { ActionOf } from './action';

export function sendmsg(rec: Recorder, a: ActionOf<'send'>): Failure | null {
  let s = socketFor(rec.world, a.actor, a.socket);
  if (!s) return { id: 'no-socket', process: a.actor };
  const family = familyOf(s.protocol);
  if (!family) return { id: 'no-family', number: s.protocol };
  const built = family.buildRequest(a.request, rec.world);
  if (!built.ok) return built.error;
  // netlink_sendmsg() binds an unbound socket first (netlink_autobind).
  if (s.portId === null) s = autobind(rec, s);
  const route = a.request.label ?? a.request.routeOf;
  const m = rec.newMessage({
    kind: 'request',
    protocol: s.protocol,
    from: rec.endpoint(s.id),
    to: KERNEL,
    sentAt: rec.world.timeMs,
    deliverAt: rec.world.timeMs + rec.env.latencyMs,
    message: built.value,
    datagram: rec.world.messageCount,
    truesize: skbTruesize(encodedLength(built.value)),
    dstGroup: 0,
    ...(route ? { route } : {}),
  });
  rec.emit(rec.world, { kind: 'message-sent', message: m.id });
  return null;
}
