// What `show errors` and `show runtime` print, in VPP's layout: this engine's node counters summed
// with those of the other workers of a run (`peers`).
import { columnsRow, columnsTable, type Column } from "../format/columns.js";
import { sumCounts, sumNodes, type EngineCounters } from "../interfaces/engine-counters.js";
import { ERRORS, NODE_NAME_LIST } from "./graph-info.js";
import type { WasmEngine } from "./wasm-engine.js";

/** `show errors`: the non-zero counters with their node and reason (`all`: the zero ones too). */
export function formatErrors(engine: WasmEngine, peers: readonly EngineCounters[], all = false): string {
  const counts = sumCounts(
    engine.errorCounts(),
    peers.map((p) => p.errors),
  );
  const shown = ERRORS.filter((info) => info.id !== 0 && (all || (counts[info.id] ?? 0n) !== 0n));
  const columns: Column[] = [
    { width: 10, align: "right" },
    // Node names longer than the column (icmp6-neighbor-solicitation) widen it rather than touch the count.
    { width: Math.max(25, ...shown.map((info) => info.node.length + 1)), align: "right" },
    { width: Math.max(6, ...shown.map((info) => info.reason.length)), align: "left", gap: "   " },
    { width: 0, align: "left", gap: "  " },
  ];
  const rows = shown.map((info) => [(counts[info.id] ?? 0n).toString(), info.node, info.reason, info.kind === "drop" ? "error" : "info"]);
  return columnsTable(columns, ["Count", "Node", "Reason", "Severity"], rows).join("\n");
}

const RUNTIME_COLUMNS: readonly Column[] = [
  { width: 30, align: "left" },
  { width: 14, align: "right" },
  { width: 14, align: "right" },
  { width: 14, align: "right" },
];

/** `show runtime`: calls, packets and packets per call of every node that was called. */
export function formatRuntime(engine: WasmEngine, peers: readonly EngineCounters[]): string {
  const lines = [columnsRow(RUNTIME_COLUMNS, ["Name", "Calls", "Vectors", "Vectors/Call"])];
  sumNodes(
    engine.nodeStatistics(),
    peers.map((p) => p.nodes),
  ).forEach((s, node) => {
    if (s.calls === 0n) return;
    const perCall = Number(s.packets) / Number(s.calls);
    lines.push(columnsRow(RUNTIME_COLUMNS, [NODE_NAME_LIST[node], s.calls.toString(), s.packets.toString(), perCall.toFixed(2)]));
  });
  return lines.join("\n");
}
