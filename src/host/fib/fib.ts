// One engine's IPv6 FIBs, VPP style: table 0 and the tables `ip6 table add N` makes, each a FIB of
// its own (its index in the engine's shared hash tables: fib.layout.ts), interfaces bound to one
// (`set interface ip6 table`). In each: interface addresses (a /128 local route each, and the
// connected prefix through a glean adjacency), static routes with one or more paths (via a next
// hop resolved through the table's connected prefixes or, recursively, its routes; via an
// interface; or drop; several share flows by weight through a load balance), neighbours (a /128
// route each under a connected prefix of their interface, and the MAC every adjacency to them
// writes), and routes other features install
// through the API (`addRoute`/`deleteRoute`: SRv6 steering and local SIDs, in table 0). Mirrored
// into engine memory as it changes. The `*Problem` methods let the CLI reject a line before
// anything changes.
import { DPO_ADJACENCY, DPO_DROP, DPO_INDEX_MASK, DPO_LOCAL, DPO_SR_LOCALSID, DPO_SR_POLICY, DPO_TYPE_SHIFT } from "../../../assembly/fib/dpo.layout.js";
import { FIB_TABLES_MAX } from "../../../assembly/fib/fib.layout.js";
import { FLOW_HASH_DEFAULT } from "../../../assembly/engine/flow-hash.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { formatIp6 } from "../format/ip6-address.js";
import { hex } from "../decode/bytes.js";
import { interfaceConfigOf, type InterfaceConfig } from "../interfaces/interface-config.js";
import { AdjacencyTable, adjacencyDpo } from "./adjacencies.js";
import { FibMemory } from "./fib-memory.js";
import { LoadBalanceTable, loadBalanceDpo } from "./load-balances.js";
import { defaultMac, MAC_LENGTH } from "./mac.js";
import {
  ROUTE_SOURCE_PRIORITY,
  type Contribution,
  type FibEntry,
  type InterfaceAddress,
  type Neighbour,
  type ResolvedPath,
  type RoutePath,
  type StaticRoute,
} from "./model.js";
import { formatPrefix, ip6Prefix, IP6_MAX_PREFIX_LENGTH, prefixContains, prefixKey, type Ip6Prefix } from "./prefix.js";
import { DROP_DPO, RouteTable } from "./route-table.js";
import { onePer } from "../one-per.js";

const INSTALLABLE_DPO_TYPES = new Set([DPO_DROP, DPO_ADJACENCY, DPO_LOCAL, DPO_SR_POLICY, DPO_SR_LOCALSID]);
const LINK_LOCAL = ip6Prefix(Uint8Array.of(0xfe, 0x80, ...new Array<number>(14).fill(0)), 10);
export const DEFAULT_TABLE = 0;
// How many times recursive routes are re-resolved after a change before the rest are left as they
// are: routes resolving through routes that resolve through them never settle.
const RESOLUTION_ROUNDS = 8;

interface InterfaceIp {
  addresses: InterfaceAddress[];
  mac?: Uint8Array;
}

/** One table: VPP's table id, the FIB index the engine knows it by, its routes. */
export interface FibTable {
  id: number;
  index: number;
  routes: RouteTable;
  staticRoutes: Map<string, StaticRoute>;
  /** FLOW_HASH_* fields its load balances pick a path by (`set ip6 flow-hash table N ...`). */
  flowHash: number;
  /** Every interface's connected prefixes in this table, longest first: what next hops resolve through. */
  connected: { interfaceIndex: number; prefix: Ip6Prefix }[];
  /** Static routes (by prefix key) with a path that resolves through other routes, or does not resolve yet. */
  recursive: Set<string>;
}

export class Fib {
  /** The tables as the engine holds them (the benchmark hands them to its C baseline). */
  readonly memory: FibMemory;
  readonly adjacencies: AdjacencyTable;
  readonly loadBalances: LoadBalanceTable;
  private readonly tableMap = new Map<number, FibTable>();
  private readonly interfaceIp = new Map<number, InterfaceIp>();
  private readonly neighbourMap = new Map<string, Neighbour>();
  private readonly interfaces: InterfaceConfig;
  private resolving = false;

