/**
 * The link layer of an nlmon capture: LINKTYPE_NETLINK (253), whose 16-byte cooked header
 * (the Linux "SLL" layout, big-endian) precedes each datagram. nlmon sets no link-layer
 * address, so the header says nothing about port ids; only the datagram itself does.
 */

export const LINKTYPE_NETLINK = 253;
export const ARPHRD_NETLINK = 824;
export const COOKED_HEADER_LEN = 16;

/**
 * __netlink_deliver_tap_skb() sets pkt_type from the socket that owns the skb at tap time, and
 * by then netlink_skb_set_owner_r() has made that the receiver: a datagram the kernel receives
 * is PACKET_KERNEL, one queued on a user socket is PACKET_USER.
 */
export const PACKET_USER = 6;
export const PACKET_KERNEL = 7;

/** Netlink families (the cooked header's protocol field, sk->sk_protocol). */
export const NETLINK_FAMILY_NAMES: Record<number, string> = {
  0: 'NETLINK_ROUTE',
  2: 'NETLINK_USERSOCK',
  4: 'NETLINK_SOCK_DIAG',
  5: 'NETLINK_NFLOG',
  6: 'NETLINK_XFRM',
  10: 'NETLINK_FIB_LOOKUP',
  12: 'NETLINK_NETFILTER',
  16: 'NETLINK_GENERIC',
};

export function familyName(family: number): string {
  return NETLINK_FAMILY_NAMES[family] ?? `netlink family ${family}`;
}

export function writeCookedHeader(out: Uint8Array, at: number, pktType: number, family: number): void {
  const v = new DataView(out.buffer, out.byteOffset + at, COOKED_HEADER_LEN);
  v.setUint16(0, pktType);
  v.setUint16(2, ARPHRD_NETLINK);
  v.setUint16(4, 0); // address length: nlmon has no link-layer address
  // bytes 6..13: the 8 address bytes, left zero
  v.setUint16(14, family);
}
