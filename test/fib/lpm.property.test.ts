// The Wasm longest-prefix match against a linear-scan TypeScript reference, on random prefix sets
// built to overlap (prefixes of a few shared addresses at every length, /0 and /128 included),
// after random inserts, replacements and deletes, in the bounds-checked build.
import { describe, expect, it, beforeAll } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { fibOf } from "../../src/host/fib/fib.js";
import { FibMemory } from "../../src/host/fib/fib-memory.js";
import { ip6Prefix, prefixContains, prefixKey, type Ip6Prefix } from "../../src/host/fib/prefix.js";
import { DPO_DROP, DPO_NONE, DPO_SR_POLICY, DPO_TYPE_SHIFT } from "../../assembly/fib/dpo.layout.js";
import { seededUint32 } from "../../src/host/random.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";

const DROP = (DPO_DROP << DPO_TYPE_SHIFT) >>> 0;
const MAX_QUERIES = 512;

/** The reference: every installed prefix, scanned for the longest that contains the address. */
class ReferenceFib {
  readonly routes = new Map<string, { prefix: Ip6Prefix; dpo: number }>();
  add(prefix: Ip6Prefix, dpo: number): void {
    this.routes.set(prefixKey(prefix), { prefix, dpo });
  }
  delete(prefix: Ip6Prefix): void {
    this.routes.delete(prefixKey(prefix));
  }
  lookup(address: Uint8Array): number {
    let best: { prefix: Ip6Prefix; dpo: number } | undefined;
    for (const r of this.routes.values()) {
      if ((!best || r.prefix.length > best.prefix.length) && prefixContains(r.prefix, address)) best = r;
    }
    if (this.routes.size === 0) return DPO_NONE; // no FIB at all
    return best ? best.dpo : DROP;
  }
}

let engine: WasmEngine;
let queryArea: number;

beforeAll(async () => {
  engine = await WasmEngine.load(readFileSync(engineWasmPath("debug")));
  queryArea = engine.allocate(MAX_QUERIES * 20);
});

function wasmLookups(addresses: Uint8Array[]): number[] {
  const results = queryArea + MAX_QUERIES * 16;
  addresses.forEach((a, i) => engine.memory.set(a, queryArea + 16 * i));
  benchKernels(engine).fibLookupVector(queryArea, addresses.length, results);
  const view = engine.memoryView();
  return addresses.map((_, i) => view.getUint32(results + 4 * i, true));
}

// Addresses near a few bases, so that random prefixes of them nest and overlap.
const base = fc.uint8Array({ minLength: 16, maxLength: 16 });
const lengthArb = fc.oneof(fc.constantFrom(0, 1, 31, 32, 33, 48, 63, 64, 65, 127, 128), fc.integer({ min: 0, max: 128 }));

function near(bases: Uint8Array[], pick: number, flips: number[]): Uint8Array {
  const address = bases[pick % bases.length].slice();
  for (const bit of flips) address[bit >> 3] ^= 0x80 >> (bit & 7);
  return address;
}

const operation = fc.record({
  pick: fc.nat(),
  flips: fc.array(fc.integer({ min: 0, max: 127 }), { maxLength: 3 }),
  length: lengthArb,
  del: fc.boolean(),
});

function dpoFor(step: number): number {
  return ((DPO_SR_POLICY << DPO_TYPE_SHIFT) | (step + 1)) >>> 0;
}

