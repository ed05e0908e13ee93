// SPDX-License-Identifier: GPL-2.0
/*
 * rtmgr_mod.c - a routing-table manager that speaks netlink, for teaching.
 *
 * Entries R1..R3 exist on load. REGISTER asks to be told when an entry goes;
 * ARM starts the entry's timer, which deletes it and sends DELETED by unicast
 * to each registered port id and no one else (use_multicast=1: one multicast
 * to RTMGR_GRP_EVENTS instead). Wire format: rtmgr.h and README.md. Lines
 * ending in a step marker comment (list in README.md) are the ones the
 * visualizer highlights.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/version.h>
#include <linux/workqueue.h>
#include <net/netlink.h>
#include <net/sock.h>
#include "rtmgr.h"

#define RTMGR_MAX_ENTRIES	8
#define RTMGR_MAX_LISTENERS	4

/* 6.16 renamed from_timer() to timer_container_of(). */
#ifndef timer_container_of
#define timer_container_of(var, t, field) from_timer(var, t, field)
#endif
/* timer_shutdown_sync() is 6.2+; del_timer_sync() is enough, see rtmgr_exit(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#define timer_shutdown_sync(t) del_timer_sync(t)
#endif

struct rtmgr_entry {
	struct rtmgr_entry_msg msg;		/* kept in wire form; delay_ms 0 = not armed */
	bool used;
	u32 listeners[RTMGR_MAX_LISTENERS];	/* port ids, in registration order */
	unsigned int n_listeners;
	struct timer_list timer;
	struct work_struct del_work;
};

static const struct rtmgr_entry_msg rtmgr_initial[] = {
	{ .name = "R1", .dst = cpu_to_be32(0x0a000100), .dst_len = 24 },	/* 10.0.1.0/24 */
	{ .name = "R2", .dst = cpu_to_be32(0x0a000200), .dst_len = 24 },	/* 10.0.2.0/24 */
	{ .name = "R3", .dst = cpu_to_be32(0x0a000300), .dst_len = 24 },	/* 10.0.3.0/24 */
};

static struct rtmgr_entry table[RTMGR_MAX_ENTRIES];
static DEFINE_MUTEX(rtmgr_lock);	/* a mutex: requests come in process context */
static struct sock *rtmgr_sk;

static bool use_multicast;
module_param(use_multicast, bool, 0444);
MODULE_PARM_DESC(use_multicast, "One multicast to group 1 instead of a unicast per listener");

/* Like fib_find_node(): find an entry by name. Caller holds rtmgr_lock. */
static struct rtmgr_entry *rtmgr_find(const char *name)
{
	int i;

	for (i = 0; i < RTMGR_MAX_ENTRIES; i++)
		if (table[i].used && !strncmp(table[i].msg.name, name, RTMGR_NAME_LEN))
			return &table[i];
	return NULL;
}

/* Like rtmsg_fib(): build one 36-byte DELETED message in a new skb. */
static struct sk_buff *rtmgr_build_deleted(const struct rtmgr_entry *e, u32 seq, u32 portid)
{
	struct sk_buff *skb = nlmsg_new(sizeof(e->msg), GFP_KERNEL);
	struct nlmsghdr *nlh;

	if (!skb)
		return NULL;
	/* Flags 0, as on an RTM_DELROUTE notification. */
	nlh = nlmsg_put(skb, portid, seq, RTMGR_MSG_DELETED, sizeof(e->msg), 0); /* @step:notify */
	if (!nlh) {
		nlmsg_free(skb);
		return NULL;
	}
	memcpy(nlmsg_data(nlh), &e->msg, sizeof(e->msg));
	nlmsg_end(skb, nlh);
	return skb;
}

/* Drop listener i, keeping the others in registration order. */
static void rtmgr_forget(struct rtmgr_entry *e, unsigned int i)
{
	memmove(&e->listeners[i], &e->listeners[i + 1],
		(e->n_listeners - i - 1) * sizeof(e->listeners[0]));
	e->n_listeners--;
}

/* Like rtnl_notify(): tell whoever asked that e is gone. Caller holds rtmgr_lock. */
static void rtmgr_notify_deleted(struct rtmgr_entry *e, u32 seq, u32 portid)
{
	struct sk_buff *skb;
	unsigned int i = 0;

	if (use_multicast) {
		/* One skb; netlink_broadcast() clones it for each member of the group. */
		skb = rtmgr_build_deleted(e, seq, portid);
		if (skb)
			nlmsg_multicast(rtmgr_sk, skb, 0, RTMGR_GRP_EVENTS, GFP_KERNEL); /* @step:multicast */
		return;
	}
	while (i < e->n_listeners) {
		/* nlmsg_unicast() consumes its skb (queued or freed): one skb each. */
		skb = rtmgr_build_deleted(e, seq, portid);
		if (!skb)
			return;
		if (nlmsg_unicast(rtmgr_sk, skb, e->listeners[i]) == -ECONNREFUSED) { /* @step:unicast */
			/* No socket has that port id any more: the listener is gone. */
			pr_info("rtmgr: port %u is gone, forgetting it\n", e->listeners[i]);
			rtmgr_forget(e, i); /* @step:forget */
			continue;
		}
		/* -EAGAIN means its queue is full; the kernel flags it ENOBUFS. Keep it. */
		i++;
	}
}

