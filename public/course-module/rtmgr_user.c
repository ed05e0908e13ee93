// SPDX-License-Identifier: GPL-2.0
/*
 * rtmgr_user.c - the user side of the rtmgr course module.
 *
 *   rtmgr_user NAME                 REGISTER for NAME, then wait for its DELETED
 *   rtmgr_user --multicast [NAME]   join RTMGR_GRP_EVENTS, wait for DELETED (of NAME)
 *   rtmgr_user --list               dump the table
 *   rtmgr_user --arm NAME [MS]      start NAME's deletion timer (default 10000 ms)
 *   rtmgr_user --add NAME A.B.C.D/LEN
 *   rtmgr_user --del NAME
 *
 * -x before any of these also prints every datagram sent and received in hex.
 * --arm, --add and --del need CAP_NET_ADMIN (run them with sudo). Every
 * message received is printed, with its header, as it comes off the socket.
 * Lines ending in a step marker comment (list in README.md) are the ones the
 * visualizer highlights.
 *
 * Build: cc -Wall -Wextra -Werror -O2 -o rtmgr_user rtmgr_user.c
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/netlink.h>
#include "rtmgr.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* The layout documented in rtmgr.h, checked by the compiler. */
_Static_assert(sizeof(struct rtmgr_entry_msg) == 20, "payload is 20 bytes");
_Static_assert(offsetof(struct rtmgr_entry_msg, dst) == 8, "dst at offset 8");
_Static_assert(offsetof(struct rtmgr_entry_msg, dst_len) == 12, "dst_len at offset 12");
_Static_assert(offsetof(struct rtmgr_entry_msg, delay_ms) == 16, "delay_ms at offset 16");

/* What receive() waits for before it returns. */
enum wait_for { WAIT_ACK, WAIT_DONE, WAIT_DELETED };

/* Start at 1, not at time(NULL) as iproute2 does, so that runs are reproducible. */
static __u32 next_seq = 1;
static int hex;	/* -x */

static void die(const char *what)
{
	int err = errno;

	fprintf(stderr, "rtmgr_user: %s: %s\n", what, strerror(err));
	if (err == EPROTONOSUPPORT)
		fprintf(stderr, "rtmgr_user: is the module loaded? sudo insmod rtmgr_mod.ko\n");
	exit(1);
}

static const char *type_name(__u16 type)
{
	switch (type) {
	case NLMSG_NOOP:		return "NLMSG_NOOP";
	case NLMSG_ERROR:		return "NLMSG_ERROR";
	case NLMSG_DONE:		return "NLMSG_DONE";
	case NLMSG_OVERRUN:		return "NLMSG_OVERRUN";
	case RTMGR_MSG_REGISTER:	return "RTMGR_MSG_REGISTER";
	case RTMGR_MSG_UNREGISTER:	return "RTMGR_MSG_UNREGISTER";
	case RTMGR_MSG_ADD:		return "RTMGR_MSG_ADD";
	case RTMGR_MSG_DEL:		return "RTMGR_MSG_DEL";
	case RTMGR_MSG_LIST:		return "RTMGR_MSG_LIST";
	case RTMGR_MSG_ENTRY:		return "RTMGR_MSG_ENTRY";
	case RTMGR_MSG_DELETED:		return "RTMGR_MSG_DELETED";
	case RTMGR_MSG_ARM:		return "RTMGR_MSG_ARM";
	default:			return "unknown";
	}
}

/* With -x: the datagram's bytes, 16 to a line, offsets in hex. */
static void hexdump(const void *data, size_t len)
{
	const unsigned char *b = data;
	size_t i;

	for (i = 0; hex && i < len; i++)
		printf("%s%02x%s", i % 16 ? "" : "   ", b[i], i % 16 == 15 || i + 1 == len ? "\n" : " ");
}

/* Open the socket and bind it; nl_pid 0 lets the kernel choose our port id. */
static int open_socket(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_pid = 0, .nl_groups = 0 };
	socklen_t len = sizeof(sa);
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_RTMGR); /* @step:socket */
	if (fd < 0)
		die("socket(AF_NETLINK, SOCK_RAW, NETLINK_RTMGR)");
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) /* @step:bind */
		die("bind");
	if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		die("getsockname");
	printf("socket: protocol %d, port id %u\n", NETLINK_RTMGR, sa.nl_pid);
	return fd;
}

