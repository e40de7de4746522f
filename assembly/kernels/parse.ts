// The parse kernel on its own, for benchmarks and differential tests: link header, IPv6 header and
// the whole extension-header chain of every descriptor in [0, n), exactly as ethernet-input and
// ip6-input do it, without the graph around it. Returns how many packets parsed cleanly.
import { DESC_L3 } from "../engine/descriptor.layout";
import { ETHERTYPE_IPV6 } from "../wire/ethernet.layout";
import { ethernetTypeOffset, payloadOffsetAfterType } from "../wire/ethernet";
import { eq16 } from "../engine/bytes";
import { desc, enterPacket, markError, packetLength, packetStart } from "../engine/vector";
import { ERR_ETHERNET_NON_IP } from "../graph/graph.layout";
import { ethernetInputReason } from "../graph/ethernet-input";
import { ip6InputReason, parseIp6Packet } from "../graph/ip6-input";

export function parseVector(n: i32): i32 {
  let clean = 0;
  for (let i = 0; i < n; i++) {
    const d = desc(i);
    enterPacket(d);
    const pkt = packetStart(d);
    const length = <usize>packetLength(d);
    const typeAt = ethernetTypeOffset(pkt, length);
    if (typeAt < 0) {
      markError(d, ethernetInputReason(-typeAt));
      continue;
    }
    if (!eq16(pkt + <usize>typeAt, ETHERTYPE_IPV6)) {
      markError(d, ERR_ETHERNET_NON_IP);
      continue;
    }
    const l3 = <usize>payloadOffsetAfterType(typeAt);
    store<u16>(d, <u16>l3, DESC_L3);
    const err = parseIp6Packet(d, pkt, pkt + l3, length - l3);
    if (err) markError(d, ip6InputReason(err));
    else clean++;
  }
  return clean;
}
