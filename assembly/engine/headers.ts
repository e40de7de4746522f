// Growing and shrinking a packet in place at a header boundary, used to insert or remove extension
// headers: the octets before the boundary (link and IPv6 headers) move, everything after it stays,
// and the descriptor's recorded header offsets follow.
import {
  DESC_DATA_OFFSET,
  DESC_DEST_OPTIONS,
  DESC_FRAGMENT,
  DESC_HBH,
  DESC_IP6_CHAIN,
  DESC_L3,
  DESC_L4,
  DESC_L4_PROTO,
  DESC_LENGTH,
  DESC_ROUTING,
} from "./descriptor.layout";
import { EXT_LENGTH_UNIT, EXT_NEXT_HEADER, IPV6_ADDRESS_LENGTH, IPV6_HEADER_LENGTH, IPV6_NEXT_HEADER, IPV6_PAYLOAD_LENGTH, PROTO_HOP_BY_HOP } from "../wire/ipv6.layout";
import {
  ROUTING_LENGTH,
  ROUTING_NEXT_HEADER,
  ROUTING_SEGMENTS_LEFT,
  ROUTING_TYPE,
  ROUTING_TYPE_SRH,
  SRH_FIXED_LENGTH,
  SRH_FLAGS,
  SRH_LAST_ENTRY,
  SRH_SEGMENT_LENGTH,
  SRH_SEGMENT_LIST,
  SRH_TAG,
} from "../wire/srh.layout";
import { copyBytes, copyIntoPacket, ld8, ld16, st8, st16 } from "./bytes";
import { enterPacket, packetStart } from "./vector";

// The offsets a gap moves are the five consecutive u16 from DESC_HBH to DESC_L4: lanes 0-4 of the 16
// octets at DESC_HBH, shifted together in one v128 (lanes 5-7, the next descriptor fields, are
// stored back unchanged). Offsets and boundaries are below BUFFER_SIZE, so 16-bit lanes compare as
// the u32s did. One at a time they cost five loads, compares and branches.
if (DESC_ROUTING != DESC_HBH + 2 || DESC_FRAGMENT != DESC_HBH + 4 || DESC_DEST_OPTIONS != DESC_HBH + 6 || DESC_L4 != DESC_HBH + 8) {
  ERROR("headers.ts: the offsets shiftOffsets moves are no longer u16 lanes 0-4 from DESC_HBH");
}

/** Adds `delta` to each of the descriptor's header offsets at or past `boundary`. */
@inline function shiftOffsets(d: usize, boundary: u32, delta: i32): void {
  const at = d + DESC_HBH;
  const offsets = v128.load(at);
  const moved = v128.and(i16x8.ge_u(offsets, i16x8.splat(<i16>boundary)), i16x8(-1, -1, -1, -1, -1, 0, 0, 0));
  v128.store(at, i16x8.add(offsets, v128.and(moved, i16x8.splat(<i16>delta))));
}

/**
 * Opens `length` octets at offset `at` of the packet by moving its first `at` octets into the
 * headroom. Returns the address of the gap, or 0 when the headroom is too small.
 */
@inline export function openGap(d: usize, at: u32, length: u32): usize {
  const offset = <u32>load<u16>(d, DESC_DATA_OFFSET);
  if (offset < length) return 0;
  const start = packetStart(d);
  copyBytes(start - <usize>length, start, <usize>at, true);
  store<u16>(d, <u16>(offset - length), DESC_DATA_OFFSET);
  store<u16>(d, <u16>(<u32>load<u16>(d, DESC_LENGTH) + length), DESC_LENGTH);
  shiftOffsets(d, at, <i32>length);
  enterPacket(d);
  return start - <usize>length + <usize>at;
}

/** Removes the `length` octets at offset `at` by moving the packet's first `at` octets forward. */
@inline export function closeGap(d: usize, at: u32, length: u32): void {
  closeGapFrom(d, packetStart(d), at, length);
}

/** closeGap for a caller that has the packet's start address at hand (`start`): not read again. */
@inline function closeGapFrom(d: usize, start: usize, at: u32, length: u32): void {
  copyBytes(start + <usize>length, start, <usize>at, true);
  store<u16>(d, <u16>(<u32>load<u16>(d, DESC_DATA_OFFSET) + length), DESC_DATA_OFFSET);
  store<u16>(d, <u16>(<u32>load<u16>(d, DESC_LENGTH) - length), DESC_LENGTH);
  shiftOffsets(d, at + length, -<i32>length);
  enterPacket(d);
}

