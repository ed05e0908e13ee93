/** The kernel side of af_netlink: unicast, broadcast, notify, ACK, and the input path into a family. */
import { NLMSG_ERROR, NLMSG_MIN_TYPE, NLM_F_ACK, NLM_F_ACK_TLVS, NLM_F_CAPPED, NLM_F_ECHO, NLM_F_REQUEST } from '../protocol/netlink';
import type { Message, MessageKind, SocketState } from '../model';
import type { NlAttr } from '../wire/attr';
import { cappedRequest, encodedLength, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, type NlMessage } from '../wire/message';
import type { NewMessage, Recorder } from './recorder';
import { skbTruesize } from './skb';
import { messageLength } from './message';

/** The kernel as an endpoint: one shared, immutable object. */
export const KERNEL = { kind: 'kernel' } as const;

/** What a family's input handler answers: 0, a negative errno, or that it started a dump. */
export type HandlerResult = number | 'dump';

/** struct netlink_ext_ack: what a handler says about a failure (NL_SET_ERR_MSG, NL_SET_BAD_ATTR). */
export interface ExtAck {
  msg?: string;
  /** Byte offset of the offending attribute within the request. */
  offs?: number;
}

/** The extended-ACK attributes for a failure, in the order netlink_ack() writes them. */
export function extAckAttrs(e: ExtAck | undefined): NlAttr[] {
  const attrs: NlAttr[] = [];
  if (e?.msg) attrs.push({ type: NLMSGERR_ATTR_MSG, kind: 'string', value: e.msg });
  if (e?.offs !== undefined) attrs.push({ type: NLMSGERR_ATTR_OFFS, kind: 'u32', value: e.offs });
  return attrs;
}

export interface SendOptions {
  /** The request this message answers. */
  inReplyTo?: number;
  /** The entry it describes, by label. */
  route?: string;
  /** The group the skb went out through (the echo copy keeps its multicast's group). */
  dstGroup?: number;
}

export interface Part {
  kind: MessageKind;
  message: NlMessage;
  route?: string;
}

/**
 * One skb from the kernel to one socket, holding one or more messages. Its truesize is what the
 * receiver's buffer is charged: `room` for a dump skb (never trimmed), else the length itself.
 */
export function sendDatagram(rec: Recorder, to: SocketState, parts: readonly Part[], opts: SendOptions & { room?: number; inline?: boolean } = {}): Message[] {
  const t = rec.world.timeMs;
  let length = 0;
  for (const p of parts) length += (encodedLength(p.message) + 3) & ~3;
  const truesize = skbTruesize(opts.room ?? length);
  const datagram = rec.world.messageCount;
  const sent: Message[] = [];
  parts.forEach((p) => {
    const route = p.route ?? opts.route;
    const m = rec.newMessage({
      kind: p.kind,
      protocol: to.protocol,
      from: KERNEL,
      to: rec.endpoint(to.id),
      sentAt: t,
      deliverAt: opts.inline ? t : t + rec.env.latencyMs,
      message: p.message,
      datagram,
      ...(opts.inline ? { inline: true as const } : {}),
      truesize,
      dstGroup: opts.dstGroup ?? 0,
      ...(opts.inReplyTo !== undefined ? { inReplyTo: opts.inReplyTo } : {}),
      ...(route ? { route } : {}),
    });
    rec.emit(rec.world, { kind: 'message-sent', message: m.id });
    sent.push(m);
  });
  return sent;
}

/** netlink_unicast(): one message from the kernel to one socket. */
export function netlinkUnicast(rec: Recorder, to: SocketState, kind: MessageKind, message: NlMessage, opts: SendOptions = {}): Message {
  return sendDatagram(rec, to, [{ kind, message }], opts)[0]!;
}

/**
 * netlink_broadcast(): one copy per member socket of the group in this protocol, in a fixed
 * order, each with the same bytes; `exclude` is left out (nlmsg_notify's echo case).
 */
