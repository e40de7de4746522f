// Flow-table lookup with 1,000,000 flows installed (FLOW_BENCH_CAPACITY slots, half full): the Wasm
// lookup (flowLookupKeys on the engine's table, filled through FlowTable.insertMany) against the
// tuned TypeScript baseline (bench/baselines/ts/flow.ts) and the C one (bench/native/flow.c), both
// on a byte copy of the engine's table. Each walks the same pool of 65,536 key records, n per call,
// so the 96 MiB table is not in cache; one key in eight is not installed and probes up to the first
// empty slot of its window. The lookup runs over key records rather than descriptors: 1,024
// descriptors would touch only 1,024 flows. All three must return the same choices before they are
// timed.
import { FLOW_BENCH_CAPACITY, FLOW_BENCH_FLOWS, FLOW_KEY_SIZE, FLOW_MISS, FLOW_SLOT_SIZE } from "../../assembly/flow/flow.layout.js";
import { ERR_FLOW_EVICTIONS } from "../../assembly/graph/graph.layout.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { FlowTable, flowTableBytes } from "../../src/host/flow/flow-table.js";
import { flowLookupKeysTs, tsFlowTable, type TsFlowTable } from "../baselines/ts/flow.js";
import { measure, type Measurement } from "../measure.js";
import { writeNativeInput } from "../native.js";
import { seededUint32 } from "../../src/host/random.js";

export const FLOW_KERNEL = "flow-lookup-1m";
export const FLOW_POOL = 65_536;
const MISS_EVERY = 8;
/** The engine clock while benchmarking: far from any flow's idle timeout. */
export const FLOW_BENCH_NOW = 1_000;
const FLOW_BENCH_IDLE_TIMEOUT = 3_600;

export interface FlowFixture {
  /** `flows` key records, FLOW_KEY_SIZE octets each; flow k's choice is k. */
  keys: Uint8Array;
  choices: Uint32Array;
  /** FLOW_POOL key records to look up. */
  pool: Uint8Array;
}

/** Random global-unicast TCP and UDP 5-tuples, and the lookup pool, the same for every run. */
export function flowFixture(flows: number): FlowFixture {
  const random = seededUint32(flows);
  const randomKey = (into: Uint8Array, at: number) => {
    for (let o = 0; o < 36; o += 4) new DataView(into.buffer, into.byteOffset).setUint32(at + o, random());
    into[at] = 0x20 | (into[at] & 0x1f); // 2000::/3
    into[at + 16] = 0x20 | (into[at + 16] & 0x1f);
    into[at + 36] = random() & 1 ? 6 : 17;
  };
  const keys = new Uint8Array(flows * FLOW_KEY_SIZE);
  for (let k = 0; k < flows; k++) randomKey(keys, k * FLOW_KEY_SIZE);
  const choices = Uint32Array.from({ length: flows }, (_, k) => k);
  const pool = new Uint8Array(FLOW_POOL * FLOW_KEY_SIZE);
  for (let i = 0; i < FLOW_POOL; i++) {
    if (i % MISS_EVERY === MISS_EVERY - 1) randomKey(pool, i * FLOW_KEY_SIZE);
    else {
      const k = random() % flows;
      pool.set(keys.subarray(k * FLOW_KEY_SIZE, (k + 1) * FLOW_KEY_SIZE), i * FLOW_KEY_SIZE);
    }
  }
  return { keys, choices, pool };
}

/** A table of `capacity` slots holding the fixture's flows, at FLOW_BENCH_NOW. */
export function installFlows(engine: WasmEngine, fixture: FlowFixture, capacity: number): FlowTable {
  const table = FlowTable.create(engine, capacity, FLOW_BENCH_IDLE_TIMEOUT);
  table.setTime(FLOW_BENCH_NOW);
  table.insertMany(fixture.keys, fixture.choices);
  return table;
}

