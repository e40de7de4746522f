// What a held SYN-ACK's VPP trace tells the policies: the guide's own profiles (M: trace type 0x09,
// 3 elements; the edges: 0x1f, 4) and the 4-element trace of the simulator and of `lab --policy rtt`.
import { describe, expect, it } from "vitest";
import { responseFacts } from "../../src/host/manycast/response-facts.js";
import type { HbhTrace, TraceHop } from "../../src/host/ioam/trace-reader.js";

const MS = 1; // trace-tsp 1: stamps in ms
const hop = (nodeId: number, hopLimit: number, timestamp: number, appData?: number): TraceHop => ({ nodeId, hopLimit, timestamp, appData });
const trace = (hops: TraceHop[], traceType = 0x1f): HbhTrace[] => [{ format: "vpp", traceType, hops }];

describe("responseFacts", () => {
  it("four stamps (M, E on the SYN, E on the SYN-ACK, M): one-way, M's round trip and the edge's load", () => {
    const facts = responseFacts(trace([hop(1, 63, 1000, 0), hop(3, 62, 1005, 20), hop(3, 64, 1006, 20), hop(1, 63, 1011, 0)]), MS);
    expect(facts).toEqual({ hops: 4, onewayNs: 5e6, rttNs: 11e6, load: 20 });
  });

  it("the guide's M profile (0x09, 3 elements): M has no stamp on the SYN-ACK, so no round trip; the one-way delay stands", () => {
    // M(SYN), E(SYN), E(SYN-ACK): the trace is full when the SYN-ACK reaches M ("no space").
    const facts = responseFacts(trace([hop(1, 63, 1000), hop(3, 62, 1005), hop(3, 64, 1006)], 0x09), MS);
    expect(facts.onewayNs).toBe(5e6);
    expect(facts.rttNs).toBeUndefined();
    expect(facts.load).toBeUndefined();
  });
});
