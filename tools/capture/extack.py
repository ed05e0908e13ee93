#!/usr/bin/env python3
"""Error replies under NETLINK_CAP_ACK / NETLINK_EXT_ACK / NETLINK_GET_STRICT_CHK, with the
extended-ACK TLVs decoded (item 6 of the findings).

    unshare -n python3 tools/capture/extack.py > src/engine/fixtures/kernel-extack.json
"""
import socket
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from nl import *  # noqa: E402,F401

NEW_ACK = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL
MODES = {"plain": (), "cap": (NETLINK_CAP_ACK,), "ext": (NETLINK_EXT_ACK,),
         "cap_ext": (NETLINK_CAP_ACK, NETLINK_EXT_ACK)}
RTM_NEWMDB = 84


def exchange(msg, opts=(), late_opts=()):
    s = nl_socket()
    for o in opts:
        setopt(s, o)
    if late_opts:
        # The options are set only after this socket has already sent and received once.
        s.sendto(nlmsg(NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, 0, b""), (0, 0))
        recv_dgram(s)
        for o in late_opts:
            setopt(s, o)
    s.sendto(msg, (0, 0))
    grams = read_until(s, lambda m: mtype(m) in (NLMSG_ERROR, NLMSG_DONE))
    out = {"port": s.getsockname()[0], "datagrams": hexes(grams)}
    last = grams[-1][-1]
    if mtype(last) == NLMSG_ERROR:
        out["decoded"] = decode_error(last)
    else:
        h = header(last)
        (err,) = struct.unpack_from("<i", last, 16)
        tlvs = []
        if h["flags"] & NLM_F_ACK_TLVS:
            for ty, val in parse_attrs(last[:h["len"]], 20):
                item = {"type": ty, "name": NLMSGERR_ATTR.get(ty, str(ty)), "hex": val.hex()}
                if ty == 1:
                    item["text"] = val.rstrip(b"\0").decode()
                elif ty in (2, 5) and len(val) == 4:
                    item["value"] = struct.unpack("<I", val)[0]
                tlvs.append(item)
        out["decodedDone"] = {"len": h["len"], "flags": h["flags"], "error": err, "tlvs": tlvs}
    s.close()
    return out


def case(note, msg, modes=MODES, late=True):
    c = {"note": note, "request": msg.hex(), "requestLength": len(msg), "modes": {}}
    for name, opts in modes.items():
        c["modes"][name] = exchange(msg, opts)
    if late:
        c["modes"]["ext_set_after_use"] = exchange(msg, (), (NETLINK_EXT_ACK,))
    return c


def main():
    ifindex = setup_veth()
    eth0 = ifindex["eth0"]
    cases = {}
    cases["newroute_dst_len_33"] = case(
        "RTM_NEWROUTE 10.0.1.0 with rtm_dst_len 33, NLM_F_ACK",
        route_msg(RTM_NEWROUTE, NEW_ACK, 1, dst="10.0.1.0", dst_len=33, gateway="192.168.1.1", oif=eth0))
    cases["newroute_gateway_unreachable"] = case(
        "RTM_NEWROUTE 10.0.2.0/24 via 10.99.0.1 (no connected route reaches it), no RTA_OIF",
        route_msg(RTM_NEWROUTE, NEW_ACK, 2, dst="10.0.2.0", dst_len=24, gateway="10.99.0.1"))
    cases["newroute_gateway_unreachable_oif"] = case(
        "RTM_NEWROUTE 10.0.2.0/24 via 10.99.0.1 dev eth0",
        route_msg(RTM_NEWROUTE, NEW_ACK, 3, dst="10.0.2.0", dst_len=24, gateway="10.99.0.1", oif=eth0))
    cases["delroute_missing"] = case(
        "RTM_DELROUTE 10.0.9.0/24 that does not exist, NLM_F_ACK",
        route_msg(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, 4, dst="10.0.9.0", dst_len=24))
    cases["newroute_oif_too_short"] = case(
        "RTM_NEWROUTE with a 2-byte RTA_OIF (policy wants u32)",
        nlmsg(RTM_NEWROUTE, NEW_ACK, 5, rtmsg(dst_len=24, table=254, protocol=3, rtype=1)
              + rta(RTA_DST, socket.inet_aton("10.0.5.0")) + rta(RTA_OIF, b"\x02\x00")))
    cases["newroute_success"] = case(
        "RTM_NEWROUTE 10.0.60.0/24, 10.0.61.0/24 ... via 192.168.1.1 succeeds (a new route per mode)", b"", modes={}, late=False)
    succ = {}
    for i, (name, opts) in enumerate(list(MODES.items()) + [("ext_set_after_use", None)]):
        msg = route_msg(RTM_NEWROUTE, NEW_ACK, 6, dst="10.0.%d.0" % (60 + i), dst_len=24, gateway="192.168.1.1", oif=eth0)
        succ[name] = dict(request=msg.hex(), **(exchange(msg, opts) if opts is not None else exchange(msg, (), (NETLINK_EXT_ACK,))))
    cases["newroute_success"]["modes"] = succ
    del cases["newroute_success"]["request"], cases["newroute_success"]["requestLength"]

    strict = {"strict": (NETLINK_GET_STRICT_CHK,), "strict_ext": (NETLINK_GET_STRICT_CHK, NETLINK_EXT_ACK),
              "strict_cap_ext": (NETLINK_GET_STRICT_CHK, NETLINK_CAP_ACK, NETLINK_EXT_ACK), "ext": (NETLINK_EXT_ACK,)}
    cases["dump_unknown_attr"] = case(
        "RTM_GETROUTE dump carrying attribute type 99 (above RTA_MAX)",
        nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 7, rtmsg() + rta(99, struct.pack("<I", 1))), strict, late=False)
    cases["dump_unsupported_attr"] = case(
        "RTM_GETROUTE dump carrying RTA_GATEWAY (known, but not a dump filter)",
        nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 8, rtmsg() + rta(RTA_GATEWAY, socket.inet_aton("1.2.3.4"))), strict, late=False)
    cases["dump_header_values"] = case(
        "RTM_GETROUTE dump with rtm_dst_len 24 in the header",
        nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 9, rtmsg(dst_len=24)), strict, late=False)
    cases["dump_table_missing"] = case(
        "RTM_GETROUTE dump filtered to table 100, which does not exist",
        nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, 10, rtmsg(table=100)), strict, late=False)
    cases["getroute_unreachable"] = case(
        "RTM_GETROUTE (not a dump) for 10.99.0.1, NLM_F_ACK",
        nlmsg(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_ACK, 11, rtmsg(dst_len=32) + rta(RTA_DST, socket.inet_aton("10.99.0.1"))),
        strict, late=False)
    cases["newmdb_missing_attr"] = case(
        "RTM_NEWMDB on eth0 without MDBA_SET_ENTRY: a required attribute is missing",
        nlmsg(RTM_NEWMDB, NEW_ACK, 12, struct.pack("<BxxxI", socket.AF_BRIDGE, eth0)),
        {"plain": (), "ext": (NETLINK_EXT_ACK,), "cap_ext": (NETLINK_CAP_ACK, NETLINK_EXT_ACK)}, late=False)
    emit({"kernel": kernel(), "ifindex": ifindex, "cases": cases})


if __name__ == "__main__":
    main()
