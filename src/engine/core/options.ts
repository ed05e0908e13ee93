/** The SOL_NETLINK socket options a socket keeps, by the kernel's name (netlink_setsockopt). */
import { NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK, NETLINK_NO_ENOBUFS, NETLINK_PKTINFO } from '../protocol/netlink';
import type { SocketState } from '../model';
import type { SocketOptionName } from '../spec';

export type OptionField = 'noEnobufs' | 'capAck' | 'extAck' | 'pktinfo' | 'strictChk';

export const SOCKET_OPTIONS: ReadonlyArray<{ name: SocketOptionName; value: number; field: OptionField; meaning: string }> = [
  { name: 'NETLINK_PKTINFO', value: NETLINK_PKTINFO, field: 'pktinfo', meaning: 'each read also says which multicast group the message came through' },
  { name: 'NETLINK_NO_ENOBUFS', value: NETLINK_NO_ENOBUFS, field: 'noEnobufs', meaning: 'drops on a full queue are silent: no ENOBUFS, no congestion' },
  { name: 'NETLINK_CAP_ACK', value: NETLINK_CAP_ACK, field: 'capAck', meaning: 'an error echoes only the request’s header, not the whole request' },
  { name: 'NETLINK_EXT_ACK', value: NETLINK_EXT_ACK, field: 'extAck', meaning: 'errors carry the kernel’s explanation as attributes' },
  {
    name: 'NETLINK_GET_STRICT_CHK',
    value: NETLINK_GET_STRICT_CHK,
    field: 'strictChk',
    meaning: 'dump requests are checked strictly, and filters are honoured',
  },
];

export function optionField(name: SocketOptionName): OptionField {
  return SOCKET_OPTIONS.find((o) => o.name === name)!.field;
}

/** The options a socket has on, by name, for the views. */
export function optionsOn(s: SocketState): SocketOptionName[] {
  return SOCKET_OPTIONS.filter((o) => s[o.field]).map((o) => o.name);
}
