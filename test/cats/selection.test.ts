// Phase one on plain data: the ingress ranks egresses by compute cost plus measured delay.
import { describe, expect, it } from "vitest";
import { chooseEgress, type EgressOffer } from "../../src/host/cats/selection.js";
import { NetworkDelays } from "../../src/host/cats/delay.js";

const MS = 1e6;
const offers: EgressOffer[] = [
  { egress: "e1", computeCostNs: 2 * MS, networkDelayNs: 1 * MS },
  { egress: "e2", computeCostNs: 1 * MS, networkDelayNs: 1.5 * MS },
];

describe("chooseEgress", () => {
  it("sum: smallest compute + delay", () => {
    expect(chooseEgress(offers)?.egress).toBe("e2");
    expect(chooseEgress(offers)?.reason).toContain("e1 3.000 ms, e2 2.500 ms");
  });

  it("weights are pluggable: network only picks the nearest, compute only the cheapest", () => {
    expect(chooseEgress(offers, "sum", { compute: 0, network: 1 })?.egress).toBe("e1");
    expect(chooseEgress(offers, "sum", { compute: 1, network: 0 })?.egress).toBe("e2");
    expect(chooseEgress(offers, "sum", { compute: 1, network: 3 })?.egress).toBe("e1");
  });

  it("mix reuses the M-Anycast weighted mix over normalised delay and cost", () => {
    expect(chooseEgress(offers, "mix", { compute: 1, network: 3 })?.egress).toBe("e1");
    expect(chooseEgress(offers, "mix", { compute: 3, network: 1 })?.reason).toMatch(/^mix: e2 .*norm\(compute cost\)/);
  });

  it("skips egresses without an eligible site or a delay; ties go to the lower name", () => {
    expect(
      chooseEgress([
        { egress: "e1", computeCostNs: Infinity, networkDelayNs: 0 },
        { egress: "e2", computeCostNs: 9 * MS, networkDelayNs: 9 * MS },
      ])?.egress,
    ).toBe("e2");
    expect(
      chooseEgress([
        { egress: "e1", computeCostNs: 1 },
        { egress: "e2", computeCostNs: 5, networkDelayNs: 5 },
      ])?.egress,
    ).toBe("e2");
    expect(chooseEgress([{ egress: "e1", computeCostNs: 1 }], "sum", { compute: 1, network: 0 })?.egress).toBe("e1");
    expect(
      chooseEgress([
        { egress: "b", computeCostNs: 1, networkDelayNs: 1 },
        { egress: "a", computeCostNs: 1, networkDelayNs: 1 },
      ])?.egress,
    ).toBe("a");
    expect(chooseEgress([{ egress: "e1" }])).toBeUndefined();
  });
});

describe("NetworkDelays", () => {
  const trace = (nodes: number[], endToEndNs: number) => ({ nodes: nodes.map((nodeId) => ({ nodeId })), endToEndNs }) as never;

  it("credits a trace's end-to-end delay to its last node, smoothed with gain 1/8", () => {
    const delays = new NetworkDelays();
    expect(delays.observeTrace(trace([1, 7], 800), 1)).toBe(7);
    delays.observeTrace(trace([1, 7], 1600), 1);
    expect(delays.delayOf(7)).toEqual({ delayNs: 900, samples: 2, source: "ioam" });
  });

  it("ignores traces of other ingresses and without two stamps; a manual delay overrides until cleared", () => {
    const delays = new NetworkDelays();
    expect(delays.observeTrace(trace([2, 7], 800), 1)).toBeUndefined();
    expect(delays.observeTrace({ nodes: [{ nodeId: 1 }], endToEndNs: undefined } as never)).toBeUndefined();
    delays.record(7, 500);
    delays.setManual(7, 42);
    expect(delays.delayOf(7)?.delayNs).toBe(42);
    delays.setManual(7, undefined);
    expect(delays.delayOf(7)?.source).toBe("ioam");
  });
});
