// The host's model of the IPv6 FIBs: what configuration said (tables, interface addresses, static
// routes with their paths, neighbours, routes other features install) and, per prefix, which of
// those sources provides the route that is installed.
import type { Ip6Prefix } from "./prefix.js";

/** One path of a static route (`ip route add PREFIX via ... [weight N]` / `drop`). */
export type RoutePath =
  | { kind: "via"; nextHop: Uint8Array; interfaceIndex?: number; weight: number } // without an interface: resolved through the table's connected prefixes, else its routes (recursive)
  | { kind: "attached"; interfaceIndex: number; weight: number } // every destination is a neighbour on the interface
  | { kind: "drop" };

export interface StaticRoute {
  /** The table (VPP's table id, not the FIB index) the route is in. */
  table: number;
  prefix: Ip6Prefix;
  /** One or more paths; several share the route's traffic by flow, in proportion to their weights. */
  paths: RoutePath[];
}

export interface InterfaceAddress {
  address: Uint8Array; // as configured, host bits included
  length: number;
}

export interface Neighbour {
  interfaceIndex: number;
  address: Uint8Array;
  mac: Uint8Array;
  /** Learned by neighbour discovery (src/host/nd), rather than configured: it ages, and configuration overrides it. */
  dynamic?: boolean;
  /** Engine time (ns) it was configured or last confirmed: what `show ip6 neighbors` ages it from. */
  updatedNs?: bigint;
}

/**
 * Who provides a prefix's route, most preferred first (VPP's FIB sources in the same order):
 * the interface's own addresses and connected prefixes, routes installed through the API
 * (`fibOf(engine).addRoute`: SRv6 steering and local SIDs), CLI static routes, and the /128 host
 * routes neighbours make.
 */
export const ROUTE_SOURCE_PRIORITY = {
  local: 0,
  connected: 1,
  api: 2,
  cli: 3,
  neighbour: 4,
} as const;

export type RouteSourceKind = keyof typeof ROUTE_SOURCE_PRIORITY;

/** One resolved path of a contribution with several: where its share of the flows goes. */
export interface ResolvedPath {
  /** The DPO the path forwards with: an adjacency, or the route a recursive path resolves through. */
  dpo: number;
  weight: number;
  /** The static path it came from, for show commands. */
  path?: RoutePath;
}

/** One source's route for a prefix. */
export interface Contribution {
  /** The source kind plus, for per-interface sources, the interface (two interfaces may connect the same prefix). */
  source: string;
  priority: number;
  dpo: number;
  /** The adjacencies this contribution holds a reference on (released when it goes). */
  adjacency?: number;
  adjacencies?: number[];
  /** The load balance this contribution owns (several paths), and the paths it shares flows over. */
  loadBalance?: number;
  paths?: ResolvedPath[];
  /** For an unresolved static route: the next hop nothing resolves. */
  unresolvedVia?: Uint8Array;
}

export interface FibEntry {
  prefix: Ip6Prefix;
  contributions: Contribution[];
  /** The contribution installed in engine memory (the most preferred). */
  installed: Contribution;
}
