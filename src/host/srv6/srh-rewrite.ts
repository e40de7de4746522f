// What a headend adds for one segment list, built once per list exactly as Linux builds it
// (net/ipv6/seg6_iptunnel.c, iproute2's seg6 encap): Segment List[0] is the last segment, the
// first segment is the new destination, Last Entry and Segments Left per RFC 8986 §5. The Wasm
// rewrite nodes copy these octets and fill in only the SRH's next header and, for H.Insert,
// Segment List[0] (the packet's original destination).
import {
  ROUTING_LENGTH,
  ROUTING_SEGMENTS_LEFT,
  ROUTING_TYPE,
  ROUTING_TYPE_SRH,
  SRH_FIXED_LENGTH,
  SRH_LAST_ENTRY,
  SRH_SEGMENT_LENGTH,
} from "../../../assembly/wire/srh.layout.js";
import { EXT_LENGTH_UNIT } from "../../../assembly/wire/ipv6.layout.js";

/**
 * encap: H.Encaps, SRH [Sn … S1], LE = SL = n−1 (Linux `mode encap`).
 * encap.red: H.Encaps.Red, SRH [Sn … S2], LE = n−2, SL = n−1; no SRH for one segment (`mode encap.red`).
 * insert: H.Insert, SRH [DA, Sn … S1], LE = SL = n (Linux `mode inline`).
 * insert.red: H.Insert.Red, SRH [DA, Sn … S2], LE = n−1, SL = n.
 */
export type HeadendMode = "encap" | "encap.red" | "insert" | "insert.red";

export const HEADEND_MODES: readonly HeadendMode[] = ["encap", "encap.red", "insert", "insert.red"];

export function isInsertion(mode: HeadendMode): boolean {
  return mode === "insert" || mode === "insert.red";
}

export function isReduced(mode: HeadendMode): boolean {
  return mode === "encap.red" || mode === "insert.red";
}

export interface HeadendRewrite {
  /** The packet's new destination: the first segment. */
  firstSegment: Uint8Array;
  /** The SRH with next header 0 (and, for insertion, Segment List[0] zero); empty: no SRH. */
  srh: Uint8Array;
}

/** The rewrite for `segments` (first segment first, as the CLI lists them). */
export function headendRewrite(segments: readonly Uint8Array[], mode: HeadendMode): HeadendRewrite {
  if (segments.length === 0) throw new Error("a segment list needs at least one segment");
  const listed = isReduced(mode) ? segments.slice(1) : segments.slice();
  const slots = [...(isInsertion(mode) ? [new Uint8Array(SRH_SEGMENT_LENGTH)] : []), ...listed.reverse()];
  const firstSegment = segments[0].slice();
  if (slots.length === 0) return { firstSegment, srh: new Uint8Array(0) };
  const srh = new Uint8Array(SRH_FIXED_LENGTH + slots.length * SRH_SEGMENT_LENGTH);
  srh[ROUTING_LENGTH] = (srh.length - SRH_FIXED_LENGTH) / EXT_LENGTH_UNIT;
  srh[ROUTING_TYPE] = ROUTING_TYPE_SRH;
  srh[ROUTING_SEGMENTS_LEFT] = isInsertion(mode) ? segments.length : segments.length - 1;
  srh[SRH_LAST_ENTRY] = slots.length - 1;
  slots.forEach((segment, k) => srh.set(segment, SRH_FIXED_LENGTH + k * SRH_SEGMENT_LENGTH));
  return { firstSegment, srh };
}