/* Send one 36-byte request to the kernel (port id 0); return its seq. */
static __u32 send_request(int fd, __u16 type, __u16 flags, const struct rtmgr_entry_msg *m)
{
	struct {
		struct nlmsghdr nlh;
		struct rtmgr_entry_msg m;
	} req;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct iovec iov = { .iov_base = &req, .iov_len = sizeof(req) };
	struct msghdr msg = {
		.msg_name = &kernel, .msg_namelen = sizeof(kernel),
		.msg_iov = &iov, .msg_iovlen = 1,
	};

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(req.m));
	req.nlh.nlmsg_type = type;
	req.nlh.nlmsg_flags = flags;
	req.nlh.nlmsg_seq = next_seq++;
	req.nlh.nlmsg_pid = 0;	/* the kernel knows our port id; this field is not trusted */
	req.m = *m;
	printf("-> %s len=%u flags=0x%x seq=%u pid=0", type_name(type),
	       req.nlh.nlmsg_len, flags, req.nlh.nlmsg_seq);
	if (req.m.name[0])
		printf(" entry=%.8s", req.m.name);
	printf("\n");
	hexdump(&req, sizeof(req));
	if (sendmsg(fd, &msg, 0) < 0) /* @step:sendmsg */
		die("sendmsg");
	return req.nlh.nlmsg_seq;
}

/* Print an ENTRY or DELETED payload. */
static void print_entry(const struct rtmgr_entry_msg *m)
{
	char dst[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &m->dst, dst, sizeof(dst));
	printf(" entry=%.8s dst=%s/%u delay_ms=%u\n", m->name, dst, m->dst_len, m->delay_ms);
}

/*
 * Print one message. Return 1 if it is what we wait for, -1 if it is an
 * error answering our request, 0 to go on reading.
 */
static int handle(const struct nlmsghdr *nlh, enum wait_for what, __u32 seq, const char *name)
{
	const struct nlmsgerr *err = NLMSG_DATA(nlh);
	const struct rtmgr_entry_msg *m = NLMSG_DATA(nlh);

	printf("   %s len=%u flags=0x%x seq=%u pid=%u", type_name(nlh->nlmsg_type),
	       nlh->nlmsg_len, nlh->nlmsg_flags, nlh->nlmsg_seq, nlh->nlmsg_pid);
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*err))) {
			printf(" (truncated)\n");
			return -1;
		}
		if (err->error == 0) {
			printf(" error=0 (ACK of seq %u)\n", err->msg.nlmsg_seq);
			return nlh->nlmsg_seq == seq;
		}
		printf(" error=%d (%s) for %s seq %u\n", err->error, strerror(-err->error),
		       type_name(err->msg.nlmsg_type), err->msg.nlmsg_seq);
		return nlh->nlmsg_seq == seq ? -1 : 0;
	case NLMSG_DONE:
		printf(" (end of dump)\n");
		return what == WAIT_DONE && nlh->nlmsg_seq == seq;
	case RTMGR_MSG_ENTRY:
	case RTMGR_MSG_DELETED:
		if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*m))) {
			printf(" (truncated)\n");
			return 0;
		}
		print_entry(m);
		return what == WAIT_DELETED && nlh->nlmsg_type == RTMGR_MSG_DELETED &&
		       (!name || !strncmp(m->name, name, RTMGR_NAME_LEN));
	default:
		printf("\n");
		return 0;
	}
}

/*
 * Read datagrams and walk the messages in each until handle() says stop.
 * One recvmsg() returns one datagram, which may hold several messages.
 */
static int receive(int fd, enum wait_for what, __u32 seq, const char *name)
{
	static union {
		struct nlmsghdr nlh;		/* for alignment */
		char bytes[32768];		/* 32 KiB, as the kernel docs advise */
	} buf;
	struct nlmsghdr *nlh;
	ssize_t len;
	int r;

	for (;;) {
		struct sockaddr_nl from;
		struct iovec iov = { .iov_base = &buf, .iov_len = sizeof(buf) };
		struct msghdr msg = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
		};

		len = recvmsg(fd, &msg, 0); /* @step:recvmsg */
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0 && errno == ENOBUFS) {
			/* Our queue overflowed and messages were dropped; what is queued is still good. */
			fprintf(stderr, "rtmgr_user: recvmsg: %s: messages were lost\n", strerror(errno));
			continue;
		}
		if (len < 0)
			die("recvmsg");
		if (msg.msg_flags & MSG_TRUNC) {
			fprintf(stderr, "rtmgr_user: datagram larger than %zu bytes, dropped\n", sizeof(buf));
			continue;
		}
		if (from.nl_pid != 0) {
			printf("<- %zd bytes from port id %u, not the kernel: ignored\n", len, from.nl_pid);
			continue;
		}
		/* nl_groups is the group mask of a multicast copy, 0 for a unicast. */
		if (from.nl_groups)
			printf("<- %zd bytes from port id 0, multicast to groups 0x%x\n", len, from.nl_groups);
		else
			printf("<- %zd bytes from port id 0\n", len);
		hexdump(&buf, len);
		for (nlh = &buf.nlh; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) { /* @step:parse */
			r = handle(nlh, what, seq, name);
			if (r != 0)
				return r < 0 ? -1 : 0;
		}
	}
}