  constructor(engine: WasmEngine) {
    this.memory = new FibMemory(engine);
    this.interfaces = interfaceConfigOf(engine);
    this.adjacencies = new AdjacencyTable(this.memory, {
      interfaceMac: (i) => this.interfaceMac(i),
      neighbourMac: (i, address) => this.neighbour(i, address)?.mac,
    });
    this.loadBalances = new LoadBalanceTable(this.memory);
    this.addTable(DEFAULT_TABLE);
  }

  // ---- tables -------------------------------------------------------------------------------

  table(id: number): FibTable | undefined {
    return this.tableMap.get(id);
  }

  tables(): FibTable[] {
    return [...this.tableMap.values()].sort((a, b) => a.id - b.id);
  }

  /** Why table `id` cannot be made, if it cannot. */
  addTableProblem(id: number): string | undefined {
    if (this.tableMap.has(id)) return undefined;
    if (this.tableMap.size >= FIB_TABLES_MAX) return `the engine holds at most ${FIB_TABLES_MAX} IPv6 tables`;
    return undefined;
  }

  /** Makes table `id` (`ip6 table add`); an existing one is left as it is, as VPP does. */
  addTable(id: number): FibTable {
    const existing = this.tableMap.get(id);
    if (existing) return existing;
    const used = new Set([...this.tableMap.values()].map((t) => t.index));
    let index = 0;
    while (used.has(index)) index++;
    const table: FibTable = {
      id,
      index,
      routes: new RouteTable(index, this.memory, this.adjacencies, this.loadBalances),
      staticRoutes: new Map(),
      flowHash: FLOW_HASH_DEFAULT,
      connected: [],
      recursive: new Set(),
    };
    this.tableMap.set(id, table);
    this.memory.setFlowHash(index, table.flowHash);
    return table;
  }

  /** Why table `id` cannot be deleted, if it cannot; `users` names what else still uses it (SRv6 SIDs). */
  deleteTableProblem(id: number, users: string[] = []): string | undefined {
    const table = this.tableMap.get(id);
    if (!table) return `no IPv6 table ${id}`;
    if (id === DEFAULT_TABLE) return "table 0 is the default table and cannot be deleted";
    if ([...this.interfaceTables.values()].includes(id)) return `interfaces are still in table ${id}: set interface ip6 table <interface> 0 first`;
    if (users.length > 0) return `table ${id} is still used by ${users.join(", ")}`;
    return undefined;
  }

  /** Removes table `id` and its routes (`ip6 table del`). */
  deleteTable(id: number): void {
    const table = this.tableMap.get(id);
    if (!table || id === DEFAULT_TABLE) return;
    for (const route of [...table.staticRoutes.values()]) this.deleteStaticRoute(id, route.prefix);
    for (const entry of table.routes.entries()) for (const c of [...entry.contributions]) table.routes.withdraw(entry.prefix, c.source);
    this.tableMap.delete(id);
  }

  private readonly interfaceTables = new Map<number, number>();

  /** The table an interface is in (`set interface ip6 table`): 0 unless set. */
  tableOfInterface(interfaceIndex: number): number {
    return this.interfaceTables.get(interfaceIndex) ?? DEFAULT_TABLE;
  }

  /** Why the interface cannot move to table `id`, if it cannot. */
  setInterfaceTableProblem(interfaceIndex: number, id: number): string | undefined {
    if (!this.tableMap.has(id)) return `no IPv6 table ${id}: ip6 table add ${id} first`;
    if (this.tableOfInterface(interfaceIndex) !== id && this.addresses(interfaceIndex).length > 0) {
      return "the interface has IPv6 addresses: delete them, change its table, then add them again";
    }
    return undefined;
  }

  setInterfaceTable(interfaceIndex: number, id: number): void {
    const table = this.tableMap.get(id)!;
    if (id === DEFAULT_TABLE) this.interfaceTables.delete(interfaceIndex);
    else this.interfaceTables.set(interfaceIndex, id);
    this.interfaces.setFibIndex(interfaceIndex, table.index);
  }

