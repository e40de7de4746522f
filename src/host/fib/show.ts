// `show ip6 fib` and `show ip6 neighbors`, laid out like VPP's: each table's header, each prefix,
// then its installed data-path object as "  [@N]: ..." where N is the graph node ip6-lookup hands
// the packet to; a load balance lists its paths with their share of the buckets.
import {
  DPO_ADJACENCY,
  DPO_DROP,
  DPO_INDEX_MASK,
  DPO_LOAD_BALANCE,
  DPO_LOCAL,
  DPO_SR_LOCALSID,
  DPO_SR_POLICY,
  DPO_TYPE_SHIFT,
} from "../../../assembly/fib/dpo.layout.js";
import { FLOW_HASH_DPORT, FLOW_HASH_DST, FLOW_HASH_PROTO, FLOW_HASH_SPORT, FLOW_HASH_SRC } from "../../../assembly/engine/flow-hash.layout.js";
import { ETHERTYPE_IPV6 } from "../../../assembly/wire/ethernet.layout.js";
import {
  NODE_ERROR_DROP,
  NODE_IP6_LOCAL,
  NODE_IP6_LOOKUP,
  NODE_IP6_REWRITE,
  NODE_SR_LOCALSID,
  NODE_SR_PL_REWRITE_ENCAPS,
} from "../../../assembly/graph/graph.layout.js";
import { hex } from "../decode/bytes.js";
import { formatIp6, formatMac } from "../format/ip6-address.js";
import type { Fib, FibTable } from "./fib.js";
import type { FibEntry } from "./model.js";
import { formatPrefix } from "./prefix.js";

type InterfaceName = (index: number) => string;

/** The flow-hash fields by their words, as `set ip6 flow-hash` takes them and `show ip6 fib` prints them. */
export const FLOW_HASH_FIELDS: readonly [number, string][] = [
  [FLOW_HASH_SRC, "src"],
  [FLOW_HASH_DST, "dst"],
  [FLOW_HASH_SPORT, "sport"],
  [FLOW_HASH_DPORT, "dport"],
  [FLOW_HASH_PROTO, "proto"],
];

/** `show ip6 fib`: every table (or only `table`), each with its entries or those `select` finds. */
export function formatFibTables(
  fib: Fib,
  table: number | undefined,
  select: ((fib: Fib, table: number) => FibEntry[]) | undefined,
  name: InterfaceName,
): string {
  // Without `table`, VPP shows every table.
  const tables = table === undefined ? fib.tables().map((t) => t.id) : [table];
  return tables.map((t) => formatFib(fib, fib.table(t)!, select ? select(fib, t) : fib.entries(t), name)).join("\n");
}

/** A table's entries under VPP's header line for it. */
export function formatFib(fib: Fib, table: FibTable, entries: FibEntry[], name: InterfaceName): string {
  const hash = FLOW_HASH_FIELDS.filter(([bit]) => table.flowHash & bit)
    .map(([, word]) => `${word} `)
    .join("");
  const lines = [`ipv6-VRF:${table.id}, fib_index:${table.index}, flow hash:[${hash}]`];
  for (const entry of entries) lines.push(formatPrefix(entry.prefix), ...formatDpo(fib, entry.installed.dpo, entry, name, "  ", entry.installed.unresolvedVia));
  return lines.join("\n");
}

