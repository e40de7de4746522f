// Selection policies on plain data: the scenarios, fallbacks, ties, mix extremes, p2c.
import { describe, expect, it } from "vitest";
import { compareServerIds, onewayDelayNs, roundTripNs, type Candidate } from "../../src/host/selection/candidate.js";
import { load, mix, oneway, p2c, policyByName, POLICY_NAMES, rtt, seededRandom } from "../../src/host/selection/policies.js";

const MS = 1_000_000;
const SERVERS = ["db07::1", "db08::1", "db09::1"];

/** Three candidates, one per server, in arrival order db07, db08, db09. */
function three(fields: (i: number) => Partial<Candidate>): Candidate[] {
  return SERVERS.map((server, i) => ({ server, segmentListId: i, arrivedAtMs: 10 + i, ...fields(i) }));
}

describe("oneway", () => {
  it("delays 5, 1, 9 ms → db08::1", () => {
    const c = oneway.choose(three((i) => ({ onewayNs: [5, 1, 9][i] * MS })));
    expect(c?.winner.server).toBe("db08::1");
    expect(c?.reason).toContain("smallest one-way delay, 1.000 ms");
  });
  it("delays 1, 5, 9 ms → db07::1", () => {
    expect(oneway.choose(three((i) => ({ onewayNs: [1, 5, 9][i] * MS })))?.winner.server).toBe("db07::1");
  });
  it("ties go to the lowest server id, whatever the arrival order", () => {
    const c = three(() => ({ onewayNs: 3 * MS })).reverse();
    const choice = oneway.choose(c);
    expect(choice?.winner.server).toBe("db07::1");
    expect(choice?.reason).toContain("tie among 3");
  });
  it("ignores candidates without the measure and says so", () => {
    const c = three((i) => (i === 1 ? {} : { onewayNs: [5, 0, 9][i] * MS }));
    const choice = oneway.choose(c);
    expect(choice?.winner.server).toBe("db07::1");
    expect(choice?.reason).toContain("1 candidate without one-way delay ignored");
  });
  it("falls back to the first arrival when no candidate has a one-way delay", () => {
    const c = three(() => ({})).map((x, i) => ({ ...x, arrivedAtMs: [30, 20, 25][i] }));
    const choice = oneway.choose(c);
    expect(choice?.winner.server).toBe("db08::1");
    expect(choice?.reason).toMatch(/no candidate carries a one-way delay.*first arrival, db08::1/);
  });
  it("NaN and Infinity count as missing", () => {
    const c = three((i) => ({ onewayNs: [NaN, Infinity, 7][i] }));
    expect(oneway.choose(c)?.winner.server).toBe("db09::1");
  });
  it("no candidates → undefined", () => {
    expect(oneway.choose([])).toBeUndefined();
  });
});

describe("rtt and load", () => {
  it("rtt takes the smallest RTT (VPP keeps the largest)", () => {
    const c = three((i) => ({ rttNs: [60, 100, 80][i] * MS }));
    expect(rtt.choose(c)?.winner.server).toBe("db07::1");
  });
  it("equal delays, loads 90/20/50 with load → db08::1", () => {
    const c = three((i) => ({ onewayNs: 4 * MS, rttNs: 9 * MS, load: [90, 20, 50][i] }));
    expect(load.choose(c)?.winner.server).toBe("db08::1");
    expect(oneway.choose(c)?.winner.server).toBe("db07::1"); // tie → lowest id
  });
});

describe("mix", () => {
  const c = three((i) => ({ onewayNs: [1, 5, 9][i] * MS, rttNs: [9, 5, 1][i] * MS, load: [90, 20, 50][i] }));
  it("w = 1 is oneway, w = 0 is load", () => {
    expect(mix({ delayWeight: 1 }).choose(c)?.winner).toBe(oneway.choose(c)?.winner);
    expect(mix({ delayWeight: 0 }).choose(c)?.winner).toBe(load.choose(c)?.winner);
    expect(mix({ delayWeight: 1, delay: "rtt" }).choose(c)?.winner.server).toBe("db09::1");
  });
  it("w = 1 does not need loads, w = 0 does not need delays", () => {
    const noLoad = c.map(({ load: _l, ...rest }) => rest);
    expect(mix({ delayWeight: 1 }).choose(noLoad)?.winner.server).toBe("db07::1");
    const noDelay = c.map(({ onewayNs: _d, ...rest }) => rest);
    expect(mix({ delayWeight: 0 }).choose(noDelay)?.winner.server).toBe("db08::1");
  });
  it("w = 0.5 balances normalised delay and load", () => {
    // norm delay 0, .5, 1; norm load 1, 0, .4286 → scores .5, .25, .714 → db08::1
    const choice = mix({ delayWeight: 0.5 }).choose(c);
    expect(choice?.winner.server).toBe("db08::1");
    expect(choice?.reason).toContain("0.250");
    expect(choice?.reason).toContain("(x − min)/(max − min)");
  });
  it("rejects weights outside [0, 1]", () => {
    expect(() => mix({ delayWeight: 1.5 })).toThrow(/\[0, 1\]/);
    expect(() => mix({ delayWeight: NaN })).toThrow(RangeError);
  });
});

