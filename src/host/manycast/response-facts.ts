// What a held SYN-ACK tells the selection policies (selection/candidate.ts), read from its IOAM
// trace: the stamps of M (SYN), the server edge (SYN), the server edge (SYN-ACK) and M (SYN-ACK), in
// path order. The SYN-ACK leg starts where the hop limit goes up (the server's fresh hop limit), so
// transits on either leg are fine. Unlike VPP (spec §4.5) the trace is read from its filled slots
// only and every delay is the smallest-is-best kind.
import type { HbhTrace, TraceHop } from "../ioam/trace-reader.js";

const NS_PER_UNIT = [1e9, 1e6, 1e3, 1]; // VPP trace-tsp 0..3: s, ms, us, ns

export interface ResponseFacts {
  onewayNs?: number;
  rttNs?: number;
  load?: number;
  /** Stamps read (0 without a trace). */
  hops: number;
}

/** Difference of two 32-bit wrapping timestamps, in the profile's unit. */
function elapsed(from: number, to: number): number {
  return (to - from) >>> 0;
}

/** Index of the first stamp of the return leg (hop limit rises), or -1. */
export function returnLegStart(hops: readonly TraceHop[]): number {
  for (let k = 1; k < hops.length; k++) if (hops[k].hopLimit > hops[k - 1].hopLimit) return k;
  return -1;
}

/**
 * Facts from the VPP trace of a SYN-ACK. `precision` is this node's trace-tsp (every node on the
 * path must use the same: nothing in the packet says which unit a stamp has).
 */
export function responseFacts(traces: readonly HbhTrace[], precision: number): ResponseFacts {
  const trace = traces.find((t) => t.format === "vpp");
  const hops = trace?.hops ?? [];
  const facts: ResponseFacts = { hops: hops.length };
  const unit = NS_PER_UNIT[precision] ?? 1;
  const stamped = hops.filter((h) => h.timestamp !== undefined);
  // A round trip is M's own two stamps (one clock): when the trace had no element left for M's
  // stamp on the SYN-ACK (the guide's M profile has 3 for 4 stamping nodes), the last stamp is the
  // edge's, and their difference is no round trip.
  const first = stamped[0];
  const last = stamped[stamped.length - 1];
  if (stamped.length >= 2 && first.nodeId === last.nodeId) facts.rttNs = elapsed(first.timestamp!, last.timestamp!) * unit;
  const back = returnLegStart(hops);
  if (back > 0) {
    const edgeOnSyn = hops[back - 1];
    if (hops[0].timestamp !== undefined && edgeOnSyn.timestamp !== undefined) {
      facts.onewayNs = elapsed(hops[0].timestamp, edgeOnSyn.timestamp) * unit;
    }
    // The server edge reports its load in its app data (its profile's app-data, set per edge).
    const load = hops[back].appData ?? edgeOnSyn.appData;
    if (load !== undefined) facts.load = load;
  }
  return facts;
}
