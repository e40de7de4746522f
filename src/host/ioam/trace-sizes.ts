// How much room one hop's trace data takes, for both trace formats; mirrors the Wasm writers
// (assembly/ioam/vpp-trace.ts vppTraceSlotSize, assembly/ioam/rfc-trace.ts nodeLenForType).
import {
  VPP_TRACE_BIT_APP_DATA,
  VPP_TRACE_BIT_EGRESS_IF,
  VPP_TRACE_BIT_INGRESS_IF,
  VPP_TRACE_BIT_NODE_ID,
  VPP_TRACE_BIT_TIMESTAMP,
} from "../../../assembly/wire/vpp-ioam.layout.js";
import { TRACE_ONE_WORD_BITS, TRACE_TWO_WORD_BITS } from "../../../assembly/wire/ioam.layout.js";

function popcount(v: number): number {
  let n = 0;
  for (let x = v >>> 0; x; x &= x - 1) n++;
  return n;
}

export function vppSlotSize(traceType: number): number {
  let words = 0;
  if (traceType & VPP_TRACE_BIT_NODE_ID) words++;
  if (traceType & (VPP_TRACE_BIT_INGRESS_IF | VPP_TRACE_BIT_EGRESS_IF)) words++;
  if (traceType & VPP_TRACE_BIT_TIMESTAMP) words++;
  if (traceType & VPP_TRACE_BIT_APP_DATA) words++;
  return words * 4;
}

export function rfcNodeLength(traceType: number): number {
  return popcount(traceType & TRACE_ONE_WORD_BITS) + 2 * popcount(traceType & TRACE_TWO_WORD_BITS);
}
