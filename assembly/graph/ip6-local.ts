// ip6-local: packets addressed to this node (a DPO_LOCAL route: an interface address, or multicast
// on an interface with an address). The engine has no host stack: neighbour solicitations and
// advertisements go to neighbour discovery, an ICMPv6 Echo Request is answered (ping works),
// everything else is counted and dropped.
import { DESC_L4, DESC_L4_PROTO } from "../engine/descriptor.layout";
import { ICMPV6_NEIGHBOR_ADVERTISEMENT, ICMPV6_NEIGHBOR_SOLICITATION, ICMPV6_TYPE } from "../wire/icmpv6.layout";
import { PROTO_ICMPV6 } from "../wire/ipv6.layout";
import { ld8 } from "../engine/bytes";
import { countError, dropPacket, enterDescriptor, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { answerEchoRequest } from "./icmp6-originate";
import {
  ERR_ECHO_REPLY_SENT,
  ERR_LOCAL_NO_STACK,
  ERR_LOCAL_PACKETS,
  NODE_ICMP6_NEIGHBOR_ADVERTISEMENT,
  NODE_ICMP6_NEIGHBOR_SOLICITATION,
  NODE_IP6_LOOKUP,
} from "./graph.layout";

/** The ND node for an ICMPv6 solicitation or advertisement (ip6-input checked the ICMPv6 header is there), else -1. */
@inline function neighborDiscoveryNode(d: usize): i32 {
  const l4 = <usize>load<u16>(d, DESC_L4);
  if (load<u8>(d, DESC_L4_PROTO) != PROTO_ICMPV6 || l4 == 0) return -1;
  const type = ld8(packetStart(d) + l4 + ICMPV6_TYPE);
  if (type == ICMPV6_NEIGHBOR_SOLICITATION) return NODE_ICMP6_NEIGHBOR_SOLICITATION;
  if (type == ICMPV6_NEIGHBOR_ADVERTISEMENT) return NODE_ICMP6_NEIGHBOR_ADVERTISEMENT;
  return -1;
}

export function ip6Local(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    countError(ERR_LOCAL_PACKETS);
    const nd = neighborDiscoveryNode(d);
    if (nd >= 0) {
      sendTo(i, d, nd);
    } else if (answerEchoRequest(d)) {
      markError(d, ERR_ECHO_REPLY_SENT);
      sendTo(i, d, NODE_IP6_LOOKUP);
    } else {
      dropPacket(i, d, ERR_LOCAL_NO_STACK);
    }
  }
}
