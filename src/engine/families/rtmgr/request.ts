/** A scenario's NETLINK_RTMGR request as the 36 bytes rtmgr_user writes: header, then struct rtmgr_entry_msg. */
import type { Failure } from '../../failure';
import { flagsFromNames, messageTypeFromName } from '../../protocol/names';
import type { World } from '../../model';
import { err, ok, type Result } from '../../result';
import type { RequestSpec } from '../../spec';
import type { NlMessage } from '../../wire/message';
import { parsePrefix } from '../route/routes';
import { NETLINK_RTMGR, NETLINK_RTMGR_NAME, RTMGR_MSG_LIST, RTMGR_NAME_LEN } from './uapi';

export function buildRtmgrRequest(r: RequestSpec, _w: World): Result<NlMessage, Failure> {
  const type = messageTypeFromName(r.type, NETLINK_RTMGR);
  if (type === undefined) return err({ id: 'not-protocol-type', type: r.type, protocol: NETLINK_RTMGR_NAME });
  const flags = flagsFromNames(type, r.flags, NETLINK_RTMGR);
  if (!flags.ok) return err({ id: 'not-a-flag', flag: flags.error, type: r.type });
  const e = r.entry ?? {};
  // rtmgr_user refuses names that leave no room for the NUL; ADD of such a name is the module's EINVAL.
  if (e.name !== undefined && (e.name.length > RTMGR_NAME_LEN || /[^\x20-\x7e]/.test(e.name))) return err({ id: 'entry-name', name: e.name });
  if (type !== RTMGR_MSG_LIST && !e.name) return err({ id: 'needs-entry', type: r.type });
  let dst = '0.0.0.0';
  let dstLen = 0;
  if (e.dst !== undefined) {
    const p = parsePrefix(e.dst);
    if (!p.ok) return p;
    dst = p.value.addr;
    dstLen = p.value.len;
  }
  return ok({
    header: { len: 0, type, flags: flags.value, seq: r.seq >>> 0, pid: (r.pid ?? 0) >>> 0 },
    payload: { kind: 'rtmgr', name: e.name ?? '', dst, dstLen, delayMs: (e.delayMs ?? 0) >>> 0 },
  });
}
