/**
 * The fixed part of a generated program: headers and the helpers every scenario uses. Each helper
 * checks what the system call returns; failures of the scenario's own calls are printed as JSON
 * lines (the simulation may predict them), failures of the setup stop the program.
 */
export const PRELUDE = String.raw`#define _GNU_SOURCE
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/* The largest buffer a read passes: 32 KiB as netlink(7) recommends, or what the scenario asks. */
#define RECV_BUF_SIZE 32768


static struct timespec start;
static double speed = 1.0;

/* Scenario time: milliseconds since the start, times the speed-up. */
static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(((double)(t.tv_sec - start.tv_sec) * 1000.0 + (double)(t.tv_nsec - start.tv_nsec) / 1e6) * speed);
}

/* Actions keep the scenario's timing: sleep until ms after the start (absolute, so no drift). */
static void sleep_until(long ms)
{
	long scaled = (long)((double)ms / speed);
	struct timespec t = start;
	t.tv_sec += scaled / 1000;
	t.tv_nsec += (scaled % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec += 1;
		t.tv_nsec -= 1000000000L;
	}
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
		;
}

static void setup(const char *cmd)
{
	if (system(cmd) != 0) {
		fprintf(stderr, "setup failed: %s\n", cmd);
		exit(EXIT_FAILURE);
	}
}

/* The setup adds interfaces and routes: refuse to touch any namespace but a fresh one. */
static void require_fresh_netns(const char *prog)
{
	struct if_nameindex *ifs = if_nameindex();
	int others = 0;

	if (!ifs) {
		perror("if_nameindex");
		exit(EXIT_FAILURE);
	}
	for (struct if_nameindex *i = ifs; i->if_index != 0; i++)
		if (strcmp(i->if_name, "lo") != 0)
			others++;
	if_freenameindex(ifs);
	if (others > 0 || geteuid() != 0) {
		fprintf(stderr, "run this as root in a fresh network namespace: unshare -n %s\n", prog);
		exit(EXIT_FAILURE);
	}
}

static void print_error(const char *sock, const char *call, int err)
{
	printf("{\"t\":%ld,\"socket\":\"%s\",\"call\":\"%s\",\"errno\":\"%s\"}\n", now_ms(), sock, call, strerrorname_np(err));
}

/* A socket's port id is known once it is bound: explicitly, or by autobind on its first send. */
static void print_port(int fd, const char *sock)
{
	struct sockaddr_nl local;
	socklen_t len = sizeof(local);

	if (getsockname(fd, (struct sockaddr *)&local, &len) < 0) {
		print_error(sock, "getsockname", errno);
		return;
	}
	printf("{\"t\":%ld,\"socket\":\"%s\",\"portId\":%u,\"groups\":%u}\n", now_ms(), sock, local.nl_pid, local.nl_groups);
}

static int open_socket(const char *sock)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0) {
		fprintf(stderr, "%s: ", sock);
		perror("socket");
		exit(EXIT_FAILURE);
	}
	return fd;
}

static void set_option(int fd, const char *sock, int option, const char *name, int value)
{
	if (setsockopt(fd, SOL_NETLINK, option, &value, sizeof(value)) < 0)
		print_error(sock, name, errno);
}

static void bind_socket(int fd, const char *sock, __u32 port, __u32 groups)
{
	struct sockaddr_nl local = {
		.nl_family = AF_NETLINK,
		.nl_pid = port,     /* 0: let the kernel choose */
		.nl_groups = groups,
	};

	if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
		print_error(sock, "bind", errno);
		return;
	}
	print_port(fd, sock);
}

static void membership(int fd, const char *sock, int option, int group)
{
	if (setsockopt(fd, SOL_NETLINK, option, &group, sizeof(group)) < 0)
		print_error(sock, option == NETLINK_ADD_MEMBERSHIP ? "setsockopt(NETLINK_ADD_MEMBERSHIP)" : "setsockopt(NETLINK_DROP_MEMBERSHIP)", errno);
}

static void set_rcvbuf(int fd, const char *sock, int bytes)
{
	int got;
	socklen_t len = sizeof(got);

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes)) < 0) {
		print_error(sock, "setsockopt(SO_RCVBUF)", errno);
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len) == 0)
		printf("{\"t\":%ld,\"socket\":\"%s\",\"rcvbuf\":%d}\n", now_ms(), sock, got);
}

static void send_request(int fd, const char *sock, const void *req, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK }; /* nl_pid 0: the kernel */
	struct iovec iov = { .iov_base = (void *)req, .iov_len = len };
	struct msghdr msg = {
		.msg_name = &kernel,
		.msg_namelen = sizeof(kernel),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	struct sockaddr_nl local;
	socklen_t local_len = sizeof(local);
	int unbound = getsockname(fd, (struct sockaddr *)&local, &local_len) == 0 && local.nl_pid == 0;

	if (sendmsg(fd, &msg, 0) < 0) {
		print_error(sock, "sendmsg", errno);
		return;
	}
	/* The first send of an unbound socket binds it (netlink_autobind): say which port id it got. */
	if (unbound)
		print_port(fd, sock);
}

/* One datagram as a JSON line; the NLMSG_OK loop checks it holds whole messages and counts them. */
static void print_datagram(const char *sock, const char *buf, ssize_t n, int flags)
{
	int messages = 0;
	ssize_t left = n;

	for (const struct nlmsghdr *nh = (const struct nlmsghdr *)buf; NLMSG_OK(nh, left); nh = NLMSG_NEXT(nh, left))
		messages++;
	printf("{\"t\":%ld,\"socket\":\"%s\",\"bytes\":%zd,\"messages\":%d,\"trunc\":%s,\"hex\":\"", now_ms(), sock, n, messages, (flags & MSG_TRUNC) ? "true" : "false");
	for (ssize_t i = 0; i < n; i++)
		printf("%02x", (unsigned char)buf[i]);
	printf("\"}\n");
}

/*
 * Non-blocking reads of size bytes: count datagrams, or (count < 0) until the queue is empty. A
 * failed read (ENOBUFS after an overrun) counts as one read, as it does in the simulation. The
 * largest size ever passed also sizes the kernel's next dump datagram (netlink_recvmsg).
 */
static void read_socket(int fd, const char *sock, int count, size_t size)
{
	static char buf[RECV_BUF_SIZE] __attribute__((aligned(NLMSG_ALIGNTO)));
	int got = 0;

	if (size > sizeof(buf))
		size = sizeof(buf);
	for (int i = 0; count < 0 || i < count; i++) {
		struct sockaddr_nl from;
		struct iovec iov = { .iov_base = buf, .iov_len = size };
		struct msghdr msg = {
			.msg_name = &from,
			.msg_namelen = sizeof(from),
			.msg_iov = &iov,
			.msg_iovlen = 1,
		};
		ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT);

		if (n < 0) {
			int err = errno;

			if (err == EINTR) {
				i--;
				continue;
			}
			if (err == EAGAIN && count < 0 && got > 0)
				break;
			print_error(sock, "recvmsg", err);
			if (err == EAGAIN)
				break;
			got++;
			continue;
		}
		got++;
		print_datagram(sock, buf, n, msg.msg_flags);
	}
}
`;

interface Chunk {
  name: string | null;
  text: string;
}

function chunks(): Chunk[] {
  return PRELUDE.split(/\n(?=(?:\/\*[^\n]*\n(?: \*[^\n]*\n)*)?static )/).map((text) => {
    const m = /^static [\w ]+?\**(\w+)\(/m.exec(text);
    return { name: m ? m[1]! : null, text: text.replace(/\n+$/, '') };
  });
}

/** The prelude with only the helpers `main` uses (directly or through another helper): -Wall finds no unused function. */
export function preludeFor(main: string): string {
  const all = chunks();
  const keep = new Set<string>();
  let text = main;
  for (let changed = true; changed;) {
    changed = false;
    for (const c of all) {
      if (c.name && !keep.has(c.name) && new RegExp(`\\b${c.name}\\(`).test(text)) {
        keep.add(c.name);
        text += c.text;
        changed = true;
      }
    }
  }
  return all
    .filter((c) => c.name === null || keep.has(c.name))
    .map((c) => c.text)
    .join('\n\n');
}
