// The M-Anycast issue's scenarios on the guide's topology in virtual time: real engines (M and
// three server edges with nsim delays), a real (small) TCP on clients and servers.
import { describe, expect, it } from "vitest";
import { boundsViolations, simulation } from "./simulation.js";
import { summariseClients, summariseServers } from "../../src/host/scenario/simulation-summary.js";
import { manycastState } from "../../src/host/manycast/manycast-state.js";

const OTHERS = (servers: string[], chosen: string) => servers.filter((s) => s !== chosen);

describe("M-Anycast selection by IOAM-measured delay", () => {
  it.each([
    { delays: [5, 1, 9], expected: "db08::1" },
    { delays: [1, 5, 9], expected: "db07::1" },
    { delays: [9, 5, 2], expected: "db09::1" },
  ])("one-way delays $delays ms: every connection lands on $expected and no later segment reaches another server", async ({ delays, expected }) => {
    const sim = await simulation(2, { delaysMs: delays, loads: [50, 50, 50] });
    const report = sim.report(sim.runConnections(5, 200));
    expect(report).toHaveLength(10);
    for (const c of report) {
      expect(c.server).toBe(expected);
      expect(c.state).toBe("TIME-WAIT");
      for (const other of OTHERS(sim.serverAddresses, expected)) expect(c.packetsAfterChoice[other] ?? 0).toBe(0);
      expect(c.packetsAfterChoice[expected]).toBeGreaterThan(3); // ACK, request, ACKs, FIN, last ACK
    }
    // The sprayed connections measured what nsim imposed, one-way and round trip.
    const sprayed = report.filter((c) => !c.steered);
    expect(sprayed.length).toBe(2);
    for (const c of sprayed) {
      sim.serverAddresses.forEach((s, i) => {
        expect(c.delays[s]).toBe(delays[i]);
        expect(c.rtts[s]).toBe(2 * delays[i]);
      });
    }
    expect(boundsViolations(sim)).toBe(0);
  });

  it("with equal delays and loads 90, 20, 50 the load policy picks db08::1", async () => {
    const sim = await simulation(3, { delaysMs: [3, 3, 3], loads: [90, 20, 50], policy: "load" });
    const report = sim.report(sim.runConnections(3, 200));
    expect(new Set(report.map((c) => c.server))).toEqual(new Set(["db08::1"]));
    const measured = report.find((c) => !c.steered)!;
    expect(measured.loads).toEqual({ "db07::1": 90, "db08::1": 20, "db09::1": 50 });
    expect(measured.reason).toMatch(/load/);
  });

  it("the RTT policy takes the smallest round trip (VPP keeps the largest)", async () => {
    const sim = await simulation(1, { delaysMs: [4, 7, 2], loads: [50, 50, 50], policy: "rtt" });
    const [c] = sim.report(sim.runConnections(1, 200));
    expect(c.server).toBe("db09::1");
    expect(c.rtts).toEqual({ "db07::1": 8, "db08::1": 14, "db09::1": 4 });
  });
});

describe("show ioam ip6 sr-tunnel-select json", () => {
  it("carries what the text shows, for programs: counters, servers, tables and every selection with its candidates and times", async () => {
    const sim = await simulation(1, { delaysMs: [5, 1, 9], loads: [50, 50, 50] });
    sim.runConnections(2, 200);
    const doc = JSON.parse(sim.m.cli("show ioam ip6 sr-tunnel-select json"));
    expect(doc).toMatchObject({ enabled: true, policy: "oneway", waitForResponses: 3, waitNs: 100e6, clientLifetimeSeconds: 60, localSid: "db0a::2" });
    expect(doc.counters).toEqual({ syns: 2, steered: 1, createFailed: 0, decided: 2, noResponse: 0, forgotten: 0 });
    expect(doc.servers).toEqual(["db08::1", "db07::1", "db09::1"]);
    expect(doc.flowTable).toMatchObject({ capacity: 65536, inserts: 2 });
    const [sprayed, steered] = doc.selections;
    expect(sprayed).toMatchObject({
      client: "db04::1",
      clientPort: 40000,
      steered: false,
      forwardedTo: "db08::1",
      decision: { winner: "db08::1", trigger: "all" },
    });
    expect(sprayed.candidates.map((c: { server: string; onewayNs: number }) => [c.server, c.onewayNs])).toEqual([
      ["db08::1", 1e6],
      ["db07::1", 5e6],
      ["db09::1", 9e6],
    ]);
    expect(BigInt(sprayed.decidedNs) - BigInt(sprayed.createdNs)).toBe(18_000_000n);
    expect(steered).toMatchObject({ clientPort: 40001, steered: true, forwardedTo: "db08::1" });
    expect(() => sim.m.cli("show ioam ip6 sr-tunnel-select json verbose")).toThrow();
  });
});

