// VPP's IPv6 routing CLI: `set interface ip address`, `set interface mac address`, `ip route`,
// `set ip neighbor` (and VPP's older `set ip6 neighbor`), `show ip fib` / `show ip6 fib`,
// `show ip neighbors` / `show ip6 neighbors`. Interfaces a config names are created if missing.
// Unlike VPP, each prefix has one path (a second, different `ip route add` is rejected rather than
// making an ECMP set) and IPv4 is refused with the column of the address.
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import type { Action } from "../registry.js";
import { CliError } from "../tokens.js";
import { fibOf, formatPath, samePath, type Fib } from "../../fib/fib.js";
import { parseMac } from "../../fib/mac.js";
import type { FibEntry, RoutePath } from "../../fib/model.js";
import { formatPrefix, ip6Prefix, parseIp6Prefix, prefixContains, type Ip6Prefix } from "../../fib/prefix.js";
import { formatFib, formatNeighbours } from "../../fib/show.js";
import { formatIp6, parseIp6 } from "../../format/ip6-address.js";
import type { InterfaceTable } from "../../dataplane/interfaces.js";
import { ip6Address, ip6PrefixArgument, looksLikeIp4, type Located } from "../ip6-arguments.js";
import { timeToNanoseconds } from "../../dataplane/dataplane.js";
import { neighbourDiscoveryOf, startNeighbourDiscovery } from "../../nd/neighbour-discovery.js";

const LINK_LOCAL = ip6Prefix(parseIp6("fe80::")!, 10);
const MULTICAST = ip6Prefix(parseIp6("ff00::")!, 8);

const prefixArgument = ip6PrefixArgument;

/** A unicast IPv6 address (not ::, not multicast). */
function unicastAddress(args: Arguments, what: string): Located<Uint8Array> {
  const address = ip6Address(args, what);
  const problem = unicastProblem(address.value);
  if (problem) throw new CliError(address.column, `${formatIp6(address.value)} is ${problem}`);
  return address;
}

function unicastProblem(address: Uint8Array): string | undefined {
  if (address.every((b) => b === 0)) return "the unspecified address";
  if (prefixContains(MULTICAST, address)) return "a multicast address";
  return undefined;
}

function macArgument(args: Arguments): Uint8Array {
  const column = args.column;
  const text = args.word("a MAC address (xx:xx:xx:xx:xx:xx or xxxx.xxxx.xxxx)");
  const mac = parseMac(text);
  if (!mac) throw new CliError(column, `expected a MAC address (xx:xx:xx:xx:xx:xx or xxxx.xxxx.xxxx), found '${text}'`);
  return mac;
}

function interfaceArgument(args: Arguments): Located<string> {
  const column = args.column;
  return { value: args.word("an interface name"), column };
}

/** The interface's index for a line that only changes existing state; a column error if it does not exist. */
function existingInterface(interfaces: InterfaceTable, name: Located<string>): number {
  const iface = interfaces.find(name.value);
  if (!iface) throw new CliError(name.column, `no interface ${name.value}`);
  return iface.index;
}

