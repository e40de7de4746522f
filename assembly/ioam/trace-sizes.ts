// How much room one node's data takes in each trace format, derived once at start from the per-bit
// widths the layouts define (VPP_TRACE_SLOT_WORDS, TRACE_BIT_OCTETS): the Wasm side of the one
// definition that src/host/ioam/trace-sizes.ts derives the host's sizes from.
import { VPP_TRACE_SLOT_WORDS, VPP_TRACE_TYPE_MASK, VPP_TRACE_WORD } from "../wire/vpp-ioam.layout";
import { TRACE_BIT_OCTETS, TRACE_TYPE_BITS, TRACE_WORD } from "../wire/ioam.layout";
import { allocate } from "../engine/memory";

// Every 7-bit VPP trace type's slot size, so the per-packet cost is one load.
const vppSlotSizes: usize = allocate(<usize>VPP_TRACE_TYPE_MASK + 1);
for (let type: i32 = 0; type <= VPP_TRACE_TYPE_MASK; type++) {
  let words: i32 = 0;
  for (let w = 0; w < VPP_TRACE_SLOT_WORDS.length; w++) if (type & VPP_TRACE_SLOT_WORDS[w]) words++;
  store<u8>(vppSlotSizes + <usize>type, <u8>(words * VPP_TRACE_WORD));
}

/** The trace-type bits that add `octets` each to a node's data. */
function bitsOfWidth(octets: i32): u32 {
  let mask: u32 = 0;
  for (let bit = 0; bit < TRACE_TYPE_BITS; bit++) if (TRACE_BIT_OCTETS[bit] == octets) mask |= (<u32>1 << <u32>(TRACE_TYPE_BITS - 1 - bit));
  return mask;
}

/** RFC 9197 trace-type bits worth one word, and those worth two. */
export const rfcOneWordBits: u32 = bitsOfWidth(TRACE_WORD);
export const rfcTwoWordBits: u32 = bitsOfWidth(2 * TRACE_WORD);

/** Octets one hop writes in a VPP trace of this type. */
@inline export function vppTraceSlotSize(type: u32): u32 {
  return <u32>load<u8>(vppSlotSizes + <usize>(type & VPP_TRACE_TYPE_MASK));
}

/** NodeLen implied by a 24-bit trace type, in 4-octet words (the OSS, bit 22, counted apart). */
@inline export function rfcNodeLength(type: u32): u32 {
  return <u32>popcnt(type & rfcOneWordBits) + 2 * <u32>popcnt(type & rfcTwoWordBits);
}
