// Per-path delay statistics of exported traces (`show ioam trace-stats`), like VPP's analyse
// plugin: a path is the sequence of node ids; for each, min/mean/max of every hop and end to end.
import type { ExportedTrace } from "./trace-export.js";

interface Summary {
  count: number;
  min: number;
  max: number;
  sum: number;
}

function add(summary: Summary | undefined, value: number): Summary {
  if (!summary) return { count: 1, min: value, max: value, sum: value };
  summary.count++;
  summary.min = Math.min(summary.min, value);
  summary.max = Math.max(summary.max, value);
  summary.sum += value;
  return summary;
}

interface PathEntry {
  packets: number;
  hops: Map<string, Summary>;
  endToEnd?: Summary;
}

function microseconds(ns: number): string {
  return `${(ns / 1000).toFixed(3)} us`;
}

export class PathDelayStatistics {
  private readonly paths = new Map<string, PathEntry>();
  private packets = 0;

  add(trace: ExportedTrace): void {
    this.packets++;
    const key = trace.nodes.map((n) => `0x${n.nodeId.toString(16)}`).join(" -> ");
    const entry = this.paths.get(key) ?? { packets: 0, hops: new Map<string, Summary>() };
    entry.packets++;
    for (const hop of trace.hopDelaysNs) {
      const hopKey = `0x${hop.from.toString(16)} -> 0x${hop.to.toString(16)}`;
      entry.hops.set(hopKey, add(entry.hops.get(hopKey), hop.delayNs));
    }
    if (trace.endToEndNs !== undefined) entry.endToEnd = add(entry.endToEnd, trace.endToEndNs);
    this.paths.set(key, entry);
  }

  format(): string {
    if (this.packets === 0) return "IOAM trace statistics: no traces exported (set ioam export file PATH|stdout at the decapsulating node)";
    const lines = [`IOAM trace statistics: ${this.packets} traces, ${this.paths.size} path(s)`];
    for (const [path, entry] of this.paths) {
      lines.push(`  path ${path || "(no hops)"}: ${entry.packets} packets`);
      const row = (name: string, s: Summary) =>
        `    ${name.padEnd(24)} min ${microseconds(s.min)}  mean ${microseconds(s.sum / s.count)}  max ${microseconds(s.max)}`;
      for (const [hop, s] of entry.hops) lines.push(row(`hop ${hop}`, s));
      if (entry.endToEnd) lines.push(row("end to end", entry.endToEnd));
    }
    return lines.join("\n");
  }

  clear(): void {
    this.paths.clear();
    this.packets = 0;
  }
}