  /** `set ip6 flow-hash table N ...`: the fields (FLOW_HASH_*) the table's load balances hash. */
  setFlowHash(id: number, fields: number): void {
    const table = this.tableMap.get(id)!;
    table.flowHash = fields;
    this.memory.setFlowHash(table.index, fields);
  }

  private tableFor(id: number): FibTable {
    const table = this.tableMap.get(id);
    if (!table) throw new Error(`FIB: no table ${id}`);
    return table;
  }

  // ---- the API other features use ---------------------------------------------------------

  /**
   * Installs (or replaces) the API's route for prefix/length in table `table` (default 0): `dpo`
   * is type << 24 | index (assembly/fib/dpo.layout.ts), e.g. DPO_SR_POLICY for SRv6 steering,
   * DPO_SR_LOCALSID for a local SID. Interface addresses and connected prefixes take precedence over
   * it; CLI static routes and neighbour host routes give way to it.
   */
  addRoute(prefix: Uint8Array, length: number, dpo: number, table = DEFAULT_TABLE): void {
    if (prefix.length !== 16) throw new Error(`FIB: a prefix has 16 octets, not ${prefix.length}`);
    if (!Number.isInteger(length) || length < 0 || length > IP6_MAX_PREFIX_LENGTH) throw new Error(`FIB: prefix length ${length} is not 0..128`);
    const type = dpo >>> DPO_TYPE_SHIFT;
    if (!INSTALLABLE_DPO_TYPES.has(type)) throw new Error(`FIB: DPO type ${type} cannot be installed`);
    if (type === DPO_ADJACENCY && !this.adjacencies.get(dpo & DPO_INDEX_MASK)) throw new Error(`FIB: no adjacency ${dpo & DPO_INDEX_MASK}`);
    const t = this.tableFor(table);
    t.routes.contribute(ip6Prefix(prefix, length), { source: "api", priority: ROUTE_SOURCE_PRIORITY.api, dpo: dpo >>> 0 });
    this.routesChanged(t);
  }

  /** Removes the API's route for prefix/length; false if it installed none. */
  deleteRoute(prefix: Uint8Array, length: number, table = DEFAULT_TABLE): boolean {
    const t = this.tableFor(table);
    const done = t.routes.withdraw(ip6Prefix(prefix, length), "api");
    if (done) this.routesChanged(t);
    return done;
  }

  /** An adjacency DPO to a next hop on an interface (End.X, End.DX6), held until releaseAdjacency. */
  adjacencyFor(interfaceIndex: number, nextHop: Uint8Array): number {
    return adjacencyDpo(this.adjacencies.lock(interfaceIndex, nextHop).index);
  }

  releaseAdjacency(dpo: number): void {
    this.adjacencies.unlock(dpo & DPO_INDEX_MASK);
  }

  // ---- interfaces ---------------------------------------------------------------------------

  private ip(interfaceIndex: number): InterfaceIp {
    let ip = this.interfaceIp.get(interfaceIndex);
    if (!ip) {
      ip = { addresses: [] };
      this.interfaceIp.set(interfaceIndex, ip);
    }
    return ip;
  }

  interfaceMac(interfaceIndex: number): Uint8Array {
    const sub = this.interfaces.subInterface(interfaceIndex);
    // A sub-interface sends with its port's MAC, as VPP's do.
    return this.interfaceIp.get(interfaceIndex)?.mac ?? (sub ? this.interfaceMac(sub.parent) : defaultMac(interfaceIndex));
  }

  setInterfaceMac(interfaceIndex: number, mac: Uint8Array): void {
    if (mac.length !== MAC_LENGTH) throw new Error("FIB: a MAC has 6 octets");
    this.ip(interfaceIndex).mac = mac.slice();
    this.adjacencies.refreshInterface(interfaceIndex);
    this.writeInterface(interfaceIndex);
  }

