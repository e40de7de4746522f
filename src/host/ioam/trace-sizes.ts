// How much room one node's data takes in each trace format, derived from the per-bit widths the
// layouts define (VPP_TRACE_SLOT_WORDS, TRACE_BIT_OCTETS): the host side of the one definition
// that assembly/ioam/trace-sizes.ts derives the Wasm writers' sizes from. The CLI, the rewrite,
// the trace reader, the decoder and the benchmark baselines all use these.
import { VPP_TRACE_SLOT_WORDS, VPP_TRACE_TYPE_MASK, VPP_TRACE_WORD } from "../../../assembly/wire/vpp-ioam.layout.js";
import { TRACE_BIT_OCTETS, TRACE_TYPE_BITS, TRACE_WORD } from "../../../assembly/wire/ioam.layout.js";

function popcount(v: number): number {
  let n = 0;
  for (let x = v >>> 0; x; x &= x - 1) n++;
  return n;
}

/** The trace-type bit of position `bit` (0 = the most significant of the 24). */
export function rfcTraceBit(bit: number): number {
  return 1 << (TRACE_TYPE_BITS - 1 - bit);
}

/** The trace-type bits that add `octets` each to a node's data. */
export function rfcBitsOfWidth(octets: number): number {
  let mask = 0;
  TRACE_BIT_OCTETS.forEach((width, bit) => {
    if (width === octets) mask |= rfcTraceBit(bit);
  });
  return mask >>> 0;
}

/** RFC 9197 trace-type bits worth one word, and those worth two. */
export const RFC_ONE_WORD_BITS = rfcBitsOfWidth(TRACE_WORD);
export const RFC_TWO_WORD_BITS = rfcBitsOfWidth(2 * TRACE_WORD);

/** Octets one hop writes in a VPP trace of this type (0: the type records nothing). */
export function vppSlotSize(traceType: number): number {
  const type = traceType & VPP_TRACE_TYPE_MASK;
  return VPP_TRACE_SLOT_WORDS.filter((bits) => (type & bits) !== 0).length * VPP_TRACE_WORD;
}

/** NodeLen implied by a 24-bit trace type, in 4-octet words (the OSS, bit 22, counted apart). */
export function rfcNodeLength(traceType: number): number {
  return popcount(traceType & RFC_ONE_WORD_BITS) + 2 * popcount(traceType & RFC_TWO_WORD_BITS);
}

/** Octets the trace-type bit of mask `mask` adds to a node's data. */
export function rfcBitOctets(mask: number): number {
  return TRACE_BIT_OCTETS[TRACE_TYPE_BITS - 1 - Math.log2(mask >>> 0)] ?? 0;
}
