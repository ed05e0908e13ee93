/**
 * How the module tells user space an entry is gone (rtmgr_notify_deleted): one newly built skb
 * per listener by unicast, in registration order, dropping a listener whose port id no socket
 * holds any more; or, with use_multicast=1, one multicast to RTMGR_GRP_EVENTS.
 */
import { NLM_F_MULTI } from '../../protocol/netlink';
import type { Message } from '../../model';
import type { Recorder } from '../../core/recorder';
import { socketByPort } from '../../core/ports';
import { netlinkBroadcast, netlinkUnicast } from '../../core/send';
import type { NlMessage } from '../../wire/message';
import { withSlot, type RtmgrEntry } from './state';
import { NETLINK_RTMGR, RTMGR_GRP_EVENTS, RTMGR_MSG_DELETED, RTMGR_MSG_ENTRY } from './uapi';

/** nlmsg_put() + memcpy of the entry: the 36 bytes of an ENTRY or DELETED. */
export function entryMessage(type: number, flags: number, seq: number, pid: number, e: RtmgrEntry): NlMessage {
  return { header: { len: 0, type, flags, seq, pid }, payload: { kind: 'rtmgr', name: e.name, dst: e.dst, dstLen: e.dstLen, delayMs: e.delayMs } };
}

/** rtmgr_build_deleted(): flags 0, as on an RTM_DELROUTE notification. */
export function rtmgrBuildDeleted(e: RtmgrEntry, seq: number, port: number): NlMessage {
  return entryMessage(RTMGR_MSG_DELETED, 0, seq, port, e);
}

/** One ENTRY of a dump: the request's seq, the requester's port id, NLM_F_MULTI. */
export function rtmgrDumpEntry(e: RtmgrEntry, seq: number, port: number): NlMessage {
  return entryMessage(RTMGR_MSG_ENTRY, NLM_F_MULTI, seq, port, e);
}

/** rtmgr_forget(): drop listener i, keeping the others in registration order. */
function rtmgrForget(rec: Recorder, slot: number, i: number): void {
  const e = rec.world.rtmgr!.slots[slot]!;
  const port = e.listeners[i]!;
  const listeners = e.listeners.filter((_, j) => j !== i);
  rec.emit(withSlot(rec.world, slot, { ...e, listeners }), { kind: 'entry-changed', protocol: NETLINK_RTMGR, entry: e.name, change: 'forgotten', port });
}

/**
 * rtmgr_notify_deleted(): nlmsg_unicast() consumes its skb, so each listener gets its own. A port
 * id no socket holds is -ECONNREFUSED: logged and forgotten. A full queue (-EAGAIN) keeps the listener.
 */
export function rtmgrNotifyDeleted(rec: Recorder, slot: number, seq: number, port: number, request?: Message): void {
  const m = rec.world.rtmgr!;
  const first = m.slots[slot]!;
  const cause = request ? { inReplyTo: request.id } : {};
  if (m.useMulticast) {
    netlinkBroadcast(rec, NETLINK_RTMGR, RTMGR_GRP_EVENTS, rtmgrBuildDeleted(first, seq, port), { route: first.name, ...cause });
    return;
  }
  let i = 0;
  while (i < rec.world.rtmgr!.slots[slot]!.listeners.length) {
    const e = rec.world.rtmgr!.slots[slot]!;
    const listener = e.listeners[i]!;
    const to = socketByPort(rec.world, NETLINK_RTMGR, listener);
    if (!to) {
      rec.emit(rec.world, { kind: 'unicast-failed', protocol: NETLINK_RTMGR, port: listener, errno: 'ECONNREFUSED', entry: e.name });
      rtmgrForget(rec, slot, i);
      continue;
    }
    netlinkUnicast(rec, to, 'notification', rtmgrBuildDeleted(e, seq, port), { route: e.name, ...cause });
    i++;
  }
}

/** rtmgr_delete(): announce, then free the slot; the interest list goes with it. */
export function rtmgrDelete(rec: Recorder, slot: number, seq: number, port: number, request?: Message): void {
  const name = rec.world.rtmgr!.slots[slot]!.name;
  rtmgrNotifyDeleted(rec, slot, seq, port, request);
  rec.emit(withSlot(rec.world, slot, null), { kind: 'entry-changed', protocol: NETLINK_RTMGR, entry: name, change: 'deleted' });
}
