// One engine's IPv6 FIB: interface addresses (a /128 local route each, and the connected prefix
// through a glean adjacency), interface MACs, static routes (via a next hop resolved through the
// connected prefixes, or via a given interface, or drop), neighbours (a /128 route each, and the
// MAC every adjacency to them writes), and routes other features install through the API
// (`addRoute`/`deleteRoute`: SRv6 steering and local SIDs). Mirrored into engine memory as it
// changes. The `*Problem` methods let the CLI reject a line before anything changes.
import {
  DPO_ADJACENCY,
  DPO_DROP,
  DPO_INDEX_MASK,
  DPO_LOCAL,
  DPO_SR_LOCALSID,
  DPO_SR_POLICY,
  DPO_TYPE_SHIFT,
} from "../../../assembly/fib/dpo.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { formatIp6 } from "../format/ip6-address.js";
import { hex } from "../decode/bytes.js";
import { AdjacencyTable, adjacencyDpo } from "./adjacencies.js";
import { FibMemory } from "./fib-memory.js";
import { defaultMac, MAC_LENGTH } from "./mac.js";
import { ROUTE_SOURCE_PRIORITY, type Contribution, type FibEntry, type InterfaceAddress, type Neighbour, type RoutePath, type StaticRoute } from "./model.js";
import { formatPrefix, ip6Prefix, IP6_MAX_PREFIX_LENGTH, prefixContains, prefixKey, type Ip6Prefix } from "./prefix.js";
import { DROP_DPO, RouteTable } from "./route-table.js";
import { onePer } from "../one-per.js";

const INSTALLABLE_DPO_TYPES = new Set([DPO_DROP, DPO_ADJACENCY, DPO_LOCAL, DPO_SR_POLICY, DPO_SR_LOCALSID]);
const LINK_LOCAL = ip6Prefix(Uint8Array.of(0xfe, 0x80, ...new Array<number>(14).fill(0)), 10);

interface InterfaceIp {
  addresses: InterfaceAddress[];
  mac?: Uint8Array;
}

export class Fib {
  private readonly memory: FibMemory;
  readonly adjacencies: AdjacencyTable;
  private readonly routes: RouteTable;
  private readonly interfaceIp = new Map<number, InterfaceIp>();
  private readonly neighbourMap = new Map<string, Neighbour>();
  private readonly staticRoutes = new Map<string, StaticRoute>();
  /** Every interface's connected prefixes, longest first: what next hops resolve through. */
  private connectedPrefixes: { interfaceIndex: number; prefix: Ip6Prefix }[] = [];

  constructor(engine: WasmEngine) {
    this.memory = new FibMemory(engine);
    this.adjacencies = new AdjacencyTable(this.memory, {
      interfaceMac: (i) => this.interfaceMac(i),
      neighbourMac: (i, address) => this.neighbour(i, address)?.mac,
    });
    this.routes = new RouteTable(this.memory, this.adjacencies);
  }

  // ---- the API other features use ---------------------------------------------------------

  /**
   * Installs (or replaces) the API's route for prefix/length: `dpo` is type << 24 | index
   * (assembly/fib/dpo.layout.ts), e.g. DPO_SR_POLICY for SRv6 steering, DPO_SR_LOCALSID for a
   * local SID. Interface addresses and connected prefixes take precedence over it; CLI static
   * routes and neighbour host routes give way to it.
   */
  addRoute(prefix: Uint8Array, length: number, dpo: number): void {
    if (prefix.length !== 16) throw new Error(`FIB: a prefix has 16 octets, not ${prefix.length}`);
    if (!Number.isInteger(length) || length < 0 || length > IP6_MAX_PREFIX_LENGTH) throw new Error(`FIB: prefix length ${length} is not 0..128`);
    const type = dpo >>> DPO_TYPE_SHIFT;
    if (!INSTALLABLE_DPO_TYPES.has(type)) throw new Error(`FIB: DPO type ${type} cannot be installed`);
    if (type === DPO_ADJACENCY && !this.adjacencies.get(dpo & DPO_INDEX_MASK)) throw new Error(`FIB: no adjacency ${dpo & DPO_INDEX_MASK}`);
    this.routes.contribute(ip6Prefix(prefix, length), { source: "api", priority: ROUTE_SOURCE_PRIORITY.api, dpo: dpo >>> 0 });
  }

