// `show runtime` / `clear runtime`: per-node calls and packets, VPP's graph statistics.
import { NODE_NAME_LIST } from "../../engine/graph-info.js";
import type { ManycastRegistry } from "../context.js";
import { sumNodes } from "../../interfaces/engine-counters.js";

export function registerRuntimeCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["show runtime"],
    usage: "show runtime",
    help: "per-node calls, packets and packets per call (summed over the workers of a run)",
    parse(args, { dataplane, peerCounters }) {
      args.end();
      return () => {
        const lines = [`${"Name".padEnd(30)}${"Calls".padStart(14)}${"Vectors".padStart(14)}${"Vectors/Call".padStart(14)}`];
        sumNodes(
          dataplane.engine.nodeStatistics(),
          (peerCounters?.() ?? []).map((p) => p.nodes),
        ).forEach((s, node) => {
          if (s.calls === 0n) return;
          const perCall = Number(s.packets) / Number(s.calls);
          lines.push(
            `${NODE_NAME_LIST[node].padEnd(30)}${s.calls.toString().padStart(14)}${s.packets.toString().padStart(14)}${perCall.toFixed(2).padStart(14)}`,
          );
        });
        return lines.join("\n");
      };
    },
  });
  registry.register({
    paths: ["clear runtime"],
    usage: "clear runtime",
    help: "zero the per-node statistics",
    parse(args, { dataplane }) {
      args.end();
      return () => dataplane.engine.clearNodeStatistics();
    },
  });
}
