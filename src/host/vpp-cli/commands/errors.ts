// `show errors` / `show error` / `clear errors`: the per-node counters, in VPP's layout.
import { ERRORS } from "../../engine/graph-info.js";
import type { ManycastRegistry } from "../context.js";
import { sumCounts } from "../../interfaces/engine-counters.js";

export function registerErrorCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["show errors", "show error", "show node counters"],
    usage: "show errors [all]",
    help: "per-node packet counters with their reasons; 'all' also lists zero counters",
    parse(args, { dataplane, peerCounters }) {
      const all = args.accept("all", "verbose");
      args.end();
      return () =>
        formatErrors(
          sumCounts(
            dataplane.engine.errorCounts(),
            (peerCounters?.() ?? []).map((p) => p.errors),
          ),
          all,
        );
    },
  });
  registry.register({
    paths: ["clear errors", "clear error", "clear node counters"],
    usage: "clear errors",
    help: "zero every node counter",
    parse(args, { dataplane }) {
      args.end();
      return () => dataplane.engine.clearErrors();
    },
  });
}

export function formatErrors(counts: readonly bigint[], all = false): string {
  const shown = ERRORS.filter((info) => info.id !== 0 && (all || (counts[info.id] ?? 0n) !== 0n));
  const reasonWidth = Math.max(6, ...shown.map((info) => info.reason.length));
  // Node names longer than the column (icmp6-neighbor-solicitation) widen it rather than touch the count.
  const nodeWidth = Math.max(25, ...shown.map((info) => info.node.length + 1));
  const lines = [`${"Count".padStart(10)}${"Node".padStart(nodeWidth)}   ${"Reason".padEnd(reasonWidth)}  Severity`];
  for (const info of shown) {
    const severity = info.kind === "drop" ? "error" : "info";
    lines.push(`${(counts[info.id] ?? 0n).toString().padStart(10)}${info.node.padStart(nodeWidth)}   ${info.reason.padEnd(reasonWidth)}  ${severity}`);
  }
  return lines.join("\n");
}
