// CATS computing metrics at the draft's three levels (draft-du-cats-aggregated-metrics-on-egress
// §3): what a service point reports, what a site merges from its points, and what an egress merges
// from its sites and announces to ingresses. Plain data, no engine: unit-tested on numbers.
//
// Aggregation functions (our choice; the draft leaves them open):
// - site: a cluster behind a layer-7 balancer acts as one big server, so capacity, load and queue
//   add up and the idle latency is the capacity-weighted mean of the points' latencies;
// - site cost: the time a request waits there, idle latency / (1 − utilisation) (M/M/1 inflation),
//   utilisation = (load + queue) / capacity; a site at or over capacity is not eligible;
// - egress share of a site: its spare capacity, capacity − load − queue (flows fill headroom);
// - egress cost: the cost a flow admitted by the egress can expect, the share-weighted mean of its
//   eligible sites' costs. The egress's second-phase choice uses the same shares, so the number the
//   ingress ranks egresses by is what the egress will actually deliver, not its best site alone.

export interface PointMetrics {
  /** Work in progress or offered rate, in the same unit as capacity (e.g. requests/s). */
  load: number;
  /** What the point can serve in that unit; > 0. */
  capacity: number;
  /** Requests waiting, counted as load. */
  queue: number;
  /** Service time when idle, in nanoseconds. */
  latencyNs: number;
}

export interface SiteAggregate {
  points: number;
  capacity: number;
  load: number;
  queue: number;
  latencyNs: number;
  utilisation: number;
  /** Expected service time in ns; Infinity when the site is full. */
  costNs: number;
  /** Spare capacity: the site's share of new flows at its egress (0: not eligible). */
  share: number;
}

export interface EgressAggregate {
  sites: number;
  eligibleSites: number;
  capacity: number;
  load: number;
  /** Share-weighted mean cost of the eligible sites in ns; Infinity when none is eligible. */
  costNs: number;
  /** The cheapest eligible site, for show output: the egress does not send every flow there. */
  bestSite?: string;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export function aggregateSite(points: readonly PointMetrics[]): SiteAggregate {
  const capacity = sum(points.map((p) => p.capacity));
  const load = sum(points.map((p) => p.load));
  const queue = sum(points.map((p) => p.queue));
  const latencyNs = capacity > 0 ? sum(points.map((p) => p.latencyNs * p.capacity)) / capacity : 0;
  const utilisation = capacity > 0 ? (load + queue) / capacity : Infinity;
  const eligible = utilisation < 1;
  return {
    points: points.length,
    capacity,
    load,
    queue,
    latencyNs,
    utilisation,
    costNs: eligible ? latencyNs / (1 - utilisation) : Infinity,
    share: eligible ? capacity - load - queue : 0,
  };
}

export function aggregateEgress(sites: ReadonlyMap<string, SiteAggregate>): EgressAggregate {
  const all = [...sites.entries()];
  const eligible = all.filter(([, s]) => s.share > 0);
  const shares = sum(eligible.map(([, s]) => s.share));
  let bestSite: string | undefined;
  for (const [name, s] of eligible) if (bestSite === undefined || s.costNs < sites.get(bestSite)!.costNs) bestSite = name;
  return {
    sites: all.length,
    eligibleSites: eligible.length,
    capacity: sum(all.map(([, s]) => s.capacity)),
    load: sum(all.map(([, s]) => s.load + s.queue)),
    costNs: shares > 0 ? sum(eligible.map(([, s]) => s.share * s.costNs)) / shares : Infinity,
    bestSite,
  };
}
