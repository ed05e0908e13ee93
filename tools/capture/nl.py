"""Shared pieces for the kernel capture scripts in tools/capture/.

Everything here is Python 3.11 stdlib. The scripts must run as root inside a private network
namespace (`unshare -n`), because they create interfaces, addresses and routes.
"""
import errno as _errno
import json
import os
import socket
import struct
import subprocess
import sys
import time

NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_ECHO = 0x1, 0x2, 0x4, 0x8
NLM_F_DUMP_INTR, NLM_F_DUMP_FILTERED = 0x10, 0x20
NLM_F_REPLACE, NLM_F_EXCL, NLM_F_CREATE, NLM_F_DUMP = 0x100, 0x200, 0x400, 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN = 1, 2, 3, 4
RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK = 16, 17, 18
RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR = 20, 21, 22
RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE = 24, 25, 26
RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV4_ROUTE = 0x1, 0x10, 0x40
RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV4_ROUTE = 5, 7

SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP, NETLINK_DROP_MEMBERSHIP, NETLINK_PKTINFO = 1, 2, 3
NETLINK_BROADCAST_ERROR, NETLINK_NO_ENOBUFS = 4, 5
NETLINK_CAP_ACK, NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK = 10, 11, 12
SO_MEMINFO = 55
SK_MEMINFO = ("rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued",
              "optmem", "backlog", "drops")

NLMSGERR_ATTR = {1: "MSG", 2: "OFFS", 3: "COOKIE", 4: "POLICY", 5: "MISS_TYPE", 6: "MISS_NEST"}

RT_TABLE_MAIN, RT_TABLE_LOCAL = 254, 255
RTA_DST, RTA_OIF, RTA_GATEWAY, RTA_PRIORITY, RTA_PREFSRC, RTA_TABLE = 1, 4, 5, 6, 7, 15
IFA_ADDRESS, IFA_LOCAL, IFA_LABEL, IFA_BROADCAST, IFA_CACHEINFO, IFA_FLAGS = 1, 2, 3, 4, 6, 8

MSG_NAMES = {1: "NLMSG_NOOP", 2: "NLMSG_ERROR", 3: "NLMSG_DONE", 4: "NLMSG_OVERRUN",
             16: "RTM_NEWLINK", 17: "RTM_DELLINK", 20: "RTM_NEWADDR", 21: "RTM_DELADDR",
             24: "RTM_NEWROUTE", 25: "RTM_DELROUTE"}


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def require_private_netns():
    # A fresh namespace has only a DOWN loopback; anything else means we are on the host.
    names = [n for _, n in socket.if_nameindex()]
    if names != ["lo"] or os.geteuid() != 0:
        sys.exit("run as root in a fresh network namespace: unshare -n python3 " + sys.argv[0])


def setup_veth():
    """Same layout as tools/capture-kernel.py: eth0 = ifindex 2 with 192.168.1.2/24, eth1 = 3."""
    require_private_netns()
    sh("ip link add eth1 type veth peer name eth0")
    sh("ip link set lo up && ip link set eth0 up && ip link set eth1 up")
    sh("ip addr add 192.168.1.2/24 dev eth0")
    return {n: socket.if_nametoindex(n) for n in ("eth0", "eth1")}


def nl_socket(groups=0, rcvbuf=None, bind=True, port=0):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    if rcvbuf is not None:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    if bind:
        s.bind((port, groups))
    return s


def setopt(s, opt, val=1):
    s.setsockopt(SOL_NETLINK, opt, val)


