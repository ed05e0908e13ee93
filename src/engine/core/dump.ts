/**
 * Dumps (netlink_dump, __netlink_dump_start): the kernel fills one skb at a time with as many
 * entries as fit, and builds the next only when the reader has made room. A dump is paced,
 * never dropped. NLMSG_DONE comes alone, in a datagram of its own (RTNL_FLAG_DUMP_SPLIT_NLM_DONE).
 */
import { ERRNO, NLMSG_DONE, NLM_F_ACK_TLVS } from '../protocol/netlink';
import type { DumpState, Message, SocketState } from '../model';
import { encodedLength, type NlMessage } from '../wire/message';
import type { Recorder } from './recorder';
import { extAckAttrs, sendDatagram, type ExtAck, type HandlerResult, type Part } from './send';
import { queueDatagram } from './queue';
import { dumpRoom } from './skb';
import { setSocket } from './world';

export interface DumpStart {
  entries: DumpState['entries'];
  /** NLM_F_MULTI, with NLM_F_DUMP_FILTERED when the request filtered. */
  flags: number;
  /** A dump request that failed its checks: NLMSG_DONE carries the error, and no entries come. */
  error?: { errno: number; extack: ExtAck };
}

/** __netlink_dump_start(): one dump at a time per socket (EBUSY); the first skb is built at once. */
export function netlinkDumpStart(rec: Recorder, req: Message, sender: SocketState, start: DumpStart): HandlerResult {
  const s = rec.socket(sender.id);
  if (s.dump) return -ERRNO.EBUSY;
  const { seq } = req.message.header;
  const dump: DumpState = { protocol: s.protocol, request: req.id, seq, port: s.portId ?? 0, flags: start.flags, entries: start.entries };
  if (start.error) {
    // The check runs in the dump callback, so the error travels in NLMSG_DONE, never echoing the request.
    const tlvs = s.extAck ? extAckAttrs(start.error.extack) : [];
    sendDatagram(rec, s, [doneMessage(dump, -start.error.errno, tlvs)], { inReplyTo: req.id, room: dumpRoom(s.maxRecvmsgLen) });
    return 'dump';
  }
  rec.world = setSocket(rec.world, { ...s, dump });
  netlinkDump(rec, rec.socket(s.id));
  return 'dump';
}

function doneMessage(d: DumpState, value: number, tlvs: ReturnType<typeof extAckAttrs> = []): Part {
  const message: NlMessage = {
    header: { len: 0, type: NLMSG_DONE, flags: d.flags | (tlvs.length ? NLM_F_ACK_TLVS : 0), seq: d.seq, pid: d.port },
    payload: { kind: 'done', value, ...(tlvs.length ? { extAck: tlvs } : {}) },
  };
  return { kind: 'done', message };
}

/**
 * netlink_dump(): nothing while the queue holds sk_rcvbuf or more; else one skb with room for
 * max(NLMSG_GOODSIZE, max_recvmsg_len) bytes, filled with whole entries, or NLMSG_DONE when none
 * are left (which ends the dump).
 */
export function netlinkDump(rec: Recorder, s: SocketState, inline = false): void {
  const d = s.dump;
  if (!d || s.rmemAlloc >= s.rcvbuf) return;
  const room = dumpRoom(s.maxRecvmsgLen);
  // From recvmsg() the skb goes straight into the reader's queue (__netlink_sendskb): no flight, no admission check.
  const send = (parts: Part[]) => {
    const sent = sendDatagram(rec, rec.socket(s.id), parts, { inReplyTo: d.request, room, inline });
    if (inline) queueDatagram(rec, rec.socket(s.id), sent[0]!.id, sent.length);
  };
  if (d.entries.length === 0) {
    rec.world = setSocket(rec.world, { ...s, dump: null });
    send([doneMessage(d, 0)]);
    return;
  }
  let used = 0;
  let n = 0;
  while (n < d.entries.length) {
    const len = (encodedLength(d.entries[n]!.message) + 3) & ~3;
    if (n > 0 && used + len > room) break;
    used += len;
    n++;
  }
  const parts: Part[] = d.entries.slice(0, n).map((e) => ({ kind: 'dump-part', message: e.message, ...(e.route ? { route: e.route } : {}) }));
  rec.world = setSocket(rec.world, { ...s, dump: { ...d, entries: d.entries.slice(n) } });
  send(parts);
}

/** netlink_recvmsg(): after a read, a running dump continues once the queue is at most half full. */
export function continueDump(rec: Recorder, s: SocketState): void {
  if (s.dump && s.rmemAlloc <= s.rcvbuf / 2) netlinkDump(rec, s, true);
}
