// Trace export at the decapsulating node: after every vector, the records ip6-pop-hop-by-hop left
// in the export ring become one JSON line per packet (node ids, timestamps, per-hop delays), and
// feed the per-path delay statistics of `show ioam trace-stats`.
import * as C from "../../../assembly/ioam/ioam-config.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import { formatIp6 } from "../format/ip6-address.js";
import { readHbhTraces, type HbhTrace, type TraceHop } from "./trace-reader.js";
import { ioamState } from "./ioam-state.js";
import { PathDelayStatistics } from "./path-stats.js";

export interface ExportedHop extends TraceHop {
  /** Time this hop stamped, in nanoseconds on its clock, when the trace carries timestamps. */
  timeNs?: number;
}

export interface ExportedTrace {
  time: string;
  src: string;
  dst: string;
  rxInterface: string;
  format: HbhTrace["format"];
  traceType: string;
  namespace?: number;
  overflow?: boolean;
  nodes: ExportedHop[];
  /** Delay from each hop to the next, in nanoseconds (hops without timestamps are skipped). */
  hopDelaysNs: { from: number; to: number; delayNs: number }[];
  endToEndNs?: number;
}

export type ExportSink = (line: string) => void;

const VPP_UNIT_NS = [1e9, 1e6, 1e3, 1];

/** When a hop stamped (ns), from a VPP trace's raw timestamp in the profile's unit (trace-tsp) or an RFC 9197 seconds+fraction pair. */
export function hopTimeNs(hop: TraceHop, format: HbhTrace["format"], vppPrecision: number): number | undefined {
  if (format === "vpp") return hop.timestamp === undefined ? undefined : hop.timestamp * VPP_UNIT_NS[vppPrecision];
  if (hop.timestampSec === undefined) return undefined;
  return hop.timestampSec * 1e9 + (hop.timestampFrac ?? 0) * 1e3;
}

export function exportedTraces(dataplane: Dataplane): ExportedTrace[] {
  const engine = dataplane.engine;
  const view = engine.memoryView();
  const state = ioamState(dataplane);
  const precision = state.vppProfile?.precision ?? 0;
  const memory = engine.memory;
  const out: ExportedTrace[] = [];
  for (const r of state.exportRecords()) {
    const sec = view.getUint32(r + C.EXPORT_RECORD_TS_SEC, true) + view.getUint32(r + C.EXPORT_RECORD_TS_SEC + 4, true) * 2 ** 32;
    const nsec = view.getUint32(r + C.EXPORT_RECORD_TS_NSEC, true);
    const hbhLength = view.getUint16(r + C.EXPORT_RECORD_HBH_LENGTH, true);
    const hbh = memory.subarray(r + C.EXPORT_RECORD_HBH, r + C.EXPORT_RECORD_HBH + hbhLength);
    for (const trace of readHbhTraces(hbh)) {
      const nodes: ExportedHop[] = trace.hops.map((h) => ({ ...h, timeNs: hopTimeNs(h, trace.format, precision) }));
      const stamped = nodes.filter((n) => n.timeNs !== undefined);
      const hopDelaysNs = stamped.slice(1).map((n, k) => ({ from: stamped[k].nodeId, to: n.nodeId, delayNs: n.timeNs! - stamped[k].timeNs! }));
      out.push({
        time: new Date(sec * 1000 + Math.floor(nsec / 1e6)).toISOString(),
        src: formatIp6(memory, r + C.EXPORT_RECORD_SRC),
        dst: formatIp6(memory, r + C.EXPORT_RECORD_DST),
        rxInterface: dataplane.interfaces.name(view.getUint16(r + C.EXPORT_RECORD_RX_IF, true)),
        format: trace.format,
        traceType: `0x${trace.traceType.toString(16)}`,
        namespace: trace.namespace,
        overflow: trace.overflow,
        nodes,
        hopDelaysNs,
        endToEndNs: stamped.length > 1 ? stamped[stamped.length - 1].timeNs! - stamped[0].timeNs! : undefined,
      });
    }
  }
  return out;
}

/** Starts draining the export ring after every vector into `sink` and the path statistics. */
export function startTraceExport(dataplane: Dataplane, sink: ExportSink, stats: PathDelayStatistics): void {
  const state = ioamState(dataplane);
  const alreadyDraining = state.exporting;
  state.exportSink = sink;
  state.startExport();
  if (alreadyDraining) return;
  dataplane.onVector(() => {
    if (!state.exporting) return;
    for (const trace of exportedTraces(dataplane)) {
      stats.add(trace);
      state.exportSink?.(JSON.stringify(trace));
    }
    state.clearExportCount();
  });
}
