// The FIB benchmark compares like with like: on the benchmark's own prefixes and addresses, the
// TypeScript baseline and the C baseline (on a byte copy of the engine's tables) return the DPOs the
// Wasm lookup returns. The C part needs a C compiler: without one it is skipped loudly, and fails
// under CI=true.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DPO_ADJACENCY, DPO_TYPE_SHIFT } from "../../assembly/fib/dpo.layout.js";
import { fibOf } from "../../src/host/fib/fib.js";
import { loadEngine } from "../../src/io/engine-file.js";
import { buildTsFib, fibLookupVectorTs } from "../../bench/baselines/ts/fib.js";
import { FIB_BENCH_SIZES, fibFixture, writeFibNativeInputs } from "../../bench/suites/fib.js";
import { compiler, nativeBaseline } from "../../bench/native.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";

const N = 256;
const dir = mkdtempSync(join(tmpdir(), "manycast-fib-baselines-"));
const wasmHex = new Map<string, string>();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("FIB benchmark baselines", () => {
  it.each(FIB_BENCH_SIZES)("$kernel: TypeScript returns the Wasm DPOs on the first $prefixes-prefix pool addresses", async ({ kernel, prefixes, file }) => {
    const engine = await loadEngine("release");
    const fib = fibOf(engine);
    const fixture = fibFixture(prefixes);
    const adjacency = fib.adjacencyFor(1, Uint8Array.of(0xfe, 0x80, ...new Array<number>(13).fill(0), 1));
    fixture.prefixes.forEach((p) => fib.addRoute(p.address, p.length, adjacency));
    const pool = engine.allocate(N * 20);
    engine.memory.set(fixture.addresses.subarray(0, N * 16), pool);
    benchKernels(engine).fibLookupVector(pool, N, pool + N * 16);
    const wasm = new Uint32Array(engine.memory.slice(pool + N * 16, pool + N * 20).buffer);
    expect(wasm.filter((dpo) => dpo >>> DPO_TYPE_SHIFT === DPO_ADJACENCY).length).toBeGreaterThan(N / 2);
    const missDpo = fib.memory.missDpo();
    const ts = new Uint32Array(N);
    fibLookupVectorTs(
      buildTsFib(
        fixture.prefixes.map((prefix) => ({ prefix, dpo: adjacency })),
        missDpo,
      ),
      fixture.addresses,
      0,
      N,
      ts,
    );
    expect(Array.from(ts)).toEqual(Array.from(wasm));
    wasmHex.set(kernel, Buffer.from(wasm.buffer).toString("hex"));
    writeFibNativeInputs(engine, file, fixture, dir);
  });

  const cc = compiler();
  if (!cc) {
    if (process.env.CI === "true") throw new Error("no C compiler (gcc/cc): the C baselines must be checked in CI");
    console.warn("skipped: no C compiler (no gcc or cc on PATH, CC unset): the C FIB baseline is not checked");
  }
  it.skipIf(!cc)("C returns the Wasm DPOs on the same addresses", () => {
    expect(wasmHex.size).toBe(FIB_BENCH_SIZES.length);
    const c = nativeBaseline(dir).check(N);
    for (const [kernel, wasm] of wasmHex) expect(c.get(kernel), `${kernel}: C vs Wasm`).toBe(wasm);
  });
});
