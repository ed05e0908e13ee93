#!/usr/bin/env python3
"""Receive-buffer accounting: skb truesize per message kind, the admission rule, notification
bursts into a small buffer, ENOBUFS and NETLINK_NO_ENOBUFS (item 4 of the findings).

    unshare -n python3 tools/capture/buffers.py > src/engine/fixtures/kernel-buffers.json
"""
import socket
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from nl import *  # noqa: E402,F401

NEW = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL
state = {"next": 0, "seq": 100}


def next_route(ifindex, ack=False, gateway=True):
    i = state["next"]
    state["next"] += 1
    state["seq"] += 1
    return route_msg(RTM_NEWROUTE, NEW | (NLM_F_ACK if ack else 0), state["seq"],
                     dst="10.%d.%d.0" % (2 + i // 256, i % 256), dst_len=24,
                     gateway="192.168.1.1" if gateway else None, oif=ifindex)


def read_everything(s, bufsize=32768):
    """Reads until the queue is empty; socket errors are recorded where they happen."""
    events = []
    while True:
        d = try_recv(s, bufsize, timeout=0.2)
        if d is None:
            return events
        if "errno" in d:
            events.append({"error": d["errname"], "errno": d["errno"]})
            continue
        for m in split(d["data"]):
            events.append({"type": MSG_NAMES.get(mtype(m), mtype(m)), "seq": seq_of(m), "len": len(m)})


def rmem(s):
    return meminfo(s)["rmem_alloc"]


def truesizes(adder, ifindex):
    out = {}
    sub = nl_socket(groups=RTMGRP_IPV4_ROUTE)
    steps = [rmem(sub)]
    for gw in (True, True, True, False):
        adder.sendto(next_route(ifindex, gateway=gw), (0, 0))
        steps.append(rmem(sub))
    lens = [e["len"] for e in read_everything(sub)]
    out["route_notifications"] = {
        "note": "subscriber to 0x40, default SO_RCVBUF; rmem_alloc after each queued RTM_NEWROUTE (3 via gateway, 1 dev-only)",
        "rmemAlloc": steps, "messageLengths": lens,
        "truesizeEach": [b - a for a, b in zip(steps, steps[1:])], "afterReadingAll": rmem(sub)}
    sub.close()

    s = nl_socket()
    rows = []

    def measure(label, msg, opts=()):
        t = nl_socket()
        for o in opts:
            setopt(t, o)
        before = rmem(t)
        t.sendto(msg, (0, 0))
        after = rmem(t)
        reply = recv_dgram(t)
        rows.append({"what": label, "replyLength": reply["n"], "truesize": after - before,
                     "reply": reply["data"].hex()})
        t.close()

    measure("ACK (success, 36 bytes)", next_route(ifindex, ack=True))
    missing = route_msg(RTM_DELROUTE, NLM_F_REQUEST, 9, dst="10.250.0.0", dst_len=24)
    measure("error -ESRCH echoing a 36-byte request (56 bytes)", missing)
    measure("error -ESRCH with NETLINK_CAP_ACK (36 bytes)", missing, (NETLINK_CAP_ACK,))
    measure("error -ESRCH with NETLINK_EXT_ACK", missing, (NETLINK_EXT_ACK,))
    big = route_msg(RTM_DELROUTE, NLM_F_REQUEST, 10, dst="10.250.0.0", dst_len=24, extra=b"\0" * 2000)
    measure("error -ESRCH echoing a 2036-byte request", big)
    out["unicast_replies"] = {"note": "rmem_alloc of a fresh socket before and after the kernel queued its reply",
                              "rows": rows}

    # A dump: the first part is built before any recvmsg(); DONE is built during the read that
    # takes the last part, sized by the largest recvmsg() buffer seen so far.
    out["dump"] = {"note": "fresh socket, route dump of the namespace: first part, then DONE after reading it with bufsize",
                   "rows": []}
    for bufsize in (4096, 8192, 16384, 32768):
        t = nl_socket()
        t.sendto(nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 11, rtmsg()), (0, 0))
        first = rmem(t)
        d = recv_dgram(t, bufsize)
        done_queued = rmem(t)
        d2 = recv_dgram(t, bufsize)
        out["dump"]["rows"].append({"recvBufsize": bufsize, "firstPartLength": d["n"], "firstPartTruesize": first,
                                    "doneLength": d2["n"], "doneTruesize": done_queued, "afterAll": rmem(t)})
        t.close()
    # A multicast skb larger than the whole buffer still gets into an empty queue.
    # A long IFLA_IFALIAS pushes RTM_NEWLINK past a 2 KiB allocation, so its truesize exceeds 2304.
    sh("ip link set eth1 alias " + "a" * 250)
    big = nl_socket(groups=RTMGRP_LINK)
    small = nl_socket(groups=RTMGRP_LINK, rcvbuf=0)
    sh("ip link set eth1 mtu 1400")
    one = {"bigRmem": rmem(big), "smallRmem": rmem(small), "smallDrops": meminfo(small)["drops"]}
    sh("ip link set eth1 mtu 1300")
    two = {"bigRmem": rmem(big), "smallRmem": rmem(small), "smallDrops": meminfo(small)["drops"]}
    out["oversized_link_notification"] = {
        "note": "RTM_NEWLINK notifications (mtu change on eth1, 250-byte alias) to a default socket and to one with SO_RCVBUF 0 (2304)",
        "afterFirst": one, "afterSecond": two, "smallRcvbuf": rcvbuf(small),
        "bigReads": read_everything(big), "smallReads": read_everything(small)}
    return out


