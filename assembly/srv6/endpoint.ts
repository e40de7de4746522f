// Endpoint behaviours (RFC 8986 §4) on one packet that ip6-input parsed: End with its PSP flavour,
// and the decapsulation shared by End.DX6 and End.DT6. Each returns 0 or the reason to drop.
import { DESC_L3, DESC_L4, DESC_L4_PROTO, DESC_ROUTING } from "../engine/descriptor.layout";
import {
  AH_LENGTH_BIAS,
  AH_LENGTH_UNIT,
  EXT_LENGTH,
  EXT_LENGTH_UNIT,
  EXT_MAX_CHAIN,
  EXT_NEXT_HEADER,
  IPV6_ADDRESS_LENGTH,
  IPV6_DST,
  IPV6_HEADER_LENGTH,
  IPV6_NEXT_HEADER,
  PROTO_AH,
  PROTO_FRAGMENT,
  PROTO_IPV6,
} from "../wire/ipv6.layout";
import { FRAGMENT_HEADER_LENGTH } from "../wire/fragment.layout";
import { ROUTING_SEGMENTS_LEFT, ROUTING_TYPE, ROUTING_TYPE_SRH } from "../wire/srh.layout";
import { srhHeaderLength, srhSegment, srhSegmentsLeft } from "../wire/srh";
import { copyBytes, ld8, st8 } from "../engine/bytes";
import { closeGap, removeExtensionHeader } from "../engine/headers";
import { packetLength, packetStart } from "../engine/vector";
import {
  ERR_SR_LOCALSID_DECAPS_SEGMENTS_LEFT,
  ERR_SR_LOCALSID_INNER_MALFORMED,
  ERR_SR_LOCALSID_NO_INNER_IP,
  ERR_SR_LOCALSID_NO_MORE_SEGMENTS,
  ERR_SR_LOCALSID_NO_SRH,
} from "../graph/graph.layout";
import { parseIp6Packet } from "../graph/ip6-input";

/** The packet's first routing header when it is an SRH, else 0. */
@inline function segmentRoutingHeader(d: usize, pkt: usize): usize {
  const offset = <usize>load<u16>(d, DESC_ROUTING);
  if (!offset || ld8(pkt + offset + ROUTING_TYPE) != ROUTING_TYPE_SRH) return 0;
  return pkt + offset;
}

/** The next-header field that names the header at `target` (the chain up to it is valid). */
function nextHeaderFieldBefore(ip: usize, target: usize): usize {
  let field = ip + IPV6_NEXT_HEADER;
  let p = ip + IPV6_HEADER_LENGTH;
  for (let hops = 0; p < target && hops < EXT_MAX_CHAIN; hops++) {
    const type = ld8(field);
    field = p + EXT_NEXT_HEADER;
    if (type == PROTO_FRAGMENT) p += FRAGMENT_HEADER_LENGTH;
    else if (type == PROTO_AH) p += (<usize>ld8(p + EXT_LENGTH) + AH_LENGTH_BIAS) * AH_LENGTH_UNIT;
    else p += (<usize>ld8(p + EXT_LENGTH) + 1) * EXT_LENGTH_UNIT;
  }
  return field;
}

/**
 * End: Segments Left − 1 and the destination := Segment List[Segments Left]. With `psp`, an SRH
 * whose Segments Left reaches 0 is removed (PSP, RFC 8986 §4.16.1). Everything else in the packet,
 * hop-by-hop options and SRH TLVs included, is left as it was; the hop limit is ip6-rewrite's.
 * Inlined into its callers (the End node, End with CATS, the bench kernel): the common path is a
 * dozen loads and stores, and a call would cost as much again; PSP's removal stays out of line.
 */
@inline export function endpointEnd(d: usize, psp: bool): i32 {
  const routing = <usize>load<u16>(d, DESC_ROUTING);
  if (!routing) return ERR_SR_LOCALSID_NO_SRH;
  const pkt = packetStart(d);
  const srh = pkt + routing;
  if (ld8(srh + ROUTING_TYPE) != ROUTING_TYPE_SRH) return ERR_SR_LOCALSID_NO_SRH;
  const left = srhSegmentsLeft(srh);
  if (left == 0) return ERR_SR_LOCALSID_NO_MORE_SEGMENTS;
  const ip = pkt + <usize>load<u16>(d, DESC_L3);
  st8(srh + ROUTING_SEGMENTS_LEFT, left - 1);
  copyBytes(ip + IPV6_DST, srhSegment(srh, left - 1), IPV6_ADDRESS_LENGTH);
  if (psp && left == 1) popSegmentRoutingHeader(d, pkt, ip, srh);
  return 0;
}

/** PSP: the SRH at `srh`, now with Segments Left 0, leaves the packet. */
function popSegmentRoutingHeader(d: usize, pkt: usize, ip: usize, srh: usize): void {
  store<u16>(d, 0, DESC_ROUTING);
  removeExtensionHeader(d, ip, nextHeaderFieldBefore(ip, srh), srh, <u32>(srh - pkt), <u32>srhHeaderLength(srh));
}

/**
 * The decapsulation of End.DX6 and End.DT6: with an SRH, Segments Left must be 0; the header chain
 * must end in an IPv6 packet (next header 41), which then replaces the outer IPv6 header and every
 * extension header, and is parsed as ip6-input would.
 */
export function endpointDecapsulate(d: usize): i32 {
  const pkt = packetStart(d);
  const srh = segmentRoutingHeader(d, pkt);
  if (srh && srhSegmentsLeft(srh) != 0) return ERR_SR_LOCALSID_DECAPS_SEGMENTS_LEFT;
  const inner = <u32>load<u16>(d, DESC_L4);
  if (!inner || <u32>load<u8>(d, DESC_L4_PROTO) != PROTO_IPV6) return ERR_SR_LOCALSID_NO_INNER_IP;
  const l3 = <u32>load<u16>(d, DESC_L3);
  closeGap(d, l3, inner - l3);
  const start = packetStart(d);
  const ip = start + <usize>l3;
  return parseIp6Packet(d, start, ip, <usize>packetLength(d) - <usize>l3) ? ERR_SR_LOCALSID_INNER_MALFORMED : 0;
}
