#!/usr/bin/env python3
"""Dump datagrams, MSG_TRUNC, dump pacing and the SO_RCVBUF mapping (items 1-3 of the findings).

    unshare -n python3 tools/capture/datagrams.py > src/engine/fixtures/kernel-datagrams.json
"""
import socket
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from nl import *  # noqa: E402,F401


def add_routes(req, seq0, first, count, ifindex):
    """Routes 10.2.x.0/24 (x = first..) via 192.168.1.1, one request with ACK each."""
    for i in range(first, first + count):
        dst = "10.%d.%d.0" % (2 + i // 256, i % 256)
        msg = route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq0 + i,
                        dst=dst, dst_len=24, gateway="192.168.1.1", oif=ifindex)
        req.sendto(msg, (0, 0))
        (ack,) = split(recv_dgram(req)["data"])
        assert struct.unpack_from("<i", ack, 16)[0] == 0, ack.hex()


def dump(request, bufsize=32768, warm=False, rcv=None, keep_hex=True, meminfo_between=False):
    """Send a dump request on a fresh socket and read it one recvmsg() at a time."""
    s = nl_socket(rcvbuf=rcv)
    if warm:
        # A recvmsg() of `bufsize` before the dump raises the socket's max_recvmsg_len.
        s.sendto(nlmsg(RTM_GETLINK, NLM_F_REQUEST, 999, struct.pack("<BxHiII", 0, 0, 1, 0, 0)), (0, 0))
        recv_dgram(s, bufsize)
    queued_before_first_read = meminfo(s)["rmem_alloc"] if meminfo_between else None
    s.sendto(request, (0, 0))
    grams, rmem = [], []
    while True:
        if meminfo_between:
            rmem.append(meminfo(s)["rmem_alloc"])
        d = recv_dgram(s, bufsize)
        msgs = split(d["data"])
        grams.append((d, msgs))
        if any(mtype(m) in (NLMSG_DONE, NLMSG_ERROR) for m in msgs):
            break
    if meminfo_between:
        rmem.append(meminfo(s)["rmem_alloc"])
    last = grams[-1][1]
    out = {
        "recvBufsize": bufsize,
        "warmSocket": warm,
        "rcvbuf": rcvbuf(s),
        "datagramCount": len(grams),
        "datagramSizes": [d["n"] for d, _ in grams],
        "messagesPerDatagram": [len(m) for _, m in grams],
        "entryCount": sum(1 for _, ms in grams for m in ms if mtype(m) not in (NLMSG_DONE, NLMSG_ERROR)),
        "doneAlone": len(last) == 1 and mtype(last[0]) == NLMSG_DONE,
        "msgFlags": sorted({d["msg_flags"] for d, _ in grams}),
        "senders": sorted({tuple(d["addr"]) for d, _ in grams}),
        "port": s.getsockname()[0],
    }
    if meminfo_between:
        out["rmemAllocBeforeEachRead"] = rmem
        out["rmemAllocBeforeSend"] = queued_before_first_read
    if keep_hex:
        out["datagrams"] = [[m.hex() for m in ms] for _, ms in grams]
    else:
        out["firstAndLastMessage"] = [[ms[0].hex(), ms[-1].hex()] for _, ms in grams]
    s.close()
    return out


def route_dump_request(seq, table=0, extra=b""):
    return nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, seq, rtmsg(table=table) + extra)


def trunc_cases(ifindex):
    out = {}
    s = nl_socket()
    s.sendto(route_dump_request(1), (0, 0))
    # MSG_PEEK|MSG_TRUNC with a zero-length buffer reports the datagram's real length.
    peek = recv_dgram(s, 0, flags=socket.MSG_PEEK | socket.MSG_TRUNC)
    small = recv_dgram(s, 100)
    nxt = recv_dgram(s, 32768)
    out["dump_truncated"] = {
        "note": "dump of 3 extra + own routes; first recvmsg with a 100-byte buffer; then a 32 KiB read",
        "request": route_dump_request(1).hex(),
        "peekTruncLength": peek["n"],
        "smallRead": {"bufsize": 100, "returned": small["n"], "msg_flags": small["msg_flags"],
                      "msgTruncSet": bool(small["msg_flags"] & socket.MSG_TRUNC), "bytes": small["data"].hex()},
        "nextRead": {"returned": nxt["n"], "msg_flags": nxt["msg_flags"], "messages": [m.hex() for m in split(nxt["data"])]},
        "afterNext": None,
    }
    more = try_recv(s, 32768, timeout=0.3)
    out["dump_truncated"]["afterNext"] = None if more is None else {"returned": more.get("n"), "messages": [m.hex() for m in split(more.get("data", b""))]}
    s.close()

    # MSG_TRUNC passed in: recvmsg() returns the full length although it copied only bufsize bytes.
    s = nl_socket()
    ack_req = route_msg(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, 2, dst="10.9.9.0", dst_len=24)
    s.sendto(ack_req, (0, 0))
    r = recv_dgram(s, 20, flags=socket.MSG_TRUNC)
    after = try_recv(s, 32768, timeout=0.3)
    out["error_truncated_flag_in"] = {
        "note": "-ESRCH reply (full request echoed) read with a 20-byte buffer and flags=MSG_TRUNC",
        "request": ack_req.hex(), "bufsize": 20, "returned": r["n"], "msg_flags": r["msg_flags"],
        "bytes": r["data"].hex(), "nextReadTimedOut": after is None,
    }
    s.close()
    return out


