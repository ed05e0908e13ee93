#!/usr/bin/env python3
"""Addresses and the routes the kernel makes for them: RTM_NEWADDR/RTM_DELADDR requests and the
notifications they cause, link state, the RTM_GETADDR dump, and address lifetimes expiring
(items 7 and 8 of the findings). Takes about 40 s because it waits for real timers.

    unshare -n python3 tools/capture/addresses.py > src/engine/fixtures/kernel-addresses.json
"""
import socket
import struct
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from nl import *  # noqa: E402,F401

IFA_F_DEPRECATED, IFA_F_PERMANENT = 0x20, 0x80


def collect(s, quiet=0.3):
    """Every datagram that arrives until the socket stays quiet for `quiet` seconds."""
    out = []
    while True:
        d = try_recv(s, timeout=quiet)
        if d is None:
            return out
        out.append(split(d["data"]))


def link_state(index):
    s = nl_socket()
    s.sendto(nlmsg(RTM_GETLINK, NLM_F_REQUEST, 1, struct.pack("<BxHiII", 0, 0, index, 0, 0)), (0, 0))
    (m,) = split(recv_dgram(s)["data"])
    s.close()
    flags = describe(m)["ifi_flags"]
    return {"ifindex": index, "ifi_flags": flags, "IFF_UP": bool(flags & 1), "IFF_RUNNING": bool(flags & 0x40),
            "IFF_LOWER_UP": bool(flags & 0x10000)}


def routes_on(index):
    """The routes (all tables) whose RTA_OIF is `index`, from a dump."""
    s = nl_socket()
    s.sendto(nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 1, rtmsg()), (0, 0))
    grams = read_until(s, lambda m: mtype(m) == NLMSG_DONE)
    s.close()
    out = []
    for g in grams:
        for m in g:
            if mtype(m) == RTM_NEWROUTE:
                d = describe(m)
                if d.get("oif") == index:
                    out.append("%s table %d type %d" % (d["route"], d["table"], d["rtype"]))
    return out


def request_case(note, req, mon, msg, quiet=0.3):
    req.sendto(msg, (0, 0))
    replies = collect(req)
    notes = collect(mon, quiet)
    return {"note": note, "request": msg.hex(), "requesterPort": req.getsockname()[0],
            "replies": hexes(replies), "notifications": hexes(notes),
            "sequence": [describe(m) for g in notes for m in g],
            "replySummary": [describe(m) for g in replies for m in g]}


def dump_addrs(seq):
    s = nl_socket()
    msg = nlmsg(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq, ifaddrmsg(0, 0))
    s.sendto(msg, (0, 0))
    grams = read_until(s, lambda m: mtype(m) in (NLMSG_DONE, NLMSG_ERROR))
    s.close()
    return {"note": "RTM_GETADDR dump, AF_INET", "request": msg.hex(), "datagrams": hexes(grams),
            "summary": [describe(m) for g in grams for m in g]}


def lifetime(req, mon, eth1, seq, prefered, valid, wait):
    msg = addr_msg(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq, eth1, "10.1.0.5", 24,
                   cacheinfo=(prefered, valid, 0, 0))
    req.sendto(msg, (0, 0))
    ack = split(recv_dgram(req)["data"])
    t0 = time.monotonic()
    wall0 = time.time()
    events = []
    deadline = t0 + wait
    while time.monotonic() < deadline:
        d = try_recv(mon, timeout=max(0.01, deadline - time.monotonic()))
        if d is None:
            break
        at = time.monotonic() - t0
        for m in split(d["data"]):
            events.append({"at": round(at, 3), "hex": m.hex(), "summary": describe(m)})
        if any(e["summary"]["type"] == "RTM_DELADDR" for e in events):
            # Give the route deletions that follow a moment to arrive, then stop.
            deadline = min(deadline, time.monotonic() + 0.5)
    delete = next((e["at"] for e in events if e["summary"]["type"] == "RTM_DELADDR"), None)
    deprecate = next((e["at"] for e in events if e["summary"]["type"] == "RTM_NEWADDR" and e["at"] > 0.2), None)
    return {"note": "10.1.0.5/24 on eth1 with IFA_CACHEINFO prefered %d s, valid %d s; times from the ACK" % (prefered, valid),
            "request": msg.hex(), "ack": [m.hex() for m in ack], "ackWallClock": round(wall0 % 60, 3),
            "prefered": prefered, "valid": valid, "events": events,
            "deprecatedAfter": deprecate, "deletedAfter": delete,
            "lateBy": None if delete is None else round(delete - valid, 3)}


