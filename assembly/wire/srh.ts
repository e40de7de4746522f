// Segment Routing Header checks (RFC 8754 §2, §4.3.1): lengths only; behaviour lives in the SR nodes.
import {
  ROUTING_SEGMENTS_LEFT,
  ROUTING_LENGTH,
  SRH_FIXED_LENGTH,
  SRH_LAST_ENTRY,
  SRH_SEGMENT_LENGTH,
  SRH_SEGMENT_LIST,
  SRH_TLV_LENGTH,
  SRH_TLV_HEADER_LENGTH,
  SRH_TLV_PAD1,
} from "./srh.layout";
import { EXT_LENGTH_UNIT } from "./ipv6.layout";
import { ld8 } from "../engine/bytes";
import { WIRE_IP6_SRH_LAST_ENTRY_PAST_HEADER, WIRE_IP6_SRH_SEGMENTS_LEFT_PAST_LIST, WIRE_IP6_SRH_TLV_PAST_END } from "./reasons.layout";

@inline export function srhHeaderLength(srh: usize): usize {
  return (<usize>ld8(srh + ROUTING_LENGTH) + 1) * EXT_LENGTH_UNIT;
}

@inline export function srhLastEntry(srh: usize): u32 {
  return ld8(srh + SRH_LAST_ENTRY);
}

@inline export function srhSegmentsLeft(srh: usize): u32 {
  return ld8(srh + ROUTING_SEGMENTS_LEFT);
}

@inline export function srhSegment(srh: usize, index: u32): usize {
  return srh + SRH_SEGMENT_LIST + <usize>index * SRH_SEGMENT_LENGTH;
}

/** The caller has checked that the whole header [srh, srh + length) is inside the packet. */
@inline export function validateSrh(srh: usize, length: usize): i32 {
  const lastEntry = srhLastEntry(srh);
  const listEnd = <usize>SRH_FIXED_LENGTH + (<usize>lastEntry + 1) * <usize>SRH_SEGMENT_LENGTH;
  if (listEnd > length) return WIRE_IP6_SRH_LAST_ENTRY_PAST_HEADER;
  // Segments Left may equal Last Entry + 1 (reduced SRH: the first segment lives only in the DA).
  if (srhSegmentsLeft(srh) > lastEntry + 1) return WIRE_IP6_SRH_SEGMENTS_LEFT_PAST_LIST;
  let p = srh + listEnd;
  const end = srh + length;
  // Most SRHs carry no TLVs: return before the loop (TurboFan pads a loop's entry with nops).
  if (p == end) return 0;
  while (p < end) {
    if (ld8(p) == SRH_TLV_PAD1) {
      p += 1;
      continue;
    }
    if (p + SRH_TLV_HEADER_LENGTH > end) return WIRE_IP6_SRH_TLV_PAST_END;
    p += <usize>SRH_TLV_HEADER_LENGTH + <usize>ld8(p + SRH_TLV_LENGTH);
    if (p > end) return WIRE_IP6_SRH_TLV_PAST_END;
  }
  return 0;
}
