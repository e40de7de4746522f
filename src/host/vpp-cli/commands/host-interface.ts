// VPP's af_packet commands: `create host-interface name IFNAME [hw-addr MAC] [qdisc-bypass-disable]`
// makes `host-IFNAME` (down until `set interface state ... up`, as in VPP), `set interface rx-mode`,
// and `show hardware-interfaces`. Under `manycast run` the Linux interface must exist and its packet
// socket is opened while the line is parsed, so a line that cannot work is refused with its column;
// under replay the interface is a name with a MAC and an MTU, so the same config runs there.
import type { CliContext, ManycastRegistry } from "../context.js";
import type { Arguments } from "../arguments.js";
import type { Action } from "../registry.js";
import { CliError } from "../tokens.js";
import { parseMac } from "../../fib/mac.js";
import { fibOf } from "../../fib/fib.js";
import { interfaceTableOf, InterfaceTableMemory } from "../../interfaces/interface-table.js";
import { interfaceConfigOf } from "../../interfaces/interface-config.js";
import {
  DEFAULT_ETHERNET_MTU,
  HOST_INTERFACE_PREFIX,
  hostInterfaceMac,
  hostInterfacesOf,
  type HostInterface,
  type PreparedHostInterface,
  type RxMode,
} from "../../interfaces/host-interfaces.js";
import { selectedInterfaces } from "./interfaces.js";
import { formatHardwareInterfaces } from "../../interfaces/show.js";

// Linux interface names: at most IFNAMSIZ - 1 octets, no '/', no whitespace (dev_valid_name()).
const LINUX_NAME = /^[^/\s:]{1,15}$/;

export function registerHostInterfaceCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["create host-interface"],
    usage: "create host-interface name <linux-interface> [hw-addr <mac>] [qdisc-bypass-disable]",
    help: "bind a Linux interface through an AF_PACKET socket as host-<linux-interface> (created down)",
    parse: parseCreate,
  });
  registry.register({
    paths: ["set interface rx-mode", "set int rx-mode"],
    usage: "set interface rx-mode <interface> [queue 0] interrupt|polling|adaptive",
    help: "interrupt: sleep until the socket has frames (idle costs nothing); polling: busy-poll the socket",
    parse(args, context) {
      const column = args.column;
      const name = args.word("an interface name");
      const host = hostInterfaceNamed(context, name, column);
      if (args.accept("queue")) args.integer("a queue number", 0, 0);
      let mode: RxMode;
      if (args.accept("polling")) mode = "polling";
      else if (args.accept("interrupt", "adaptive"))
        mode = "interrupt"; // adaptive: interrupt when idle, which is what interrupt mode does here
      else args.fail("'interrupt', 'polling' or 'adaptive'");
      args.end();
      return () => {
        host.rxMode = mode;
        context.hostIo?.setRxMode(host.swIfIndex, mode);
      };
    },
  });
  registry.register({
    paths: ["show hardware-interfaces", "show hardware", "show hardware-interface"],
    usage: "show hardware-interfaces [brief] [<interface> ...]",
    help: "each interface's link, MAC and, for host interfaces, the packet socket and its rings",
    parse(args, context) {
      const brief = args.accept("brief");
      const interfaces = selectedInterfaces(args, context);
      return () => formatHardwareInterfaces(context.dataplane, context.hostIo, interfaces, brief);
    },
  });
}

function hostInterfaceNamed(context: CliContext, name: string, column: number): HostInterface {
  const iface = context.dataplane.interfaces.find(name);
  const host = iface && hostInterfacesOf(context.dataplane).get(iface.index);
  if (!host) throw new CliError(column, iface ? `${name} is not a host interface` : `no interface ${name}`);
  return host;
}

function parseCreate(args: Arguments, context: CliContext): Action {
  const { dataplane } = context;
  args.accept("v3"); // the only ring version here; VPP's `v2` is refused below as an unknown word
  args.expect("name");
  const nameColumn = args.column;
  const linuxName = args.word("a Linux interface name");
  if (!LINUX_NAME.test(linuxName))
    throw new CliError(nameColumn, `'${linuxName}' is not a Linux interface name (at most 15 characters, no '/', ':' or spaces)`);
  let hwAddress: Uint8Array | undefined;
  let qdiscBypass = true;
  while (!args.done) {
    if (args.accept("hw-addr")) {
      const column = args.column;
      const text = args.word("a MAC address");
      hwAddress = parseMac(text);
      if (!hwAddress) throw new CliError(column, `expected a MAC address (xx:xx:xx:xx:xx:xx or xxxx.xxxx.xxxx), found '${text}'`);
      if (hwAddress[0] & 1) throw new CliError(column, `${text} is a multicast MAC address`);
    } else if (args.accept("qdisc-bypass-disable")) {
      qdiscBypass = false;
    } else {
      args.fail("'hw-addr <mac>', 'qdisc-bypass-disable' or end of line");
    }
  }
  const swName = `${HOST_INTERFACE_PREFIX}${linuxName}`;
  const hosts = hostInterfacesOf(dataplane);
  if (hosts.byLinuxName(linuxName)) throw new CliError(nameColumn, `${swName} already exists`);
  const index = dataplane.interfaces.find(swName)?.index ?? dataplane.interfaces.all().length;
  if (!InterfaceTableMemory.covers(index)) throw new CliError(nameColumn, `${swName}: interface index ${index} is beyond what the engine tracks`);
  // Live: the Linux interface must exist and its socket open now, so the line fails here if not.
  let prepared: PreparedHostInterface | undefined;
  if (context.hostIo) {
    const result = context.hostIo.prepare(linuxName, { qdiscBypass });
    if (typeof result === "string") throw new CliError(nameColumn, result);
    prepared = result;
  }
  const mac = hwAddress ?? hostInterfaceMac(linuxName);
  return () => {
    dataplane.interfaces.add(swName);
    const host: HostInterface = { swIfIndex: index, linuxName, hwAddress: mac, rxMode: "interrupt", qdiscBypass };
    hosts.add(host);
    fibOf(dataplane.engine).setInterfaceMac(index, mac);
    interfaceConfigOf(dataplane.engine).setUp(index, false);
    interfaceTableOf(dataplane.engine).setMtu(index, prepared?.linux.mtu ?? DEFAULT_ETHERNET_MTU);
    prepared?.attach(index, host);
    return swName;
  };
}
