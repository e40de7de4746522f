// `show errors` / `show error` / `clear errors`: the per-node counters (src/host/engine/show.ts).
import type { ManycastRegistry } from "../context.js";
import { noArguments } from "../registry.js";
import { formatErrors } from "../../engine/show.js";

export function registerErrorCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["show errors", "show error", "show node counters"],
    usage: "show errors [all]",
    help: "per-node packet counters with their reasons; 'all' also lists zero counters",
    parse(args, { dataplane, peerCounters }) {
      const all = args.accept("all", "verbose");
      args.end();
      return () => formatErrors(dataplane.engine, peerCounters?.() ?? [], all);
    },
  });
  registry.register({
    paths: ["clear errors", "clear error", "clear node counters"],
    usage: "clear errors",
    help: "zero every node counter",
    parse: noArguments(({ dataplane }) => dataplane.engine.clearErrors()),
  });
}
