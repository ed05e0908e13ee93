/** The kernel side of af_netlink: unicast, broadcast, notify, ACK, and the input path into a family. */
import { NLMSG_ERROR, NLMSG_MIN_TYPE, NLM_F_ACK, NLM_F_CAPPED, NLM_F_ECHO, NLM_F_REQUEST } from '../protocol/netlink';
import { socketOf, type Message, type MessageKind, type SocketState } from '../model';
import { cappedRequest, type NlMessage } from '../wire/message';
import type { Recorder } from './recorder';

/** What a family's input handler answers: 0, a negative errno, or that it started a dump. */
export type HandlerResult = number | 'dump';

export interface SendOptions {
  /** The request this message answers. */
  inReplyTo?: number;
  /** The entry it describes, by label. */
  route?: string;
}

/** netlink_unicast(): one message from the kernel to one socket. */
export function netlinkUnicast(rec: Recorder, to: SocketState, kind: MessageKind, message: NlMessage, opts: SendOptions = {}): Message {
  const t = rec.world.timeMs;
  const m = rec.newMessage({
    kind,
    protocol: to.protocol,
    from: { kind: 'kernel' },
    to: { kind: 'socket', socket: to.id },
    sentAt: t,
    deliverAt: t + rec.env.latencyMs,
    message,
    ...(opts.inReplyTo !== undefined ? { inReplyTo: opts.inReplyTo } : {}),
    ...(opts.route ? { route: opts.route } : {}),
  });
  rec.emit(rec.world, { kind: 'message-sent', message: m.id });
  return m;
}

/**
 * netlink_broadcast(): one copy per member socket of the group in this protocol, in a fixed
 * order, each with the same bytes; `exclude` is left out (nlmsg_notify's echo case).
 */
export function netlinkBroadcast(rec: Recorder, protocol: number, group: number, message: NlMessage, opts: SendOptions & { exclude?: string }): Message {
  const t = rec.world.timeMs;
  const groupMsg = rec.newMessage({
    kind: 'notification',
    protocol,
    from: { kind: 'kernel' },
    to: { kind: 'group', group },
    sentAt: t,
    deliverAt: t,
    message,
    ...(opts.route ? { route: opts.route } : {}),
    ...(opts.inReplyTo !== undefined ? { inReplyTo: opts.inReplyTo } : {}),
  });
  const copies: number[] = [];
  const w = rec.world;
  for (const id of w.socketOrder) {
    const s = socketOf(w, id)!;
    if (id === opts.exclude || s.protocol !== protocol || !s.groups.includes(group)) continue;
    const c = rec.newMessage(
      { kind: 'notification', protocol, from: { kind: 'kernel' }, to: { kind: 'socket', socket: id }, sentAt: t, deliverAt: t + rec.env.latencyMs, message, ...(opts.route ? { route: opts.route } : {}), copyOf: groupMsg.id },
      groupMsg.bytes,
    );
    copies.push(c.id);
  }
  rec.emit(rec.world, { kind: 'message-sent', message: groupMsg.id, copies });
  return groupMsg;
}

/**
 * nlmsg_notify(): multicast to the group; with NLM_F_ECHO the requester is left out of the
 * broadcast and gets a unicast copy instead, so it sees exactly one.
 */
export function nlmsgNotify(rec: Recorder, protocol: number, group: number, message: NlMessage, route: string, request?: { msg: Message; socket: SocketState }): void {
  const echo = request !== undefined && (request.msg.message.header.flags & NLM_F_ECHO) !== 0;
  netlinkBroadcast(rec, protocol, group, message, { route, ...(request ? { inReplyTo: request.msg.id } : {}), ...(echo ? { exclude: request.socket.id } : {}) });
  if (echo) netlinkUnicast(rec, rec.socket(request.socket.id), 'notification', message, { inReplyTo: request.msg.id, route });
}

/** netlink_ack(): NLMSG_ERROR; a failure echoes the whole request unless NETLINK_CAP_ACK, success never does. */
export function netlinkAck(rec: Recorder, req: Message, s: SocketState, error: number): void {
  const h = req.message.header;
  const full = error !== 0 && !s.capAck;
  const echoed = { ...h, len: req.bytes.length };
  const message: NlMessage = {
    header: { len: 0, type: NLMSG_ERROR, flags: full ? 0 : NLM_F_CAPPED, seq: h.seq, pid: s.portId ?? 0 },
    payload: { kind: 'error', error, request: full ? { header: echoed, payload: req.message.payload } : cappedRequest(echoed) },
  };
  netlinkUnicast(rec, s, error === 0 ? 'ack' : 'error', message, { inReplyTo: req.id, ...(req.route ? { route: req.route } : {}) });
}

/**
 * netlink_rcv_skb(): a message without NLM_F_REQUEST, or a control message, is not handed to the
 * family; the handler's result is ACKed when the request asked (NLM_F_ACK) or when it failed. A
 * started dump is never ACKed: NLMSG_DONE ends it.
 */
export function netlinkRcvSkb(rec: Recorder, req: Message, sender: SocketState, handler: (rec: Recorder, req: Message, sender: SocketState) => HandlerResult): void {
  const h = req.message.header;
  let result: HandlerResult = 0;
  if (h.flags & NLM_F_REQUEST && h.type >= NLMSG_MIN_TYPE) result = handler(rec, req, sender);
  if (result === 'dump') return;
  if (h.flags & NLM_F_ACK || result !== 0) netlinkAck(rec, req, rec.socket(sender.id), result);
}