export function netlinkBroadcast(rec: Recorder, protocol: number, group: number, message: NlMessage, opts: SendOptions & { exclude?: string }): Message {
  const t = rec.world.timeMs;
  const truesize = skbTruesize(encodedLength(message));
  const route = opts.route;
  const groupMsg = rec.newMessage({
    kind: 'notification',
    protocol,
    from: KERNEL,
    to: { kind: 'group', group, protocol },
    sentAt: t,
    deliverAt: t,
    message,
    datagram: rec.world.messageCount,
    truesize,
    dstGroup: group,
    ...(route ? { route } : {}),
    ...(opts.inReplyTo !== undefined ? { inReplyTo: opts.inReplyTo } : {}),
  });
  const copies: number[] = [];
  const w = rec.world;
  // One description for every copy, only its receiver and datagram changed in turn: newMessage()
  // copies what it reads, and a group of twenty makes twenty copies.
  const copy: NewMessage = {
    kind: 'notification',
    protocol,
    from: KERNEL,
    to: KERNEL,
    sentAt: t,
    deliverAt: t + rec.env.latencyMs,
    message,
    datagram: 0,
    truesize,
    dstGroup: group,
    copyOf: groupMsg.id,
  };
  if (route) copy.route = route;
  // `sockets` is in socketOrder's order.
  for (const s of w.sockets) {
    if (s.id === opts.exclude || s.protocol !== protocol || !s.groups.includes(group)) continue;
    copy.to = rec.endpoint(s.id);
    copy.datagram = rec.world.messageCount;
    copies.push(rec.newCopy(copy, groupMsg));
  }
  rec.emit(rec.world, { kind: 'message-sent', message: groupMsg.id, copies });
  return groupMsg;
}

/**
 * nlmsg_notify(): multicast to the group; with NLM_F_ECHO the requester is left out of the
 * broadcast and gets a unicast copy instead, so it sees exactly one. The copy keeps the group
 * (nlmsg_multicast set dst_group on the skb before the unicast).
 */
export function nlmsgNotify(
  rec: Recorder,
  protocol: number,
  group: number,
  message: NlMessage,
  route: string,
  request?: { msg: Message; socket: SocketState },
): void {
  const echo = request !== undefined && (request.msg.message.header.flags & NLM_F_ECHO) !== 0;
  netlinkBroadcast(rec, protocol, group, message, {
    route,
    ...(request ? { inReplyTo: request.msg.id } : {}),
    ...(echo ? { exclude: request.socket.id } : {}),
  });
  if (echo) netlinkUnicast(rec, rec.socket(request.socket.id), 'notification', message, { inReplyTo: request.msg.id, route, dstGroup: group });
}

/**
 * netlink_ack(): NLMSG_ERROR. Success is always 36 bytes, capped, without TLVs. A failure echoes
 * the whole request unless NETLINK_CAP_ACK, and with NETLINK_EXT_ACK appends the handler's
 * explanation (NLM_F_ACK_TLVS).
 */
export function netlinkAck(rec: Recorder, req: Message, s: SocketState, error: number, extack?: ExtAck): void {
  const h = req.message.header;
  const full = error !== 0 && !s.capAck;
  const tlvs = error !== 0 && s.extAck ? extAckAttrs(extack) : [];
  const echoed = { ...h, len: messageLength(req) };
  const message: NlMessage = {
    header: { len: 0, type: NLMSG_ERROR, flags: (full ? 0 : NLM_F_CAPPED) | (tlvs.length ? NLM_F_ACK_TLVS : 0), seq: h.seq, pid: s.portId ?? 0 },
    payload: {
      kind: 'error',
      error,
      request: full ? { header: echoed, payload: req.message.payload } : cappedRequest(echoed),
      ...(tlvs.length ? { extAck: tlvs } : {}),
    },
  };
  netlinkUnicast(rec, s, error === 0 ? 'ack' : 'error', message, { inReplyTo: req.id, ...(req.route ? { route: req.route } : {}) });
}

export type InputHandler = (rec: Recorder, req: Message, sender: SocketState, extack: ExtAck) => HandlerResult;

/**
 * netlink_rcv_skb(): a message without NLM_F_REQUEST, or a control message, is not handed to the
 * family; the handler's result is ACKed when the request asked (NLM_F_ACK) or when it failed. A
 * started dump is never ACKed: NLMSG_DONE ends it.
 */
export function netlinkRcvSkb(rec: Recorder, req: Message, sender: SocketState, handler: InputHandler): void {
  const h = req.message.header;
  const extack: ExtAck = {};
  let result: HandlerResult = 0;
  if (h.flags & NLM_F_REQUEST && h.type >= NLMSG_MIN_TYPE) result = handler(rec, req, sender, extack);
  if (result === 'dump') return;
  if (h.flags & NLM_F_ACK || result !== 0) netlinkAck(rec, req, rec.socket(sender.id), result, extack);
}