function formatDpo(fib: Fib, dpo: number, entry: FibEntry, name: InterfaceName, indent: string, unresolvedVia?: Uint8Array): string[] {
  const type = dpo >>> DPO_TYPE_SHIFT;
  const index = dpo & DPO_INDEX_MASK;
  switch (type) {
    case DPO_DROP:
      return [
        `${indent}[@${NODE_ERROR_DROP}]: dpo-drop ip6${unresolvedVia ? ` (unresolved: no connected prefix or route covers ${formatIp6(unresolvedVia)})` : ""}`,
      ];
    case DPO_LOCAL:
      return [`${indent}[@${NODE_IP6_LOCAL}]: dpo-receive: ${formatIp6(entry.prefix.address)} on ${name(index)}`];
    case DPO_ADJACENCY:
      return [`${indent}[@${NODE_IP6_REWRITE}]: ${formatAdjacency(fib, index, entry, name)}`];
    case DPO_SR_POLICY:
      return [`${indent}[@${NODE_SR_PL_REWRITE_ENCAPS}]: sr-policy index ${index}`];
    case DPO_SR_LOCALSID:
      return [`${indent}[@${NODE_SR_LOCALSID}]: sr-localsid index ${index}`];
    case DPO_LOAD_BALANCE: {
      // The paths and the share of the buckets (so of the flows) each one has.
      const buckets = fib.loadBalances.bucketsOf(index);
      const shares = new Map<number, number>();
      for (const b of buckets) shares.set(b, (shares.get(b) ?? 0) + 1);
      const lines = [`${indent}[@${NODE_IP6_LOOKUP}]: dpo-load-balance: [proto:ip6 index:${index} buckets:${buckets.length} paths:${shares.size}]`];
      for (const [path, count] of shares) {
        const [first, ...rest] = formatDpo(fib, path, entry, name, `${indent}  `);
        lines.push(`${first} (${count} of ${buckets.length} buckets)`, ...rest);
      }
      return lines;
    }
    default:
      return [`${indent}[@?]: dpo type ${type} index ${index}`];
  }
}

/** VPP's adjacency forms: a glean, an incomplete neighbour (arp-ipv6) or the complete rewrite. */
function formatAdjacency(fib: Fib, index: number, entry: FibEntry, name: InterfaceName): string {
  const adjacency = fib.adjacencies.get(index);
  if (!adjacency) return `adjacency ${index} (freed)`;
  const tx = name(adjacency.interfaceIndex);
  if (!adjacency.nextHop) return `ipv6-glean: [src:${formatPrefix(entry.prefix)}] ${tx}`;
  const via = formatIp6(adjacency.nextHop);
  const dstMac = fib.adjacencies.destinationMac(adjacency);
  if (!dstMac) return `arp-ipv6: via ${via} ${tx} (incomplete: neighbour not resolved)`;
  const srcMac = fib.interfaceMac(adjacency.interfaceIndex);
  const rewrite = `${hex(dstMac, 0, dstMac.length)}${hex(srcMac, 0, srcMac.length)}${ETHERTYPE_IPV6.toString(16)}`;
  return `ipv6 via ${via} ${tx}: adj-index:${index} ${rewrite}`;
}

/**
 * VPP's `show ip neighbors` columns (time, address, flags, MAC, interface). Flags: S configured
 * (static), D learned (dynamic). Time is the entry's age in seconds, since it was configured or last
 * confirmed (VPP prints the time of the last update on its own clock instead).
 */
export function formatNeighbours(fib: Fib, name: InterfaceName, nowNs: bigint, onlyInterface?: number): string {
  const lines = [`${center("Time", 12)}${center("IP", 40)}${center("Flags", 6)}${center("Ethernet", 20)}${center("Interface", 20)}`.trimEnd()];
  const neighbours = fib.neighbours().filter((n) => onlyInterface === undefined || n.interfaceIndex === onlyInterface);
  for (const n of neighbours) {
    const ageNs = nowNs > (n.updatedNs ?? nowNs) ? nowNs - n.updatedNs! : 0n;
    const age = (Number(ageNs / 1000n) / 1e6).toFixed(4);
    lines.push(
      `${center(age, 12)}${center(formatIp6(n.address), 40)}${center(n.dynamic ? "D" : "S", 6)}${center(formatMac(n.mac), 20)}${name(n.interfaceIndex)}`,
    );
  }
  return lines.join("\n");
}

function center(text: string, width: number): string {
  const left = Math.floor(Math.max(0, width - text.length) / 2);
  return `${" ".repeat(left)}${text}`.padEnd(width);
}
