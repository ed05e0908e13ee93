/** A large nlmon-style capture for the import benchmark: request, two multicast copies, ACK, repeated. */
import { encode, NLMSG_ERROR, NLM_F_ACK, NLM_F_CAPPED, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, RTM_NEWROUTE, type NlMessage } from '../src/engine';
import { writePcapng, type CapturePacket } from '../src/capture';
import { COOKED_HEADER_LEN, PACKET_KERNEL, PACKET_USER, writeCookedHeader } from '../src/capture/nlmon';

function packet(timeUs: number, pktType: number, bytes: Uint8Array): CapturePacket {
  const data = new Uint8Array(COOKED_HEADER_LEN + bytes.length);
  writeCookedHeader(data, 0, pktType, 0);
  data.set(bytes, COOKED_HEADER_LEN);
  return { timeUs, data };
}

export function largeCapture(messages: number): Uint8Array {
  const packets: CapturePacket[] = [];
  let t = 1_700_000_000_000_000;
  const port = 4321;
  for (let seq = 1; packets.length < messages; seq++) {
    const route = (flags: number, pid: number): NlMessage => ({
      header: { len: 0, type: RTM_NEWROUTE, flags, seq, pid },
      payload: {
        kind: 'route',
        rtmsg: { family: 2, dstLen: 24, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0 },
        attrs: [
          { type: 15, kind: 'u32', value: 254 },
          { type: 1, kind: 'ipv4', value: `10.${(seq >> 8) & 255}.${seq & 255}.0` },
          { type: 5, kind: 'ipv4', value: '192.168.1.1' },
          { type: 4, kind: 'u32', value: 2 },
        ],
      },
    });
    const req = encode(route(NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, 0));
    const note = encode(route(NLM_F_EXCL | NLM_F_CREATE, port));
    const ack = encode({ header: { len: 0, type: NLMSG_ERROR, flags: NLM_F_CAPPED, seq, pid: port }, payload: { kind: 'error', error: 0, request: { header: { len: req.length, type: RTM_NEWROUTE, flags: NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, seq, pid: 0 }, payload: { kind: 'raw', bytes: [] } } } });
    packets.push(packet((t += 100), PACKET_KERNEL, req), packet((t += 5), PACKET_USER, note), packet(t, PACKET_USER, note), packet((t += 5), PACKET_USER, ack));
  }
  return writePcapng(packets.slice(0, messages));
}