describe("p2c", () => {
  const c = three((i) => ({ load: [90, 20, 50][i] }));
  it("is deterministic with a seeded random source", () => {
    for (let seed = 0; seed < 20; seed++) {
      const a = p2c.choose(c, { random: seededRandom(seed) });
      const b = p2c.choose([...c].reverse(), { random: seededRandom(seed) });
      expect(b?.winner.server).toBe(a?.winner.server);
      expect(b?.reason).toBe(a?.reason);
    }
  });
  it("never picks the most loaded of the drawn pair, and never db07::1 (the most loaded of all)", () => {
    for (let seed = 0; seed < 200; seed++) {
      const choice = p2c.choose(c, { random: seededRandom(seed) })!;
      expect(choice.winner.server).not.toBe("db07::1");
      const drawn = [...choice.reason.matchAll(/drew (\S+) \(load (\d+)\) and (\S+) \(load (\d+)\)/g)][0];
      expect(choice.winner.load).toBe(Math.min(Number(drawn[2]), Number(drawn[4])));
    }
  });
  it("draws as the random source says", () => {
    // sorted db07, db08, db09; r = 0 → i = 0 (db07); r = 0.99 → j = 1 → +1 = 2 (db09)
    const seq = [0, 0.99];
    const choice = p2c.choose(c, { random: () => seq.shift()! });
    expect(choice?.winner.server).toBe("db09::1");
    expect(choice?.reason).toContain("drew db07::1 (load 90) and db09::1 (load 50)");
  });
  it("one loaded candidate → it; none → first arrival", () => {
    expect(
      p2c.choose([
        { server: "a", arrivedAtMs: 2 },
        { server: "b", load: 7, arrivedAtMs: 3 },
      ])?.winner.server,
    ).toBe("b");
    expect(
      p2c.choose([
        { server: "a", arrivedAtMs: 2 },
        { server: "b", arrivedAtMs: 1 },
      ])?.reason,
    ).toMatch(/first arrival, b/);
  });
});

describe("registry", () => {
  it("knows every policy by name", () => {
    expect(POLICY_NAMES).toEqual(["oneway", "rtt", "load", "mix", "p2c"]);
    for (const name of POLICY_NAMES) expect(policyByName(name).name).toBe(name);
    expect(policyByName("mix", { mix: { delayWeight: 0 } }).description).toContain("0·normalised");
  });
  it("unknown names fail listing the known ones", () => {
    expect(() => policyByName("fastest")).toThrow('unknown selection policy "fastest"; known policies: oneway, rtt, load, mix, p2c');
    expect(() => policyByName("toString")).toThrow(/known policies/);
  });
});

describe("candidate helpers", () => {
  it("server ids: IPv6 numerically, then other strings", () => {
    expect(compareServerIds("db9::1", "db10::1")).toBeLessThan(0);
    expect(compareServerIds("db08::1", "db08::1")).toBe(0);
    // the same address in two spellings: still a total order on the text (ids should be canonical)
    expect(Math.sign(compareServerIds("DB08:0::1", "db08::1"))).toBe(-Math.sign(compareServerIds("db08::1", "DB08:0::1")));
    expect(compareServerIds("db08::1", "edge-a")).toBeLessThan(0);
    expect(compareServerIds("edge-a", "edge-b")).toBeLessThan(0);
  });
  it("one-way and RTT from timestamps", () => {
    expect(onewayDelayNs(1_000, 6_000)).toBe(5_000);
    expect(roundTripNs(2_000, 9_000)).toBe(7_000);
  });
});