/* Like fib_table_delete(): announce, then free the slot. Caller holds rtmgr_lock. */
static void rtmgr_delete(struct rtmgr_entry *e, u32 seq, u32 portid)
{
	pr_info("rtmgr: deleting %.8s\n", e->msg.name);
	rtmgr_notify_deleted(e, seq, portid);
	/* The interest list goes with the entry. A pending timer finds !used. */
	e->used = false; /* @step:delete */
	e->n_listeners = 0;
}

/* The timer's deletion, in process context: the mutex and GFP_KERNEL are allowed. */
static void rtmgr_del_work(struct work_struct *work)
{
	struct rtmgr_entry *e = container_of(work, struct rtmgr_entry, del_work);

	mutex_lock(&rtmgr_lock);
	/* seq 0, port id 0: no request caused this, the kernel did it on its own. */
	if (e->used && e->msg.delay_ms)
		rtmgr_delete(e, 0, 0);
	mutex_unlock(&rtmgr_lock);
}

/*
 * Timer callback, in softirq context: it must not sleep, so it cannot take
 * the mutex or allocate with GFP_KERNEL. It hands over to the workqueue. (A
 * spinlock everywhere plus GFP_ATOMIC would work too, but an atomic
 * allocation can fail under memory pressure and lose a notification.)
 */
static void rtmgr_timer_fn(struct timer_list *t)
{
	struct rtmgr_entry *e = timer_container_of(e, t, timer); /* @step:timer */

	schedule_work(&e->del_work);
}

/* REGISTER: add the sender's port id to e's interest list. */
static int rtmgr_register(struct rtmgr_entry *e, u32 portid)
{
	unsigned int i;

	for (i = 0; i < e->n_listeners; i++)
		if (e->listeners[i] == portid)
			return -EEXIST;	/* a second REGISTER is an error, not a no-op */
	if (e->n_listeners == RTMGR_MAX_LISTENERS)
		return -ENOSPC;
	e->listeners[e->n_listeners++] = portid; /* @step:register */
	return 0;
}

/* UNREGISTER: remove the sender's port id from e's interest list. */
static int rtmgr_unregister(struct rtmgr_entry *e, u32 portid)
{
	unsigned int i;

	for (i = 0; i < e->n_listeners; i++)
		if (e->listeners[i] == portid) {
			rtmgr_forget(e, i); /* @step:unregister */
			return 0;
		}
	return -ENOENT;
}

/* Like fib_table_insert(): ADD an entry in a free slot. Caller holds rtmgr_lock. */
static int rtmgr_add(const struct rtmgr_entry_msg *m)
{
	int i;

	if (!m->name[0] || strnlen(m->name, RTMGR_NAME_LEN) == RTMGR_NAME_LEN || m->dst_len > 32)
		return -EINVAL;
	if (rtmgr_find(m->name))
		return -EEXIST;
	for (i = 0; i < RTMGR_MAX_ENTRIES; i++) {
		if (table[i].used)
			continue;
		/* Copy field by field so pad and delay_ms start at 0 whatever was sent. */
		table[i].msg = (struct rtmgr_entry_msg){ .dst = m->dst, .dst_len = m->dst_len };
		strscpy(table[i].msg.name, m->name, RTMGR_NAME_LEN);
		table[i].used = true; /* @step:add */
		return 0;
	}
	return -ENOSPC;
}

/* ARM: (re)start e's deletion timer; mod_timer() moves a pending one. */
static int rtmgr_arm(struct rtmgr_entry *e, u32 delay_ms)
{
	e->msg.delay_ms = delay_ms ? delay_ms : RTMGR_DEFAULT_DELAY_MS;
	mod_timer(&e->timer, jiffies + msecs_to_jiffies(e->msg.delay_ms)); /* @step:arm */
	return 0;
}

/* Like inet_dump_fib(): put as many ENTRY messages as fit; args[0] says where to go on. */
static int rtmgr_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlmsghdr *nlh;
	int i;

	mutex_lock(&rtmgr_lock);
	for (i = cb->args[0]; i < RTMGR_MAX_ENTRIES; i++) {
		if (!table[i].used)
			continue;
		nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq, /* @step:dump */
				RTMGR_MSG_ENTRY, sizeof(table[i].msg), NLM_F_MULTI);
		if (!nlh)
			break;	/* skb full: the next call goes on from i */
		memcpy(nlmsg_data(nlh), &table[i].msg, sizeof(table[i].msg));
		nlmsg_end(skb, nlh);
	}
	mutex_unlock(&rtmgr_lock);
	cb->args[0] = i;
	return skb->len;	/* 0 (nothing added) ends the dump: the core adds NLMSG_DONE */
}