describe("affinity: clients and servers unchanged", () => {
  it("a client whose server stops answering is selected anew: M forgets the server its steered SYN got no answer from, the retransmitted SYN is sprayed", async () => {
    const sim = await simulation(1, { delaysMs: [5, 1, 9], loads: [50, 50, 50] });
    const before = sim.report(sim.runConnections(2, 200));
    expect(before.map((c) => [c.server, c.steered])).toEqual([
      ["db08::1", false],
      ["db08::1", true],
    ]);
    // E2's server is cut off: the client's next SYN, steered there by client affinity, gets no answer.
    expect(sim.edges[1].configure("set interface state srv down")).toEqual([]);
    const [retried] = sim.report(sim.runConnections(1, 200));
    // The SYN retransmitted after 1 s was sprayed (the wait runs out with 2 of 3 answers) and selected anew.
    expect(retried).toMatchObject({ server: "db07::1", steered: false });
    expect(retried.establishedMs).toBeGreaterThan(1000);
    expect(retried.reason).toMatch(/wait ran out with 2 of 3 responses/);
    const [next] = sim.report(sim.runConnections(1, 200));
    expect(next).toMatchObject({ server: "db07::1", steered: true });
    expect(sim.selection.counters).toMatchObject({ forgotten: 1, noResponse: 1 });
    expect(sim.m.cli("show ioam ip6 sr-tunnel-select")).toMatch(/1 without a response \(1 of them steered: that server forgotten\)/);
    expect(boundsViolations(sim)).toBe(0);
  });

  it("three clients making 20 connections each stay on one server each; after the client lifetime they are selected again", async () => {
    const sim = await simulation(3, { delaysMs: [5, 1, 9], loads: [50, 50, 50], clientLifetimeSeconds: 10 });
    const first = sim.report(sim.runConnections(20, 100));
    expect(first).toHaveLength(60);
    for (const client of summariseClients(first)) {
      expect(Object.keys(client.servers)).toEqual(["db08::1"]);
      expect(client.established).toBe(20);
      // The first connection was sprayed and measured; the other 19 went straight to the chosen server.
      expect(client.steered).toBe(19);
    }
    // Server db08::1 becomes slow: a client within its lifetime stays, one past it is selected again.
    sim.edges[1].cli("set nsim delay 20 ms interface net");
    sim.m.cli("set nsim delay 20 ms interface e2");
    sim.advance(5);
    const within = sim.report(sim.runConnections(1, 100));
    expect(within.every((c) => c.steered && c.server === "db08::1")).toBe(true);
    sim.advance(11);
    const after = sim.report(sim.runConnections(2, 100));
    const byClient = summariseClients(after);
    for (const client of byClient) {
      expect(client.steered).toBe(1); // sprayed again once, then sticky again
      expect(Object.keys(client.servers)).toEqual(["db07::1"]); // now the fastest
    }
    expect(boundsViolations(sim)).toBe(0);
  });

  it("a client prefix length groups the clients of a /64 onto one server", async () => {
    const sim = await simulation(3, { delaysMs: [5, 1, 9], loads: [50, 50, 50], clientPrefixLength: 64 });
    const first = sim.connect("db04::1");
    sim.runUntilIdle();
    const report = sim.report([first, ...sim.runConnections(2, 100)]);
    // db04::1 sprays; db04::2 and db04::3 (same /64) then already have db08::1.
    expect(report.filter((c) => !c.steered).map((c) => c.client)).toEqual(["db04::1"]);
    expect(new Set(report.map((c) => c.server))).toEqual(new Set(["db08::1"]));
  });
});

describe("failure and cleanup", () => {
  it("with one server edge silent, selection completes after the wait with the other two and the connection succeeds", async () => {
    const sim = await simulation(1, { delaysMs: [5, 1, 9], loads: [50, 50, 50], silent: [1], waitMs: 100 });
    const [c] = sim.report(sim.runConnections(1, 100));
    expect(c.server).toBe("db07::1");
    expect(c.state).toBe("TIME-WAIT");
    expect(Object.keys(c.delays).sort()).toEqual(["db07::1", "db09::1"]);
    expect(c.reason).toMatch(/the 100 ms wait ran out with 2 of 3 responses/);
    expect(c.establishedMs).toBeGreaterThanOrEqual(100);
    expect(c.establishedMs).toBeLessThan(110);
  });

  it("losing servers get an RST and keep no half-open connection", async () => {
    const sim = await simulation(2, { delaysMs: [5, 1, 9], loads: [50, 50, 50] });
    const report = sim.report(sim.runConnections(1, 100));
    for (const c of report) expect(c.resets.sort()).toEqual(["db07::1", "db09::1"]);
    const [s1, , s3] = sim.servers;
    for (const loser of [s1, s3]) {
      expect(loser.connections).toHaveLength(2);
      expect(loser.connections.every((c) => c.closeReason === "reset")).toBe(true);
      expect(loser.liveConnections).toEqual([]);
    }
    expect(summariseServers(sim.serverAddresses, report).map((s) => s.resets)).toEqual([2, 0, 2]);
    expect(sim.m.cli("show errors")).toMatch(/\b4\s+ip6-ioam-tunnel-select\s+losing SYN-ACK answered with an RST to its server/);
  });

  it("under a flood of 100,000 SYNs from random clients the flow table stays within its bound and counts its evictions", async () => {
    const sim = await simulation(1, { delaysMs: [2, 1, 3], loads: [50, 50, 50], capture: false, flooder: true, flows: 4096, entries: 65536 }, "release");
    let largest = 0;
    // Watch the table's size after every vector of M.
    const state = manycastState(sim.m.dataplane);
    sim.m.dataplane.onVector(() => {
      largest = Math.max(largest, state.flowTable!.size);
    });
    sim.flood(100_000, 10);
    expect(sim.flooder!.sent).toBe(100_000);
    expect(sim.selection.counters.decided).toBe(100_000);
    const counts = state.flowTable!.counts();
    expect(largest).toBe(4096);
    expect(state.flowTable!.size).toBe(4096);
    expect(counts.inserts).toBe(100_000);
    expect(counts.evictions).toBe(100_000 - 4096 - counts.expirations - counts.removals);
    expect(counts.evictions).toBeGreaterThan(90_000);
    expect(sim.m.cli("show ioam ip6 sr-tunnel-select")).toMatch(/Live flows: 4096 of 4096 \(inserted 100000, evicted \d+/);
  }, 120_000);
});
