// The three metric levels on plain numbers: points merge into a site, sites into an egress whose
// cost is what its own second-phase shares deliver, not its best site's.
import { describe, expect, it } from "vitest";
import { aggregateEgress, aggregateSite, type PointMetrics } from "../../src/host/cats/metrics.js";

const US = 1e3;
const point = (load: number, capacity: number, latencyUs: number, queue = 0): PointMetrics => ({ load, capacity, queue, latencyNs: latencyUs * US });

describe("site aggregation (level 2)", () => {
  it("adds capacity, load and queue; latency is the capacity-weighted mean", () => {
    const site = aggregateSite([point(10, 100, 100), point(30, 300, 200, 20)]);
    expect(site).toMatchObject({ points: 2, capacity: 400, load: 40, queue: 20, share: 340 });
    expect(site.latencyNs).toBe(175 * US);
    expect(site.utilisation).toBeCloseTo(0.15);
    expect(site.costNs).toBeCloseTo((175 * US) / 0.85);
  });

  it("a full site (load + queue >= capacity) is not eligible: infinite cost, no share", () => {
    const site = aggregateSite([point(90, 100, 100, 10)]);
    expect(site.costNs).toBe(Infinity);
    expect(site.share).toBe(0);
  });
});

describe("egress aggregation (level 3)", () => {
  it("is the share-weighted mean cost: a great but nearly full site barely counts", () => {
    const sites = new Map([
      ["fast", aggregateSite([point(90, 100, 100)])], // cost 1 ms, share 10
      ["slow", aggregateSite([point(10, 100, 900)])], // cost 1 ms, share 90
    ]);
    const egress = aggregateEgress(sites);
    expect(egress.eligibleSites).toBe(2);
    expect(egress.costNs).toBeCloseTo((10 * 1_000_000 + 90 * 1_000_000) / 100);
    const skewed = aggregateEgress(
      new Map([
        ["best", aggregateSite([point(50, 100, 10)])],
        ["worst", aggregateSite([point(0, 900, 1000)])],
      ]),
    );
    expect(skewed.bestSite).toBe("best");
    expect(skewed.costNs).toBeCloseTo((50 * 20 * US + 900 * 1000 * US) / 950);
  });

  it("leaves full sites out and is unavailable when none is eligible", () => {
    const full = aggregateSite([point(100, 100, 10)]);
    expect(
      aggregateEgress(
        new Map([
          ["a", full],
          ["b", aggregateSite([point(0, 10, 50)])],
        ]),
      ).costNs,
    ).toBe(50 * US);
    const none = aggregateEgress(new Map([["a", full]]));
    expect(none.costNs).toBe(Infinity);
    expect(none.bestSite).toBeUndefined();
  });
});
