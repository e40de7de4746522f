// ip6-input: validates the IPv6 header and its whole extension-header chain once, records where
// each header is, and drops malformed packets with a named reason.
import { DESC_FLAGS, DESC_FLAG_IP6, DESC_IP6_CHAIN, DESC_L3, DESC_RX_IF } from "../engine/descriptor.layout";
import { IPV6_HEADER_LENGTH } from "../wire/ipv6.layout";
import { ip6PayloadLength, parseIp6 } from "../wire/ipv6";
import { countError, dropPacket, enterDescriptor, frameSlot, packetLength, packetStart, sendTo } from "../engine/vector";
import { ERR_IP6_TRAILING_IGNORED, ERR_IP6_TRUNCATED, NODE_IP6_INACL, NODE_IP6_LOOKUP } from "./graph.layout";
import { WIRE_IP6_TRUNCATED } from "../wire/reasons.layout";
import { hasInputAcl } from "../classify/table";

/** The counter for what the IPv6 chain checks found (ip6-input.node.ts declares them in wire order). */
@inline export function ip6InputReason(wire: i32): i32 {
  return ERR_IP6_TRUNCATED - WIRE_IP6_TRUNCATED + wire;
}

/**
 * Validates the IPv6 packet at `ip` (`available` octets to the end of the packet, which starts at
 * `pkt`) and its whole header chain (wire/ipv6.ts), and fills descriptor `d` with what every node
 * after ip6-input reads: where each header is, and its flags. Returns 0 or a WIRE_IP6_* reason.
 */
@inline export function parseIp6Packet(d: usize, pkt: usize, ip: usize, available: usize): i32 {
  const err = parseIp6(d + DESC_IP6_CHAIN, pkt, ip, available);
  if (err) return err;
  store<u8>(d, load<u8>(d, DESC_FLAGS) | DESC_FLAG_IP6, DESC_FLAGS);
  return 0;
}

export function ip6Input(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const pkt = packetStart(d);
    const l3 = <usize>load<u16>(d, DESC_L3);
    const available = <usize>packetLength(d) - l3;
    const ip = pkt + l3;
    const err = parseIp6Packet(d, pkt, ip, available);
    if (err) {
      dropPacket(i, d, ip6InputReason(err));
      continue;
    }
    if (available > <usize>IPV6_HEADER_LENGTH + <usize>ip6PayloadLength(ip)) countError(ERR_IP6_TRAILING_IGNORED);
    // An interface with an ip6 input ACL classifies every valid packet before ip6-lookup (VPP's arc).
    sendTo(i, d, hasInputAcl(<u32>load<u16>(d, DESC_RX_IF)) ? NODE_IP6_INACL : NODE_IP6_LOOKUP);
  }
}
