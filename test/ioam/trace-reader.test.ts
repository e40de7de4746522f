// Reading traces back out of hop-by-hop headers, in path order, for both RFC 9197 trace kinds and
// VPP's option; byte vectors from standards-interop §2.4 and vpp-ioam-spec §1.7.
import { describe, expect, it } from "vitest";
import { hex } from "../support/hex.js";
import { readHbhTraces } from "../../src/host/ioam/trace-reader.js";

describe("readHbhTraces", () => {
  it("pre-allocated RFC trace after two nodes (V1b): oldest first", () => {
    const hbh = hex("3a03 0100 31160000 007b 0801 800000 00 00000000 3f000002 40000001 01020000");
    const [trace] = readHbhTraces(hbh);
    expect(trace).toMatchObject({ format: "rfc9197", incremental: false, namespace: 123, traceType: 0x800000 });
    expect(trace.hops.map((h) => [h.nodeId, h.hopLimit])).toEqual([
      [1, 64],
      [2, 63],
    ]);
  });

  it("incremental RFC trace: node data right after the header, most recent first", () => {
    const hbh = hex("3a02 0100 31120001 007b 0802 800000 00 3f000002 40000001");
    const [trace] = readHbhTraces(hbh);
    expect(trace.incremental).toBe(true);
    expect(trace.hops.map((h) => h.nodeId)).toEqual([1, 2]);
  });

  it("VPP 0x1f trace after two nodes (vpp-ioam-spec §1.7)", () => {
    const slot0 = "3f000002 00010002 00000009 00001234";
    const slot1 = "40000001 00010002 00000005 00001234";
    const [trace] = readHbhTraces(hex(`3a04 3b22 1f00 ${slot0} ${slot1} 0000`));
    expect(trace.format).toBe("vpp");
    expect(trace.hops.map((h) => [h.nodeId, h.timestamp, h.appData])).toEqual([
      [1, 5, 0x1234],
      [2, 9, 0x1234],
    ]);
  });

  it("never reads past a truncated header", () => {
    const hbh = hex("3a04 3b22 1f00 3f000002");
    expect(() => readHbhTraces(hbh)).not.toThrow();
  });
});
