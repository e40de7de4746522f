// VPP's `set ip neighbor-config ip6 [limit N] [age S] [recycle|norecycle]` and
// `show ip neighbor-config`: the bounds and aging of the neighbours neighbour discovery learns
// (src/host/nd). The neighbours themselves are shown by `show ip6 neighbors` (commands/fib.ts).
import type { ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { noArguments } from "../registry.js";
import { startNeighbourDiscovery } from "../../nd/neighbour-discovery.js";
import { formatNeighbourConfig } from "../../nd/show.js";

const AGE_MAX = 7 * 24 * 3600;
const LIMIT_MAX = 1_000_000;

export function registerNeighbourCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set ip neighbor-config", "set ip6 neighbor-config"],
    usage: "set ip neighbor-config ip6 [limit <n>] [age <seconds>] [recycle|norecycle]",
    help: "how many dynamic IPv6 neighbours are kept, and after how long unconfirmed they are probed (age 0: never)",
    parse(args, { dataplane }) {
      if (args.peek() === "ip4") throw new CliError(args.column, "ip4: the engine has no ARP; only ip6 neighbours are learned");
      args.expect("ip6");
      let limit: number | undefined;
      let age: number | undefined;
      let recycle: boolean | undefined;
      while (!args.done) {
        if (args.accept("limit")) limit = args.integer("a neighbour count", 1, LIMIT_MAX);
        else if (args.accept("age")) age = args.integer("an age in seconds", 0, AGE_MAX);
        else if (args.accept("recycle")) recycle = true;
        else if (args.accept("norecycle")) recycle = false;
        else args.fail("'limit <n>', 'age <seconds>', 'recycle', 'norecycle' or end of line");
      }
      return () => {
        const nd = startNeighbourDiscovery(dataplane);
        if (limit !== undefined) nd.config.limit = limit;
        if (recycle !== undefined) nd.config.recycle = recycle;
        if (age !== undefined) {
          nd.config.ageSeconds = age;
          nd.reschedule();
        }
      };
    },
  });
  registry.register({
    paths: ["show ip neighbor-config", "show ip6 neighbor-config"],
    usage: "show ip neighbor-config",
    help: "the dynamic-neighbour limit and age, and what neighbour discovery did",
    parse: noArguments(({ dataplane }) => formatNeighbourConfig(startNeighbourDiscovery(dataplane))),
  });
}
