// icmp6-neighbor-solicitation: a solicitation for one of this node's addresses is answered with an
// advertisement built in place in the solicitation's own buffer, as VPP's node of the same name
// does: the link header is kept (VLAN tags included) with the sender's MAC as destination, the IPv6
// header and message are rewritten, and the frame leaves by the interface it came in on. What the
// solicitation teaches (its sender's link-layer address) goes to the host as an event. Anything
// RFC 4861 §7.1.1 rejects, or that asks for an address that is not ours, is dropped and counted.
import { interfaceFib } from "../engine/interfaces";
import { DESC_FLAGS, DESC_FLAG_LOCALLY_ORIGINATED, DESC_L3, DESC_LENGTH, DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { copyIntoPacket, ld8, ld16, ld32, ld64, st16, st32, st64 } from "../engine/bytes";
import { countError, dropPacket, enterDescriptor, enterPacket, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { fibLookup, interfaceMacAddress } from "../fib/fib";
import { DPO_LOCAL, DPO_TYPE_SHIFT } from "../fib/dpo.layout";
import { ETHERNET_DST, ETHERNET_SRC, MAC_LENGTH } from "../wire/ethernet.layout";
import {
  ICMPV6_NA_FLAG_OVERRIDE,
  ICMPV6_NA_FLAG_ROUTER,
  ICMPV6_NA_FLAG_SOLICITED,
  ICMPV6_ND_OPTION_DATA,
  ICMPV6_ND_OPT_SOURCE_LL,
  ICMPV6_ND_OPT_TARGET_LL,
  ICMPV6_ND_TARGET,
  ICMPV6_NEIGHBOR_ADVERTISEMENT,
} from "../wire/icmpv6.layout";
import { IPV6_DST, IPV6_HEADER_LENGTH, IPV6_SRC, PROTO_ICMPV6 } from "../wire/ipv6.layout";
import {
  ERR_NS_ADVERTISEMENT_SENT,
  ERR_NS_BAD_HOP_LIMIT,
  ERR_NS_BAD_UNSPECIFIED,
  ERR_NS_LEARNED,
  ERR_NS_SOURCE_NOT_ON_LINK,
  ERR_NS_UNKNOWN_TARGET,
  NODE_INTERFACE_OUTPUT,
} from "../graph/graph.layout";
import { acceptNdPacket, emitNdMessage, ndIcmp, ndIp, ndLinkOption, ND_MESSAGE_LENGTH, onLink } from "./message";
import { recordWrittenChain } from "../engine/headers";
import { emitNdEvent, readPacketAddress, readPacketMac } from "./pending";
import { ND_EVENT_LEARNED_NS } from "./nd.layout";

@inline function unspecified(address: usize): bool {
  return (ld64(address) | ld64(address + 8)) == 0;
}

/** ff02::1:ffXX:XXXX (RFC 4291 §2.7.1). */
function solicitedNode(address: usize): bool {
  return ld64(address) == 0xff02000000000000 && ld16(address + 8) == 0 && ld16(address + 10) == 1 && ld8(address + 12) == 0xff;
}

/**
 * Rewrites the solicitation in descriptor d into the advertisement of `target` (in engine memory,
 * read out before anything is overwritten): to the soliciting node, or to all nodes when it
 * solicited from the unspecified address (duplicate address detection), without the Solicited flag
 * then (RFC 4861 §7.2.4). The Router flag says this node forwards.
 */
function advertise(d: usize, target: usize, toAllNodes: bool, rxIf: u32, mac: usize): void {
  const l3 = <u32>load<u16>(d, DESC_L3);
  const frame = packetStart(d);
  const ip = frame + <usize>l3;
  // The sender's address and MAC become the destination before the message is overwritten.
  const senderHigh = ld64(ip + IPV6_SRC);
  const senderLow = ld64(ip + IPV6_SRC + 8);
  const senderMacHigh = ld32(frame + ETHERNET_SRC);
  const senderMacLow = ld16(frame + ETHERNET_SRC + 4);
  store<u16>(d, <u16>(l3 + IPV6_HEADER_LENGTH + ND_MESSAGE_LENGTH), DESC_LENGTH);
  enterPacket(d);
  if (toAllNodes) {
    st32(frame + ETHERNET_DST, 0x33330000);
    st16(frame + ETHERNET_DST + 4, 0x0001);
  } else {
    st32(frame + ETHERNET_DST, senderMacHigh);
    st16(frame + ETHERNET_DST + 4, senderMacLow);
  }
  copyIntoPacket(frame + ETHERNET_SRC, mac, MAC_LENGTH);
  copyIntoPacket(ip + IPV6_SRC, target, 16);
  if (toAllNodes) {
    st64(ip + IPV6_DST, 0xff02000000000000);
    st64(ip + IPV6_DST + 8, 1);
  } else {
    st64(ip + IPV6_DST, senderHigh);
    st64(ip + IPV6_DST + 8, senderLow);
  }
  const flags = ICMPV6_NA_FLAG_ROUTER | (toAllNodes ? 0 : ICMPV6_NA_FLAG_SOLICITED) | ICMPV6_NA_FLAG_OVERRIDE;
  emitNdMessage(ip, ICMPV6_NEIGHBOR_ADVERTISEMENT, flags, target, ICMPV6_ND_OPT_TARGET_LL, mac);
  recordWrittenChain(d, 0, l3 + IPV6_HEADER_LENGTH, PROTO_ICMPV6);
  store<u8>(d, <u8>(<u32>load<u8>(d, DESC_FLAGS) | DESC_FLAG_LOCALLY_ORIGINATED), DESC_FLAGS);
  store<u16>(d, <u16>rxIf, DESC_TX_IF);
}

export function ip6NeighborSolicitation(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    if (!acceptNdPacket(i, d, ICMPV6_ND_OPT_SOURCE_LL, ERR_NS_BAD_HOP_LIMIT)) continue;
    const ip = ndIp;
    const icmp = ndIcmp;
    const rxIf = <u32>load<u16>(d, DESC_RX_IF);
    const sourceUnspecified = unspecified(ip + IPV6_SRC);
    // From the unspecified address only to a solicited-node group, and with no address to learn.
    if (sourceUnspecified && (!solicitedNode(ip + IPV6_DST) || ndLinkOption != 0)) {
      dropPacket(i, d, ERR_NS_BAD_UNSPECIFIED);
      continue;
    }
    if (!sourceUnspecified && !onLink(ip + IPV6_SRC, rxIf)) {
      dropPacket(i, d, ERR_NS_SOURCE_NOT_ON_LINK);
      continue;
    }
    const mac = interfaceMacAddress(rxIf);
    const dpo = fibLookup(icmp + ICMPV6_ND_TARGET, interfaceFib(rxIf));
    if (dpo >>> DPO_TYPE_SHIFT != DPO_LOCAL || !mac) {
      dropPacket(i, d, ERR_NS_UNKNOWN_TARGET);
      continue;
    }
    // RFC 4861 §7.2.3: a solicitation for our address with a link-layer address updates the cache.
    if (ndLinkOption) {
      const address = readPacketAddress(ip + IPV6_SRC);
      emitNdEvent(ND_EVENT_LEARNED_NS, 0, rxIf, readPacketMac(ndLinkOption + ICMPV6_ND_OPTION_DATA), address);
      countError(ERR_NS_LEARNED);
    }
    advertise(d, readPacketAddress(icmp + ICMPV6_ND_TARGET), sourceUnspecified, rxIf, mac);
    markError(d, ERR_NS_ADVERTISEMENT_SENT);
    sendTo(i, d, NODE_INTERFACE_OUTPUT);
  }
}
