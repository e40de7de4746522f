// The SRv6 benchmark compares like with like: on the benchmark's own packets and policies, the
// TypeScript and C baselines leave every packet exactly as the Wasm kernels (the SR nodes' own
// per-packet code) do: same list per flow, same octets. The C part needs a C compiler: without
// one it is skipped loudly, and fails under CI=true.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SR_KERNELS, batchOf, loadTs, loadWasm, srFixture, writeSrv6NativeInputs } from "../../bench/suites/srv6.js";
import { compiler, nativeBaseline } from "../../bench/native.js";
import { toHex } from "../support/hex.js";

const BATCH = 256;
const dir = mkdtempSync(join(tmpdir(), "manycast-srv6-baselines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    expect(kernel.wasm(fixture, BATCH)).toBe(BATCH);
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

  const cc = compiler();
  if (!cc) {
    if (process.env.CI === "true") throw new Error("no C compiler (gcc/cc): the C baselines must be checked in CI");
    console.warn("skipped: no C compiler (no gcc or cc on PATH, CC unset): the C SRv6 baseline is not checked");
  }
  it.skipIf(!cc)("C rewrites every packet as Wasm does", async () => {
    const fixture = await srFixture();
    writeSrv6NativeInputs(fixture, BATCH, dir);
    const c = nativeBaseline(dir).check(BATCH);
    for (const kernel of SR_KERNELS) {
      const frames = batchOf(kernel.frames, BATCH);
      loadWasm(fixture.engine, frames);
      expect(kernel.wasm(fixture, BATCH)).toBe(BATCH);
      const wasm = frames.map((_, i) => {
        const packet = fixture.engine.packetView(i);
        return toHex(Uint8Array.of(packet.length & 0xff, packet.length >> 8)) + toHex(packet);
      });
      expect(c.get(kernel.kernel), `${kernel.kernel}: C vs Wasm`).toBe(wasm.join(""));
    }
  });
});
