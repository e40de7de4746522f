// The network delay simulator in VPP's CLI: `set nsim delay <t> [jitter <t>] [bandwidth ..]
// [packet-size ..]` sets the current parameters (VPP's form), `nsim output-feature enable-disable
// <if> [disable]` applies them to an interface's output, and our shorter `set nsim delay <t> ...
// interface <if>` does both at once. Times are milliseconds unless a unit follows.
import { noArguments } from "../registry.js";
import type { ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { parseDuration } from "../readers.js";
import { NsimState, nsimState, type NsimParameters } from "../../nsim/nsim-state.js";
import { formatNsim } from "../../nsim/show.js";

const MAX_DELAY_NS = 60e9;

function checkedInterface(name: string, index: number, column: number): number {
  if (index > NsimState.maxInterfaceIndex)
    throw new CliError(column, `interface ${name} (index ${index}) is past the ${NsimState.maxInterfaceIndex + 1} interfaces nsim serves`);
  return index;
}

export function registerNsimCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set nsim delay"],
    usage: "set nsim delay <time> [ms|us|s] [jitter <time>] [bandwidth <n> <unit>] [packet-size <n>] [interface <if>]",
    help: "delay packets leaving an interface (VPP nsim); without 'interface' sets the parameters 'nsim output-feature' applies",
    parse(args, { dataplane }) {
      const delayColumn = args.column;
      const delayNs = parseDuration(args, "delay", "ms", MAX_DELAY_NS);
      const parameters: NsimParameters = { delayNs, jitterNs: 0 };
      let target: { name: string; column: number } | undefined;
      while (!args.done) {
        if (args.accept("jitter")) {
          const column = args.column;
          parameters.jitterNs = parseDuration(args, "jitter", "ms", MAX_DELAY_NS);
          if (parameters.jitterNs > delayNs) throw new CliError(column, "jitter larger than the delay would send packets back in time");
        } else if (args.accept("bandwidth")) {
          const amount = args.word("bandwidth");
          parameters.bandwidth = `${amount} ${args.word("bandwidth unit (gbit, mbit, kbit, gbyte, ...)")}`;
        } else if (args.accept("packet-size")) args.integer("packet size", 1, 65535);
        else if (args.accept("interface")) target = { column: args.column, name: args.word("an interface name") };
        else args.fail("jitter, bandwidth, packet-size or interface");
      }
      if (delayNs === 0) throw new CliError(delayColumn, "a delay of 0 disables nothing: use 'nsim output-feature enable-disable <if> disable'");
      const state = nsimState(dataplane);
      if (!target) {
        return () => {
          state.current = parameters;
        };
      }
      const { name, column } = target;
      return () => {
        const index = checkedInterface(name, dataplane.interfaces.add(name).index, column);
        state.current = parameters;
        state.apply(index, parameters);
      };
    },
  });
  registry.register({
    paths: ["nsim output-feature enable-disable"],
    usage: "nsim output-feature enable-disable <if> [disable]",
    help: "delay (or stop delaying) packets leaving <if> with the current 'set nsim delay' parameters",
    parse(args, { dataplane }) {
      const column = args.column;
      const name = args.word("an interface name");
      const disable = args.accept("disable");
      args.end();
      const state = nsimState(dataplane);
      if (!disable && !state.current) throw new CliError(column, "set the delay first: 'set nsim delay <time>'");
      return () => {
        const index = checkedInterface(name, dataplane.interfaces.add(name).index, column);
        state.apply(index, disable ? undefined : state.current);
      };
    },
  });
  registry.register({
    paths: ["show nsim"],
    usage: "show nsim",
    help: "the delay simulator's parameters per interface and the packets it holds",
    parse: noArguments(({ dataplane }) => formatNsim(nsimState(dataplane), dataplane)),
  });
}
