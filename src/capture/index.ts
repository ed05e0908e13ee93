/**
 * Captures in and out: a timeline as the pcap/pcapng an nlmon device would give
 * (LINKTYPE_NETLINK), and a real nlmon capture as a timeline. Pure: no DOM, no file system.
 */
export { datagramsOf, type Datagram } from './datagrams';
export { exportCapture, writePcap, writePcapng, packetOf, type CaptureFormat, type CapturePacket } from './write';
export { readCapture, sniffCapture, DEFAULT_MAX_MESSAGES, type CaptureFile, type RawPacket, type ReadOptions } from './read';
export { importCapture, type ImportedCapture, type ImportOptions } from './reconstruct';
export { CaptureError } from './errors';
export { LINKTYPE_NETLINK, ARPHRD_NETLINK, PACKET_USER, PACKET_KERNEL, COOKED_HEADER_LEN } from './nlmon';
