// FIB longest-prefix match at 1,000 and 100,000 prefixes: the Wasm lookup (fibLookupVector on the
// engine's own tables, installed through fibOf(engine).addRoute) against the tuned TypeScript
// baseline (bench/baselines/ts/fib.ts, the same algorithm on typed arrays) and the C one
// (bench/native/fib.c, on a byte copy of the engine's tables). Prefix lengths follow a routing
// table's shape (mostly /48 sites, some /32../64 and /128 hosts: six populated lengths, so a /48
// match costs four probes); one address in eight is random and mostly misses, which probes every
// length. Each implementation walks the same pool of 65,536 addresses, n per call, so at 100k
// prefixes the tables are not all in cache. All three must return the same DPOs before they are timed.
import { DPO_ADJACENCY, DPO_TYPE_SHIFT } from "../../assembly/fib/dpo.layout.js";
import * as L from "../../assembly/fib/fib.layout.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { fibOf } from "../../src/host/fib/fib.js";
import { ip6Prefix, prefixKey, type Ip6Prefix } from "../../src/host/fib/prefix.js";
import { buildTsFib, fibLookupVectorTs } from "../baselines/ts/fib.js";
import { measure, type Measurement } from "../measure.js";
import { writeNativeInput } from "../native.js";
import { seededUint32 } from "../../src/host/random.js";

export const FIB_BENCH_SIZES = [
  { kernel: "fib-lookup-1k", prefixes: 1_000, file: "fib-1k" },
  { kernel: "fib-lookup-100k", prefixes: 100_000, file: "fib-100k" },
];
export const FIB_POOL = 65_536;
const MISS_EVERY = 8;
const LENGTH_MIX = [32, 40, 48, 48, 48, 48, 56, 64, 64, 128];
const NEXT_HOPS = 64;
// An interface index no other suite uses, for the adjacencies the routes point at.
const FIB_BENCH_INTERFACE = 4001;

export interface FibFixture {
  prefixes: Ip6Prefix[];
  /** FIB_POOL addresses, 16 octets each. */
  addresses: Uint8Array;
}

/** `count` distinct global-unicast prefixes and the address pool, the same for every run. */
export function fibFixture(count: number): FibFixture {
  const random = seededUint32(count);
  const randomAddress = () => {
    const a = Uint8Array.from({ length: 16 }, () => random() & 0xff);
    a[0] = 0x20 | (a[0] & 0x1f); // 2000::/3
    return a;
  };
  const byKey = new Map<string, Ip6Prefix>();
  while (byKey.size < count) {
    const prefix = ip6Prefix(randomAddress(), LENGTH_MIX[byKey.size % LENGTH_MIX.length]);
    byKey.set(prefixKey(prefix), prefix);
  }
  const prefixes = [...byKey.values()];
  const addresses = new Uint8Array(FIB_POOL * 16);
  for (let i = 0; i < FIB_POOL; i++) {
    const host = randomAddress();
    if (i % MISS_EVERY !== MISS_EVERY - 1) {
      const prefix = prefixes[random() % prefixes.length];
      for (let bit = 0; bit < prefix.length; bit++) {
        const mask = 0x80 >> (bit & 7);
        host[bit >> 3] = (host[bit >> 3] & ~mask) | (prefix.address[bit >> 3] & mask);
      }
    }
    addresses.set(host, i * 16);
  }
  return { prefixes, addresses };
}

/** The DPO route k gets: one of NEXT_HOPS adjacencies. */
function routeDpo(adjacencies: number[], k: number): number {
  return adjacencies[k % adjacencies.length];
}