  addresses(interfaceIndex: number): readonly InterfaceAddress[] {
    return this.interfaceIp.get(interfaceIndex)?.addresses ?? [];
  }

  /** Why the address cannot be added to the interface, if it cannot. `name` names interfaces for the message. */
  addressProblem(interfaceIndex: number, address: Uint8Array, length: number, name: (i: number) => string): string | undefined {
    const connected = ip6Prefix(address, length);
    const table = this.tableOfInterface(interfaceIndex);
    for (const [other, ip] of this.interfaceIp) {
      if (other === interfaceIndex || this.tableOfInterface(other) !== table) continue;
      for (const a of ip.addresses) {
        if (a.length === length && prefixKey(ip6Prefix(a.address, a.length)) === prefixKey(connected)) {
          return `${formatPrefix(connected)} is already connected on ${name(other)}`;
        }
      }
    }
    return undefined;
  }

  hasAddress(interfaceIndex: number, address: Uint8Array, length: number): boolean {
    return this.addresses(interfaceIndex).some((a) => a.length === length && sameAddress(a.address, address));
  }

  addAddress(interfaceIndex: number, address: Uint8Array, length: number): void {
    if (this.hasAddress(interfaceIndex, address, length)) return;
    const table = this.tableFor(this.tableOfInterface(interfaceIndex));
    this.ip(interfaceIndex).addresses.push({ address: address.slice(), length });
    table.routes.contribute(ip6Prefix(address, IP6_MAX_PREFIX_LENGTH), {
      source: `local:${interfaceIndex}`,
      priority: ROUTE_SOURCE_PRIORITY.local,
      dpo: ((DPO_LOCAL << DPO_TYPE_SHIFT) | interfaceIndex) >>> 0,
    });
    if (length < IP6_MAX_PREFIX_LENGTH) {
      const glean = this.adjacencies.lock(interfaceIndex, undefined);
      table.routes.contribute(ip6Prefix(address, length), {
        source: `connected:${interfaceIndex}`,
        priority: ROUTE_SOURCE_PRIORITY.connected,
        dpo: adjacencyDpo(glean.index),
        adjacency: glean.index,
      });
    }
    this.interfaceAddressesChanged(interfaceIndex);
  }

  deleteAddress(interfaceIndex: number, address: Uint8Array, length: number): boolean {
    const ip = this.interfaceIp.get(interfaceIndex);
    const at = ip ? ip.addresses.findIndex((a) => a.length === length && sameAddress(a.address, address)) : -1;
    if (!ip || at < 0) return false;
    const table = this.tableFor(this.tableOfInterface(interfaceIndex));
    ip.addresses.splice(at, 1);
    // Another address of the interface may still have the same /128 or connected prefix.
    if (!ip.addresses.some((a) => sameAddress(a.address, address))) table.routes.withdraw(ip6Prefix(address, IP6_MAX_PREFIX_LENGTH), `local:${interfaceIndex}`);
    const connected = ip6Prefix(address, length);
    if (!ip.addresses.some((a) => a.length === length && prefixContains(connected, a.address))) table.routes.withdraw(connected, `connected:${interfaceIndex}`);
    this.interfaceAddressesChanged(interfaceIndex);
    return true;
  }

  deleteAllAddresses(interfaceIndex: number): void {
    for (const a of [...this.addresses(interfaceIndex)]) this.deleteAddress(interfaceIndex, a.address, a.length);
  }

  /** The interface whose connected prefix in table `table` covers `address` most specifically, if any. */
  connectedInterface(address: Uint8Array, table = DEFAULT_TABLE): number | undefined {
    for (const { interfaceIndex, prefix } of this.tableMap.get(table)?.connected ?? []) if (prefixContains(prefix, address)) return interfaceIndex;
    return undefined;
  }