/* Send one request with NLM_F_ACK and wait for its ACK; exit on an error. */
static void request_acked(int fd, __u16 type, const struct rtmgr_entry_msg *m)
{
	__u32 seq = send_request(fd, type, NLM_F_REQUEST | NLM_F_ACK, m);

	if (receive(fd, WAIT_ACK, seq, NULL) < 0)
		exit(1);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: rtmgr_user [-x] NAME                 wait for NAME's deletion (REGISTER)\n"
		"       rtmgr_user [-x] --multicast [NAME]   wait for a deletion on group %d\n"
		"       rtmgr_user [-x] --list               dump the table\n"
		"       rtmgr_user [-x] --arm NAME [MS]      delete NAME after MS ms (default %d)\n"
		"       rtmgr_user [-x] --add NAME A.B.C.D/LEN\n"
		"       rtmgr_user [-x] --del NAME\n"
		"       -x prints every datagram sent and received in hex\n", RTMGR_GRP_EVENTS, RTMGR_DEFAULT_DELAY_MS);
	exit(2);
}

/* Put NAME into m->name, NUL-padded; names have at most 7 characters. */
static void set_name(struct rtmgr_entry_msg *m, const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= RTMGR_NAME_LEN) {
		fprintf(stderr, "rtmgr_user: entry names have 1 to %d characters\n", RTMGR_NAME_LEN - 1);
		exit(2);
	}
	memcpy(m->name, name, n);
}

/* Parse A.B.C.D/LEN into m->dst (network byte order) and m->dst_len. */
static void set_prefix(struct rtmgr_entry_msg *m, const char *arg)
{
	char addr[INET_ADDRSTRLEN];
	const char *slash = strchr(arg, '/');
	char *end;
	unsigned long plen;

	if (!slash || (size_t)(slash - arg) >= sizeof(addr))
		usage();
	memcpy(addr, arg, slash - arg);
	addr[slash - arg] = '\0';
	plen = strtoul(slash + 1, &end, 10);
	if (inet_pton(AF_INET, addr, &m->dst) != 1 || *end || end == slash + 1 || plen > 32)
		usage();
	m->dst_len = (__u8)plen;
}

int main(int argc, char **argv)
{
	struct rtmgr_entry_msg m;
	const char *mode = argc > 1 ? argv[1] : "";
	int fd, group = RTMGR_GRP_EVENTS;
	char *end;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* keep output in order when piped */
	if (argc > 1 && !strcmp(argv[1], "-x")) {
		hex = 1;
		argv++;
		argc--;
		mode = argc > 1 ? argv[1] : "";
	}
	memset(&m, 0, sizeof(m));
	if (argc == 2 && mode[0] != '-') {
		set_name(&m, argv[1]);
		fd = open_socket();
		request_acked(fd, RTMGR_MSG_REGISTER, &m);
		printf("registered for %s; waiting for RTMGR_MSG_DELETED\n", argv[1]);
		if (receive(fd, WAIT_DELETED, 0, argv[1]) < 0)
			return 1;
		printf("%s was deleted\n", argv[1]);
	} else if (!strcmp(mode, "--multicast") && argc <= 3) {
		if (argc == 3)
			set_name(&m, argv[2]);
		fd = open_socket();
		if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) < 0) /* @step:join */
			die("setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP)");
		printf("joined group %d; waiting for RTMGR_MSG_DELETED\n", group);
		if (receive(fd, WAIT_DELETED, 0, argc == 3 ? argv[2] : NULL) < 0)
			return 1;
		if (argc == 3)
			printf("%s was deleted\n", argv[2]);
	} else if (!strcmp(mode, "--list") && argc == 2) {
		fd = open_socket();
		/* NLM_F_DUMP by convention; the module dumps on the type alone. */
		if (receive(fd, WAIT_DONE, send_request(fd, RTMGR_MSG_LIST,
							NLM_F_REQUEST | NLM_F_DUMP, &m), NULL) < 0)
			return 1;
	} else if (!strcmp(mode, "--arm") && (argc == 3 || argc == 4)) {
		set_name(&m, argv[2]);
		if (argc == 4) {
			m.delay_ms = (__u32)strtoul(argv[3], &end, 10);
			if (*end || end == argv[3])
				usage();
		}
		request_acked(open_socket(), RTMGR_MSG_ARM, &m);
	} else if (!strcmp(mode, "--add") && argc == 4) {
		set_name(&m, argv[2]);
		set_prefix(&m, argv[3]);
		request_acked(open_socket(), RTMGR_MSG_ADD, &m);
	} else if (!strcmp(mode, "--del") && argc == 3) {
		set_name(&m, argv[2]);
		request_acked(open_socket(), RTMGR_MSG_DEL, &m);
	} else {
		usage();
	}
	return 0;
}
