// The TCP service-affinity option end to end with real TCP on the guide's topology plus a client
// edge: M selects the first connection; the chosen server's FIN leaves its edge carrying the
// option; the client edge learns it; the client's later connections go from the client edge
// straight to that server, past M, which makes no selection and keeps no state for them.
import { describe, expect, it } from "vitest";
import { boundsViolations, simulation } from "./simulation.js";
import { manycastState } from "../../src/host/manycast/manycast-state.js";
import { tcpAffinityOf } from "../../src/host/affinity/affinity.js";
import { parseSegment } from "../../src/host/simulator/index.js";
import { toHex } from "../support/hex.js";
import { parseIp6 } from "../../src/host/format/ip6-address.js";
import { TCP_FLAG_FIN } from "../../assembly/wire/tcp.layout.js";

describe("TCP service-affinity option round trip (real TCP, real engines)", () => {
  it("the first connection is selected by M, the next ones are steered by the client edge to the same server", async () => {
    // M keeps no client affinity (lifetime 0): only the option can keep the client on its server.
    const sim = await simulation(1, { delaysMs: [5, 1, 9], loads: [50, 50, 50], clientLifetimeSeconds: 0, serviceAffinity: true });
    const report = sim.report(sim.runConnections(4, 300));
    expect(report.map((c) => [c.server, c.state, c.steeredBy])).toEqual([
      ["db08::1", "TIME-WAIT", null],
      ["db08::1", "TIME-WAIT", "service-affinity-option"],
      ["db08::1", "TIME-WAIT", "service-affinity-option"],
      ["db08::1", "TIME-WAIT", "service-affinity-option"],
    ]);
    // Only the first reached the other servers (its sprayed SYN, then M's RST); the rest only db08::1.
    for (const c of report.slice(1)) expect(Object.keys(c.packets)).toEqual(["db08::1"]);

    // M saw one SYN and holds nothing: no flow left, no client table, no entry.
    expect(sim.selection.counters.syns).toBe(1);
    const m = manycastState(sim.m.dataplane);
    expect(m.flowTable!.counts().inserts).toBe(1);
    expect(m.flowTable!.size).toBe(0);
    expect(m.clientTable).toBeUndefined();

    // The FINs on the way to the client carried the option naming db08::1 port 80.
    const fins = sim.net.log!.frames.filter((f) => f.link === "clients-CE" && f.to === "clients" && parseSegment(f.data)!.flags & TCP_FLAG_FIN);
    expect(fins).toHaveLength(4);
    // kind 253, length 23, ExID 0x5341, family 6, db08::1, port 80 (docs/tcp-service-affinity.md)
    const option = `fd17534106${toHex(parseIp6("db08::1")!)}0050`;
    for (const fin of fins) expect(toHex(fin.data)).toContain(option);
    expect(fins.every((f) => parseSegment(f.data)!.checksumValid)).toBe(true);
    // The client edge learned one server and steered three connections.
    const ce = tcpAffinityOf(sim.net.node("CE").dataplane.engine);
    expect(ce.learnedServers().map((s) => s.port)).toEqual([80]);
    expect(sim.net.node("CE").cli("show tcp service-affinity")).toMatch(/3\s+tcp-affinity-client-edge\s+SYN steered to its client's learned server/);
    expect(boundsViolations(sim)).toBe(0);
  });
});