  private interfaceAddressesChanged(interfaceIndex: number): void {
    const tableId = this.tableOfInterface(interfaceIndex);
    const table = this.tableFor(tableId);
    table.connected = [...this.interfaceIp]
      .filter(([i]) => this.tableOfInterface(i) === tableId)
      .flatMap(([i, ip]) =>
        ip.addresses.filter((a) => a.length < IP6_MAX_PREFIX_LENGTH).map((a) => ({ interfaceIndex: i, prefix: ip6Prefix(a.address, a.length) })),
      )
      .sort((a, b) => b.prefix.length - a.prefix.length);
    this.writeInterface(interfaceIndex);
    for (const route of table.staticRoutes.values()) if (route.paths.some((p) => p.kind === "via" && p.interfaceIndex === undefined)) this.resolveStatic(route);
    for (const n of this.neighbourMap.values()) if (n.interfaceIndex === interfaceIndex) this.neighbourRoute(n);
    this.routesChanged(table);
  }

  /** Mirrors the interface's source address (its first global one) and MAC into engine memory. */
  private writeInterface(interfaceIndex: number): void {
    const addresses = this.addresses(interfaceIndex);
    const source = addresses.find((a) => !prefixContains(LINK_LOCAL, a.address)) ?? addresses[0];
    this.memory.writeInterface(interfaceIndex, source?.address, this.interfaceMac(interfaceIndex));
  }

  // ---- static routes ------------------------------------------------------------------------

  staticRoute(table: number, prefix: Ip6Prefix): StaticRoute | undefined {
    return this.tableMap.get(table)?.staticRoutes.get(prefixKey(prefix));
  }

  /**
   * Adds paths to the table's static route for the prefix (making it if needed), as a second
   * `ip route add` does in VPP; a path it has already keeps its place, with the new weight. A drop
   * route has no other path.
   */
  addStaticRoute(tableId: number, prefix: Ip6Prefix, paths: RoutePath[]): void {
    const table = this.tableFor(tableId);
    const key = prefixKey(ip6Prefix(prefix.address, prefix.length));
    const existing = table.staticRoutes.get(key);
    const route: StaticRoute = existing ?? { table: tableId, prefix: ip6Prefix(prefix.address, prefix.length), paths: [] };
    for (const path of paths) {
      if (path.kind === "drop" || route.paths.some((p) => p.kind === "drop")) {
        route.paths = [path];
        continue;
      }
      const at = route.paths.findIndex((p) => samePath(p, path));
      if (at >= 0) route.paths[at] = path;
      else route.paths.push(path);
    }
    table.staticRoutes.set(key, route);
    this.resolveStatic(route);
    this.routesChanged(table);
  }

  /** Removes the given paths of the route (all of it when `paths` is undefined); false if there was no route. */
  deleteStaticRoute(tableId: number, prefix: Ip6Prefix, paths?: RoutePath[]): boolean {
    const table = this.tableMap.get(tableId);
    const route = table?.staticRoutes.get(prefixKey(prefix));
    if (!table || !route) return false;
    if (paths) route.paths = route.paths.filter((p) => !paths.some((q) => samePath(p, q)));
    if (!paths || route.paths.length === 0) {
      table.staticRoutes.delete(prefixKey(route.prefix));
      table.recursive.delete(prefixKey(route.prefix));
      table.routes.withdraw(route.prefix, "cli");
    } else {
      this.resolveStatic(route);
    }
    this.routesChanged(table);
    return true;
  }

