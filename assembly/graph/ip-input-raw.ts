// ip-input-raw (captures without a link layer): hands the packet to ip6-input or ip4-input by its
// IP version.
import { DESC_L3 } from "../engine/descriptor.layout";
import { IPV4_VERSION } from "../wire/ipv4.layout";
import { IPV6_VERSION } from "../wire/ipv6.layout";
import { ld8 } from "../engine/bytes";
import { dropPacket, enterDescriptor, frameSlot, packetLength, packetStart, sendTo } from "../engine/vector";
import { ERR_RAW_UNKNOWN_VERSION, NODE_IP4_INPUT, NODE_IP6_INPUT } from "./graph.layout";

export function ipInputRaw(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    // (device-input dropped what arrived on a port that is down; raw links have no sub-interfaces.)
    // The host wrote the length of any pseudo link header (Linux cooked, BSD loopback) as L3.
    const l3 = <i32>load<u16>(d, DESC_L3);
    const version = packetLength(d) > l3 ? ld8(packetStart(d) + <usize>l3) >> 4 : 0;
    if (version == IPV6_VERSION) sendTo(i, d, NODE_IP6_INPUT);
    else if (version == IPV4_VERSION) sendTo(i, d, NODE_IP4_INPUT);
    else {
      dropPacket(i, d, ERR_RAW_UNKNOWN_VERSION);
    }
  }
}
