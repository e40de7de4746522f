// icmp6-neighbor-advertisement: an advertisement from an on-link neighbour tells the host its
// link-layer address (learned, completing adjacencies and releasing packets held for it) or, without
// one, only that it is there. The advertisement itself goes no further (the engine has no other
// use for it), so it is not dropped: it ends here, counted as received.
import { DESC_RX_IF } from "../engine/descriptor.layout";
import { ld8 } from "../engine/bytes";
import { dropPacket, enterDescriptor, frameSlot, markError } from "../engine/vector";
import { ICMPV6_BODY, ICMPV6_NA_FLAG_SOLICITED, ICMPV6_ND_OPTION_DATA, ICMPV6_ND_OPT_TARGET_LL, ICMPV6_ND_TARGET } from "../wire/icmpv6.layout";
import { IPV6_DST, IPV6_SRC } from "../wire/ipv6.layout";
import { ERR_NA_BAD_HOP_LIMIT, ERR_NA_NO_LINK_ADDRESS, ERR_NA_RECEIVED, ERR_NA_SOLICITED_MULTICAST, ERR_NA_SOURCE_NOT_ON_LINK } from "../graph/graph.layout";
import { acceptNdPacket, ndIcmp, ndIp, ndLinkOption, onLink } from "./message";
import { emitNdEvent, readPacketAddress, readPacketMac } from "./pending";
import { ND_EVENT_CONFIRMED, ND_EVENT_LEARNED_NA } from "./nd.layout";

const MULTICAST_PREFIX: u32 = 0xff;

export function ip6NeighborAdvertisement(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    if (!acceptNdPacket(i, d, ICMPV6_ND_OPT_TARGET_LL, ERR_NA_BAD_HOP_LIMIT)) continue;
    const ip = ndIp;
    const icmp = ndIcmp;
    // The flags are the body's top bits: R, S, O.
    const flags = ld8(icmp + ICMPV6_BODY);
    if (ld8(ip + IPV6_DST) == MULTICAST_PREFIX && (flags << 24) & ICMPV6_NA_FLAG_SOLICITED) {
      dropPacket(i, d, ERR_NA_SOLICITED_MULTICAST);
      continue;
    }
    const rxIf = <u32>load<u16>(d, DESC_RX_IF);
    if (!onLink(ip + IPV6_SRC, rxIf)) {
      dropPacket(i, d, ERR_NA_SOURCE_NOT_ON_LINK);
      continue;
    }
    markError(d, ERR_NA_RECEIVED);
    const linkOption = ndLinkOption;
    const target = readPacketAddress(icmp + ICMPV6_ND_TARGET);
    if (linkOption) {
      emitNdEvent(ND_EVENT_LEARNED_NA, flags, rxIf, readPacketMac(linkOption + ICMPV6_ND_OPTION_DATA), target);
    } else {
      markError(d, ERR_NA_NO_LINK_ADDRESS);
      emitNdEvent(ND_EVENT_CONFIRMED, flags, rxIf, 0, target);
    }
  }
}
