// VPP's interface commands: `show interface [address] [IF ...]` (admin state, MTU and counters,
// summed over the workers of a run, in VPP's layout), `clear interfaces`, `set interface state IF
// up|down`, `create sub-interfaces IF ID [dot1q VLAN] | IF LOW-HIGH` (802.1Q, named IF.ID) and
// `delete sub-interface IF.ID` (the name stays as a plain interface: the table never shrinks).
// Interfaces a config names are created if missing; new interfaces are up (VPP's start down), host
// interfaces excepted (commands/host-interface.ts). `set interface mtu` is in interface-state.ts.
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import { CliError } from "../tokens.js";
import { noArguments } from "../registry.js";
import { fibOf } from "../../fib/fib.js";
import { InterfaceConfig, interfaceConfigOf } from "../../interfaces/interface-config.js";
import { interfaceTableOf } from "../../interfaces/interface-table.js";
import { formatAddresses, formatCounters } from "../../interfaces/show.js";
import { LOCAL_INTERFACE, type SoftwareInterface } from "../../dataplane/interfaces.js";

const VLAN_MAX = 4095;
const SUB_ID_MAX = 0xffffffff;

/** The interfaces named on the rest of the line (all when none), sorted by name as VPP lists them. */
export function selectedInterfaces(args: Arguments, { dataplane }: CliContext): SoftwareInterface[] {
  const chosen: SoftwareInterface[] = [];
  while (!args.done) {
    const column = args.column;
    const name = args.word("an interface name");
    const iface = dataplane.interfaces.find(name);
    if (!iface) throw new CliError(column, `no interface ${name}`);
    chosen.push(iface);
  }
  const list = chosen.length > 0 ? chosen : [...dataplane.interfaces.all()];
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseState(args: Arguments, { dataplane }: CliContext) {
  const nameColumn = args.column;
  const name = args.word("an interface name");
  const column = args.column;
  const word = args.word("'up' or 'down'");
  if (word !== "up" && word !== "down") throw new CliError(column, `expected 'up' or 'down', found '${word}'`);
  args.end();
  // As in VPP, the interface must exist (a config makes it by naming it in an address, a route or
  // `create host-interface`); local0 is the node itself.
  const iface = dataplane.interfaces.find(name);
  if (!iface) throw new CliError(nameColumn, `no interface ${name}`);
  if (iface.index === LOCAL_INTERFACE) throw new CliError(nameColumn, "local0 cannot be brought up: it is the node itself");
  const problem = InterfaceConfig.limitProblem(iface.index);
  if (problem) throw new CliError(nameColumn, problem);
  return () => interfaceConfigOf(dataplane.engine).setUp(iface.index, word === "up");
}

/** The sub-interfaces a `create sub-interfaces` line makes: [id, vlan] pairs. */
function parseSubIds(args: Arguments): [number, number][] {
  const column = args.column;
  const text = args.word("a sub-interface id, a range LOW-HIGH, or ID dot1q VLAN");
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    if (low < 1 || high > VLAN_MAX || low > high) throw new CliError(column, `sub-interface range ${text}: VLAN ids in 1..${VLAN_MAX}, low to high`);
    args.end();
    return Array.from({ length: high - low + 1 }, (_, k) => [low + k, low + k]);
  }
  if (!/^(\d+|0[xX][0-9a-fA-F]+)$/.test(text)) throw new CliError(column, `expected a sub-interface id, found '${text}'`);
  const id = Number(text);
  if (id > SUB_ID_MAX) throw new CliError(column, `sub-interface id ${text} is out of range 0..${SUB_ID_MAX}`);
  let vlan = id;
  if (args.accept("dot1q")) {
    vlan = args.integer("an 802.1Q VLAN id", 1, VLAN_MAX);
    args.accept("exact-match"); // one tag, matched exactly: the only kind there is here
  } else {
    const other = args.column;
    if (args.accept("dot1ad", "default", "untagged", "inner-dot1q")) throw new CliError(other, "only 802.1Q sub-interfaces (one tag) are supported");
    if (id < 1 || id > VLAN_MAX) throw new CliError(column, `sub-interface id ${id} is its VLAN id: 1..${VLAN_MAX} (or give 'dot1q VLAN')`);
  }
  args.end();
  return [[id, vlan]];
}

