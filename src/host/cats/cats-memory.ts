// The computing forwarding table of an End.CATS SID in engine memory (layout:
// assembly/srv6/cats.layout.ts). One table per service, allocated once and rewritten in place after
// every aggregation (the host runs between vectors, so sr-localsid never sees half a table). The
// buckets are shared out by the SR policies' weighted rendezvous hashing (src/host/srv6/buckets.ts):
// a site's share of flows follows its weight, and a change moves only the flows of the sites that
// gain or lose buckets, so most flows stay on their site.
import * as L from "../../../assembly/srv6/cats.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { assignBuckets } from "../srv6/buckets.js";

export interface TableSite {
  /** Stable while the site exists: keeps its buckets across rewrites. */
  index: number;
  weight: number;
  /** Adjacency DPO of the site's next hop. */
  adjacency: number;
}

export function allocateCatsTable(engine: WasmEngine): number {
  const address = engine.allocate(L.CATS_TABLE_SIZE);
  engine.memory.fill(0, address, address + L.CATS_TABLE_SIZE);
  return address;
}

/** Writes the bucket of every flow hash; no sites: count 0 and every packet is dropped. */
export function writeCatsTable(engine: WasmEngine, address: number, sites: readonly TableSite[]): void {
  const view = engine.memoryView();
  const buckets = sites.length ? assignBuckets(sites, L.CATS_BUCKET_COUNT) : [];
  buckets.forEach((position, b) => view.setUint32(address + L.CATS_TABLE_BUCKETS + b * 4, sites[position].adjacency >>> 0, true));
  view.setUint32(address + L.CATS_TABLE_SITE_COUNT, sites.length, true);
}

/** How many buckets each adjacency holds (for `show cats egress`). */
export function bucketsPerAdjacency(engine: WasmEngine, address: number): Map<number, number> {
  const view = engine.memoryView();
  const counts = new Map<number, number>();
  if (view.getUint32(address + L.CATS_TABLE_SITE_COUNT, true) === 0) return counts;
  for (let b = 0; b < L.CATS_BUCKET_COUNT; b++) {
    const adjacency = view.getUint32(address + L.CATS_TABLE_BUCKETS + b * 4, true);
    counts.set(adjacency, (counts.get(adjacency) ?? 0) + 1);
  }
  return counts;
}