export function registerFibCommands(registry: ManycastRegistry): void {
  registry.register({
    paths: ["set interface ip address", "set int ip address"],
    usage: "set interface ip address [del] <interface> <ip6-address>/<length> | del <interface> all",
    help: "add or delete an interface's IPv6 address (a /128 local route and the connected prefix)",
    parse: parseInterfaceAddress,
  });
  registry.register({
    paths: ["set interface mac address", "set int mac address"],
    usage: "set interface mac address <interface> <mac>",
    help: "set the MAC ip6-rewrite writes as the source of frames leaving the interface",
    parse(args, { dataplane }) {
      const name = interfaceArgument(args);
      const mac = macArgument(args);
      args.end();
      return () => fibOf(dataplane.engine).setInterfaceMac(dataplane.interfaces.add(name.value).index, mac);
    },
  });
  registry.register({
    paths: ["ip route"],
    usage: "ip route [add|del] <prefix> [table 0] (via <next-hop> [<interface>] | via <interface> | drop)",
    help: "add or delete a static IPv6 route (one path per prefix)",
    parse: parseRoute,
  });
  registry.register({
    paths: ["set ip neighbor", "set ip6 neighbor"],
    usage: "set ip neighbor [del] <interface> <ip6-address> <mac> [static]",
    help: "add or delete a static IPv6 neighbour (the MAC adjacencies to it write)",
    parse: parseNeighbour,
  });
  registry.register({
    paths: ["show ip fib", "show ip6 fib"],
    usage: "show ip6 fib [<address>|<prefix>]",
    help: "the IPv6 FIB: every prefix (or the entry an address or prefix finds) and its data-path object",
    parse(args, { dataplane }) {
      let select: ((fib: Fib) => FibEntry[]) | undefined;
      if (!args.done) {
        const column = args.column;
        const text = args.word("an address or prefix");
        if (text.includes("/")) {
          const parsed = parseIp6Prefix(text);
          if (typeof parsed === "string") throw new CliError(column, parsed);
          const prefix = ip6Prefix(parsed.address, parsed.length);
          select = (fib) => [fib.entry(prefix)].filter((e) => e !== undefined);
        } else {
          const address = parseIp6(text);
          if (!address) throw new CliError(column, `expected an IPv6 address or prefix, found '${text}'`);
          select = (fib) => [fib.longestMatch(address)].filter((e) => e !== undefined);
        }
      }
      args.end();
      return () => {
        const fib = fibOf(dataplane.engine);
        return formatFib(fib, select ? select(fib) : fib.entries(), (i) => dataplane.interfaces.name(i));
      };
    },
  });
  registry.register({
    paths: ["show ip neighbors", "show ip6 neighbors", "show ip neighbor", "show ip6 neighbor"],
    usage: "show ip6 neighbors [<interface>]",
    help: "IPv6 neighbours: configured (S) and learned by neighbour discovery (D), with their age",
    parse(args, { dataplane }) {
      const only = args.done ? undefined : existingInterface(dataplane.interfaces, interfaceArgument(args));
      args.end();
      return () => formatNeighbours(fibOf(dataplane.engine), (i) => dataplane.interfaces.name(i), timeToNanoseconds(dataplane.now), only);
    },
  });
}

function parseInterfaceAddress(args: Arguments, { dataplane }: CliContext): Action {
  const fib = fibOf(dataplane.engine);
  const del = args.accept("del");
  const name = interfaceArgument(args);
  if (del && args.accept("all")) {
    args.end();
    const index = existingInterface(dataplane.interfaces, name);
    return () => fib.deleteAllAddresses(index);
  }
  const prefix = prefixArgument(args, "an IPv6 address ADDR/LEN");
  args.end();
  const { address, length } = prefix.value;
  const problem = unicastProblem(address);
  if (problem) throw new CliError(prefix.column, `${formatPrefix(prefix.value)} is ${problem}`);
  if (del) {
    const index = existingInterface(dataplane.interfaces, name);
    if (!fib.hasAddress(index, address, length)) throw new CliError(prefix.column, `${name.value} has no address ${formatPrefix(prefix.value)}`);
    return () => void fib.deleteAddress(index, address, length);
  }
  const existing = dataplane.interfaces.find(name.value);
  const conflict = fib.addressProblem(existing?.index ?? -1, address, length, (i) => dataplane.interfaces.name(i));
  if (conflict) throw new CliError(prefix.column, conflict);
  return () => {
    fib.addAddress(dataplane.interfaces.add(name.value).index, address, length);
    // An interface with an address answers and sends neighbour discovery.
    startNeighbourDiscovery(dataplane);
  };
}

/** A path as parsed, its interface still a name (created, if missing, only when the line is applied). */
type ParsedPath =
  | { kind: "via"; nextHop: Uint8Array; interfaceName?: string }
  | { kind: "attached"; interfaceName: string }
  | { kind: "drop" };

