/** rtnetlink_rcv_msg(): hand the request to the handler its type has; EOPNOTSUPP when there is none. */
import { ERRNO } from '../../protocol/netlink';
import type { Message, SocketState } from '../../model';
import type { Recorder } from '../../core/recorder';
import type { ExtAck, HandlerResult } from '../../core/send';
import { addressRequest } from './addresses';
import { routeRequest } from './handlers';

export function rtnetlinkRcvMsg(rec: Recorder, req: Message, s: SocketState, extack: ExtAck): HandlerResult {
  return routeRequest(rec, req, s, extack) ?? addressRequest(rec, req, s, extack) ?? -ERRNO.EOPNOTSUPP;
}
