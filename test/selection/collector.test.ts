// Per-SYN response collector: N responses or the deadline, duplicates, silence, losers.
import { describe, expect, it } from "vitest";
import type { Candidate } from "../../src/host/selection/candidate.js";
import { DEFAULT_WAIT_MS, ResponseCollector } from "../../src/host/selection/collector.js";
import { load, oneway } from "../../src/host/selection/policies.js";

const MS = 1_000_000;
const cand = (server: string, onewayMs: number, arrivedAtMs: number, extra: Partial<Candidate> = {}): Candidate => ({
  server,
  onewayNs: onewayMs * MS,
  arrivedAtMs,
  ...extra,
});

describe("ResponseCollector", () => {
  it("decides as soon as all N are in", () => {
    const col = new ResponseCollector({ expected: 3, firstSentAtMs: 1000 });
    expect(col.deadlineMs).toBe(1000 + DEFAULT_WAIT_MS);
    col.add(cand("db07::1", 5, 1010), 1010);
    col.add(cand("db08::1", 1, 1012), 1012);
    expect(col.ready(1012)).toBe(false);
    col.add(cand("db09::1", 9, 1015), 1015);
    expect(col.ready(1015)).toBe(true);
    const d = col.decide(oneway, 1015);
    expect(d.winner?.server).toBe("db08::1");
    expect(d.losers.map((c) => c.server)).toEqual(["db07::1", "db09::1"]);
    expect(d.trigger).toBe("all");
    expect(d.reason).toMatch(/^all 3 responses in; oneway: db08::1/);
  });

  it("an RST counts as an answer that cannot win: two SYN-ACKs and one RST complete N = 3 before the deadline", () => {
    const col = new ResponseCollector({ expected: 3, firstSentAtMs: 0 });
    col.add(cand("db07::1", 5, 10), 10);
    col.refuse("db08::1");
    col.refuse("db08::1"); // a repeated RST is one server
    expect(col.complete).toBe(false);
    col.add(cand("db09::1", 9, 20), 20);
    expect(col.complete).toBe(true);
    expect(col.due(20)).toBe(true);
    const d = col.decide(oneway, 20);
    expect(d.trigger).toBe("all");
    expect(d.winner?.server).toBe("db07::1");
    expect(d.losers.map((c) => c.server)).toEqual(["db09::1"]);
  });

  it("a silent server (2 of 3 respond) → decided at the deadline with the two", () => {
    const col = new ResponseCollector({ expected: 3, firstSentAtMs: 0 });
    col.add(cand("db07::1", 5, 10), 10);
    col.add(cand("db09::1", 9, 20), 20);
    expect(col.ready(99.9)).toBe(false);
    expect(() => col.decide(oneway, 99.9)).toThrow(/not ready at 99.9 ms: 2 of 3/);
    expect(col.ready(100)).toBe(true);
    const d = col.decide(oneway, 100);
    expect(d.winner?.server).toBe("db07::1");
    expect(d.losers.map((c) => c.server)).toEqual(["db09::1"]);
    expect(d.trigger).toBe("deadline");
    expect(d.reason).toContain("the 100 ms wait ran out with 2 of 3 responses");
  });

  it("a second SYN-ACK from the same server counts once (the first is kept)", () => {
    const col = new ResponseCollector({ expected: 2, firstSentAtMs: 0 });
    expect(col.add(cand("db07::1", 5, 10), 10)).toBe("accepted");
    expect(col.add(cand("db07::1", 1, 30), 30)).toBe("duplicate");
    expect(col.ready(30)).toBe(false);
    expect(col.duplicates).toBe(1);
    expect(col.candidates).toHaveLength(1);
    expect(col.candidates[0].onewayNs).toBe(5 * MS);
    expect(col.add(cand("db08::1", 7, 40), 40)).toBe("accepted");
    const d = col.decide(oneway, 40);
    expect(d.winner?.server).toBe("db07::1");
    expect(d.losers.map((c) => c.server)).toEqual(["db08::1"]);
  });

  it("zero responses at the deadline: no choice, and the reason says so", () => {
    const col = new ResponseCollector({ expected: 3, firstSentAtMs: 5, waitMs: 50 });
    expect(col.ready(55)).toBe(false);
    expect(col.due(54)).toBe(false);
    expect(col.due(55)).toBe(true);
    const d = col.decide(oneway, 55);
    expect(d.winner).toBeUndefined();
    expect(d.losers).toEqual([]);
    expect(d.reason).toBe("the 50 ms wait ran out with 0 of 3 responses: no response, no choice");
  });

  it("decides once; late responses are refused", () => {
    const col = new ResponseCollector({ expected: 1, firstSentAtMs: 0 });
    col.add(cand("db07::1", 5, 1, { load: 90 }), 1);
    const d = col.decide(load, 1);
    expect(col.add(cand("db08::1", 1, 2), 2)).toBe("after-decision");
    expect(col.decide(oneway, 200)).toBe(d);
    expect(col.decided).toBe(d);
  });

  it("validates its options", () => {
    expect(() => new ResponseCollector({ expected: 0, firstSentAtMs: 0 })).toThrow(/≥ 1/);
    expect(() => new ResponseCollector({ expected: 2.5, firstSentAtMs: 0 })).toThrow(RangeError);
    expect(() => new ResponseCollector({ expected: 2, firstSentAtMs: 0, waitMs: -1 })).toThrow(/wait/);
  });

  it("refuses a policy whose choice is not a candidate", () => {
    const col = new ResponseCollector({ expected: 1, firstSentAtMs: 0 });
    col.add(cand("db07::1", 5, 1), 1);
    const rogue = { name: "rogue", description: "", choose: () => ({ winner: cand("x", 0, 0), policy: "rogue", reason: "" }) };
    expect(() => col.decide(rogue, 1)).toThrow(/rogue did not choose/);
  });
});
