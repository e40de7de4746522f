// Pushes captured frames through a data plane, vector by vector; browser-safe (the caller owns I/O).
import type { Dataplane, Frame } from "./dataplane/dataplane.js";
import type { VectorSource } from "./dataplane/vector-io.js";
import { ERRORS } from "./engine/graph-info.js";
import { ERR_OUTPUT_TRANSMITTED, ERR_RX_PACKETS, ERR_RX_TOO_BIG } from "../../assembly/graph/graph.layout.js";

export interface ReplaySummary {
  packetsIn: number;
  packetsOut: number;
  packetsDropped: number;
  drops: { node: string; reason: string; count: number }[];
  vectors: number;
  elapsedMs: number;
  packetsPerSecond: number;
}

/** Frames of a VectorSource through a data plane, a vector per engine call, then held work to its end. */
export function replayVectors(dataplane: Dataplane, source: VectorSource, onProgress?: (framesDone: number) => void): ReplaySummary {
  return measure(dataplane, () => {
    for (;;) {
      const n = dataplane.pump(source, PROGRESS_EVERY);
      onProgress?.(Number(dataplane.engine.errorCounts()[ERR_RX_PACKETS]));
      if (source.ended || n === 0) break;
    }
  });
}

/** Frames that live in JavaScript, one at a time (Dataplane.receive): the adapter for callers without a source. */
export function replayFrames(
  dataplane: Dataplane,
  interfaceName: string,
  frames: Iterable<Frame>,
  onProgress?: (framesDone: number) => void,
): ReplaySummary {
  return measure(dataplane, () => {
    let done = 0;
    for (const frame of frames) {
      dataplane.receive(interfaceName, frame);
      if (++done % PROGRESS_EVERY === 0) onProgress?.(done);
    }
  });
}

const PROGRESS_EVERY = 65536;

function measure(dataplane: Dataplane, feed: () => void): ReplaySummary {
  const before = dataplane.engine.errorCounts();
  const vectorsBefore = dataplane.vectors;
  const started = performance.now();
  feed();
  // What the graph still holds when the capture ends (delayed packets, selections waiting for
  // their deadline) finishes at its own engine time, as it would on a live link.
  dataplane.drain();
  const elapsedMs = performance.now() - started;
  const after = dataplane.engine.errorCounts();
  const delta = (id: number) => Number(after[id] - before[id]);
  const drops = ERRORS.filter((e) => e.kind === "drop" && delta(e.id) > 0).map((e) => ({
    node: e.node,
    reason: e.reason,
    count: delta(e.id),
  }));
  // Every frame is either received (device-input counts it) or refused for its size.
  const packetsIn = delta(ERR_RX_PACKETS) + delta(ERR_RX_TOO_BIG);
  return {
    packetsIn,
    packetsOut: delta(ERR_OUTPUT_TRANSMITTED),
    packetsDropped: drops.reduce((sum, d) => sum + d.count, 0),
    drops,
    vectors: dataplane.vectors - vectorsBefore,
    elapsedMs,
    packetsPerSecond: elapsedMs > 0 ? (packetsIn * 1000) / elapsedMs : 0,
  };
}

export function formatReplaySummary(s: ReplaySummary): string {
  const lines = [
    `packets in       ${s.packetsIn}`,
    `packets out      ${s.packetsOut}`,
    `packets dropped  ${s.packetsDropped}`,
  ];
  for (const d of s.drops) lines.push(`  ${String(d.count).padStart(10)}  ${d.node}: ${d.reason}`);
  const rate = s.packetsPerSecond >= 1e6 ? `${(s.packetsPerSecond / 1e6).toFixed(2)} Mpps` : `${(s.packetsPerSecond / 1e3).toFixed(1)} kpps`;
  lines.push(`vectors          ${s.vectors}`, `elapsed          ${s.elapsedMs.toFixed(1)} ms (${rate}, I/O included)`);
  return lines.join("\n");
}
