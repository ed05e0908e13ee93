/**
 * What an skb costs and how big it may be, as measured on the live kernel (docs/kernel-behaviour.md
 * §1, §3, §4): receive buffers are charged truesize, the allocation behind a message, not its length.
 */

/** sizeof(struct sk_buff), rounded as SKB_TRUESIZE counts it. */
const SKB_STRUCT = 256;
/** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)). */
const SHINFO = 320;
/** Heads this small come from the small-head cache (SKB_SMALL_HEAD_CACHE_SIZE). */
const SMALL_HEAD = 576;
const CACHELINE = 64;

/** NLMSG_GOODSIZE: a page less the shared info; the room of a dump skb until the reader reads bigger. */
export const NLMSG_GOODSIZE = 4096 - SHINFO;
/** netlink_recvmsg() caps max_recvmsg_len at SKB_WITH_OVERHEAD(32768). */
export const MAX_RECVMSG_LEN = 32768 - SHINFO;
/** SOCK_MIN_RCVBUF on this kernel. */
export const SOCK_MIN_RCVBUF = 2304;
/** net.core.rmem_default and rmem_max on a stock kernel. */
export const RMEM_DEFAULT = 212_992;
export const RMEM_MAX = 212_992;
/** What iproute2 and most programs pass to recvmsg(). */
export const DEFAULT_RECV_BUFFER = 32_768;

/** SKB_TRUESIZE of a head allocated for `alloc` bytes: the kmalloc bucket it lands in, plus the sk_buff. */
export function skbTruesize(alloc: number): number {
  const head = Math.ceil(alloc / CACHELINE) * CACHELINE + SHINFO;
  if (head <= SMALL_HEAD) return SMALL_HEAD + SKB_STRUCT;
  let bucket = 1024;
  while (bucket < head) bucket *= 2;
  return bucket + SKB_STRUCT;
}

/** __sock_set_rcvbuf(): the value asked for is capped at rmem_max, doubled, and raised to the minimum. */
export function rcvbufFor(requested: number, rmemMax: number): number {
  return Math.max(2 * Math.min(requested, rmemMax), SOCK_MIN_RCVBUF);
}

/** netlink_dump(): a dump skb has room for max(NLMSG_GOODSIZE, max_recvmsg_len) bytes of messages. */
export function dumpRoom(maxRecvmsgLen: number): number {
  return Math.max(NLMSG_GOODSIZE, maxRecvmsgLen);
}
