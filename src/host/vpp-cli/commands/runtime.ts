// `show runtime` / `clear runtime`: per-node calls and packets, VPP's graph statistics (src/host/engine/show.ts).
import type { ManycastRegistry } from "../context.js";
import { noArguments } from "../registry.js";
import { formatRuntime } from "../../engine/show.js";

export function registerRuntimeCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["show runtime"],
    usage: "show runtime",
    help: "per-node calls, packets and packets per call (summed over the workers of a run)",
    parse: noArguments(({ dataplane, peerCounters }) => formatRuntime(dataplane.engine, peerCounters?.() ?? [])),
  });
  registry.register({
    paths: ["clear runtime"],
    usage: "clear runtime",
    help: "zero the per-node statistics",
    parse: noArguments(({ dataplane }) => dataplane.engine.clearNodeStatistics()),
  });
}
