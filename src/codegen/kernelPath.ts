/**
 * The kernel's path for a request, in named functions of Linux 6.x, one sentence each. A step
 * marks the functions it shows happening; the rest of the path gives them their place.
 */
import { RTM_DELADDR, RTM_DELROUTE, RTM_GETADDR, RTM_GETROUTE, RTM_NEWADDR, RTM_NEWROUTE } from '../engine';

export interface KernelFn {
  /** The function's name as in the kernel source, for a learner to search. */
  fn: string;
  /** Where it lives. */
  file: string;
  text: string;
}

const F = (fn: string, file: string, text: string): KernelFn => ({ fn, file, text });

const AF = 'net/netlink/af_netlink.c';
const RTNL = 'net/core/rtnetlink.c';

export const FN = {
  netlink_sendmsg: F(
    'netlink_sendmsg',
    AF,
    'The sendmsg() system call on a netlink socket: copies the datagram into an skb and hands it to the kernel socket of NETLINK_ROUTE.',
  ),
  netlink_autobind: F(
    'netlink_autobind',
    AF,
    'The socket has no port id yet, so the kernel binds it now: the process id for its first socket, otherwise a negative number counting down.',
  ),
  rtnetlink_rcv_msg: F(
    'rtnetlink_rcv_msg',
    RTNL,
    'Called by netlink_rcv_skb() for each request in the datagram: finds the handler registered for this message type and family, and runs it under the RTNL lock.',
  ),
  inet_rtm_newroute: F(
    'inet_rtm_newroute',
    'net/ipv4/fib_frontend.c',
    'The AF_INET handler of RTM_NEWROUTE: turns the rtmsg and its attributes into a fib_config and picks the table.',
  ),
  inet_rtm_delroute: F(
    'inet_rtm_delroute',
    'net/ipv4/fib_frontend.c',
    'The AF_INET handler of RTM_DELROUTE: turns the request into a fib_config and finds the table.',
  ),
  fib_table_insert: F(
    'fib_table_insert',
    'net/ipv4/fib_trie.c',
    "Inserts the route into the table's trie; with NLM_F_EXCL an existing route gives -EEXIST instead.",
  ),
  fib_table_delete: F('fib_table_delete', 'net/ipv4/fib_trie.c', 'Finds the route (fields left unset match anything) and removes it, or returns -ESRCH.'),
  rtmsg_fib: F(
    'rtmsg_fib',
    'net/ipv4/fib_semantics.c',
    "Builds the notification with fib_dump_info(), copying the request's seq and the requester's port id into its header.",
  ),
  rtnl_notify: F('rtnl_notify', RTNL, 'Sends it to RTNLGRP_IPV4_ROUTE (group 7), passing along whether the requester asked for NLM_F_ECHO.'),
  nlmsg_notify: F(
    'nlmsg_notify',
    AF,
    'Multicasts to the group; with NLM_F_ECHO it also unicasts a copy to the requester and leaves the requester out of the multicast.',
  ),
  netlink_broadcast: F('netlink_broadcast', AF, "Walks the group's members and queues one copy on each member socket's receive queue, if it fits."),
  netlink_ack: F(
    'netlink_ack',
    AF,
    'After the handler returns: an NLMSG_ERROR to the requester with error 0 (an ACK, only if NLM_F_ACK was set) or the negative errno (always).',
  ),
  netlink_unicast: F('netlink_unicast', AF, "Queues the message on one socket, the one with the requester's port id."),
  netlink_dump_start: F(
    'netlink_dump_start',
    AF,
    'NLM_F_DUMP: instead of answering at once, the kernel remembers the dump callback and produces the answer part by part.',
  ),
  netlink_dump: F(
    'netlink_dump',
    AF,
    'Fills one skb with as many entries as fit (inet_dump_fib calls fib_dump_info for each route) and queues it; the next part is made when the reader has read this one.',
  ),
  netlink_dump_done: F('netlink_dump_done', AF, 'The callback has no more entries: an NLMSG_DONE with NLM_F_MULTI ends the dump.'),
  inet_rtm_getroute: F(
    'inet_rtm_getroute',
    'net/ipv4/route.c',
    'A lookup, not a dump: finds the route that matches the address and builds one RTM_NEWROUTE reply.',
  ),
  rtnl_unicast: F('rtnl_unicast', RTNL, "Sends the reply to the requester's port id with netlink_unicast()."),
  do_one_broadcast: F('do_one_broadcast', AF, 'For one member socket: clones the skb and queues it with netlink_broadcast_deliver().'),
  netlink_broadcast_deliver: F(
    'netlink_broadcast_deliver',
    AF,
    'Queues the copy on sk_receive_queue if the socket has room and is not congested, and wakes the reader.',
  ),
  netlink_attachskb: F('netlink_attachskb', AF, "Checks the receiver's queue has room (sk_rmem_alloc against sk_rcvbuf) before a unicast is queued."),
  netlink_sendskb: F(
    '__netlink_sendskb',
    AF,
    "Appends the skb to the socket's receive queue, charges it to sk_rmem_alloc and wakes the reader (sk_data_ready).",
  ),
  netlink_overrun: F(
    'netlink_overrun',
    AF,
    'No room: the message is dropped for this socket only, its next recvmsg() will fail once with ENOBUFS, and the socket is marked congested.',
  ),
  inet_rtm_newaddr: F(
    'inet_rtm_newaddr',
    'net/ipv4/devinet.c',
    'The RTM_NEWADDR handler: builds an in_ifaddr from the ifaddrmsg and its attributes (lifetimes from IFA_CACHEINFO).',
  ),
  inet_rtm_deladdr: F('inet_rtm_deladdr', 'net/ipv4/devinet.c', 'The RTM_DELADDR handler: finds the address on the interface, or returns -EADDRNOTAVAIL.'),
  __inet_insert_ifa: F('__inet_insert_ifa', 'net/ipv4/devinet.c', 'Adds the address to the interface, announces it, then runs the inetaddr notifier chain.'),
  inet_del_ifa: F('inet_del_ifa', 'net/ipv4/devinet.c', 'Takes the address off the interface, announces it, then runs the inetaddr notifier chain.'),
  rtmsg_ifa: F(
    'rtmsg_ifa',
    'net/ipv4/devinet.c',
    "Builds RTM_NEWADDR or RTM_DELADDR (inet_fill_ifaddr) with the request's seq and port id (0 and 0 when the kernel acts on its own), and notifies RTNLGRP_IPV4_IFADDR.",
  ),
  fib_add_ifaddr: F(
    'fib_add_ifaddr',
    'net/ipv4/fib_frontend.c',
    "The notifier adds the address's routes: the local /32 and the broadcast address in table local, the prefix route in main.",
  ),
  fib_del_ifaddr: F('fib_del_ifaddr', 'net/ipv4/fib_frontend.c', 'The notifier deletes the routes that came with the address.'),
  fib_magic: F('fib_magic', 'net/ipv4/fib_frontend.c', 'Changes the table with no request behind it: the notifications it causes carry seq 0 and port id 0.'),
  fib_notify: F('rtmsg_fib', 'net/ipv4/fib_semantics.c', 'Builds the route notification and sends it to RTNLGRP_IPV4_ROUTE with rtnl_notify().'),
  check_lifetime: F(
    'check_lifetime',
    'net/ipv4/devinet.c',
    "Delayed work that checks every address's lifetimes: past preferred_lft it marks the address IFA_F_DEPRECATED, past valid_lft it deletes it.",
  ),
  module_timer: F(
    "(the lecture's module timer)",
    'not in Linux',
    "This lecture's kernel module arms a timer that deletes a route. rtnetlink has nothing like it; in Linux, routes go when an address lifetime expires (check_lifetime in net/ipv4/devinet.c).",
  ),
  timer_delete: F('fib_table_delete', 'net/ipv4/fib_trie.c', 'The timer removes the route from the table, with no request behind it.'),
  timer_notify: F('rtmsg_fib', 'net/ipv4/fib_semantics.c', 'Builds the RTM_DELROUTE notification; with no request behind it, seq and port id are 0.'),
} as const;