def main():
    ifindex = setup_veth()
    eth1 = ifindex["eth1"]
    req = nl_socket()
    mon = nl_socket(groups=RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE)
    cases = {}
    NEW = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL
    cases["link_up"] = link_state(eth1)
    cases["link_up"]["routesOnEth1"] = routes_on(eth1)
    cases["newaddr"] = request_case(
        "RTM_NEWADDR 10.1.0.5/24 on eth1 (up) with IFA_LOCAL and IFA_ADDRESS only; monitor on 0x10|0x40",
        req, mon, addr_msg(RTM_NEWADDR, NEW, 1, eth1, "10.1.0.5", 24))
    cases["getaddr_dump"] = dump_addrs(2)
    cases["deladdr"] = request_case(
        "RTM_DELADDR 10.1.0.5/24 on eth1", req, mon,
        addr_msg(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, 3, eth1, "10.1.0.5", 24))
    brd = addr_msg(RTM_NEWADDR, NEW, 4, eth1, "10.1.0.5", 24)
    brd = brd[:0] + struct.pack("<I", len(brd) + 8) + brd[4:] + rta(IFA_BROADCAST, socket.inet_aton("10.1.0.255"))
    cases["newaddr_with_broadcast"] = request_case(
        "RTM_NEWADDR 10.1.0.5/24 with IFA_BROADCAST 10.1.0.255 (what `ip addr add ... brd +` sends)", req, mon, brd)
    cases["deladdr_with_broadcast"] = request_case(
        "RTM_DELADDR of that address", req, mon, addr_msg(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, 5, eth1, "10.1.0.5", 24))
    # A subscribed requester: does it see its own RTM_NEWADDR before its ACK?
    both = nl_socket(groups=RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE)
    cases["newaddr_subscribed_requester"] = request_case(
        "RTM_NEWADDR from a socket that is itself subscribed to 0x10|0x40", both, mon,
        addr_msg(RTM_NEWADDR, NEW, 6, eth1, "10.1.0.5", 24))
    cases["deladdr_echo"] = request_case(
        "RTM_DELADDR with NLM_F_ECHO from the subscribed socket", both, mon,
        addr_msg(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO, 7, eth1, "10.1.0.5", 24))
    both.close()

    # The interface down: which routes exist, and what bringing it up announces.
    sh("ip link set eth1 down")
    cases["link_down_notifications"] = {"note": "`ip link set eth1 down` with no address on eth1",
                                        "notifications": hexes(collect(mon))}
    cases["link_down"] = link_state(eth1)
    cases["link_down"]["routesOnEth1"] = routes_on(eth1)
    cases["newaddr_link_down"] = request_case(
        "RTM_NEWADDR 10.1.0.5/24 while eth1 is down", req, mon, addr_msg(RTM_NEWADDR, NEW, 8, eth1, "10.1.0.5", 24))
    cases["newaddr_link_down"]["routesOnEth1"] = routes_on(eth1)
    sh("ip link set eth1 up")
    notes = collect(mon)
    cases["link_up_with_address"] = {"note": "`ip link set eth1 up` with 10.1.0.5/24 already on it",
                                     "notifications": hexes(notes), "sequence": [describe(m) for g in notes for m in g],
                                     "link": link_state(eth1), "routesOnEth1": routes_on(eth1)}
    sh("ip link set eth1 down")
    notes = collect(mon)
    cases["link_down_with_address"] = {"note": "`ip link set eth1 down` with 10.1.0.5/24 on it",
                                       "notifications": hexes(notes), "sequence": [describe(m) for g in notes for m in g],
                                       "link": link_state(eth1), "routesOnEth1": routes_on(eth1)}
    sh("ip link set eth1 up")
    collect(mon)
    cases["deladdr_after_relink"] = request_case(
        "RTM_DELADDR 10.1.0.5/24 after the down/up cycle", req, mon,
        addr_msg(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, 9, eth1, "10.1.0.5", 24))

    timers = []
    for i, (pref, valid, wait) in enumerate(((3, 3, 12), (3, 3, 12), (3, 3, 12), (2, 5, 14), (1, 1, 10))):
        timers.append(lifetime(req, mon, eth1, 20 + i, pref, valid, wait))
        collect(mon, 0.5)
    cases["lifetimes"] = timers
    emit({"kernel": kernel(), "ifindex": ifindex, "monitorPort": mon.getsockname()[0],
          "requesterPort": req.getsockname()[0], "cases": cases})


if __name__ == "__main__":
    main()
