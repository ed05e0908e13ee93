#!/usr/bin/env python3
"""Capture reference rtnetlink messages from the real Linux kernel.

Runs inside a fresh network namespace so it touches nothing on the host:

    sudo unshare -n python3 tools/capture-kernel.py > src/engine/fixtures/kernel-capture.json

The namespace gets a veth pair (eth0 = ifindex 2, eth1 = ifindex 3) and 192.168.1.2/24 on eth0,
so the gateway 192.168.1.1 of the lecture's routes is reachable. Every message is stored as hex
together with the port ids of the sockets involved, so tests can compare bytes "port ids aside".
"""
import json, os, socket, struct, subprocess, time

NLM_F_REQUEST, NLM_F_ACK, NLM_F_ECHO = 0x1, 0x4, 0x8
NLM_F_EXCL, NLM_F_CREATE, NLM_F_DUMP = 0x200, 0x400, 0x300
RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE = 24, 25, 26
NLMSG_ERROR, NLMSG_DONE = 2, 3
RTMGRP_IPV4_ROUTE = 0x40


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def rta(kind, payload):
    length = 4 + len(payload)
    pad = (4 - length % 4) % 4
    return struct.pack("<HH", length, kind) + payload + b"\0" * pad


def route_msg(mtype, flags, seq, dst, dst_len, gateway=None, oif=None, priority=None, table=254,
              protocol=3, scope=0, rtype=1):
    body = struct.pack("<BBBBBBBBI", socket.AF_INET, dst_len, 0, 0, table, protocol, scope, rtype, 0)
    body += rta(1, socket.inet_aton(dst))
    if gateway:
        body += rta(5, socket.inet_aton(gateway))
    if oif:
        body += rta(4, struct.pack("<I", oif))
    if priority is not None:
        body += rta(6, struct.pack("<I", priority))
    return struct.pack("<IHHII", 16 + len(body), mtype, flags, seq, 0) + body


def split(datagram):
    out, off = [], 0
    while off + 16 <= len(datagram):
        (length,) = struct.unpack_from("<I", datagram, off)
        out.append(datagram[off:off + length])
        off += (length + 3) & ~3
    return out


def recv_all(sock, until, timeout=5.0):
    """Read messages until `until(msg)` is true for one of them; returns them all."""
    sock.settimeout(timeout)
    got = []
    while True:
        for m in split(sock.recv(65536)):
            got.append(m)
            if until(m):
                return got


def drain(sock):
    sock.setblocking(False)
    try:
        while True:
            sock.recv(65536)
    except BlockingIOError:
        pass
    sock.setblocking(True)


def mtype(m):
    return struct.unpack_from("<H", m, 4)[0]


def seq_of(m):
    return struct.unpack_from("<I", m, 8)[0]


def main():
    sh("ip link add eth1 type veth peer name eth0")  # the peer is created first: eth0 = 2, eth1 = 3
    sh("ip link set lo up && ip link set eth0 up && ip link set eth1 up")
    sh("ip addr add 192.168.1.2/24 dev eth0")
    ifindex = {n: socket.if_nametoindex(n) for n in ("eth0", "eth1")}

    req = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    req.bind((0, 0))
    mon = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    mon.bind((0, RTMGRP_IPV4_ROUTE))
    sub = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    sub.bind((0, RTMGRP_IPV4_ROUTE))
    ports = {"requester": req.getsockname()[0], "monitor": mon.getsockname()[0],
             "subscribedRequester": sub.getsockname()[0]}
    cases = {}

    def exchange(name, sock, msg, watch=None, note=""):
        sock.sendto(msg, (0, 0))
        seq = seq_of(msg)
        replies = recv_all(sock, lambda m: seq_of(m) == seq and mtype(m) in (NLMSG_ERROR, NLMSG_DONE))
        case = {"note": note, "request": msg.hex(), "replies": [m.hex() for m in replies]}
        if watch is not None:
            case["notifications"] = [m.hex() for m in recv_all(watch, lambda m: mtype(m) in (RTM_NEWROUTE, RTM_DELROUTE))]
        cases[name] = case

    r1 = dict(dst="10.0.1.0", dst_len=24, gateway="192.168.1.1", oif=ifindex["eth0"])
    exchange("newroute_ack", req, route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 1, **r1),
             watch=mon, note="add R1 with REQUEST|ACK|CREATE|EXCL: ACK to requester, RTM_NEWROUTE to group 7")
    exchange("newroute_eexist", req, route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, 2, **r1),
             note="add R1 again without ACK: -EEXIST echoing the whole request")
    exchange("delroute_esrch", req, route_msg(RTM_DELROUTE, NLM_F_REQUEST, 3, dst="10.0.9.0", dst_len=24),
             note="delete a route that does not exist, without ACK: -ESRCH")
    dump_req = struct.pack("<IHHII", 28, RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 4, 0) + \
        struct.pack("<BBBBBBBBI", socket.AF_INET, 0, 0, 0, 0, 0, 0, 0, 0)
    exchange("dump", req, dump_req, note="dump IPv4 routes: NLM_F_MULTI parts, then NLMSG_DONE")
    exchange("delroute_ack", req, route_msg(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, 5, dst="10.0.1.0", dst_len=24),
             watch=mon, note="delete R1 with ACK: RTM_DELROUTE notification with flags 0")

    # The requester is itself subscribed: its multicast copy arrives before its ACK.
    drain(sub)
    r2 = dict(dst="10.0.2.0", dst_len=24, gateway="192.168.1.1", oif=ifindex["eth0"], priority=100)
    msg = route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 6, **r2)
    sub.sendto(msg, (0, 0))
    got = recv_all(sub, lambda m: mtype(m) == NLMSG_ERROR)
    cases["subscribed_no_echo"] = {"note": "subscribed requester without ECHO: copy, then ACK",
                                   "request": msg.hex(), "replies": [m.hex() for m in got]}
    recv_all(mon, lambda m: mtype(m) == RTM_NEWROUTE)
    msg = route_msg(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO, 7, dst="10.0.2.0", dst_len=24)
    sub.sendto(msg, (0, 0))
    got = recv_all(sub, lambda m: mtype(m) == NLMSG_ERROR)
    cases["subscribed_echo"] = {"note": "subscribed requester with ECHO: exactly one copy, then ACK",
                                "request": msg.hex(), "replies": [m.hex() for m in got]}
    recv_all(mon, lambda m: mtype(m) == RTM_DELROUTE)

    # The kernel acts on its own: an address lifetime expires and its prefix route goes with it.
    sh("ip addr add 10.0.3.1/24 dev eth1 valid_lft 2 preferred_lft 2")
    added = recv_all(mon, lambda m: mtype(m) == RTM_NEWROUTE and m[20] == 254)
    removed = recv_all(mon, lambda m: mtype(m) == RTM_DELROUTE and m[20] == 254, timeout=30)
    cases["kernel_timer_delroute"] = {
        "note": "address lifetime expired: kernel deletes 10.0.3.0/24 on its own (seq 0, pid 0)",
        "notifications": [m.hex() for m in added if m[20] == 254] + [m.hex() for m in removed if m[20] == 254]}

    print(json.dumps({"kernel": os.uname().release, "ifindex": ifindex, "ports": ports,
                      "cases": cases}, indent=2))


if __name__ == "__main__":
    main()
