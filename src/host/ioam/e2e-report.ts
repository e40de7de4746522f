// `show ioam e2e`: per IOAM flow, the encapsulator's current sequence number or the
// decapsulator's received / lost / reordered / duplicate counts, in VPP's wording.
import * as C from "../../../assembly/ioam/ioam-config.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { FlowRecord } from "../classify/model.js";

/** The sequence-number records' entry point in the engine's exports (assembly/index.ts). */
interface E2eExports {
  e2eFlowsAddress(): number;
}

export function formatE2e(engine: WasmEngine, flows: readonly FlowRecord[]): string {
  if (flows.length === 0) return "No IOAM flows (classify session ... ioam-encap|ioam-decap NAME)";
  const view = engine.memoryView();
  const base = engine.componentExports<E2eExports>(["e2eFlowsAddress"]).e2eFlowsAddress() >>> 0;
  const lines: string[] = [];
  flows.forEach((flow, index) => {
    lines.push(`Flow name: ${flow.name}`, "SeqNo Data:");
    if (index >= C.E2E_FLOWS_MAX) {
      lines.push("  (flow index beyond the sequence-number table)");
      return;
    }
    const r = base + index * C.E2E_FLOW_SIZE;
    if (!flow.decap) {
      lines.push(`  Current Seq. Number : ${view.getUint32(r + C.E2E_NEXT_SEQUENCE, true)}`);
      return;
    }
    lines.push(
      `  Highest SeqNo : ${view.getUint32(r + C.E2E_HIGHEST, true)}`,
      `  Packets received : ${view.getBigUint64(r + C.E2E_RECEIVED, true)}`,
      `  Lost packets : ${view.getBigUint64(r + C.E2E_LOST, true)}`,
      `  Reordered packets : ${view.getBigUint64(r + C.E2E_REORDERED, true)}`,
      `  Duplicate packets : ${view.getBigUint64(r + C.E2E_DUPLICATES, true)}`,
    );
  });
  return lines.join("\n");
}
