// Pushes captured frames through a data plane, vector by vector; browser-safe (the caller owns I/O).
import type { Dataplane, Frame } from "./dataplane/dataplane.js";
import { ERRORS } from "./engine/graph-info.js";
import { ERR_OUTPUT_TRANSMITTED } from "../../assembly/graph/graph.layout.js";

export interface ReplaySummary {
  packetsIn: number;
  packetsOut: number;
  packetsDropped: number;
  drops: { node: string; reason: string; count: number }[];
  vectors: number;
  elapsedMs: number;
  packetsPerSecond: number;
}

export function replayFrames(
  dataplane: Dataplane,
  interfaceName: string,
  frames: Iterable<Frame>,
  onProgress?: (framesDone: number) => void,
): ReplaySummary {
  const before = dataplane.engine.errorCounts();
  const vectorsBefore = dataplane.vectors;
  const started = performance.now();
  let done = 0;
  for (const frame of frames) {
    dataplane.receive(interfaceName, frame);
    if ((++done & 0xffff) === 0) onProgress?.(done);
  }
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
  const packetsIn = done;
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