def meminfo(s):
    raw = s.getsockopt(socket.SOL_SOCKET, SO_MEMINFO, 4 * 16)
    vals = struct.unpack("<%dI" % (len(raw) // 4), raw)
    return dict(zip(SK_MEMINFO, vals))


def rcvbuf(s):
    return s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)


def rta(kind, payload):
    length = 4 + len(payload)
    return struct.pack("<HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def nlmsg(mtype, flags, seq, body, pid=0):
    return struct.pack("<IHHII", 16 + len(body), mtype, flags, seq, pid) + body


def rtmsg(family=socket.AF_INET, dst_len=0, table=0, protocol=0, scope=0, rtype=0, flags=0, tos=0, src_len=0):
    return struct.pack("<BBBBBBBBI", family, dst_len, src_len, tos, table, protocol, scope, rtype, flags)


def route_msg(mtype, flags, seq, dst, dst_len, gateway=None, oif=None, priority=None, table=254,
              protocol=3, scope=0, rtype=1, extra=b""):
    body = rtmsg(dst_len=dst_len, table=table, protocol=protocol, scope=scope, rtype=rtype)
    body += rta(RTA_DST, socket.inet_aton(dst))
    if gateway:
        body += rta(RTA_GATEWAY, socket.inet_aton(gateway))
    if oif:
        body += rta(RTA_OIF, struct.pack("<I", oif))
    if priority is not None:
        body += rta(RTA_PRIORITY, struct.pack("<I", priority))
    return nlmsg(mtype, flags, seq, body + extra)


def dump_req(mtype, seq, body, flags=NLM_F_REQUEST | NLM_F_DUMP):
    return nlmsg(mtype, flags, seq, body)


def ifaddrmsg(index, prefixlen, family=socket.AF_INET, flags=0, scope=0):
    return struct.pack("<BBBBI", family, prefixlen, flags, scope, index)


def addr_msg(mtype, flags, seq, index, addr, prefixlen, cacheinfo=None):
    body = ifaddrmsg(index, prefixlen)
    body += rta(IFA_LOCAL, socket.inet_aton(addr))
    body += rta(IFA_ADDRESS, socket.inet_aton(addr))
    if cacheinfo:
        body += rta(IFA_CACHEINFO, struct.pack("<IIII", *cacheinfo))
    return nlmsg(mtype, flags, seq, body)


def split(datagram):
    out, off = [], 0
    while off + 16 <= len(datagram):
        (length,) = struct.unpack_from("<I", datagram, off)
        if length < 16:
            break
        out.append(datagram[off:off + length])
        off += (length + 3) & ~3
    return out


def header(m):
    length, mtype, flags, seq, pid = struct.unpack_from("<IHHII", m, 0)
    return {"len": length, "type": mtype, "flags": flags, "seq": seq, "pid": pid}


def mtype(m):
    return struct.unpack_from("<H", m, 4)[0]


def seq_of(m):
    return struct.unpack_from("<I", m, 8)[0]


def recv_dgram(s, bufsize=32768, timeout=5.0, flags=0, ancbufsize=0):
    """One recvmsg(): returns dict with the datagram, msg_flags, sender and ancillary data."""
    s.settimeout(timeout)
    buf = bytearray(bufsize)
    n, anc, mflags, addr = s.recvmsg_into([buf], ancbufsize, flags)
    return {"n": n, "data": bytes(buf[:min(n, bufsize)]), "msg_flags": mflags, "addr": addr, "anc": anc}


def try_recv(s, bufsize=32768, timeout=0.3, **kw):
    """Like recv_dgram, but returns None on timeout and {'errno': ...} on a socket error."""
    try:
        return recv_dgram(s, bufsize, timeout, **kw)
    except socket.timeout:
        return None
    except OSError as e:
        return {"errno": e.errno, "errname": _errno.errorcode.get(e.errno, str(e.errno))}


def read_until(s, pred, bufsize=32768, timeout=5.0):
    """Datagrams (lists of messages) until pred(msg) holds for a message."""
    out = []
    while True:
        d = recv_dgram(s, bufsize, timeout)
        msgs = split(d["data"])
        out.append(msgs)
        if any(pred(m) for m in msgs):
            return out


def drain(s, bufsize=65536):
    got = []
    while True:
        d = try_recv(s, bufsize, timeout=0.05)
        if d is None:
            return got
        got.append(d)


def hexes(datagrams):
    return [[m.hex() for m in msgs] for msgs in datagrams]


def parse_attrs(buf, off=0):
    out = []
    while off + 4 <= len(buf):
        ln, ty = struct.unpack_from("<HH", buf, off)
        if ln < 4:
            break
        out.append((ty, buf[off + 4:off + ln]))
        off += (ln + 3) & ~3
    return out


def decode_error(m):
    """An NLMSG_ERROR message, decoded down to its extended-ACK TLVs."""
    h = header(m)
    (err,) = struct.unpack_from("<i", m, 16)
    inner = header(m[20:36])
    capped = bool(h["flags"] & NLM_F_CAPPED)
    # Without CAPPED the kernel copies the whole request; TLVs start after its aligned length.
    tlv_off = 36 if capped else 20 + ((inner["len"] + 3) & ~3)
    out = {"error": err, "errname": _errno.errorcode.get(-err, "0") if err else "0", "len": h["len"],
           "flags": h["flags"], "capped": capped, "ackTlvs": bool(h["flags"] & NLM_F_ACK_TLVS),
           "echoedRequestBytes": 16 if capped else inner["len"], "tlvOffset": tlv_off, "tlvs": []}
    if h["flags"] & NLM_F_ACK_TLVS:
        for ty, val in parse_attrs(m[:h["len"]], tlv_off):
            name = NLMSGERR_ATTR.get(ty & 0x3fff, str(ty))
            item = {"type": ty, "name": name, "hex": val.hex()}
            if name == "MSG":
                item["text"] = val.rstrip(b"\0").decode()
            elif name in ("OFFS", "MISS_TYPE") and len(val) == 4:
                item["value"] = struct.unpack("<I", val)[0]
            elif name == "POLICY":
                item["policy"] = [{"type": t, "hex": v.hex()} for t, v in parse_attrs(val)]
            out["tlvs"].append(item)
    return out


def emit(obj):
    json.dump(obj, sys.stdout, indent=1)
    sys.stdout.write("\n")


def kernel():
    return os.uname().release


def now():
    return time.monotonic()


def describe(m):
    """A short, human-readable summary of one rtnetlink message (the hex stays authoritative)."""
    h = header(m)
    d = {"type": MSG_NAMES.get(h["type"], h["type"]), "len": h["len"], "flags": h["flags"],
         "seq": h["seq"], "pid": h["pid"]}
    if h["type"] in (RTM_NEWROUTE, RTM_DELROUTE):
        fam, dst_len, _, _, table, proto, scope, rtype, _ = struct.unpack_from("<BBBBBBBBI", m, 16)
        attrs = dict(parse_attrs(m[:h["len"]], 28))
        if RTA_TABLE in attrs:
            table = struct.unpack("<I", attrs[RTA_TABLE])[0]
        dst = socket.inet_ntoa(attrs[RTA_DST]) if RTA_DST in attrs else "0.0.0.0"
        d.update(route="%s/%d" % (dst, dst_len), table=table, protocol=proto, scope=scope, rtype=rtype)
        if RTA_OIF in attrs:
            d["oif"] = struct.unpack("<I", attrs[RTA_OIF])[0]
    elif h["type"] in (RTM_NEWADDR, RTM_DELADDR):
        fam, plen, flags, scope, index = struct.unpack_from("<BBBBI", m, 16)
        attrs = dict(parse_attrs(m[:h["len"]], 24))
        d.update(ifindex=index, prefixlen=plen, ifa_flags=flags, scope=scope)
        if IFA_LOCAL in attrs:
            d["local"] = socket.inet_ntoa(attrs[IFA_LOCAL])
        if IFA_FLAGS in attrs:
            d["IFA_FLAGS"] = struct.unpack("<I", attrs[IFA_FLAGS])[0]
        if IFA_CACHEINFO in attrs:
            d["cacheinfo"] = dict(zip(("prefered", "valid", "cstamp", "tstamp"), struct.unpack("<IIII", attrs[IFA_CACHEINFO])))
    elif h["type"] == NLMSG_ERROR:
        d["error"] = struct.unpack_from("<i", m, 16)[0]
    elif h["type"] == RTM_NEWLINK:
        _, _, itype, index, flags, _ = struct.unpack_from("<BBHiII", m, 16)
        d.update(ifindex=index, ifi_flags=flags)
    return d