  /**
   * (Re)computes a static route's contribution: each path resolved to an adjacency (through the
   * table's connected prefixes), or, recursively, to the forwarding of the route covering its next
   * hop; unresolved paths are left out, as VPP leaves them out of the load balance; one path
   * forwards directly, several through a load balance by weight.
   */
  private resolveStatic(route: StaticRoute): void {
    const table = this.tableFor(route.table);
    const base = { source: "cli", priority: ROUTE_SOURCE_PRIORITY.cli };
    if (route.paths.length === 1 && route.paths[0].kind === "drop") {
      table.routes.contribute(route.prefix, { ...base, dpo: DROP_DPO });
      return;
    }
    const locked: number[] = [];
    const resolved: ResolvedPath[] = [];
    let unresolvedVia: Uint8Array | undefined;
    let recursive = false;
    for (const path of route.paths) {
      if (path.kind === "drop") continue;
      const nextHop = path.kind === "via" ? path.nextHop : undefined;
      const interfaceIndex = path.kind === "attached" ? path.interfaceIndex : (path.interfaceIndex ?? this.connectedInterface(path.nextHop, route.table));
      if (interfaceIndex !== undefined) {
        const adjacency = this.adjacencies.lock(interfaceIndex, nextHop);
        locked.push(adjacency.index);
        resolved.push({ dpo: adjacencyDpo(adjacency.index), weight: path.weight, path });
        continue;
      }
      // Recursive: forward as the route covering the next hop does (not this route itself, and,
      // as in VPP, never the default route).
      recursive = true;
      const via = table.routes.longestMatch(nextHop!, route.prefix);
      if (via?.prefix.length === 0) {
        unresolvedVia ??= nextHop;
        continue;
      }
      const dpo = via?.installed.dpo;
      if (dpo === undefined || dpo >>> DPO_TYPE_SHIFT === DPO_DROP || dpo >>> DPO_TYPE_SHIFT === DPO_LOCAL) unresolvedVia ??= nextHop;
      else resolved.push({ dpo, weight: path.weight, path });
    }
    if (recursive) table.recursive.add(prefixKey(route.prefix));
    else table.recursive.delete(prefixKey(route.prefix));
    if (resolved.length === 0) {
      for (const a of locked) this.adjacencies.unlock(a);
      table.routes.contribute(route.prefix, { ...base, dpo: DROP_DPO, unresolvedVia });
      return;
    }
    if (resolved.length === 1) {
      table.routes.contribute(route.prefix, { ...base, dpo: resolved[0].dpo, adjacencies: locked, paths: resolved });
      return;
    }
    const loadBalance = this.loadBalances.make(resolved);
    table.routes.contribute(route.prefix, { ...base, dpo: loadBalanceDpo(loadBalance), adjacencies: locked, loadBalance, paths: resolved });
  }

  /** After a change in the table: its recursive routes follow the routes they resolve through. */
  private routesChanged(table: FibTable): void {
    if (this.resolving) return;
    if (table.recursive.size === 0) return;
    const recursive = [...table.recursive].map((key) => table.staticRoutes.get(key)!).filter((r) => r !== undefined);
    this.resolving = true;
    try {
      for (let round = 0; round < RESOLUTION_ROUNDS; round++) {
        const before = recursive.map((r) => table.routes.contribution(r.prefix, "cli")?.dpo);
        for (const route of recursive) this.resolveStatic(route);
        // Settled when no recursive route forwards differently than before; a fresh load balance
        // over the same paths counts as the same.
        const after = recursive.map((r) => table.routes.contribution(r.prefix, "cli"));
        if (after.every((c, k) => sameForwarding(c, before[k], this.loadBalances))) break;
      }
    } finally {
      this.resolving = false;
    }
  }

  // ---- neighbours ---------------------------------------------------------------------------

  neighbour(interfaceIndex: number, address: Uint8Array): Neighbour | undefined {
    return this.neighbourMap.get(neighbourKey(interfaceIndex, address));
  }

  neighbours(): Neighbour[] {
    return [...this.neighbourMap.values()];
  }

  setNeighbour(interfaceIndex: number, address: Uint8Array, mac: Uint8Array, how: { dynamic?: boolean; updatedNs?: bigint } = {}): void {
    const neighbour: Neighbour = { interfaceIndex, address: address.slice(), mac: mac.slice(), ...how };
    this.neighbourMap.set(neighbourKey(interfaceIndex, address), neighbour);
    this.adjacencies.refreshNeighbour(interfaceIndex, address);
    const table = this.tableFor(this.tableOfInterface(interfaceIndex));
    this.neighbourRoute(neighbour);
    this.routesChanged(table);
  }

