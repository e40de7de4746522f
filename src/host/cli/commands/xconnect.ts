// VPP's `set interface l2 xconnect <interface> <peer>` and `set interface l3 <interface>`, and
// `show mode`: the engine's bump in the wire (what it passes through unrouted: no FIB, non-IP
// frames) leaves by the peer instead of the receiving interface, so two interfaces make a wire.
// Unlike VPP's L2 cross-connect the frames still go through the engine's IPv6 input checks and any
// configured feature (ACL, IOAM); with a FIB configured, routed packets follow their routes.
import type { ManycastRegistry } from "../context.js";
import type { Arguments } from "../arguments.js";
import type { CliContext } from "../context.js";
import { CliError } from "../tokens.js";
import { interfaceTableOf, InterfaceTableMemory } from "../../interfaces/interface-table.js";
import { selectedInterfaces } from "./interfaces.js";

function existing(args: Arguments, { dataplane }: CliContext): number {
  const column = args.column;
  const name = args.word("an interface name");
  const iface = dataplane.interfaces.find(name);
  if (!iface || !InterfaceTableMemory.covers(iface.index)) throw new CliError(column, `no interface ${name}`);
  if (iface.index === 0) throw new CliError(column, "local0 carries no frames");
  return iface.index;
}

export function registerXconnectCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set interface l2 xconnect", "set int l2 xconnect"],
    usage: "set interface l2 xconnect <interface> <peer-interface>",
    help: "what the engine passes through unrouted from <interface> leaves by <peer-interface> (one direction)",
    parse(args, context) {
      const rx = existing(args, context);
      const tx = existing(args, context);
      args.end();
      return () => interfaceTableOf(context.dataplane.engine).setXconnect(rx, tx);
    },
  });
  registry.register({
    paths: ["set interface l3", "set int l3"],
    usage: "set interface l3 <interface>",
    help: "undo an l2 xconnect: unrouted packets go back out of the interface they came in on",
    parse(args, context) {
      const rx = existing(args, context);
      args.end();
      return () => interfaceTableOf(context.dataplane.engine).setXconnect(rx, undefined);
    },
  });
  registry.register({
    paths: ["show mode"],
    usage: "show mode [<interface> ...]",
    help: "each interface's mode: l3, or l2 xconnect and its peer",
    parse(args, context) {
      const interfaces = selectedInterfaces(args, context);
      return () => {
        const table = interfaceTableOf(context.dataplane.engine);
        return interfaces
          .filter((i) => i.index !== 0)
          .map((i) => {
            const peer = table.xconnect(i.index);
            return peer === undefined ? `l3 ${i.name}` : `l2 xconnect ${i.name} ${context.dataplane.interfaces.name(peer)}`;
          })
          .join("\n");
      };
    },
  });
}
