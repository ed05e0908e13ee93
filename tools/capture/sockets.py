#!/usr/bin/env python3
"""Port ids and bind errors, sender metadata (msg_name, NETLINK_PKTINFO, NLM_F_ECHO copies) and
multicast fan-out (items 5, 9 and 10 of the findings).

    unshare -n python3 tools/capture/sockets.py > src/engine/fixtures/kernel-sockets.json
"""
import errno
import os
import socket
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from nl import *  # noqa: E402,F401


def s32(v):
    return v - (1 << 32) if v >= 1 << 31 else v


def try_bind(s, addr):
    try:
        s.bind(addr)
        return {"result": 0, "port": s.getsockname()[0]}
    except OSError as e:
        return {"result": -e.errno, "errname": errno.errorcode[e.errno]}


def ports():
    pid = os.getpid()
    out = {"note": "one process; port ids as u32 and as s32", "pid": pid, "sockets": []}
    socks = []
    for how in ("bind0", "bind0", "bind0", "send", "unbound"):
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
        if how == "bind0":
            s.bind((0, 0))
        elif how == "send":
            s.sendto(nlmsg(NLMSG_NOOP, NLM_F_REQUEST, 1, b""), (0, 0))
        port = s.getsockname()[0]
        out["sockets"].append({"how": how, "port": port, "portS32": s32(port), "isPid": port == pid})
        socks.append(s)
    first = socks[0].getsockname()[0]
    t = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    out["bindTakenPort"] = try_bind(t, (first, 0))
    out["bindFreePort12345"] = try_bind(t, (12345, 0))
    out["rebindSamePort"] = try_bind(t, (12345, 0))
    out["rebindOtherPort"] = try_bind(t, (12346, 0))
    out["rebindZeroWithGroups"] = try_bind(t, (0, RTMGRP_IPV4_ROUTE))
    out["rebindOwnPortWithGroups"] = try_bind(t, (12345, RTMGRP_IPV4_ROUTE))
    out["groupsAfter"] = t.getsockname()[1]
    u = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    out["bindNegativePortExplicit"] = try_bind(u, (0xFFFFF000, 0))
    socks[0].close()
    v = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    v.bind((0, 0))
    out["afterClosingFirst"] = {"port": v.getsockname()[0], "isPid": v.getsockname()[0] == pid}
    # A child process: its first autobound socket gets the child's pid.
    r, w = os.pipe()
    child = os.fork()
    if child == 0:
        c = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
        c.bind((0, 0))
        os.write(w, struct.pack("<II", os.getpid(), c.getsockname()[0]))
        os._exit(0)
    os.waitpid(child, 0)
    cpid, cport = struct.unpack("<II", os.read(r, 8))
    out["childProcess"] = {"pid": cpid, "port": cport, "isPid": cpid == cport}
    # Another protocol family: port ids are per protocol, so the pid is free again there.
    g = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)  # NETLINK_GENERIC
    g.bind((0, 0))
    out["otherProtocolFirstSocket"] = {"port": g.getsockname()[0], "isPid": g.getsockname()[0] == pid}
    return out


def pktinfo(anc):
    for level, kind, data in anc:
        if level == SOL_NETLINK and kind == NETLINK_PKTINFO:
            return struct.unpack("<I", data[:4])[0]
    return None


def meta(d):
    return {"msgName": {"nl_pid": d["addr"][0], "nl_groups": d["addr"][1]},
            "pktinfoGroup": pktinfo(d["anc"]), "messages": [m.hex() for m in split(d["data"])]}


