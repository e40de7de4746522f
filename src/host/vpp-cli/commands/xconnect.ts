// VPP's `set interface l2 xconnect <interface> <peer>` and `set interface l3 <interface>`, and
// `show mode`: the engine's bump in the wire (what it passes through unrouted: no FIB, non-IP
// frames) leaves by the peer instead of the receiving interface, so two interfaces make a wire.
// Unlike VPP's L2 cross-connect the frames still go through the engine's IPv6 input checks and any
// configured feature (ACL, IOAM); with a FIB configured, routed packets follow their routes.
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import type { Action } from "../registry.js";
import { CliError } from "../tokens.js";
import { interfaceTableOf, InterfaceTableMemory } from "../../interfaces/interface-table.js";
import { formatModes } from "../../interfaces/show.js";
import { selectedInterfaces } from "./interfaces.js";

function existing(args: Arguments, { dataplane }: CliContext): number {
  const column = args.column;
  const name = args.word("an interface name");
  const iface = dataplane.interfaces.find(name);
  if (!iface || !InterfaceTableMemory.covers(iface.index)) throw new CliError(column, `no interface ${name}`);
  if (iface.index === 0) throw new CliError(column, "local0 carries no frames");
  return iface.index;
}

/** `<interface> <peer>` cross-connects; `<interface>` alone (set interface l3) sends back out of itself. */
function parseXconnect(args: Arguments, context: CliContext, withPeer: boolean): Action {
  const rx = existing(args, context);
  const tx = withPeer ? existing(args, context) : undefined;
  args.end();
  return () => interfaceTableOf(context.dataplane.engine).setXconnect(rx, tx);
}

export function registerXconnectCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set interface l2 xconnect", "set int l2 xconnect"],
    usage: "set interface l2 xconnect <interface> <peer-interface>",
    help: "what the engine passes through unrouted from <interface> leaves by <peer-interface> (one direction)",
    parse: (args, context) => parseXconnect(args, context, true),
  });
  registry.register({
    paths: ["set interface l3", "set int l3"],
    usage: "set interface l3 <interface>",
    help: "undo an l2 xconnect: unrouted packets go back out of the interface they came in on",
    parse: (args, context) => parseXconnect(args, context, false),
  });
  registry.register({
    paths: ["show mode"],
    usage: "show mode [<interface> ...]",
    help: "each interface's mode: l3, or l2 xconnect and its peer",
    parse(args, context) {
      const interfaces = selectedInterfaces(args, context);
      return () => formatModes(context.dataplane, interfaces);
    },
  });
}
