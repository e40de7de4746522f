// Pushes captured frames through a data plane, vector by vector; browser-safe (the caller owns I/O).
// The summary adds up: every frame in, plus the copies a spray made, is out, dropped or still held
// at the end. Replies the engine builds in place of the packet that caused them (ICMPv6 Time
// Exceeded and Echo Reply, an RST to a losing server) are among the packets out and said so; a
// spray copy that could not be made (no free descriptor in the vector) is no packet dropped.
import type { Dataplane, Frame } from "./dataplane/dataplane.js";
import type { VectorSource } from "./dataplane/vector-io.js";
import { ERRORS } from "./engine/graph-info.js";
import {
  ERR_ECHO_REPLY_SENT,
  ERR_RX_PACKETS,
  ERR_RX_TIME_OUT_OF_RANGE,
  ERR_RX_TOO_BIG,
  ERR_HOP_LIMIT_EXCEEDED,
  ERR_OUTPUT_TRANSMITTED,
  ERR_SR_ENCAPS_SPRAY_COPIES,
  ERR_SR_ENCAPS_SPRAY_NO_DESCRIPTOR,
  ERR_SR_INSERT_SPRAY_COPIES,
  ERR_SR_INSERT_SPRAY_NO_DESCRIPTOR,
  ERR_TIME_EXCEEDED_SENT,
  ERR_TS_LATE_RESET,
  ERR_TS_LOSER_RESET,
} from "../../assembly/graph/graph.layout.js";

export interface CountedReason {
  node: string;
  reason: string;
  count: number;
}

export interface ReplaySummary {
  packetsIn: number;
  packetsOut: number;
  packetsDropped: number;
  drops: CountedReason[];
  /** Copies a spray policy made (each leaves as a packet of its own). */
  copiesMade: number;
  /** Copies a spray policy could not make; no packet was lost. */
  copiesNotMade: CountedReason[];
  /** Packets out that are replies built in place of the packet that caused them. */
  replies: CountedReason[];
  /** Packets still held at the end (delayed by nsim, or SYN-ACKs awaiting a selection). */
  packetsHeld: number;
  vectors: number;
  elapsedMs: number;
  packetsPerSecond: number;
}

const COPIES = [ERR_SR_ENCAPS_SPRAY_COPIES, ERR_SR_INSERT_SPRAY_COPIES];
const COPIES_NOT_MADE = new Set([ERR_SR_ENCAPS_SPRAY_NO_DESCRIPTOR, ERR_SR_INSERT_SPRAY_NO_DESCRIPTOR]);
const REPLIES = [ERR_TIME_EXCEEDED_SENT, ERR_ECHO_REPLY_SENT, ERR_TS_LOSER_RESET, ERR_TS_LATE_RESET];

/**
 * Frames of a VectorSource through a data plane, a vector per engine call (manycast replay's path:
 * no JavaScript per frame), then held work to its end.
 */
export function replayVectors(
  dataplane: Dataplane,
  source: VectorSource,
  onProgress?: (framesDone: number) => void,
  /** Asked after every batch of vectors: true ends the input there (an output that failed). */
  stop?: () => boolean,
): ReplaySummary {
  const before = dataplane.engine.errorCounts();
  const vectorsBefore = dataplane.vectors;
  const started = performance.now();
  const received = (): number => {
    const now = dataplane.engine.errorCounts();
    // Every frame the source took is received (device-input counts it) or refused before entering.
    return [ERR_RX_PACKETS, ERR_RX_TOO_BIG, ERR_RX_TIME_OUT_OF_RANGE].reduce((sum, id) => sum + Number(now[id] - before[id]), 0);
  };
  for (;;) {
    const n = dataplane.pump(source, PROGRESS_EVERY);
    onProgress?.(received());
    if (source.ended || n === 0 || stop?.()) break;
  }
  dataplane.drain();
  const elapsedMs = performance.now() - started;
  return summarise(dataplane, before, received(), dataplane.vectors - vectorsBefore, elapsedMs);
}

const PROGRESS_EVERY = 65536;