export async function fibSuite(engine: WasmEngine, batches: number[], timeMs: number): Promise<Measurement[]> {
  const fib = fibOf(engine);
  const kernels = benchKernels(engine);
  const adjacencies = Array.from({ length: NEXT_HOPS }, (_, k) =>
    fib.adjacencyFor(FIB_BENCH_INTERFACE, Uint8Array.of(0xfe, 0x80, ...new Array<number>(13).fill(0), k + 1)),
  );
  const pool = engine.allocate(FIB_POOL * 16);
  const results = engine.allocate(FIB_POOL * 4);
  const measurements: Measurement[] = [];
  for (const size of FIB_BENCH_SIZES) {
    const fixture = fibFixture(size.prefixes);
    fixture.prefixes.forEach((p, k) => fib.addRoute(p.address, p.length, routeDpo(adjacencies, k)));
    engine.memory.set(fixture.addresses, pool);
    const tsFib = buildTsFib(
      fixture.prefixes.map((prefix, k) => ({ prefix, dpo: routeDpo(adjacencies, k) })),
      fib.memory.missDpo(),
    );
    const tsResults = new Uint32Array(FIB_POOL);
    checkAgreement(engine, pool, results, tsFib, fixture, tsResults, size.kernel);
    writeFibNativeInputs(engine, size.file, fixture);
    for (const batch of batches) {
      let wasmAt = 0;
      measurements.push(
        await measure(
          size.kernel,
          "wasm",
          batch,
          () => {
            kernels.fibLookupVector(pool + wasmAt * 16, batch, results);
            wasmAt = (wasmAt + batch) % FIB_POOL;
          },
          timeMs,
        ),
      );
      let tsAt = 0;
      measurements.push(
        await measure(
          size.kernel,
          "ts",
          batch,
          () => {
            fibLookupVectorTs(tsFib, fixture.addresses, tsAt, batch, tsResults);
            tsAt = (tsAt + batch) % FIB_POOL;
          },
          timeMs,
        ),
      );
    }
    for (const p of fixture.prefixes) fib.deleteRoute(p.address, p.length);
  }
  for (const dpo of adjacencies) fib.releaseAdjacency(dpo);
  return measurements;
}

/** Wasm and TypeScript must return the same DPO for every pool address, most of them adjacencies. */
function checkAgreement(
  engine: WasmEngine,
  pool: number,
  results: number,
  tsFib: ReturnType<typeof buildTsFib>,
  fixture: FibFixture,
  tsResults: Uint32Array,
  kernel: string,
): void {
  benchKernels(engine).fibLookupVector(pool, FIB_POOL, results);
  fibLookupVectorTs(tsFib, fixture.addresses, 0, FIB_POOL, tsResults);
  const view = engine.memoryView();
  let routed = 0;
  for (let i = 0; i < FIB_POOL; i++) {
    const wasm = view.getUint32(results + 4 * i, true);
    if (wasm !== tsResults[i]) throw new Error(`${kernel}: the TypeScript baseline disagrees with Wasm on address ${i}`);
    if (wasm >>> DPO_TYPE_SHIFT === DPO_ADJACENCY) routed++;
  }
  if (routed < FIB_POOL * ((MISS_EVERY - 1) / MISS_EVERY)) throw new Error(`${kernel}: only ${routed} of ${FIB_POOL} addresses found a route`);
}

/**
 * The C harness's inputs: `<file>.bin` is a byte copy of the engine's tables (u32 miss DPO, u32
 * length count, then per populated length, longest first: u32 length, u32 slot count, the slots),
 * `<file>-addresses.bin` the address pool.
 */
export function writeFibNativeInputs(engine: WasmEngine, file: string, fixture: FibFixture, dir?: string): void {
  const memory = fibOf(engine).memory;
  const lengths = memory.populatedLengths();
  const parts: Uint8Array[] = [u32s(memory.missDpo(), lengths.length)];
  for (const length of lengths) {
    const slots = memory.lengthSlots(length);
    parts.push(u32s(length, slots.length / L.FIB_SLOT_SIZE), slots);
  }
  writeNativeInput(`${file}.bin`, new Uint8Array(Buffer.concat(parts)), dir);
  writeNativeInput(`${file}-addresses.bin`, fixture.addresses, dir);
}

function u32s(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(4 * values.length);
  values.forEach((v, i) => new DataView(bytes.buffer).setUint32(4 * i, v, true));
  return bytes;
}