  /**
   * A neighbour's /128 host route, there while a connected prefix of its interface covers it and
   * it is not link-local: VPP's adjacency source is only active under an attached cover through the
   * same interface, and a link-local neighbour gets no FIB entry (test_ip6.py test_ns,
   * test_ns_duplicates). Off-link neighbours still give their MAC to routes via them.
   */
  private neighbourRoute(n: Neighbour): void {
    const table = this.tableFor(this.tableOfInterface(n.interfaceIndex));
    const prefix = ip6Prefix(n.address, IP6_MAX_PREFIX_LENGTH);
    const source = `neighbour:${n.interfaceIndex}`;
    const covered =
      !prefixContains(LINK_LOCAL, n.address) &&
      this.addresses(n.interfaceIndex).some((a) => a.length < IP6_MAX_PREFIX_LENGTH && prefixContains(ip6Prefix(a.address, a.length), n.address));
    const present = table.routes.contribution(prefix, source) !== undefined;
    if (covered && !present) {
      const adjacency = this.adjacencies.lock(n.interfaceIndex, n.address);
      table.routes.contribute(prefix, {
        source,
        priority: ROUTE_SOURCE_PRIORITY.neighbour,
        dpo: adjacencyDpo(adjacency.index),
        adjacency: adjacency.index,
      });
    } else if (!covered && present) {
      table.routes.withdraw(prefix, source);
    }
  }

  deleteNeighbour(interfaceIndex: number, address: Uint8Array): boolean {
    if (!this.neighbourMap.delete(neighbourKey(interfaceIndex, address))) return false;
    const table = this.tableFor(this.tableOfInterface(interfaceIndex));
    table.routes.withdraw(ip6Prefix(address, IP6_MAX_PREFIX_LENGTH), `neighbour:${interfaceIndex}`);
    this.adjacencies.refreshNeighbour(interfaceIndex, address);
    this.routesChanged(table);
    return true;
  }

  // ---- reading ------------------------------------------------------------------------------

  entries(table = DEFAULT_TABLE): FibEntry[] {
    return this.tableMap.get(table)?.routes.entries() ?? [];
  }

  entry(prefix: Ip6Prefix, table = DEFAULT_TABLE): FibEntry | undefined {
    return this.tableMap.get(table)?.routes.entry(prefix);
  }

  longestMatch(address: Uint8Array, table = DEFAULT_TABLE): FibEntry | undefined {
    return this.tableMap.get(table)?.routes.longestMatch(address);
  }

  /** Prefixes in every table together. */
  get size(): number {
    return [...this.tableMap.values()].reduce((sum, t) => sum + t.routes.size, 0);
  }
}

function sameForwarding(now: Contribution | undefined, before: number | undefined, loadBalances: LoadBalanceTable): boolean {
  if (now?.dpo === before) return true;
  if (now?.loadBalance === undefined || before === undefined) return false;
  const a = loadBalances.bucketsOf(now.loadBalance);
  const b = loadBalances.bucketsOf(before & DPO_INDEX_MASK);
  return b.length > 0 && a.every((dpo, k) => dpo === b[k]);
}

function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function neighbourKey(interfaceIndex: number, address: Uint8Array): string {
  return `${interfaceIndex}|${hex(address, 0, address.length)}`;
}

/** The same path whatever its weight. */
export function samePath(a: RoutePath, b: RoutePath): boolean {
  if (a.kind === "drop" || b.kind === "drop") return a.kind === b.kind;
  if (a.kind === "attached" || b.kind === "attached") return a.kind === b.kind && a.interfaceIndex === b.interfaceIndex;
  return b.kind === "via" && sameAddress(a.nextHop, b.nextHop) && a.interfaceIndex === b.interfaceIndex;
}

export function formatPath(path: RoutePath, name: (i: number) => string): string {
  if (path.kind === "drop") return "drop";
  const weight = path.weight === 1 ? "" : ` weight ${path.weight}`;
  if (path.kind === "attached") return `via ${name(path.interfaceIndex)}${weight}`;
  return `via ${formatIp6(path.nextHop)}${path.interfaceIndex === undefined ? "" : ` ${name(path.interfaceIndex)}`}${weight}`;
}

/** The engine's FIB, made on first use. */
export const fibOf = onePer((engine: WasmEngine) => new Fib(engine));