/** Frames that live in JavaScript, one at a time (Dataplane.receive): the adapter for callers without a source. */
export function replayFrames(dataplane: Dataplane, interfaceName: string, frames: Iterable<Frame>, onProgress?: (framesDone: number) => void): ReplaySummary {
  const before = dataplane.engine.errorCounts();
  const vectorsBefore = dataplane.vectors;
  const started = performance.now();
  let done = 0;
  for (const frame of frames) {
    dataplane.receive(interfaceName, frame);
    if (++done % PROGRESS_EVERY === 0) onProgress?.(done);
  }
  // What the graph still holds when the capture ends (delayed packets, selections waiting for
  // their deadline) finishes at its own engine time, as it would on a live link.
  dataplane.drain();
  const elapsedMs = performance.now() - started;
  return summarise(dataplane, before, done, dataplane.vectors - vectorsBefore, elapsedMs);
}

/** The counters' movement since `before`, as a summary that adds up. */
export function summarise(dataplane: Dataplane, before: bigint[], packetsIn: number, vectors: number, elapsedMs: number): ReplaySummary {
  const after = dataplane.engine.errorCounts();
  const delta = (id: number) => Number(after[id] - before[id]);
  const counted = (id: number): CountedReason => ({ node: ERRORS[id].node, reason: ERRORS[id].reason, count: delta(id) });
  // A packet whose hop limit ran out is counted as dropped by ip6-rewrite even when its Time
  // Exceeded reply leaves in its place: that one is a reply, not a drop.
  const answered = delta(ERR_TIME_EXCEEDED_SENT);
  const drops = ERRORS.filter((e) => e.kind === "drop" && !COPIES_NOT_MADE.has(e.id))
    .map((e) => {
      const reason = counted(e.id);
      if (e.id === ERR_HOP_LIMIT_EXCEEDED) reason.count -= answered;
      return reason;
    })
    .filter((d) => d.count > 0);
  return {
    packetsIn,
    packetsOut: delta(ERR_OUTPUT_TRANSMITTED),
    packetsDropped: drops.reduce((sum, d) => sum + d.count, 0),
    drops,
    copiesMade: COPIES.reduce((sum, id) => sum + delta(id), 0),
    copiesNotMade: [...COPIES_NOT_MADE].map(counted).filter((c) => c.count > 0),
    replies: REPLIES.map(counted).filter((r) => r.count > 0),
    packetsHeld: dataplane.engine.parkedCount(),
    vectors,
    elapsedMs,
    packetsPerSecond: elapsedMs > 0 ? (packetsIn * 1000) / elapsedMs : 0,
  };
}

/** in + copies made = out + dropped + held; what is missing from that sum (0 when it adds up). */
export function unaccounted(s: ReplaySummary): number {
  return s.packetsIn + s.copiesMade - s.packetsOut - s.packetsDropped - s.packetsHeld;
}

const reasonLine = (d: CountedReason) => `  ${String(d.count).padStart(10)}  ${d.node}: ${d.reason}`;

export function formatReplaySummary(s: ReplaySummary): string {
  const lines = [`packets in       ${s.packetsIn}`, `packets out      ${s.packetsOut}`, `packets dropped  ${s.packetsDropped}`];
  lines.push(...s.drops.map(reasonLine));
  if (s.copiesMade > 0) lines.push(`copies made      ${s.copiesMade}   (spray: each a packet of its own, counted in packets out)`);
  if (s.copiesNotMade.length > 0) {
    const total = s.copiesNotMade.reduce((sum, c) => sum + c.count, 0);
    lines.push(`copies not made  ${total}   (no packet lost: the vector had no free descriptor for them)`, ...s.copiesNotMade.map(reasonLine));
  }
  if (s.replies.length > 0) {
    const total = s.replies.reduce((sum, r) => sum + r.count, 0);
    lines.push(`replies          ${total}   (built in place of the packet that caused them, counted in packets out)`, ...s.replies.map(reasonLine));
  }
  if (s.packetsHeld > 0) lines.push(`packets held     ${s.packetsHeld}   (still delayed or awaiting a selection when the replay ended)`);
  const missing = unaccounted(s);
  if (missing !== 0) lines.push(`unaccounted      ${missing}   (in + copies made should equal out + dropped + held)`);
  const rate = s.packetsPerSecond >= 1e6 ? `${(s.packetsPerSecond / 1e6).toFixed(2)} Mpps` : `${(s.packetsPerSecond / 1e3).toFixed(1)} kpps`;
  lines.push(`vectors          ${s.vectors}`, `elapsed          ${s.elapsedMs.toFixed(1)} ms (${rate}, I/O included)`);
  return lines.join("\n");
}