  /** Removes the API's route for prefix/length; false if it installed none. */
  deleteRoute(prefix: Uint8Array, length: number): boolean {
    return this.routes.withdraw(ip6Prefix(prefix, length), "api");
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
    return this.interfaceIp.get(interfaceIndex)?.mac ?? defaultMac(interfaceIndex);
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
    for (const [other, ip] of this.interfaceIp) {
      if (other === interfaceIndex) continue;
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
    this.ip(interfaceIndex).addresses.push({ address: address.slice(), length });
    this.routes.contribute(ip6Prefix(address, IP6_MAX_PREFIX_LENGTH), {
      source: `local:${interfaceIndex}`,
      priority: ROUTE_SOURCE_PRIORITY.local,
      dpo: ((DPO_LOCAL << DPO_TYPE_SHIFT) | interfaceIndex) >>> 0,
    });
    if (length < IP6_MAX_PREFIX_LENGTH) {
      const glean = this.adjacencies.lock(interfaceIndex, undefined);
      this.routes.contribute(ip6Prefix(address, length), {
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
    ip.addresses.splice(at, 1);
    // Another address of the interface may still have the same /128 or connected prefix.
    if (!ip.addresses.some((a) => sameAddress(a.address, address))) this.routes.withdraw(ip6Prefix(address, IP6_MAX_PREFIX_LENGTH), `local:${interfaceIndex}`);
    const connected = ip6Prefix(address, length);
    if (!ip.addresses.some((a) => a.length === length && prefixContains(connected, a.address))) this.routes.withdraw(connected, `connected:${interfaceIndex}`);
    this.interfaceAddressesChanged(interfaceIndex);
    return true;
  }

  deleteAllAddresses(interfaceIndex: number): void {
    for (const a of [...this.addresses(interfaceIndex)]) this.deleteAddress(interfaceIndex, a.address, a.length);
  }

  /** The interface whose connected prefix covers `address` most specifically, if any. */
  connectedInterface(address: Uint8Array): number | undefined {
    for (const { interfaceIndex, prefix } of this.connectedPrefixes) if (prefixContains(prefix, address)) return interfaceIndex;
    return undefined;
  }

  private interfaceAddressesChanged(interfaceIndex: number): void {
    this.connectedPrefixes = [...this.interfaceIp]
      .flatMap(([i, ip]) => ip.addresses.filter((a) => a.length < IP6_MAX_PREFIX_LENGTH).map((a) => ({ interfaceIndex: i, prefix: ip6Prefix(a.address, a.length) })))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    this.writeInterface(interfaceIndex);
    for (const route of this.staticRoutes.values()) {
      if (route.path.kind === "via" && route.path.interfaceIndex === undefined) this.resolveStatic(route);
    }
  }

  /** Mirrors the interface's source address (its first global one) and MAC into engine memory. */
  private writeInterface(interfaceIndex: number): void {
    const addresses = this.addresses(interfaceIndex);
    const source = addresses.find((a) => !prefixContains(LINK_LOCAL, a.address)) ?? addresses[0];
    this.memory.writeInterface(interfaceIndex, source?.address, this.interfaceMac(interfaceIndex));
  }

  // ---- static routes ------------------------------------------------------------------------

  staticRoute(prefix: Ip6Prefix): StaticRoute | undefined {
    return this.staticRoutes.get(prefixKey(prefix));
  }

  /**
   * Why the route cannot be added, if it cannot: one path per prefix. `path` is undefined when it
   * names an interface that does not exist yet (so it differs from any existing path).
   */
  staticRouteProblem(prefix: Ip6Prefix, path: RoutePath | undefined, name: (i: number) => string): string | undefined {
    const existing = this.staticRoute(prefix);
    if (!existing || (path && samePath(existing.path, path))) return undefined;
    return `${formatPrefix(prefix)} already has a path (${formatPath(existing.path, name)}): one path per prefix, delete it first`;
  }

  addStaticRoute(prefix: Ip6Prefix, path: RoutePath): void {
    const route: StaticRoute = { prefix: ip6Prefix(prefix.address, prefix.length), path };
    const existing = this.staticRoute(route.prefix);
    if (existing && samePath(existing.path, path)) return;
    this.staticRoutes.set(prefixKey(route.prefix), route);
    this.resolveStatic(route, true);
  }

  deleteStaticRoute(prefix: Ip6Prefix): boolean {
    const route = this.staticRoute(prefix);
    if (!route) return false;
    this.staticRoutes.delete(prefixKey(route.prefix));
    this.routes.withdraw(route.prefix, "cli");
    return true;
  }

  /** (Re)computes a static route's contribution; unchanged resolutions are left alone unless `force`. */
  private resolveStatic(route: StaticRoute, force = false): void {
    const path = route.path;
    const base = { source: "cli", priority: ROUTE_SOURCE_PRIORITY.cli };
    if (path.kind === "drop") {
      this.routes.contribute(route.prefix, { ...base, dpo: DROP_DPO });
      return;
    }
    const nextHop = path.kind === "via" ? path.nextHop : undefined;
    const interfaceIndex = path.kind === "attached" ? path.interfaceIndex : (path.interfaceIndex ?? this.connectedInterface(path.nextHop));
    if (!force) {
      const current = this.routes.contribution(route.prefix, "cli");
      const currentInterface = current?.adjacency === undefined ? undefined : this.adjacencies.get(current.adjacency)?.interfaceIndex;
      if (current && currentInterface === interfaceIndex) return;
    }
    if (interfaceIndex === undefined) {
      this.routes.contribute(route.prefix, { ...base, dpo: DROP_DPO, unresolvedVia: nextHop });
      return;
    }
    const adjacency = this.adjacencies.lock(interfaceIndex, nextHop);
    this.routes.contribute(route.prefix, { ...base, dpo: adjacencyDpo(adjacency.index), adjacency: adjacency.index });
  }

  // ---- neighbours ---------------------------------------------------------------------------

  neighbour(interfaceIndex: number, address: Uint8Array): Neighbour | undefined {
    return this.neighbourMap.get(neighbourKey(interfaceIndex, address));
  }

  neighbours(): Neighbour[] {
    return [...this.neighbourMap.values()];
  }

  setNeighbour(interfaceIndex: number, address: Uint8Array, mac: Uint8Array, how: { dynamic?: boolean; updatedNs?: bigint } = {}): void {
    this.neighbourMap.set(neighbourKey(interfaceIndex, address), { interfaceIndex, address: address.slice(), mac: mac.slice(), ...how });
    this.adjacencies.refreshNeighbour(interfaceIndex, address);
    const adjacency = this.adjacencies.lock(interfaceIndex, address);
    this.routes.contribute(ip6Prefix(address, IP6_MAX_PREFIX_LENGTH), {
      source: `neighbour:${interfaceIndex}`,
      priority: ROUTE_SOURCE_PRIORITY.neighbour,
      dpo: adjacencyDpo(adjacency.index),
      adjacency: adjacency.index,
    });
  }

  deleteNeighbour(interfaceIndex: number, address: Uint8Array): boolean {
    if (!this.neighbourMap.delete(neighbourKey(interfaceIndex, address))) return false;
    this.routes.withdraw(ip6Prefix(address, IP6_MAX_PREFIX_LENGTH), `neighbour:${interfaceIndex}`);
    this.adjacencies.refreshNeighbour(interfaceIndex, address);
    return true;
  }

  // ---- reading ------------------------------------------------------------------------------

  entries(): FibEntry[] {
    return this.routes.entries();
  }

  entry(prefix: Ip6Prefix): FibEntry | undefined {
    return this.routes.entry(prefix);
  }

  longestMatch(address: Uint8Array): FibEntry | undefined {
    return this.routes.longestMatch(address);
  }

  get size(): number {
    return this.routes.size;
  }
}

function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function neighbourKey(interfaceIndex: number, address: Uint8Array): string {
  return `${interfaceIndex}|${hex(address, 0, address.length)}`;
}

export function samePath(a: RoutePath, b: RoutePath): boolean {
  if (a.kind === "drop" || b.kind === "drop") return a.kind === b.kind;
  if (a.kind === "attached" || b.kind === "attached") return a.kind === b.kind && a.interfaceIndex === b.interfaceIndex;
  return b.kind === "via" && sameAddress(a.nextHop, b.nextHop) && a.interfaceIndex === b.interfaceIndex;
}

export function formatPath(path: RoutePath, name: (i: number) => string): string {
  if (path.kind === "drop") return "drop";
  if (path.kind === "attached") return `via ${name(path.interfaceIndex)}`;
  return `via ${formatIp6(path.nextHop)}${path.interfaceIndex === undefined ? "" : ` ${name(path.interfaceIndex)}`}`;
}

/** The engine's FIB, made on first use. */
export const fibOf = onePer((engine: WasmEngine) => new Fib(engine));
