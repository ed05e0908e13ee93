/**
 * rtmgr_rcv_msg() and the handlers it dispatches to. Each returns 0 or -errno to the core's
 * netlinkRcvSkb(), which turns it into an ACK (only with NLM_F_ACK) or an error (always); LIST
 * starts a dump, which is never ACKed.
 */
import { ERRNO } from '../../protocol/netlink';
import type { Message, SocketState } from '../../model';
import type { Recorder } from '../../core/recorder';
import { netlinkDumpStart } from '../../core/dump';
import type { ExtAck, HandlerResult } from '../../core/send';
import { NLM_F_MULTI } from '../../protocol/netlink';
import type { RtmgrPayload } from './entryMsg';
import { rtmgrDelete, rtmgrDumpEntry } from './notify';
import { findSlot, usedEntries, withSlot } from './state';
import { rtmgrArm } from './timers';
import {
  NETLINK_RTMGR,
  RTMGR_MAX_LISTENERS,
  RTMGR_MSG_ADD,
  RTMGR_MSG_ARM,
  RTMGR_MSG_DELETED,
  RTMGR_MSG_ENTRY,
  RTMGR_MSG_LIST,
  RTMGR_MSG_REGISTER,
  RTMGR_MSG_UNREGISTER,
  RTMGR_NAME_LEN,
} from './uapi';

/** rtmgr_register(): a second REGISTER from the same port id is an error, not a no-op. */
export function rtmgrRegister(rec: Recorder, slot: number, port: number): number {
  const e = rec.world.rtmgr!.slots[slot]!;
  if (e.listeners.includes(port)) return -ERRNO.EEXIST;
  if (e.listeners.length === RTMGR_MAX_LISTENERS) return -ERRNO.ENOSPC;
  rec.emit(withSlot(rec.world, slot, { ...e, listeners: [...e.listeners, port] }), {
    kind: 'entry-changed',
    protocol: NETLINK_RTMGR,
    entry: e.name,
    change: 'registered',
    port,
  });
  return 0;
}

/** rtmgr_unregister(): ENOENT when the port id is not on the list. */
export function rtmgrUnregister(rec: Recorder, slot: number, port: number): number {
  const e = rec.world.rtmgr!.slots[slot]!;
  if (!e.listeners.includes(port)) return -ERRNO.ENOENT;
  rec.emit(withSlot(rec.world, slot, { ...e, listeners: e.listeners.filter((p) => p !== port) }), {
    kind: 'entry-changed',
    protocol: NETLINK_RTMGR,
    entry: e.name,
    change: 'unregistered',
    port,
  });
  return 0;
}

/** rtmgr_add(): the first free slot; pad and delay_ms start at 0 whatever was sent. */
export function rtmgrAdd(rec: Recorder, p: RtmgrPayload): number {
  if (!p.name || p.name.length >= RTMGR_NAME_LEN || p.dstLen > 32) return -ERRNO.EINVAL;
  const m = rec.world.rtmgr!;
  if (findSlot(m, p.name) >= 0) return -ERRNO.EEXIST;
  const slot = m.slots.indexOf(null);
  if (slot < 0) return -ERRNO.ENOSPC;
  const entry = { name: p.name, dst: p.dst, dstLen: p.dstLen, delayMs: 0, listeners: [], timer: null, work: null };
  rec.emit(withSlot(rec.world, slot, entry), { kind: 'entry-changed', protocol: NETLINK_RTMGR, entry: p.name, change: 'added' });
  return 0;
}

/** rtmgr_dump() via netlink_dump_start(): every used slot, in table order. */
function rtmgrList(rec: Recorder, req: Message, s: SocketState): HandlerResult {
  const { seq } = req.message.header;
  const port = s.portId ?? 0;
  const entries = usedEntries(rec.world.rtmgr!).map((e) => ({ message: rtmgrDumpEntry(e, seq, port), route: e.name }));
  return netlinkDumpStart(rec, req, s, { entries, flags: NLM_F_MULTI });
}

/**
 * rtmgr_rcv_msg(): the sender is NETLINK_CB(skb).portid, the socket's port id, never the
 * nlmsg_pid it wrote. ENTRY, DELETED and unknown types are EOPNOTSUPP; a short payload EINVAL.
 */
export function rtmgrRcvMsg(rec: Recorder, req: Message, s: SocketState, _extack: ExtAck): HandlerResult {
  const h = req.message.header;
  const port = s.portId ?? 0;
  if (h.type === RTMGR_MSG_LIST) return rtmgrList(rec, req, s);
  if (h.type === RTMGR_MSG_ENTRY || h.type === RTMGR_MSG_DELETED || h.type > RTMGR_MSG_ARM) return -ERRNO.EOPNOTSUPP;
  const p = req.message.payload;
  if (p.kind !== 'rtmgr') return -ERRNO.EINVAL;
  if (h.type === RTMGR_MSG_ADD) return rtmgrAdd(rec, p);
  const slot = findSlot(rec.world.rtmgr!, p.name);
  if (slot < 0) return -ERRNO.ENOENT;
  switch (h.type) {
    case RTMGR_MSG_REGISTER:
      return rtmgrRegister(rec, slot, port);
    case RTMGR_MSG_UNREGISTER:
      return rtmgrUnregister(rec, slot, port);
    case RTMGR_MSG_ARM:
      return rtmgrArm(rec, slot, p.delayMs);
    default:
      // DEL: caused by a request, so the notification carries its seq and the requester's port id.
      rtmgrDelete(rec, slot, h.seq, port, req);
      return 0;
  }
}
