/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rtmgr.h - the wire contract between the rtmgr kernel module and user space.
 *
 * Included by both rtmgr_mod.c (kernel) and rtmgr_user.c (user space), so it
 * uses only <linux/types.h> types, like a header under include/uapi/.
 *
 * Every message is a struct nlmsghdr (16 bytes, host byte order) followed by
 * one struct rtmgr_entry_msg (20 bytes), so every rtmgr message is 36 bytes.
 * The one exception is RTMGR_MSG_LIST, whose payload is optional and ignored.
 */
#ifndef RTMGR_H
#define RTMGR_H

#include <linux/types.h>

/*
 * Netlink protocol number for socket(AF_NETLINK, SOCK_RAW, NETLINK_RTMGR).
 * 31 is unused by the kernel and below MAX_LINKS (32), the size of the
 * kernel's protocol table.
 */
#define NETLINK_RTMGR		31

/*
 * Message types. 0..15 are netlink's own control messages (NLMSG_NOOP,
 * NLMSG_ERROR, NLMSG_DONE, ...), so a protocol starts at NLMSG_MIN_TYPE (16).
 */
#define RTMGR_MSG_REGISTER	16	/* tell me when this entry is deleted */
#define RTMGR_MSG_UNREGISTER	17	/* stop telling me */
#define RTMGR_MSG_ADD		18	/* add an entry (CAP_NET_ADMIN) */
#define RTMGR_MSG_DEL		19	/* delete an entry now (CAP_NET_ADMIN) */
#define RTMGR_MSG_LIST		20	/* dump: one ENTRY per entry, then NLMSG_DONE */
#define RTMGR_MSG_ENTRY		21	/* kernel -> user: one entry of a dump */
#define RTMGR_MSG_DELETED	22	/* kernel -> user: notification, entry is gone */
#define RTMGR_MSG_ARM		23	/* start the deletion timer (CAP_NET_ADMIN) */

/*
 * Multicast group for the use_multicast=1 variant. Groups are numbered from
 * 1; the legacy bind() mask for group g is bit (g - 1), so 1 << 0 here.
 */
#define RTMGR_GRP_EVENTS	1

#define RTMGR_NAME_LEN		8	/* "R1" .. "R3" fit with room to spare */
#define RTMGR_DEFAULT_DELAY_MS	10000	/* the course's "after 10 seconds" */

/*
 * The payload of every rtmgr message. 20 bytes, no implicit padding, 4-byte
 * aligned, so NLMSG_ALIGN adds nothing after it.
 *
 * off size field     byte order  meaning
 *   0    8 name      bytes       entry name, NUL-padded ASCII ("R3\0\0\0\0\0\0")
 *   8    4 dst       network     IPv4 destination, 10.0.3.0 is 0a 00 03 00
 *  12    1 dst_len   -           prefix length 0..32
 *  13    3 pad       -           zero on send, ignored on receive
 *  16    4 delay_ms  host        ARM: delay before deletion, 0 = 10000;
 *                                ENTRY and DELETED: the delay the entry's
 *                                timer was armed with, 0 = not armed;
 *                                other requests: ignored, send 0
 */
struct rtmgr_entry_msg {
	char	name[RTMGR_NAME_LEN];
	__be32	dst;
	__u8	dst_len;
	__u8	pad[3];
	__u32	delay_ms;
};

#endif /* RTMGR_H */