function parsePath(args: Arguments): ParsedPath {
  if (args.accept("drop")) return { kind: "drop" };
  args.expect("via");
  if (args.accept("drop")) return { kind: "drop" };
  const column = args.column;
  const target = args.peek();
  if (target !== undefined && (target.includes(":") || looksLikeIp4(target))) {
    const nextHop = unicastAddress(args, "a next-hop IPv6 address");
    const interfaceName = args.done || args.peek() === "table" ? undefined : interfaceArgument(args).value;
    if (!interfaceName && prefixContains(LINK_LOCAL, nextHop.value)) throw new CliError(column, "a link-local next hop needs an interface: via ADDR IF");
    return { kind: "via", nextHop: nextHop.value, interfaceName };
  }
  return { kind: "attached", interfaceName: interfaceArgument(args).value };
}

function resolvePath(path: ParsedPath, interfaces: InterfaceTable, create: boolean): RoutePath | undefined {
  const index = (name: string) => (create ? interfaces.add(name).index : interfaces.find(name)?.index);
  if (path.kind === "drop") return path;
  if (path.kind === "attached") {
    const interfaceIndex = index(path.interfaceName);
    return interfaceIndex === undefined ? undefined : { kind: "attached", interfaceIndex };
  }
  if (path.interfaceName === undefined) return { kind: "via", nextHop: path.nextHop };
  const interfaceIndex = index(path.interfaceName);
  return interfaceIndex === undefined ? undefined : { kind: "via", nextHop: path.nextHop, interfaceIndex };
}

function parseRoute(args: Arguments, { dataplane }: CliContext): Action {
  const fib = fibOf(dataplane.engine);
  const name = (i: number) => dataplane.interfaces.name(i);
  const del = args.accept("del");
  if (!del) args.accept("add");
  const located = prefixArgument(args, "a prefix ADDR/LEN");
  const prefix: Ip6Prefix = ip6Prefix(located.value.address, located.value.length);
  let path: Located<ParsedPath> | undefined;
  while (!args.done) {
    const column = args.column;
    if (args.accept("table")) {
      const tableColumn = args.column;
      if (args.integer("a table id") !== 0) throw new CliError(tableColumn, "only table 0 (the default table) exists");
    } else if (!path && (args.peek() === "via" || args.peek() === "drop")) {
      path = { value: parsePath(args), column };
    } else {
      args.fail(path ? "'table 0' or end of line (one path per route)" : "'via <next-hop> [<interface>]', 'via <interface>' or 'drop'");
    }
  }
  const existing = fib.staticRoute(prefix);
  if (del) {
    if (!existing) throw new CliError(located.column, `no static route ${formatPrefix(prefix)}`);
    if (path) {
      const wanted = resolvePath(path.value, dataplane.interfaces, false);
      if (!wanted || !samePath(wanted, existing.path)) throw new CliError(path.column, `${formatPrefix(prefix)} goes ${formatPath(existing.path, name)}`);
    }
    return () => void fib.deleteStaticRoute(prefix);
  }
  if (!path) args.fail("'via <next-hop> [<interface>]', 'via <interface>' or 'drop'");
  const problem = fib.staticRouteProblem(prefix, resolvePath(path.value, dataplane.interfaces, false), name);
  if (problem) throw new CliError(path.column, problem);
  const parsedPath = path.value;
  return () => fib.addStaticRoute(prefix, resolvePath(parsedPath, dataplane.interfaces, true)!);
}

function parseNeighbour(args: Arguments, { dataplane }: CliContext): Action {
  const fib = fibOf(dataplane.engine);
  const del = args.accept("del");
  const name = interfaceArgument(args);
  const address = unicastAddress(args, "the neighbour's IPv6 address");
  const mac = del && (args.done || args.peek() === "static") ? undefined : macArgument(args);
  args.accept("static"); // every neighbour configured here is static
  args.end();
  if (del) {
    const index = existingInterface(dataplane.interfaces, name);
    if (!fib.neighbour(index, address.value)) throw new CliError(address.column, `no neighbour ${formatIp6(address.value)} on ${name.value}`);
    return () => void fib.deleteNeighbour(index, address.value);
  }
  return () => {
    const index = dataplane.interfaces.add(name.value).index;
    fib.setNeighbour(index, address.value, mac!, { updatedNs: timeToNanoseconds(dataplane.now) });
    neighbourDiscoveryOf(dataplane)?.release(index, address.value);
  };
}