/**
 * Records in descriptor `d` the header chain of a packet a node wrote whole, as ip6-input would find
 * it: the IPv6 header, a routing header at offset `routing` (0: none), then the upper-layer header
 * (protocol `proto`) at `l4`.
 */
@inline export function recordWrittenChain(d: usize, routing: u32, l4: u32, proto: u32): void {
  // The hop-by-hop, routing, fragment and destination options offsets are the chain's first u64.
  store<u64>(d, 0, DESC_IP6_CHAIN);
  store<u16>(d, <u16>routing, DESC_ROUTING);
  store<u16>(d, <u16>l4, DESC_L4);
  store<u8>(d, <u8>proto, DESC_L4_PROTO);
}

/** Adds `growth` to the IPv6 header's Payload Length. */
@inline export function growPayloadLength(ip: usize, growth: u32): void {
  st16(ip + IPV6_PAYLOAD_LENGTH, ld16(ip + IPV6_PAYLOAD_LENGTH) + growth);
}

/**
 * Inserts the `length` octets of hop-by-hop header at `header` right after the IPv6 header, where
 * RFC 8200 §4.1 wants it, followed by `following` octets the caller fills (an SRH; 0 for none):
 * the new header takes the IPv6 header's Next Header, which becomes hop-by-hop, the Payload Length
 * grows by both, and the descriptor records the header. Returns the header's address, or 0 when
 * the headroom is too small. The caller has checked there is no hop-by-hop header yet.
 */
@inline export function insertHopByHop(d: usize, header: usize, length: u32, following: u32): usize {
  const l3 = <u32>load<u16>(d, DESC_L3);
  const at = l3 + IPV6_HEADER_LENGTH;
  const gap = openGap(d, at, length + following);
  if (!gap) return 0;
  const ip = packetStart(d) + <usize>l3;
  copyIntoPacket(gap, header, <usize>length, true);
  st8(gap + EXT_NEXT_HEADER, ld8(ip + IPV6_NEXT_HEADER));
  st8(ip + IPV6_NEXT_HEADER, PROTO_HOP_BY_HOP);
  growPayloadLength(ip, length + following);
  store<u16>(d, <u16>at, DESC_HBH);
  return gap;
}

/**
 * Removes the extension header of `length` octets at `header` (offset `at`; the IPv6 header at
 * `ip`), whose predecessor's Next Header field is at `field`: that field takes the removed header's
 * Next Header, the Payload Length shrinks, and the octets before it move forward. The caller clears
 * the header's own descriptor offset.
 */
@inline export function removeExtensionHeader(d: usize, ip: usize, field: usize, header: usize, at: u32, length: u32): void {
  st8(field, ld8(header + EXT_NEXT_HEADER));
  st16(ip + IPV6_PAYLOAD_LENGTH, ld16(ip + IPV6_PAYLOAD_LENGTH) - length);
  closeGapFrom(d, header - <usize>at, at, length);
}

/** Length of an SRH with two segments, the shape M-Anycast's responses and resets carry. */
export const SRH_TWO_SEGMENTS_LENGTH: u32 = SRH_FIXED_LENGTH + 2 * SRH_SEGMENT_LENGTH;

/**
 * Writes a whole two-segment SRH at `srh` (Segment List [last, first], Segments Left 1, no flags
 * or tag): the packet goes to `first`, then on to `last`.
 */
export function writeTwoSegmentSrh(srh: usize, nextHeader: u32, last: usize, first: usize): void {
  st8(srh + ROUTING_NEXT_HEADER, nextHeader);
  st8(srh + ROUTING_LENGTH, SRH_TWO_SEGMENTS_LENGTH / EXT_LENGTH_UNIT - 1);
  st8(srh + ROUTING_TYPE, ROUTING_TYPE_SRH);
  st8(srh + ROUTING_SEGMENTS_LEFT, 1);
  st8(srh + SRH_LAST_ENTRY, 1);
  st8(srh + SRH_FLAGS, 0);
  st16(srh + SRH_TAG, 0);
  copyIntoPacket(srh + SRH_SEGMENT_LIST, last, IPV6_ADDRESS_LENGTH);
  copyIntoPacket(srh + SRH_SEGMENT_LIST + SRH_SEGMENT_LENGTH, first, IPV6_ADDRESS_LENGTH);
}
