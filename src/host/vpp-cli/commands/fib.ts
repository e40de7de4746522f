// VPP's IPv6 routing CLI: `set interface ip address`, `set interface mac address`, `ip route` (one
// or more paths, weights, a second add adding paths), `ip6 table add|del`, `set interface ip6
// table`, `set ip6 flow-hash`, `set ip neighbor` (and VPP's older `set ip6 neighbor`), `show ip fib`
// / `show ip6 fib [table N]`, `show ip neighbors` / `show ip6 neighbors`. Interfaces a config names
// are created if missing; IPv4 is refused with the column of the address.
import type { Arguments } from "../arguments.js";
import type { CliContext, ManycastRegistry } from "../context.js";
import type { Action } from "../registry.js";
import { CliError } from "../tokens.js";
import { DEFAULT_TABLE, fibOf, formatPath, samePath, type Fib } from "../../fib/fib.js";
import { InterfaceConfig } from "../../interfaces/interface-config.js";
import { srv6Of } from "../../srv6/srv6.js";
import type { FibEntry, RoutePath } from "../../fib/model.js";
import { formatPrefix, ip6Prefix, parseIp6Prefix, prefixContains, type Ip6Prefix } from "../../fib/prefix.js";
import { FLOW_HASH_FIELDS, formatFibTables, formatNeighbours } from "../../fib/show.js";
import { formatIp6, parseIp6 } from "../../format/ip6-address.js";
import type { InterfaceTable } from "../../dataplane/interfaces.js";
import { interfaceArgument, ip6PrefixArgument as prefixArgument, looksLikeIp4, macArgument, unicastAddress, unicastProblem, type Located } from "../readers.js";
import { timeToNanoseconds } from "../../dataplane/dataplane.js";
import { neighbourDiscoveryOf, startNeighbourDiscovery } from "../../nd/neighbour-discovery.js";

