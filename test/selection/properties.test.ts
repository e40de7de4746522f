// fast-check properties of the policies and the collector.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Candidate } from "../../src/host/selection/candidate.js";
import { ResponseCollector } from "../../src/host/selection/collector.js";
import { load, mix, oneway, p2c, POLICY_NAMES, policyByName, rtt, seededRandom } from "../../src/host/selection/policies.js";

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const candidateArb = fc.record({
  server: fc.constantFrom("db07::1", "db08::1", "db09::1", "db0a::1", "db10::1", "edge-a", "edge-b"),
  segmentListId: maybe(fc.nat(7)),
  onewayNs: maybe(fc.integer({ min: 0, max: 10_000_000_000 })),
  rttNs: maybe(fc.integer({ min: 0, max: 10_000_000_000 })),
  load: maybe(fc.integer({ min: 0, max: 100 })),
  arrivedAtMs: fc.integer({ min: 0, max: 1000 }),
});
/** Distinct servers, as the collector hands them over. */
const candidatesArb = fc.uniqueArray(candidateArb, { minLength: 1, maxLength: 7, selector: (c) => c.server }) as fc.Arbitrary<Candidate[]>;

describe("properties", () => {
  it("oneway (and rtt, load) always return a minimum of their measure when any candidate has it", () => {
    fc.assert(
      fc.property(candidatesArb, (cs) => {
        for (const [policy, key] of [
          [oneway, "onewayNs"],
          [rtt, "rttNs"],
          [load, "load"],
        ] as const) {
          const values = cs.map((c) => c[key]).filter((v): v is number => v !== undefined);
          const w = policy.choose(cs)!.winner;
          if (values.length > 0) expect(w[key]).toBe(Math.min(...values));
          else expect(w.arrivedAtMs).toBe(Math.min(...cs.map((c) => c.arrivedAtMs)));
        }
      }),
    );
  });

  it("every policy's choice is one of the candidates, and is independent of arrival order for oneway", () => {
    fc.assert(
      fc.property(candidatesArb, fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (cs, seed, w) => {
        for (const name of POLICY_NAMES) {
          const policy = policyByName(name, { mix: { delayWeight: w } });
          const choice = policy.choose(cs, { random: seededRandom(seed) });
          expect(cs).toContain(choice!.winner);
          expect(choice!.reason.startsWith(name)).toBe(true);
        }
        const anyDelay = cs.some((c) => c.onewayNs !== undefined);
        if (anyDelay) expect(oneway.choose([...cs].reverse())!.winner).toBe(oneway.choose(cs)!.winner);
      }),
    );
  });

  it("mix at w = 1 is oneway and at w = 0 is load", () => {
    fc.assert(
      fc.property(candidatesArb, (cs) => {
        expect(mix({ delayWeight: 1 }).choose(cs)!.winner).toBe(oneway.choose(cs)!.winner);
        expect(mix({ delayWeight: 0 }).choose(cs)!.winner).toBe(load.choose(cs)!.winner);
      }),
    );
  });

  it("p2c never picks the most loaded of all (when loads differ) and is deterministic per seed", () => {
    fc.assert(
      fc.property(candidatesArb, fc.integer(), (cs, seed) => {
        const a = p2c.choose(cs, { random: seededRandom(seed) })!;
        expect(p2c.choose(cs, { random: seededRandom(seed) })!.winner).toBe(a.winner);
        // The order of the list does not matter either, except where it is the only arrival order
        // left: no load anywhere falls back to the first arrival, and two responses stamped in the
        // same millisecond arrived in list order.
        const arrivals = new Set(cs.map((c) => c.arrivedAtMs));
        if (cs.some((c) => c.load !== undefined) || arrivals.size === cs.length) {
          expect(p2c.choose([...cs].reverse(), { random: seededRandom(seed) })!.winner).toBe(a.winner);
        }
        const loads = cs.map((c) => c.load).filter((v): v is number => v !== undefined);
        const max = Math.max(...loads);
        if (loads.length >= 2 && loads.filter((l) => l === max).length === 1) expect(a.winner.load).toBeLessThan(max);
      }),
    );
  });

  it("the collector never decides before it is ready", () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), c: candidateArb, dt: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant("poll" as const), dt: fc.integer({ min: 0, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 150 }), fc.array(event, { maxLength: 20 }), (n, wait, events) => {
        const col = new ResponseCollector({ expected: n, firstSentAtMs: 0, waitMs: wait });
        let now = 0;
        const heard = new Set<string>(); // distinct servers added before the decision, kept here independently
        for (const e of events) {
          now += e.dt;
          if (e.kind === "add") {
            const r = col.add({ ...e.c, arrivedAtMs: now }, now);
            expect(r).toBe(col.decided ? "after-decision" : heard.has(e.c.server) ? "duplicate" : "accepted");
            if (!col.decided) heard.add(e.c.server);
          }
          const servers = heard.size;
          const ready = col.ready(now);
          expect(ready).toBe(servers >= n || (now >= wait && servers >= 1));
          if (col.decided) continue;
          if (col.due(now)) {
            const d = col.decide(oneway, now);
            if (servers === 0) expect(d.winner).toBeUndefined();
            else expect(ready).toBe(true);
            expect(d.losers.length + (d.winner ? 1 : 0)).toBe(servers);
          } else {
            expect(ready).toBe(false);
            expect(() => col.decide(oneway, now)).toThrow(/not ready/);
          }
        }
      }),
    );
  });
});