function parseCreateSubInterfaces(args: Arguments, { dataplane }: CliContext) {
  const nameColumn = args.column;
  const name = args.word("an interface name");
  const port = dataplane.interfaces.find(name);
  if (port?.sub) throw new CliError(nameColumn, `${name} is a sub-interface: sub-interfaces are made on a port`);
  const ids = parseSubIds(args);
  const config = interfaceConfigOf(dataplane.engine);
  for (const [id, vlan] of ids) {
    const existing = dataplane.interfaces.find(`${name}.${id}`);
    if (existing?.sub) throw new CliError(nameColumn, `${name}.${id} already exists`);
    if (port && config.subInterfaceFor(port.index, vlan) !== undefined) throw new CliError(nameColumn, `${name} already has a sub-interface for VLAN ${vlan}`);
  }
  const wouldBe = dataplane.interfaces.all().length + ids.length + (port ? 0 : 1);
  const problem = InterfaceConfig.limitProblem(wouldBe - 1);
  if (problem) throw new CliError(nameColumn, problem);
  return () => {
    const parent = dataplane.interfaces.add(name);
    return ids
      .map(([id, vlan]) => {
        const sub = dataplane.interfaces.addSubInterface(parent, id, vlan);
        config.setSubInterface(sub.index, parent.index, vlan);
        return sub.name;
      })
      .join("\n");
  };
}

function parseDeleteSubInterface(args: Arguments, { dataplane }: CliContext) {
  const column = args.column;
  const name = args.word("a sub-interface name (IF.ID)");
  args.end();
  const iface = dataplane.interfaces.find(name);
  if (!iface?.sub) throw new CliError(column, `${name} is not a sub-interface`);
  // The interface table never shrinks: the name stays, as a plain interface with nothing on it.
  const fib = fibOf(dataplane.engine);
  if (fib.addresses(iface.index).length > 0) throw new CliError(column, `${name} has addresses: delete them first (set interface ip address del ${name} all)`);
  if (fib.neighbours().some((n) => n.interfaceIndex === iface.index)) throw new CliError(column, `${name} has neighbours: delete them first`);
  return () => {
    interfaceConfigOf(dataplane.engine).deleteSubInterface(iface.index);
    iface.sub = undefined;
  };
}

export function registerInterfaceCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["show interface", "show interfaces", "show int"],
    usage: "show interface [address] [<interface> ...]",
    help: "software interfaces: admin state, MTU, rx/tx packets and bytes, drops; 'address' lists their IPv6 addresses",
    parse(args, context) {
      const addresses = args.accept("address", "addr");
      const interfaces = selectedInterfaces(args, context);
      return () => (addresses ? formatAddresses(context.dataplane, interfaces) : formatCounters(context.dataplane, context.peerCounters?.() ?? [], interfaces));
    },
  });
  registry.register({
    paths: ["clear interfaces", "clear interface", "clear hardware-interfaces"],
    usage: "clear interfaces",
    help: "zero every interface's counters",
    parse: noArguments(({ dataplane }) => interfaceTableOf(dataplane.engine).clearCounters()),
  });
  registry.register({
    paths: ["set interface state", "set int state"],
    usage: "set interface state <interface> up|down",
    help: "administratively enable or disable an interface (a down interface drops what it receives and what is sent to it)",
    parse: parseState,
  });
  registry.register({
    paths: ["create sub-interfaces", "create sub-interface"],
    usage: "create sub-interfaces <interface> <id> [dot1q <vlan> [exact-match]] | <interface> <low>-<high>",
    help: "802.1Q sub-interfaces, named <interface>.<id>: tagged frames of that VLAN are theirs, and what they send carries the tag",
    parse: parseCreateSubInterfaces,
  });
  registry.register({
    paths: ["delete sub-interface", "delete sub-interfaces"],
    usage: "delete sub-interface <interface>.<id>",
    help: "remove a sub-interface: its VLAN's frames are dropped again (unknown vlan)",
    parse: parseDeleteSubInterface,
  });
}