describe("FIB longest-prefix match", () => {
  it("agrees with the linear-scan reference after random inserts, replacements and deletes", () => {
    fc.assert(
      fc.property(
        fc.array(base, { minLength: 1, maxLength: 4 }),
        fc.array(operation, { minLength: 1, maxLength: 120 }),
        fc.array(fc.record({ pick: fc.nat(), flips: fc.array(fc.integer({ min: 0, max: 127 }), { maxLength: 4 }) }), { maxLength: 64 }),
        (bases, operations, probes) => {
          const fib = fibOf(engine);
          const reference = new ReferenceFib();
          const added: Ip6Prefix[] = [];
          operations.forEach((op, step) => {
            const prefix = ip6Prefix(near(bases, op.pick, op.flips), op.length);
            const victim = added[op.pick % Math.max(1, added.length)];
            if (op.del && victim) {
              fib.deleteRoute(victim.address, victim.length);
              reference.delete(victim);
            } else {
              fib.addRoute(prefix.address, prefix.length, dpoFor(step));
              reference.add(prefix, dpoFor(step));
              added.push(prefix);
            }
          });
          // The prefixes themselves, their last addresses, and addresses near the bases.
          const queries = [...added.map((p) => p.address), ...added.map((p) => lastAddress(p)), ...probes.map((p) => near(bases, p.pick, p.flips))].slice(
            0,
            MAX_QUERIES,
          );
          expect(wasmLookups(queries)).toEqual(queries.map((q) => reference.lookup(q)));
          for (const r of reference.routes.values()) fib.deleteRoute(r.prefix.address, r.prefix.length);
          // An empty FIB is no FIB: lookups say so, and ip6-lookup is a bump in the wire again.
          expect(wasmLookups(queries)).toEqual(queries.map(() => DPO_NONE));
          expect(engine.boundsViolations()).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps every prefix of one crowded length findable through growth and half the entries deleted", () => {
    const fib = fibOf(engine);
    const random = seededUint32(7);
    const prefixes = Array.from({ length: 6000 }, () =>
      ip6Prefix(
        Uint8Array.from({ length: 16 }, () => random() & 0xff),
        64,
      ),
    );
    const unique = [...new Map(prefixes.map((p) => [prefixKey(p), p])).values()];
    unique.forEach((p, i) => fib.addRoute(p.address, 64, dpoFor(i)));
    unique.forEach((p, i) => i % 2 === 0 && fib.deleteRoute(p.address, 64));
    for (let start = 0; start < unique.length; start += MAX_QUERIES) {
      const chunk = unique.slice(start, start + MAX_QUERIES);
      expect(wasmLookups(chunk.map((p) => p.address))).toEqual(chunk.map((_, k) => ((start + k) % 2 === 0 ? DROP : dpoFor(start + k))));
    }
    unique.forEach((p, i) => i % 2 === 1 && fib.deleteRoute(p.address, 64));
    expect(new FibMemory(engine).populatedLengths()).toEqual([]);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("matches /0, /128 and nested prefixes by length, and returns DPO_NONE before any route exists", async () => {
    const fresh = await WasmEngine.load(readFileSync(engineWasmPath("debug")));
    const area = fresh.allocate(16 * 4 + 16);
    const lookup = (text: Uint8Array[]) => {
      text.forEach((a, i) => fresh.memory.set(a, area + 16 * i));
      benchKernels(fresh).fibLookupVector(area, text.length, area + 64);
      return text.map((_, i) => fresh.memoryView().getUint32(area + 64 + 4 * i, true));
    };
    const address = Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5);
    const other = Uint8Array.of(0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    expect(lookup([address, other])).toEqual([DPO_NONE, DPO_NONE]);
    const fib = fibOf(fresh);
    fib.addRoute(new Uint8Array(16), 0, dpoFor(0));
    fib.addRoute(address, 32, dpoFor(32));
    fib.addRoute(address, 48, dpoFor(48));
    fib.addRoute(address, 128, dpoFor(128));
    const sibling = address.slice();
    sibling[15] = 6;
    expect(lookup([address, sibling, other])).toEqual([dpoFor(128), dpoFor(48), dpoFor(0)]);
    fib.deleteRoute(address, 48);
    fib.deleteRoute(new Uint8Array(16), 0);
    expect(lookup([address, sibling, other])).toEqual([dpoFor(128), dpoFor(32), DROP]);
    expect(fresh.boundsViolations()).toBe(0);
  });
});

function lastAddress(prefix: Ip6Prefix): Uint8Array {
  const last = prefix.address.slice();
  for (let bit = prefix.length; bit < 128; bit++) last[bit >> 3] |= 0x80 >> (bit & 7);
  return last;
}
