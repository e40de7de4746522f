// The full VPP-compatible command table.
import { CommandRegistry } from "./registry.js";
import type { CliContext } from "./context.js";
import { registerErrorCommands } from "./commands/errors.js";
import { registerRuntimeCommands } from "./commands/runtime.js";
import { registerTraceCommands } from "./commands/trace.js";
import { registerInterfaceCommands } from "./commands/interfaces.js";
import { registerPotCommands } from "./commands/pot.js";
import { registerIoamCommands } from "./commands/ioam.js";
import { registerIoam6Commands } from "./commands/ioam6.js";
import { registerClassifyCommands } from "./commands/classify.js";
import { registerFibCommands } from "./commands/fib.js";
import { registerSrCommands } from "./commands/sr.js";
import { registerCatsEgressCommands } from "./commands/cats-egress.js";
import { registerCatsIngressCommands } from "./commands/cats-ingress.js";
import { registerTcpAffinityCommands } from "./commands/tcp-affinity.js";
import { registerNsimCommands } from "./commands/nsim.js";
import { registerManycastCommands } from "./commands/manycast.js";
import { registerInterfaceStateCommands } from "./commands/interface-state.js";
import { registerHostInterfaceCommands } from "./commands/host-interface.js";
import { registerNeighbourCommands } from "./commands/neighbours.js";
import { registerPcapTraceCommands } from "./commands/pcap-trace.js";
import { registerXconnectCommands } from "./commands/xconnect.js";

export function createRegistry(): CommandRegistry<CliContext> {
  const registry = new CommandRegistry<CliContext>();
  registerErrorCommands(registry);
  registerRuntimeCommands(registry);
  registerTraceCommands(registry);
  registerInterfaceCommands(registry);
  registerPotCommands(registry);
  registerIoamCommands(registry);
  registerIoam6Commands(registry);
  registerClassifyCommands(registry);
  registerFibCommands(registry);
  registerSrCommands(registry);
  registerCatsEgressCommands(registry);
  registerCatsIngressCommands(registry);
  registerTcpAffinityCommands(registry);
  registerNsimCommands(registry);
  registerManycastCommands(registry);
  registerInterfaceStateCommands(registry);
  registerHostInterfaceCommands(registry);
  registerNeighbourCommands(registry);
  registerPcapTraceCommands(registry);
  registerXconnectCommands(registry);
  registry.register({
    paths: ["help", "?"],
    usage: "help",
    help: "list commands",
    parse(args) {
      args.end();
      return () =>
        registry
          .commands()
          .map((c) => `  ${c.usage.padEnd(48)} ${c.help}`)
          .join("\n");
    },
  });
  return registry;
}