/** The engine's table bytes (header and slots), for the TypeScript and C baselines. */
export function tableBytes(engine: WasmEngine, table: FlowTable): Uint8Array {
  return engine.memory.slice(table.address, table.address + flowTableBytes(table.capacity));
}

/** The C harness's inputs: `flow-table.bin`, a byte copy of the table; `flow-keys.bin`, the pool. */
export function writeFlowNativeInputs(bytes: Uint8Array, fixture: FlowFixture, dir?: string): void {
  writeNativeInput("flow-table.bin", bytes, dir);
  writeNativeInput("flow-keys.bin", fixture.pool, dir);
}

export async function flowSuite(engine: WasmEngine, batches: number[], timeMs: number): Promise<Measurement[]> {
  const fixture = flowFixture(FLOW_BENCH_FLOWS);
  const evictedBefore = engine.errorCounts()[ERR_FLOW_EVICTIONS];
  const table = installFlows(engine, fixture, FLOW_BENCH_CAPACITY);
  const bytes = flowTableBytes(FLOW_BENCH_CAPACITY);
  console.log(
    `flow table: ${table.size.toLocaleString("en")} flows in ${FLOW_BENCH_CAPACITY.toLocaleString("en")} slots of ${FLOW_SLOT_SIZE} octets = ${(bytes / 2 ** 20).toFixed(1)} MiB ` +
      `(${(bytes / FLOW_BENCH_FLOWS).toFixed(1)} octets per flow, limit 128 MiB); ${table.stats().evictions - evictedBefore} evicted while installing`,
  );
  const pool = engine.allocate(fixture.pool.length);
  const results = engine.allocate(FLOW_POOL * 4);
  engine.memory.set(fixture.pool, pool);
  const copy = tableBytes(engine, table);
  const tsTable = tsFlowTable(copy);
  const tsResults = new Uint32Array(FLOW_POOL);
  checkAgreement(engine, table, pool, results, tsTable, fixture, tsResults);
  writeFlowNativeInputs(copy, fixture);
  const measurements: Measurement[] = [];
  for (const batch of batches) {
    let wasmAt = 0;
    measurements.push(
      await measure(
        FLOW_KERNEL,
        "wasm",
        batch,
        () => {
          table.lookupKeysAt(pool + wasmAt * FLOW_KEY_SIZE, batch, results);
          wasmAt = (wasmAt + batch) % FLOW_POOL;
        },
        timeMs,
      ),
    );
    let tsAt = 0;
    measurements.push(
      await measure(
        FLOW_KERNEL,
        "ts",
        batch,
        () => {
          flowLookupKeysTs(tsTable, fixture.pool, tsAt, batch, FLOW_BENCH_NOW, tsResults);
          tsAt = (tsAt + batch) % FLOW_POOL;
        },
        timeMs,
      ),
    );
  }
  return measurements;
}

/** Wasm and TypeScript must return the same choice for every pool key, the installed ones hitting. */
function checkAgreement(
  engine: WasmEngine,
  table: FlowTable,
  pool: number,
  results: number,
  tsTable: TsFlowTable,
  fixture: FlowFixture,
  tsResults: Uint32Array,
): void {
  table.lookupKeysAt(pool, FLOW_POOL, results);
  flowLookupKeysTs(tsTable, fixture.pool, 0, FLOW_POOL, FLOW_BENCH_NOW, tsResults);
  const view = engine.memoryView();
  let hits = 0;
  for (let i = 0; i < FLOW_POOL; i++) {
    const wasm = view.getUint32(results + 4 * i, true);
    if (wasm !== tsResults[i]) throw new Error(`${FLOW_KERNEL}: the TypeScript baseline disagrees with Wasm on key ${i}`);
    if (wasm !== FLOW_MISS) hits++;
  }
  if (hits < FLOW_POOL * ((MISS_EVERY - 1) / MISS_EVERY) * 0.99) throw new Error(`${FLOW_KERNEL}: only ${hits} of ${FLOW_POOL} keys found their flow`);
}
