// Headend rewrites (RFC 8986 §5) on one packet, with a segment list record the host prebuilt
// (sr.layout.ts) exactly as Linux builds it, so the only per-packet work is moving the link header
// into the headroom, copying the prebuilt octets and filling in what depends on the packet.
import { DESC_HBH, DESC_L3, DESC_ROUTING } from "../engine/descriptor.layout";
import {
  EXT_LENGTH,
  EXT_LENGTH_UNIT,
  EXT_NEXT_HEADER,
  IPV6_ADDRESS_LENGTH,
  IPV6_DST,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  IPV6_SRC,
  IPV6_VERSION_TC_FLOW,
  PROTO_IPV6,
  PROTO_ROUTING,
} from "../wire/ipv6.layout";
import { ROUTING_SEGMENTS_LEFT, SRH_FIXED_LENGTH, SRH_LAST_ENTRY, SRH_SEGMENT_LENGTH, SRH_SEGMENT_LIST } from "../wire/srh.layout";
import { copyBytes, copyIntoPacket, ld8, ld16, ld128, st8, st16 } from "../engine/bytes";
import { growPayloadLength, openGap, recordWrittenChain } from "../engine/headers";
import { packetStart } from "../engine/vector";
import { LIST_FIRST_SEGMENT, LIST_SRH, LIST_SRH_LENGTH } from "./sr.layout";

/**
 * H.Encaps (and H.Encaps.Red, whose SRH the host built reduced): a new outer IPv6 header and the
 * list's SRH in front of the packet's IPv6 header. Like a Linux router (seg6_input encapsulates
 * on the way in, with the default seg6_flowlabel = 0), the outer header copies the inner traffic
 * class, flow label and hop limit and the inner packet is left as it was; ip6-rewrite then
 * decrements the outer hop limit as for any forwarded packet. Returns false when the headroom is
 * too small.
 */
export function encapsulate(d: usize, list: usize, source: usize): bool {
  const l3 = <u32>load<u16>(d, DESC_L3);
  const srhLength = load<u32>(list, LIST_SRH_LENGTH);
  const added = <u32>IPV6_HEADER_LENGTH + srhLength;
  const outer = openGap(d, l3, added);
  if (!outer) return false;
  const inner = outer + <usize>added;
  copyBytes(outer + IPV6_VERSION_TC_FLOW, inner + IPV6_VERSION_TC_FLOW, 4);
  st16(outer + IPV6_PAYLOAD_LENGTH, srhLength + IPV6_HEADER_LENGTH + ld16(inner + IPV6_PAYLOAD_LENGTH));
  st8(outer + IPV6_NEXT_HEADER, srhLength ? PROTO_ROUTING : PROTO_IPV6);
  st8(outer + IPV6_HOP_LIMIT, ld8(inner + IPV6_HOP_LIMIT));
  copyIntoPacket(outer + IPV6_SRC, source, IPV6_ADDRESS_LENGTH);
  copyIntoPacket(outer + IPV6_DST, list + LIST_FIRST_SEGMENT, IPV6_ADDRESS_LENGTH);
  if (srhLength) {
    const srh = outer + IPV6_HEADER_LENGTH;
    copyIntoPacket(srh, list + LIST_SRH, <usize>srhLength);
    st8(srh + EXT_NEXT_HEADER, PROTO_IPV6);
  }
  // What ip6-input would record for the new packet: only the SRH, then the inner IPv6 header.
  recordWrittenChain(d, srhLength ? l3 + IPV6_HEADER_LENGTH : 0, l3 + added, PROTO_IPV6);
  return true;
}

/** Whether the 16 octets at `p` in the packet equal the configured address at `address`. */
@inline function isAddress(p: usize, address: usize): bool {
  return !v128.any_true(v128.xor(ld128(p), v128.load(address)));
}

/**
 * H.Insert (and H.Insert.Red): the list's SRH right after the IPv6 header, or after the hop-by-hop
 * header when there is one (RFC 8200 §4.1 order; Linux's inline mode wrongly puts it in front of
 * the hop-by-hop header). Segment List[0] gets the packet's destination, which becomes the first
 * segment. A packet addressed to the binding SID itself has reached its destination there, so its
 * SRH goes without that slot (Last Entry and Segments Left one less, as VPP does; no SRH at all when
 * nothing is left to list). Hop limits are left to ip6-rewrite, as Linux does. Returns false when
 * the headroom is too small.
 */
export function insertSrh(d: usize, list: usize, bsid: usize): bool {
  const l3 = <u32>load<u16>(d, DESC_L3);
  const hbh = <u32>load<u16>(d, DESC_HBH);
  const at = hbh ? hbh + (ld8(packetStart(d) + <usize>hbh + EXT_LENGTH) + 1) * EXT_LENGTH_UNIT : l3 + IPV6_HEADER_LENGTH;
  const toBsid = isAddress(packetStart(d) + <usize>l3 + IPV6_DST, bsid);
  const skipped: u32 = toBsid ? SRH_SEGMENT_LENGTH : 0;
  let srhLength = load<u32>(list, LIST_SRH_LENGTH) - skipped;
  if (srhLength == SRH_FIXED_LENGTH) srhLength = 0;
  const srh = openGap(d, at, srhLength);
  if (!srh) return false;
  const pkt = packetStart(d);
  const ip = pkt + <usize>l3;
  if (srhLength) {
    const previousNextHeader = hbh ? pkt + <usize>hbh + EXT_NEXT_HEADER : ip + IPV6_NEXT_HEADER;
    const prebuilt = list + LIST_SRH;
    copyIntoPacket(srh, prebuilt, SRH_FIXED_LENGTH);
    copyIntoPacket(srh + SRH_FIXED_LENGTH, prebuilt + SRH_FIXED_LENGTH + skipped, <usize>(srhLength - SRH_FIXED_LENGTH));
    st8(srh + EXT_NEXT_HEADER, ld8(previousNextHeader));
    st8(previousNextHeader, PROTO_ROUTING);
    if (toBsid) {
      st8(srh + EXT_LENGTH, ld8(srh + EXT_LENGTH) - SRH_SEGMENT_LENGTH / EXT_LENGTH_UNIT);
      st8(srh + SRH_LAST_ENTRY, ld8(srh + SRH_LAST_ENTRY) - 1);
      st8(srh + ROUTING_SEGMENTS_LEFT, ld8(srh + ROUTING_SEGMENTS_LEFT) - 1);
    } else {
      copyBytes(srh + SRH_SEGMENT_LIST, ip + IPV6_DST, IPV6_ADDRESS_LENGTH);
    }
    growPayloadLength(ip, srhLength);
    store<u16>(d, <u16>at, DESC_ROUTING);
  }
  copyIntoPacket(ip + IPV6_DST, list + LIST_FIRST_SEGMENT, IPV6_ADDRESS_LENGTH);
  return true;
}