def sender_metadata(ifindex):
    cases = {}
    req = nl_socket()
    setopt(req, NETLINK_PKTINFO)
    mon = nl_socket(groups=RTMGRP_IPV4_ROUTE)
    setopt(mon, NETLINK_PKTINFO)
    mem = nl_socket()  # joined with NETLINK_ADD_MEMBERSHIP instead of the bind mask
    setopt(mem, NETLINK_ADD_MEMBERSHIP, RTNLGRP_IPV4_ROUTE)
    setopt(mem, NETLINK_PKTINFO)
    anc = socket.CMSG_SPACE(4)
    add = route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 1,
                    dst="10.0.1.0", dst_len=24, gateway="192.168.1.1", oif=ifindex)
    req.sendto(add, (0, 0))
    cases["unicast_ack_and_multicast"] = {
        "note": "requester (not subscribed) adds a route with ACK; monitor bound to 0x40; member joined group 7 by setsockopt",
        "ports": {"requester": req.getsockname()[0], "monitor": mon.getsockname()[0], "member": mem.getsockname()[0]},
        "request": add.hex(),
        "requester": meta(recv_dgram(req, ancbufsize=anc)),
        "monitor": meta(recv_dgram(mon, ancbufsize=anc)),
        "member": meta(recv_dgram(mem, ancbufsize=anc)),
        "memberGetsockname": {"nl_pid": mem.getsockname()[0], "nl_groups": mem.getsockname()[1]},
    }
    # NLM_F_ECHO from a subscribed and from an unsubscribed requester.
    for name, sub in (("echo_subscribed", True), ("echo_unsubscribed", False)):
        e = nl_socket(groups=RTMGRP_IPV4_ROUTE if sub else 0)
        setopt(e, NETLINK_PKTINFO)
        seq = 2 if sub else 3
        msg = route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO | NLM_F_CREATE | NLM_F_EXCL, seq,
                        dst="10.0.%d.0" % (seq), dst_len=24, gateway="192.168.1.1", oif=ifindex)
        e.sendto(msg, (0, 0))
        got = []
        while True:
            d = try_recv(e, ancbufsize=anc)
            if d is None:
                break
            got.append(meta(d))
        mon_copy = meta(recv_dgram(mon, ancbufsize=anc))
        recv_dgram(mem)
        cases[name] = {"note": "NLM_F_ECHO add; requester %s to 0x40; all its datagrams, then the monitor's copy" % (
            "bound" if sub else "not subscribed"), "port": e.getsockname()[0], "request": msg.hex(),
            "requesterDatagrams": got, "monitor": mon_copy,
            "echoBytesEqualMonitorCopy": got[0]["messages"] == mon_copy["messages"]}
        e.close()
    # One user socket to another, and a user socket sending to a group.
    a, b = nl_socket(), nl_socket()
    setopt(b, NETLINK_PKTINFO)
    noop = nlmsg(NLMSG_NOOP, 0, 77, b"hello\0\0\0")
    a.sendto(noop, (b.getsockname()[0], 0))
    cases["user_to_user"] = {"note": "socket A sends a NOOP-typed message straight to socket B's port id",
                             "ports": {"A": a.getsockname()[0], "B": b.getsockname()[0]},
                             "sent": noop.hex(), "B": meta(recv_dgram(b, ancbufsize=anc))}
    a.sendto(noop, (0, RTMGRP_IPV4_ROUTE))
    cases["user_to_group"] = {"note": "socket A (root) sends the same message to (pid 0, groups 0x40): the group members get it",
                              "monitor": meta(recv_dgram(mon, ancbufsize=anc)),
                              "member": meta(recv_dgram(mem, ancbufsize=anc)),
                              "senderGotAnything": try_recv(a) is not None}
    return cases


def fanout(ifindex):
    """Several subscribers; one of them has a full queue."""
    subs = [nl_socket(groups=RTMGRP_IPV4_ROUTE) for _ in range(3)]
    full = nl_socket(groups=RTMGRP_IPV4_ROUTE, rcvbuf=0)
    adder = nl_socket()
    for i in range(3):  # fills `full` (2 fit) and gives the others 3 each
        adder.sendto(route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, 10 + i,
                               dst="10.1.%d.0" % i, dst_len=24, gateway="192.168.1.1", oif=ifindex), (0, 0))
    got = []
    for s in subs + [full]:
        msgs = []
        while True:
            d = try_recv(s)
            if d is None:
                break
            msgs.append(d.get("errname") or [m.hex() for m in split(d["data"])])
        got.append({"port": s.getsockname()[0], "rcvbuf": rcvbuf(s), "reads": msgs})
    return {"note": "three subscribers with default buffers and one with SO_RCVBUF 0; three routes added",
            "subscribers": got,
            "identicalCopies": got[0]["reads"] == got[1]["reads"] == got[2]["reads"]}


def main():
    ifindex = setup_veth()["eth0"]
    emit({"kernel": kernel(), "ifindex": {"eth0": ifindex}, "ports": ports(),
          "metadata": sender_metadata(ifindex), "fanout": fanout(ifindex)})


if __name__ == "__main__":
    main()
