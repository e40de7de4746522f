// `set interface mtu [packet|ip6] N IF`: the largest L3 packet interface-output sends on an
// interface (assembly/engine/interface.layout.ts); for a host interface, no more than Linux's MTU.
import type { ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { interfaceTableOf, InterfaceTableMemory } from "../../interfaces/interface-table.js";
import { hostInterfacesOf } from "../../interfaces/host-interfaces.js";
import { BUFFER_DATA_CAPACITY } from "../../../../assembly/engine/descriptor.layout.js";

// IPv6 needs 1280 (RFC 8200 §5); a frame must fit a packet buffer with its link header.
const MTU_MIN = 1280;
const MTU_MAX = 9216;

export function registerInterfaceStateCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set interface mtu", "set int mtu"],
    usage: "set interface mtu [packet|ip6] <1280-9216> <interface>",
    help: "largest L3 packet the interface sends; longer ones are dropped at output (packet and ip6 are one MTU here)",
    parse(args, context) {
      const { dataplane } = context;
      if (!args.accept("packet", "ip6") && (args.peek() === "ip4" || args.peek() === "mpls")) {
        throw new CliError(args.column, `${args.peek()} MTUs are not supported: the engine forwards IPv6 (use 'packet' or 'ip6')`);
      }
      const mtu = args.integer("MTU", MTU_MIN, Math.min(MTU_MAX, BUFFER_DATA_CAPACITY));
      const column = args.column;
      const name = args.word("an interface name");
      args.end();
      const iface = dataplane.interfaces.find(name);
      if (!iface || !InterfaceTableMemory.covers(iface.index)) throw new CliError(column, `no interface ${name}`);
      const host = hostInterfacesOf(dataplane).get(iface.index);
      const linux = host && context.hostIo?.inspect(host.linuxName);
      if (host && linux && mtu > linux.mtu) {
        throw new CliError(
          column,
          `${name}: Linux's MTU on ${host.linuxName} is ${linux.mtu}; raise it there first (ip link set ${host.linuxName} mtu ${mtu})`,
        );
      }
      return () => interfaceTableOf(dataplane.engine).setMtu(iface.index, mtu);
    },
  });
}