def burst(adder, ifindex, setval, n=20, no_enobufs=False, follow=0):
    sub = nl_socket(groups=RTMGRP_IPV4_ROUTE, rcvbuf=setval)
    if no_enobufs:
        setopt(sub, NETLINK_NO_ENOBUFS)
    seqs = []
    trace = []
    for _ in range(n):
        m = next_route(ifindex)
        seqs.append(seq_of(m))
        adder.sendto(m, (0, 0))
        mi = meminfo(sub)
        trace.append([mi["rmem_alloc"], mi["drops"]])
    mi = meminfo(sub)
    out = {"setRcvbuf": setval, "rcvbuf": mi["rcvbuf"], "noEnobufs": no_enobufs, "sent": n,
           "sentSeqs": seqs, "rmemAndDropsAfterEachAdd": trace, "rmemAlloc": mi["rmem_alloc"], "drops": mi["drops"]}
    if follow:
        # Take one message off, then add more while the queue is still not empty.
        first = [try_recv(sub, timeout=0.2) for _ in range(2)]
        out["firstReads"] = [({"errno": r["errno"], "error": r["errname"]} if "errno" in r else
                              {"seq": seq_of(r["data"]), "len": r["n"]}) for r in first if r]
        out["rmemAfterFirstReads"] = rmem(sub)
        extra = []
        for _ in range(follow):
            m = next_route(ifindex)
            extra.append(seq_of(m))
            adder.sendto(m, (0, 0))
        out["addedWhileNotEmpty"] = extra
        out["rmemAfterMore"] = rmem(sub)
    out["reads"] = read_everything(sub)
    out["survivors"] = sum(1 for e in out["reads"] if e.get("type") == "RTM_NEWROUTE")
    out["dropsAfterReading"] = meminfo(sub)["drops"]
    m = next_route(ifindex)
    adder.sendto(m, (0, 0))
    out["nextAfterEmpty"] = {"seq": seq_of(m), "reads": read_everything(sub)}
    sub.close()
    return out


def count_routes():
    chk = nl_socket()
    chk.sendto(nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 1, rtmsg()), (0, 0))
    n = sum(1 for g in read_until(chk, lambda m: mtype(m) == NLMSG_DONE) for m in g if mtype(m) == RTM_NEWROUTE)
    chk.close()
    return n


def unicast_burst(ifindex, setval, n=20):
    """A requester with a small buffer sends n requests with ACK and reads nothing."""
    before = count_routes()
    s = nl_socket(rcvbuf=setval)
    seqs = []
    for _ in range(n):
        m = next_route(ifindex, ack=True)
        seqs.append(seq_of(m))
        s.sendto(m, (0, 0))
    mi = meminfo(s)
    reads = read_everything(s)
    return {"setRcvbuf": setval, "rcvbuf": mi["rcvbuf"], "sentSeqs": seqs, "rmemAlloc": mi["rmem_alloc"],
            "drops": mi["drops"], "reads": reads,
            "acksReceived": sum(1 for e in reads if e.get("type") == "NLMSG_ERROR"),
            "routesAdded": count_routes() - before}


def main():
    ifindex = setup_veth()["eth0"]
    adder = nl_socket()
    cases = {"truesize": truesizes(adder, ifindex)}
    for setval in (0, 2304, 4096):
        for no_enobufs in (False, True):
            cases["burst_set%d%s" % (setval, "_no_enobufs" if no_enobufs else "")] = dict(
                note="20 RTM_NEWROUTE notifications into a subscriber whose SO_RCVBUF was set to %d%s" % (
                    setval, " with NETLINK_NO_ENOBUFS" if no_enobufs else ""),
                **burst(adder, ifindex, setval, no_enobufs=no_enobufs))
    for no_enobufs in (False, True):
        cases["congested%s" % ("_no_enobufs" if no_enobufs else "")] = dict(
            note="overflow, read once or twice, add 3 more while the queue is not empty" + (
                " (NETLINK_NO_ENOBUFS)" if no_enobufs else ""),
            **burst(adder, ifindex, 2304, n=10, no_enobufs=no_enobufs, follow=3))
    cases["unicast_ack_burst"] = dict(note="20 requests with NLM_F_ACK from a socket with SO_RCVBUF set to 0, read afterwards",
                                      **unicast_burst(ifindex, 0))
    emit({"kernel": kernel(), "ifindex": {"eth0": ifindex}, "cases": cases})


if __name__ == "__main__":
    main()