export type FnName = keyof typeof FN;

/** The path a request of this type takes through the kernel, as keys of FN. */
export function requestPath(type: number, dump: boolean): FnName[] {
  if (type === RTM_NEWROUTE)
    return ['rtnetlink_rcv_msg', 'inet_rtm_newroute', 'fib_table_insert', 'rtmsg_fib', 'rtnl_notify', 'nlmsg_notify', 'netlink_broadcast', 'netlink_ack'];
  if (type === RTM_DELROUTE)
    return ['rtnetlink_rcv_msg', 'inet_rtm_delroute', 'fib_table_delete', 'rtmsg_fib', 'rtnl_notify', 'nlmsg_notify', 'netlink_broadcast', 'netlink_ack'];
  if (type === RTM_GETROUTE && dump) return ['rtnetlink_rcv_msg', 'netlink_dump_start', 'netlink_dump', 'netlink_dump_done'];
  if (type === RTM_GETROUTE) return ['rtnetlink_rcv_msg', 'inet_rtm_getroute', 'rtnl_unicast', 'netlink_unicast', 'netlink_ack'];
  if (type === RTM_NEWADDR)
    return [
      'rtnetlink_rcv_msg',
      'inet_rtm_newaddr',
      '__inet_insert_ifa',
      'rtmsg_ifa',
      'fib_add_ifaddr',
      'fib_magic',
      'fib_notify',
      'netlink_broadcast',
      'netlink_ack',
    ];
  if (type === RTM_DELADDR)
    return [
      'rtnetlink_rcv_msg',
      'inet_rtm_deladdr',
      'inet_del_ifa',
      'rtmsg_ifa',
      'fib_del_ifaddr',
      'fib_magic',
      'fib_notify',
      'netlink_broadcast',
      'netlink_ack',
    ];
  if (type === RTM_GETADDR && dump) return ['rtnetlink_rcv_msg', 'netlink_dump_start', 'netlink_dump', 'netlink_dump_done'];
  return ['rtnetlink_rcv_msg', 'netlink_ack'];
}

export const TIMER_PATH: FnName[] = ['module_timer', 'timer_delete', 'timer_notify', 'rtnl_notify', 'nlmsg_notify', 'netlink_broadcast'];

/** An address's lifetime runs out: the kernel's own timer, with no request behind anything it sends. */
export const LIFETIME_PATH: FnName[] = ['check_lifetime', 'inet_del_ifa', 'rtmsg_ifa', 'fib_del_ifaddr', 'fib_magic', 'fib_notify', 'netlink_broadcast'];
export const DEPRECATE_PATH: FnName[] = ['check_lifetime', 'rtmsg_ifa', 'netlink_broadcast'];
