// The facts one SYN-ACK candidate carries to the selection policies: plain data, decoded
// elsewhere from the SYN-ACK's IOAM trace and SRH. No packets here, no Node APIs.
import { parseIp6 } from "../format/ip6-address.js";

/**
 * One response (SYN-ACK) that M-Anycast may forward to the client. Every measure is optional:
 * a response without an IOAM trace has no one-way delay, a server edge that does not export a
 * load metric gives no load, and so on. Policies ignore candidates that lack their measure.
 */
export interface Candidate {
  /** Server id: its address (e.g. "db08::1", the SRH's last segment) or any stable name. */
  readonly server: string;
  /** The spray policy's segment list the SYN copy went out on (index or id), if known. */
  readonly segmentListId?: number;
  /**
   * One-way delay M → server edge in nanoseconds: request-direction (SYN) trace timestamps,
   * server edge's stamp minus M's stamp. Needs the two clocks synchronised.
   */
  readonly onewayNs?: number;
  /** Round-trip time in nanoseconds: SYN copy sent by M → this SYN-ACK arrived at M (one clock). */
  readonly rttNs?: number;
  /**
   * Server load as put into the trace by the server edge (IOAM app-data or namespace data,
   * configured on the edge): 0..100 % or any raw metric where smaller means less loaded.
   */
  readonly load?: number;
  /** When the SYN-ACK arrived at M, in milliseconds on the collector's clock. */
  readonly arrivedAtMs: number;
}

/** A measure a policy can rank on. */
export type Measure = "onewayNs" | "rttNs" | "load";

/** The measure's value when present and usable (a finite number), else undefined. */
export function measureOf(candidate: Candidate, measure: Measure): number | undefined {
  const v = candidate[measure];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/**
 * One-way delay (ns) from the request-direction trace: the server edge's timestamp minus
 * M-Anycast's timestamp on the same SYN copy. Both in ns (seconds·1e9 + sub-seconds).
 */
export function onewayDelayNs(mStampNs: number, serverEdgeStampNs: number): number {
  return serverEdgeStampNs - mStampNs;
}

/** RTT (ns): the SYN copy's send time at M to the SYN-ACK's arrival at M (M's clock only). */
export function roundTripNs(synSentNs: number, synAckArrivedNs: number): number {
  return synAckArrivedNs - synSentNs;
}

/**
 * Total order on server ids used for ties: IPv6 addresses numerically (so "db9::1" < "db10::1"),
 * before any id that is not an IPv6 address; those, and two spellings of one address, by UTF-16
 * code units (locale independent). Ids should be canonical text (formatIp6), as de-duplication
 * in the collector compares them as strings.
 */
export function compareServerIds(a: string, b: string): number {
  const x = parseIp6(a);
  const y = parseIp6(b);
  if (x && y) {
    for (let i = 0; i < 16; i++) if (x[i] !== y[i]) return x[i] - y[i];
  } else if (x) return -1;
  else if (y) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first arrival (earliest arrivedAtMs; equal times: earlier in the list). */
export function firstArrivalIndex(candidates: readonly Candidate[]): number {
  let best = -1;
  for (let i = 0; i < candidates.length; i++) {
    if (best < 0 || candidates[i].arrivedAtMs < candidates[best].arrivedAtMs) best = i;
  }
  return best;
}