def rcvbuf_table():
    rows = []
    for v in (None, 0, 1, 150, 1000, 2303, 2304, 2305, 4096, 100000, 2097152, 2097153, 10 ** 8):
        s = nl_socket(bind=False)
        if v is not None:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, v)
        rows.append({"set": v, "get": rcvbuf(s)})
        s.close()
    force = []
    for v in (0, 150, 10 ** 7):
        s = nl_socket(bind=False)
        s.setsockopt(socket.SOL_SOCKET, 33, v)  # SO_RCVBUFFORCE ignores rmem_max
        force.append({"set": v, "get": rcvbuf(s)})
        s.close()
    return {"rmem_default": int(open("/proc/sys/net/core/rmem_default").read()),
            "rmem_max": int(open("/proc/sys/net/core/rmem_max").read()),
            "soRcvbuf": rows, "soRcvbufForce": force}


def main():
    ifindex = setup_veth()
    req = nl_socket()
    cases = {}
    cases["truncation"] = None
    added = 0
    for n in (3, 7, 50):
        add_routes(req, 1000, added, n - added, ifindex["eth0"])
        added = n
        cases["dump_%d" % n] = dict(note="plain AF_INET route dump, %d extra main routes + 1 main + 5 local" % n,
                                    request=route_dump_request(10 + n).hex(),
                                    **dump(route_dump_request(10 + n)))
        if n == 3:
            cases["truncation"] = trunc_cases(ifindex)
            strict = nl_socket()
            setopt(strict, NETLINK_GET_STRICT_CHK)
            for name, sock, r in (
                ("dump_3_table_main_nonstrict", None, route_dump_request(20, table=254)),
                ("dump_3_table_main_strict", "strict", route_dump_request(21, table=254)),
                ("dump_3_rta_table_main_strict", "strict", route_dump_request(22, extra=rta(RTA_TABLE, struct.pack("<I", 254)))),
                ("dump_3_table_local_strict", "strict", route_dump_request(23, table=255)),
                ("dump_3_table_100_strict", "strict", route_dump_request(24, table=100)),
            ):
                s = nl_socket()
                if sock:
                    setopt(s, NETLINK_GET_STRICT_CHK)
                s.sendto(r, (0, 0))
                grams = read_until(s, lambda m: mtype(m) in (NLMSG_DONE, NLMSG_ERROR))
                cases[name] = {"note": "rtm_table/RTA_TABLE in the dump request" + (" with NETLINK_GET_STRICT_CHK" if sock else " without strict checking"),
                               "request": r.hex(), "datagrams": hexes(grams),
                               "messagesPerDatagram": [len(g) for g in grams]}
                s.close()
            strict.close()
    # Variants of the 50-route dump: what sets the datagram size.
    for bufsize, warm in ((32768, True), (8192, False), (8192, True), (65536, True), (4096, True)):
        cases["dump_50_buf%d_%s" % (bufsize, "warm" if warm else "fresh")] = dict(
            note="50-route dump read with %d-byte buffers, socket %s" % (bufsize, "already read with that size" if warm else "fresh"),
            **dump(route_dump_request(60), bufsize=bufsize, warm=warm, keep_hex=False))
    add_routes(req, 1000, added, 1000 - added, ifindex["eth0"])
    for bufsize, warm in ((32768, False), (32768, True), (8192, False), (65536, True)):
        cases["dump_1000_buf%d_%s" % (bufsize, "warm" if warm else "fresh")] = dict(
            note="1000-route dump read with %d-byte buffers, socket %s" % (bufsize, "warm" if warm else "fresh"),
            **dump(route_dump_request(70), bufsize=bufsize, warm=warm, keep_hex=False))
    # Pacing: the smallest receive buffer, one datagram per read, rmem_alloc before each read.
    for bufsize in (32768, 8192):
        cases["pacing_1000_minrcvbuf_buf%d" % bufsize] = dict(
            note="1000-route dump, SO_RCVBUF set to 0 (minimum), one recvmsg() per datagram",
            **dump(route_dump_request(80), bufsize=bufsize, warm=True, rcv=0, keep_hex=False, meminfo_between=True))
    emit({"kernel": kernel(), "ifindex": ifindex, "requesterPort": req.getsockname()[0],
          "rcvbuf": rcvbuf_table(), "cases": cases})


if __name__ == "__main__":
    main()