/*
 * Like rtnetlink_rcv_msg(): check and dispatch one request, in the sender's
 * process context. The 0 or -errno it returns becomes, in netlink_rcv_skb(),
 * an ACK (only with NLM_F_ACK) or an error message (always).
 */
static int rtmgr_rcv_msg(struct sk_buff *skb, struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack)
{
	u32 portid = NETLINK_CB(skb).portid;	/* set by the kernel, unlike nlmsg_pid */
	struct rtmgr_entry_msg *m = nlmsg_data(nlh);
	u16 type = nlh->nlmsg_type;
	struct rtmgr_entry *e;
	int err = 0;

	if (type == RTMGR_MSG_LIST) {
		struct netlink_dump_control c = { .dump = rtmgr_dump };

		/* -EINTR once the dump has started: no ACK, even with NLM_F_ACK. */
		return netlink_dump_start(rtmgr_sk, skb, nlh, &c);
	}
	if (type == RTMGR_MSG_ENTRY || type == RTMGR_MSG_DELETED || type > RTMGR_MSG_ARM)
		return -EOPNOTSUPP;
	if (nlmsg_len(nlh) < (int)sizeof(*m))
		return -EINVAL;
	/* Anyone may listen; changing the table needs CAP_NET_ADMIN, as in rtnetlink. */
	if (type != RTMGR_MSG_REGISTER && type != RTMGR_MSG_UNREGISTER &&
	    !netlink_capable(skb, CAP_NET_ADMIN))
		return -EPERM;

	mutex_lock(&rtmgr_lock);
	e = rtmgr_find(m->name);
	if (type == RTMGR_MSG_ADD)
		err = rtmgr_add(m);
	else if (!e)
		err = -ENOENT;
	else if (type == RTMGR_MSG_REGISTER)
		err = rtmgr_register(e, portid);
	else if (type == RTMGR_MSG_UNREGISTER)
		err = rtmgr_unregister(e, portid);
	else if (type == RTMGR_MSG_ARM)
		err = rtmgr_arm(e, m->delay_ms);
	else	/* DEL, caused by a request: the notification carries its seq and port id */
		rtmgr_delete(e, nlh->nlmsg_seq, portid);
	mutex_unlock(&rtmgr_lock);
	return err; /* @step:ack */
}

/* Like rtnetlink_rcv(): the socket's .input, called once per sendmsg(). */
static void rtmgr_rcv(struct sk_buff *skb)
{
	netlink_rcv_skb(skb, &rtmgr_rcv_msg); /* @step:input */
}

/* Like fib_net_init(): fill the table, then open the kernel socket. */
static int __init rtmgr_init(void)
{
	struct netlink_kernel_cfg cfg = {
		.input = rtmgr_rcv,
		.groups = RTMGR_GRP_EVENTS,
		.flags = NL_CFG_F_NONROOT_RECV,	/* non-root may join the group */
	};
	int i;

	BUILD_BUG_ON(sizeof(struct rtmgr_entry_msg) != 20);
	for (i = 0; i < RTMGR_MAX_ENTRIES; i++) {
		timer_setup(&table[i].timer, rtmgr_timer_fn, 0);
		INIT_WORK(&table[i].del_work, rtmgr_del_work);
	}
	for (i = 0; i < ARRAY_SIZE(rtmgr_initial); i++) {
		table[i].msg = rtmgr_initial[i];
		table[i].used = true;
	}
	rtmgr_sk = netlink_kernel_create(&init_net, NETLINK_RTMGR, &cfg); /* @step:create */
	if (!rtmgr_sk)
		return -ENOMEM;
	pr_info("rtmgr: protocol %d, %s\n", NETLINK_RTMGR,
		use_multicast ? "one multicast to group 1" : "one unicast per listener");
	return 0;
}

/* Like fib_net_exit(): stop timers and work, then close the kernel socket. */
static void __exit rtmgr_exit(void)
{
	int i;

	/*
	 * Each open NETLINK_RTMGR socket holds a module reference (netlink_create()),
	 * so none is left and no request can re-arm a timer. Timers first (one may
	 * queue work), then the work (it uses the socket), then the socket.
	 */
	for (i = 0; i < RTMGR_MAX_ENTRIES; i++) {
		timer_shutdown_sync(&table[i].timer);
		cancel_work_sync(&table[i].del_work);
	}
	netlink_kernel_release(rtmgr_sk); /* @step:release */
}

module_init(rtmgr_init);
module_exit(rtmgr_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Routing-table manager over netlink (teaching example)");
