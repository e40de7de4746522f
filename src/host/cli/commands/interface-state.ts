// `set interface state IF up|down` and `set interface mtu [packet|ip6] N IF`: what the data path
// obeys on each interface (assembly/engine/interfaces.layout.ts). Kept apart from the other interface
// commands because VPP/Linux parity work (issue 15) builds the same two commands.
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
    paths: ["set interface state", "set int state"],
    usage: "set interface state <interface> up|down",
    help: "admin state: a down interface neither receives nor sends (counted as drops)",
    parse(args, { dataplane }) {
      const column = args.column;
      const name = args.word("an interface name");
      const iface = dataplane.interfaces.find(name);
      if (!iface) throw new CliError(column, `no interface ${name}`);
      if (iface.index === 0) throw new CliError(column, "local0 cannot be brought up: it is the node itself");
      if (!InterfaceTableMemory.covers(iface.index)) throw new CliError(column, `${name}: interface index ${iface.index} is beyond what the engine tracks`);
      const up = args.accept("up");
      if (!up) args.expect("down");
      args.end();
      return () => interfaceTableOf(dataplane.engine).setAdminUp(iface.index, up);
    },
  });
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
        throw new CliError(column, `${name}: Linux's MTU on ${host.linuxName} is ${linux.mtu}; raise it there first (ip link set ${host.linuxName} mtu ${mtu})`);
      }
      return () => interfaceTableOf(dataplane.engine).setMtu(iface.index, mtu);
    },
  });
}
