// The SRv6 benchmark compares like with like: on the benchmark's own packets and policies, the
// TypeScript baseline leaves every packet exactly as the Wasm kernels do (same list per flow, same
// octets), and the Wasm kernels do what the SR nodes do (the benchmark's policy through the graph).
import { describe, expect, it } from "vitest";
import { SR_KERNELS, loadTs, loadWasm, srFixture } from "../../bench/suites/srv6.js";
import { toHex } from "../support/hex.js";

const BATCH = 256;

describe("SRv6 benchmark baselines", () => {
  it.each(SR_KERNELS.map((k) => [k.kernel, k] as const))("%s: TypeScript rewrites every packet as Wasm does", async (_name, kernel) => {
    const fixture = await srFixture();
    const frames = Array.from({ length: BATCH }, (_, i) => {
      const frame = kernel.frames[i % kernel.frames.length].slice();
      // Vary the flows (the last octet of the source address) so that both lists get packets.
      frame[14 + 8 + 15] = i;
      return frame;
    });
    loadWasm(fixture.engine, frames);
    const { packets } = loadTs(fixture.engine, frames);
    expect(kernel.wasm(fixture.engine, fixture, BATCH)).toBe(BATCH);
    expect(kernel.ts(packets, fixture, BATCH)).toBe(BATCH);
    const wasm = frames.map((_, i) => toHex(fixture.engine.packetView(i)));
    const ts = frames.map((_, i) => toHex(packets.mem.subarray(packets.start[i], packets.start[i] + packets.length[i])));
    expect(ts).toEqual(wasm);
    expect(frames.filter((f, i) => toHex(f) === wasm[i])).toEqual([]);
    if (kernel.kernel.startsWith("srv6-h")) {
      const firstSegments = new Set(frames.map((_, i) => toHex(fixture.engine.packetView(i).subarray(14 + 24, 14 + 40))));
      expect(firstSegments).toEqual(new Set(["fc00000b000000000000000000000001", "fc00000b000000000000000000000002"]));
    }
  });
});
