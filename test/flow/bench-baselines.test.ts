// The flow-table benchmark compares like with like: on the benchmark's own kind of keys and pool,
// the TypeScript baseline and the C baseline (on a byte copy of the engine's table) return the
// choices the Wasm lookup returns, misses included. A smaller table than the benchmark's keeps it
// quick. The C part needs a C compiler: without one it is skipped loudly, and fails under CI=true.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FLOW_BENCH_CAPACITY, FLOW_BENCH_FLOWS, FLOW_KEY_SIZE, FLOW_MISS } from "../../assembly/flow/flow.layout.js";
import { flowTableBytes } from "../../src/host/flow/flow-table.js";
import { loadEngine } from "../../src/io/engine-file.js";
import { flowLookupKeysTs, tsFlowTable } from "../../bench/baselines/ts/flow.js";
import { FLOW_BENCH_NOW, FLOW_KERNEL, FLOW_POOL, flowFixture, installFlows, tableBytes, writeFlowNativeInputs } from "../../bench/suites/flow.js";
import { compiler, nativeBaseline } from "../../bench/native.js";

const FLOWS = 20_000;
const CAPACITY = 65_536;
const dir = mkdtempSync(join(tmpdir(), "manycast-flow-baselines-"));
let wasmHex = "";
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("flow-table benchmark baselines", () => {
  it("TypeScript returns the Wasm choices on the whole key pool", async () => {
    const engine = await loadEngine("release");
    const fixture = flowFixture(FLOWS);
    const table = installFlows(engine, fixture, CAPACITY);
    expect(table.size).toBe(FLOWS);
    const copy = tableBytes(engine, table);
    const pool = engine.allocate(fixture.pool.length);
    const results = engine.allocate(FLOW_POOL * 4);
    engine.memory.set(fixture.pool, pool);
    table.lookupKeysAt(pool, FLOW_POOL, results);
    const wasm = new Uint32Array(engine.memory.slice(results, results + FLOW_POOL * 4).buffer);
    const hits = wasm.filter((c) => c !== FLOW_MISS).length;
    expect(hits).toBeGreaterThan(FLOW_POOL * 0.8);
    expect(hits).toBeLessThan(FLOW_POOL);
    // each hit is the choice of the flow whose key it is (flow k's choice is k)
    for (let i = 0; i < FLOW_POOL; i += 97) {
      if (wasm[i] === FLOW_MISS) continue;
      const k = wasm[i];
      expect(fixture.keys.subarray(k * FLOW_KEY_SIZE, (k + 1) * FLOW_KEY_SIZE)).toEqual(fixture.pool.subarray(i * FLOW_KEY_SIZE, (i + 1) * FLOW_KEY_SIZE));
    }
    const ts = new Uint32Array(FLOW_POOL);
    flowLookupKeysTs(tsFlowTable(copy), fixture.pool, 0, FLOW_POOL, FLOW_BENCH_NOW, ts);
    expect(Array.from(ts)).toEqual(Array.from(wasm));
    wasmHex = Buffer.from(wasm.buffer).toString("hex");
    writeFlowNativeInputs(copy, fixture, dir);
  });

  const cc = compiler();
  if (!cc) {
    if (process.env.CI === "true") throw new Error("no C compiler (gcc/cc): the C baselines must be checked in CI");
    console.warn("skipped: no C compiler (no gcc or cc on PATH, CC unset): the C flow-table baseline is not checked");
  }
  it.skipIf(!cc)("C returns the Wasm choices on the same keys", () => {
    expect(wasmHex).not.toBe("");
    const c = nativeBaseline(dir).check(FLOW_POOL);
    expect(c.get(FLOW_KERNEL)).toBe(wasmHex);
  });
});

describe("flow table at the benchmark's scale", () => {
  it("holds one million flows in at most 128 MiB of engine memory, almost none evicted", async () => {
    const engine = await loadEngine("release");
    const fixture = flowFixture(FLOW_BENCH_FLOWS);
    // everything the table carves (slots, header, the wrapper's scratch) lies between two markers;
    // the stub runtime may reserve more address space when it grows memory, but never touches it
    const before = engine.allocate(1);
    const table = installFlows(engine, fixture, FLOW_BENCH_CAPACITY);
    const carved = engine.allocate(1) - before;
    expect(carved).toBeGreaterThanOrEqual(flowTableBytes(FLOW_BENCH_CAPACITY));
    expect(carved).toBeLessThanOrEqual(128 * 2 ** 20);
    const evictions = Number(table.stats().evictions);
    expect(table.size + evictions).toBe(FLOW_BENCH_FLOWS);
    expect(evictions).toBeLessThan(FLOW_BENCH_FLOWS / 1000);
  });
});
