// The egress side of CATS: per service, the local service sites (each reached through an adjacency),
// their service points' metrics, the aggregation per site and per egress (metrics.ts), and the
// computing forwarding table End.CATS reads (cats-memory.ts), rewritten after every change.
import type { WasmEngine } from "../engine/wasm-engine.js";
import { fibOf, type Fib } from "../fib/fib.js";
import { aggregateEgress, aggregateSite, type EgressAggregate, type PointMetrics, type SiteAggregate } from "./metrics.js";
import { allocateCatsTable, writeCatsTable } from "./cats-memory.js";

export interface Site {
  name: string;
  /** Stable index among all sites of this egress (bucket ownership follows it). */
  index: number;
  interfaceIndex: number;
  nextHop: Uint8Array;
  adjacency: number;
  points: Map<string, PointMetrics>;
}

export interface EgressService {
  name: string;
  sites: Map<string, Site>;
  /** Engine address of the computing forwarding table, once an End.CATS SID uses it. */
  table?: number;
}

export interface ServiceAggregate {
  sites: Map<string, SiteAggregate>;
  egress: EgressAggregate;
}

export class CatsEgress {
  readonly services = new Map<string, EgressService>();
  private readonly fib: Fib;
  private nextSiteIndex = 0;

  constructor(private readonly engine: WasmEngine) {
    this.fib = fibOf(engine);
  }

  service(name: string): EgressService {
    let service = this.services.get(name);
    if (!service) this.services.set(name, (service = { name, sites: new Map() }));
    return service;
  }

  /** Adds a site or moves it to another next hop; its metrics stay. */
  setSite(serviceName: string, siteName: string, interfaceIndex: number, nextHop: Uint8Array): void {
    const service = this.service(serviceName);
    const adjacency = this.fib.adjacencyFor(interfaceIndex, nextHop);
    const old = service.sites.get(siteName);
    if (old) this.fib.releaseAdjacency(old.adjacency);
    const index = old?.index ?? this.nextSiteIndex++;
    service.sites.set(siteName, { name: siteName, index, interfaceIndex, nextHop: nextHop.slice(), adjacency, points: old?.points ?? new Map() });
    this.rewrite(service);
  }

  deleteSite(service: EgressService, site: Site): void {
    this.fib.releaseAdjacency(site.adjacency);
    service.sites.delete(site.name);
    this.rewrite(service);
  }

  report(service: EgressService, site: Site, point: string, metrics: PointMetrics): void {
    site.points.set(point, metrics);
    this.rewrite(service);
  }

  aggregate(service: EgressService): ServiceAggregate {
    const sites = new Map<string, SiteAggregate>();
    for (const site of service.sites.values()) if (site.points.size) sites.set(site.name, aggregateSite([...site.points.values()]));
    return { sites, egress: aggregateEgress(sites) };
  }

  /** The table End.CATS SIDs of the service read, allocated and written on first use. */
  tableAddress(serviceName: string): number {
    const service = this.service(serviceName);
    if (service.table === undefined) {
      service.table = allocateCatsTable(this.engine);
      this.rewrite(service);
    }
    return service.table;
  }

  /** Eligible sites share the buckets by their share of spare capacity; sites without metrics get none. */
  private rewrite(service: EgressService): void {
    if (service.table === undefined) return;
    const { sites } = this.aggregate(service);
    const eligible = [...service.sites.values()].filter((s) => (sites.get(s.name)?.share ?? 0) > 0);
    writeCatsTable(
      this.engine,
      service.table,
      eligible.map((s) => ({ index: s.index, weight: sites.get(s.name)!.share, adjacency: s.adjacency })),
    );
  }
}