const LINK_LOCAL = ip6Prefix(parseIp6("fe80::")!, 10);
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
    usage: "ip route [add|del] <prefix> [table <id>] (via <next-hop> [<interface>] [weight <n>] | via <interface> [weight <n>])... | drop",
    help: "add or delete a static IPv6 route or some of its paths (a second add adds paths; flows share the paths by weight)",
    parse: parseRoute,
  });
  registry.register({
    paths: ["ip6 table"],
    usage: "ip6 table [add|del] <id>",
    help: "make or remove an IPv6 table (VPP's VRF): interfaces, routes and End.DT6 SIDs name it",
    parse: parseTable,
  });
  registry.register({
    paths: ["set interface ip6 table", "set int ip6 table"],
    usage: "set interface ip6 table <interface> <id>",
    help: "the IPv6 table packets received on the interface are looked up in (before its addresses are set)",
    parse: parseInterfaceTable,
  });
  registry.register({
    paths: ["set ip6 flow-hash", "set ip flow-hash"],
    usage: "set ip6 flow-hash table <id> [src] [dst] [sport] [dport] [proto]",
    help: "the fields a table's multi-path routes hash to give each flow its path (default: all five)",
    parse: parseFlowHash,
  });
  registry.register({
    paths: ["set ip neighbor", "set ip6 neighbor"],
    usage: "set ip neighbor [del] <interface> <ip6-address> <mac> [static]",
    help: "add or delete a static IPv6 neighbour (the MAC adjacencies to it write)",
    parse: parseNeighbour,
  });
  registry.register({
    paths: ["show ip fib", "show ip6 fib"],
    usage: "show ip6 fib [table <id>] [<address>|<prefix>]",
    help: "an IPv6 FIB: every prefix (or the entry an address or prefix finds) and its data-path object, a load balance's paths",
    parse(args, { dataplane }) {
      const fibOfEngine = fibOf(dataplane.engine);
      let table: number | undefined;
      let select: ((fib: Fib, table: number) => FibEntry[]) | undefined;
      while (!args.done) {
        if (args.accept("table")) {
          table = tableArgument(args, fibOfEngine);
          continue;
        }
        const column = args.column;
        const text = args.word("'table N', an address or a prefix");
        if (text.includes("/")) {
          const parsed = parseIp6Prefix(text);
          if (typeof parsed === "string") throw new CliError(column, parsed);
          const prefix = ip6Prefix(parsed.address, parsed.length);
          select = (fib, t) => [fib.entry(prefix, t)].filter((e) => e !== undefined);
        } else {
          const address = parseIp6(text);
          if (!address) throw new CliError(column, `expected an IPv6 address or prefix, found '${text}'`);
          select = (fib, t) => [fib.longestMatch(address, t)].filter((e) => e !== undefined);
        }
      }
      return () => formatFibTables(fibOf(dataplane.engine), table, select, (i) => dataplane.interfaces.name(i));
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
  { kind: "via"; nextHop: Uint8Array; interfaceName?: string; weight: number } | { kind: "attached"; interfaceName: string; weight: number } | { kind: "drop" };

const MAX_WEIGHT = 0xffffffff;

/** `via NH [IF] [weight W]`, `via IF [weight W]` or `drop`, `via` already read for the first two. */
function parseVia(args: Arguments): ParsedPath {
  if (args.accept("drop")) return { kind: "drop" };
  const column = args.column;
  const target = args.peek();
  let path: ParsedPath;
  if (target !== undefined && (target.includes(":") || looksLikeIp4(target))) {
    const nextHop = unicastAddress(args, "a next-hop IPv6 address");
    const named = !args.done && !["table", "via", "weight", "drop"].includes(args.peek()!);
    const interfaceName = named ? interfaceArgument(args).value : undefined;
    if (!interfaceName && prefixContains(LINK_LOCAL, nextHop.value)) throw new CliError(column, "a link-local next hop needs an interface: via ADDR IF");
    path = { kind: "via", nextHop: nextHop.value, interfaceName, weight: 1 };
  } else {
    path = { kind: "attached", interfaceName: interfaceArgument(args).value, weight: 1 };
  }
  while (!args.done) {
    const at = args.column;
    if (args.accept("weight")) path.weight = args.integer("a path weight", 1, MAX_WEIGHT);
    else if (args.accept("preference", "resolve-via-host", "resolve-via-connected", "ip6-lookup-in-table", "out-labels", "udp-encap-id")) {
      throw new CliError(at, "path options other than 'weight' are not supported");
    } else break;
  }
  return path;
}

function resolvePath(path: ParsedPath, interfaces: InterfaceTable, create: boolean): RoutePath | undefined {
  const index = (name: string) => (create ? interfaces.add(name).index : interfaces.find(name)?.index);
  if (path.kind === "drop") return path;
  if (path.kind === "attached") {
    const interfaceIndex = index(path.interfaceName);
    return interfaceIndex === undefined ? undefined : { kind: "attached", interfaceIndex, weight: path.weight };
  }
  if (path.interfaceName === undefined) return { kind: "via", nextHop: path.nextHop, weight: path.weight };
  const interfaceIndex = index(path.interfaceName);
  return interfaceIndex === undefined ? undefined : { kind: "via", nextHop: path.nextHop, interfaceIndex, weight: path.weight };
}

/** `table N`: a table that exists (`ip6 table add N` makes the others). */
function tableArgument(args: Arguments, fib: Fib): number {
  const column = args.column;
  const id = args.integer("a table id", 0, TABLE_ID_MAX);
  if (!fib.table(id)) throw new CliError(column, `no IPv6 table ${id}: ip6 table add ${id} first`);
  return id;
}

const TABLE_ID_MAX = 0xffffffff;

function parseRoute(args: Arguments, { dataplane }: CliContext): Action {
  const fib = fibOf(dataplane.engine);
  const name = (i: number) => dataplane.interfaces.name(i);
  const del = args.accept("del");
  if (!del) args.accept("add");
  const located = prefixArgument(args, "a prefix ADDR/LEN");
  const prefix: Ip6Prefix = ip6Prefix(located.value.address, located.value.length);
  let table = DEFAULT_TABLE;
  const paths: Located<ParsedPath>[] = [];
  while (!args.done) {
    const column = args.column;
    if (args.accept("table")) table = tableArgument(args, fib);
    else if (args.accept("via")) paths.push({ value: parseVia(args), column });
    else if (args.accept("drop")) paths.push({ value: { kind: "drop" }, column });
    else args.fail(paths.length ? "'via ...', 'table N' or end of line" : "'via <next-hop> [<interface>]', 'via <interface>' or 'drop'");
  }
  const drop = paths.find((p) => p.value.kind === "drop");
  if (drop && paths.length > 1) throw new CliError(drop.column, "a drop route has no other path");
  const existing = fib.staticRoute(table, prefix);
  if (del) {
    if (!existing) throw new CliError(located.column, `no static route ${formatPrefix(prefix)}${table ? ` in table ${table}` : ""}`);
    const wanted: RoutePath[] = [];
    for (const path of paths) {
      const resolved = resolvePath(path.value, dataplane.interfaces, false);
      if (!resolved || !existing.paths.some((p) => samePath(p, resolved))) {
        throw new CliError(path.column, `${formatPrefix(prefix)} goes ${existing.paths.map((p) => formatPath(p, name)).join(", ")}`);
      }
      wanted.push(resolved);
    }
    return () => void fib.deleteStaticRoute(table, prefix, paths.length ? wanted : undefined);
  }
  if (!paths.length) args.fail("'via <next-hop> [<interface>]', 'via <interface>' or 'drop'");
  const parsed = paths.map((p) => p.value);
  return () =>
    fib.addStaticRoute(
      table,
      prefix,
      parsed.map((p) => resolvePath(p, dataplane.interfaces, true)!),
    );
}

function parseTable(args: Arguments, { dataplane }: CliContext): Action {
  const fib = fibOf(dataplane.engine);
  const del = args.accept("del");
  if (!del) args.accept("add");
  const column = args.column;
  const id = args.integer("a table id", 0, TABLE_ID_MAX);
  args.end();
  if (del) {
    const users = srv6Of(dataplane.engine).config.tablesInUse().includes(id) ? [`an End.DT6 local SID`] : [];
    const problem = fib.deleteTableProblem(id, users);
    if (problem) throw new CliError(column, problem);
    return () => fib.deleteTable(id);
  }
  const problem = fib.addTableProblem(id);
  if (problem) throw new CliError(column, problem);
  return () => void fib.addTable(id);
}

function parseInterfaceTable(args: Arguments, { dataplane }: CliContext): Action {
  const fib = fibOf(dataplane.engine);
  const name = interfaceArgument(args);
  const column = args.column;
  const id = args.integer("a table id", 0, TABLE_ID_MAX);
  args.end();
  const existing = dataplane.interfaces.find(name.value);
  const problem = fib.setInterfaceTableProblem(existing?.index ?? -1, id) ?? (existing && InterfaceConfig.limitProblem(existing.index));
  if (problem) throw new CliError(column, problem);
  return () => fib.setInterfaceTable(dataplane.interfaces.add(name.value).index, id);
}

function parseFlowHash(args: Arguments, { dataplane }: CliContext): Action {
  const fib = fibOf(dataplane.engine);
  let table = DEFAULT_TABLE;
  let fields = 0;
  while (!args.done) {
    const column = args.column;
    if (args.accept("table")) table = tableArgument(args, fib);
    else {
      const word = args.peek()!;
      const field = FLOW_HASH_FIELDS.find(([, w]) => w === word);
      if (field) {
        args.word("a flow-hash field");
        fields |= field[0];
      } else if (["reverse", "symmetric", "flowlabel"].includes(word)) throw new CliError(column, `flow-hash '${word}' is not supported`);
      else args.fail("table N, src, dst, sport, dport or proto");
    }
  }
  return () => fib.setFlowHash(table, fields);
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
