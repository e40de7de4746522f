// What `show ip neighbor-config` prints: VPP's limit, age and recycle settings for learned IPv6
// neighbours, then what neighbour discovery has done with them.
import type { NeighbourDiscovery } from "./neighbour-discovery.js";

export function formatNeighbourConfig(nd: NeighbourDiscovery): string {
  const c = nd.config;
  const n = nd.counters;
  return [
    `ip6:`,
    `  limit:${c.limit}, age:${c.ageSeconds}, recycle:${c.recycle ? 1 : 0}`,
    `  dynamic entries:${nd.dynamicCount()}, resolving or probing:${nd.pendingCount()}`,
    `  learned:${n.learned} refreshed:${n.refreshed} forgotten:${n.forgotten} refused (table full):${n.refused} resolutions failed:${n.failed}`,
  ].join("\n");
}
