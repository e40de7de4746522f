// The network delay from this ingress to each egress, measured by IOAM: traced packets carry the
// ingress's and the egress's timestamps, the egress (the decapsulating IOAM node) exports the trace
// (src/host/ioam/trace-export.ts), and the trace's end-to-end delay is credited to its last node id,
// the egress's. A smoothed mean (EWMA with gain 1/8, as TCP smooths its RTT) follows changes without
// jumping on one slow packet. A delay set by hand (CLI) overrides the measurement.
import type { ExportedTrace } from "../ioam/trace-export.js";

const GAIN = 1 / 8;

export interface DelayEstimate {
  delayNs: number;
  samples: number;
  source: "ioam" | "manual";
}

export class NetworkDelays {
  private readonly measured = new Map<number, DelayEstimate>();
  private readonly manual = new Map<number, number>();

  /** Credits a trace's end-to-end delay to its last node; traces from other ingresses are skipped. */
  observeTrace(trace: Pick<ExportedTrace, "nodes" | "endToEndNs">, ingressNodeId?: number): number | undefined {
    const nodes = trace.nodes;
    if (trace.endToEndNs === undefined || nodes.length < 2) return undefined;
    if (ingressNodeId !== undefined && nodes[0].nodeId !== ingressNodeId) return undefined;
    const egress = nodes[nodes.length - 1].nodeId;
    this.record(egress, trace.endToEndNs);
    return egress;
  }

  record(nodeId: number, delayNs: number): void {
    const previous = this.measured.get(nodeId);
    const delay = previous ? previous.delayNs + GAIN * (delayNs - previous.delayNs) : delayNs;
    this.measured.set(nodeId, { delayNs: delay, samples: (previous?.samples ?? 0) + 1, source: "ioam" });
  }

  setManual(nodeId: number, delayNs: number | undefined): void {
    if (delayNs === undefined) this.manual.delete(nodeId);
    else this.manual.set(nodeId, delayNs);
  }

  delayOf(nodeId: number): DelayEstimate | undefined {
    const manual = this.manual.get(nodeId);
    if (manual !== undefined) return { delayNs: manual, samples: 0, source: "manual" };
    return this.measured.get(nodeId);
  }
}
