// `trace add IF|NODE N`, `show trace [max N]`, `clear trace`: VPP's packet tracer.
import { TRACE_ADD_MAX } from "../../dataplane/packet-trace.js";
import { formatTrace } from "../../dataplane/trace-format.js";
import { noArguments } from "../registry.js";
import type { ManycastRegistry } from "../context.js";

/** VPP names an input node (dpdk-input, af-packet-input, pg-input); we also accept an interface. */
export const ALL_INTERFACES = "*";

export function registerTraceCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["trace add"],
    usage: "trace add <interface>|<input-node> <count>",
    help: "trace the next <count> packets received on an interface (or on any, given an input node name)",
    parse(args, { dataplane }) {
      const where = args.word("an interface or input node name");
      const count = args.integer("packet count", 1, TRACE_ADD_MAX);
      args.end();
      const target = where.endsWith("-input") ? ALL_INTERFACES : where;
      return () => dataplane.trace.add(target, count);
    },
  });
  registry.register({
    paths: ["show trace"],
    usage: "show trace [max <n>]",
    help: "print the packets traced so far, node by node",
    parse(args, { dataplane }) {
      const max = args.accept("max") ? args.integer("maximum packets", 1) : Infinity;
      args.end();
      return () => formatTrace(dataplane.trace.tracedPackets(), dataplane.interfaces, max);
    },
  });
  registry.register({
    paths: ["clear trace"],
    usage: "clear trace",
    help: "forget traced packets and stop tracing",
    parse: noArguments(({ dataplane }) => dataplane.trace.clear()),
  });
}
