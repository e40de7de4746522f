// The flow table against a Map under random operation sequences, and its bound under a flood.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { debugTable, keyName, keyNumber } from "./flow-fixtures.js";
import { encodeFlowKey, type FlowKey } from "../../src/host/flow/flow-table.js";
import { FLOW_KEY_SIZE, FLOW_PROBE_WINDOW } from "../../assembly/flow/flow.layout.js";

const IDLE = 10;

/** What the table promises while no probe window fills up: a Map with idle expiry. */
class ReferenceTable {
  private readonly flows = new Map<string, { choice: number; lastSeen: number }>();
  inserts = 0n;
  expirations = 0n;
  removals = 0n;
  constructor(private readonly idle: number) {}
  private live(k: string, now: number) {
    const flow = this.flows.get(k);
    if (flow && now - flow.lastSeen > this.idle) {
      this.flows.delete(k);
      this.expirations++;
      return undefined;
    }
    return flow;
  }
  insert(k: string, choice: number, now: number): void {
    const flow = this.live(k, now);
    if (flow) Object.assign(flow, { choice, lastSeen: now });
    else {
      this.flows.set(k, { choice, lastSeen: now });
      this.inserts++;
    }
  }
  lookup(k: string, now: number): number | undefined {
    const flow = this.live(k, now);
    if (flow) flow.lastSeen = now;
    return flow?.choice;
  }
  remove(k: string, now: number): boolean {
    if (!this.live(k, now)) return false;
    this.flows.delete(k);
    this.removals++;
    return true;
  }
  sweepAll(now: number): number {
    let expired = 0;
    for (const [k, flow] of this.flows) {
      if (now - flow.lastSeen > this.idle) {
        this.flows.delete(k);
        expired++;
      }
    }
    this.expirations += BigInt(expired);
    return expired;
  }
  get size(): number {
    return this.flows.size;
  }
}

type Op =
  | { op: "insert"; key: number; choice: number }
  | { op: "lookup"; key: number }
  | { op: "remove"; key: number }
  | { op: "advance"; seconds: number }
  | { op: "sweep" };

// Fewer keys than a probe window: no window can fill, so nothing is ever evicted and the table
// must behave exactly as the Map.
const KEYS = FLOW_PROBE_WINDOW - 1;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("insert" as const), key: fc.nat(KEYS - 1), choice: fc.nat(0xfffffffe) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("lookup" as const), key: fc.nat(KEYS - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("remove" as const), key: fc.nat(KEYS - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("advance" as const), seconds: fc.oneof(fc.constant(IDLE), fc.constant(IDLE + 1), fc.nat(2 * IDLE)) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("sweep" as const) }) },
);

describe("flow table", () => {
  for (const capacity of [16, 64]) {
    it(`behaves as a Map with idle expiry under random operations (capacity ${capacity}, ${KEYS} keys, one table per run)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 120 }), fc.nat(1000), async (ops, keySalt) => {
          const { engine, table } = await debugTable(capacity, IDLE);
          const reference = new ReferenceTable(IDLE);
          const keys: FlowKey[] = Array.from({ length: KEYS }, (_, k) => keyNumber(keySalt * KEYS + k, k % 2 ? 17 : 6));
          let now = 1_000_000;
          table.setTime(now);
          for (const o of ops) {
            if (o.op === "insert") {
              table.insert(keys[o.key], o.choice);
              reference.insert(keyName(keys[o.key]), o.choice, now);
            } else if (o.op === "lookup") {
              expect(table.lookup(keys[o.key])).toBe(reference.lookup(keyName(keys[o.key]), now));
            } else if (o.op === "remove") {
              expect(table.remove(keys[o.key])).toBe(reference.remove(keyName(keys[o.key]), now));
            } else if (o.op === "advance") {
              now += o.seconds;
              table.setTime(now);
            } else {
              expect(table.sweep(capacity)).toBe(reference.sweepAll(now));
            }
            expect(table.size).toBe(reference.size);
          }
          const stats = table.stats();
          expect(stats.evictions).toBe(0n);
          expect({ inserts: stats.inserts, expirations: stats.expirations, removals: stats.removals }).toEqual({
            inserts: reference.inserts,
            expirations: reference.expirations,
            removals: reference.removals,
          });
          expect(engine.boundsViolations()).toBe(0);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("stays within its capacity under a flood of twice as many flows, counting each overflow as an eviction", async () => {
    const capacity = 1024;
    const { engine, table } = await debugTable(capacity, IDLE);
    table.setTime(5000);
    const flood = 2 * capacity;
    for (let n = 0; n < flood; n++) {
      table.insert(keyNumber(n), n);
      expect(table.size).toBeLessThanOrEqual(capacity);
    }
    const stats = table.stats();
    expect(stats.inserts).toBe(BigInt(flood));
    expect(stats.evictions).toBe(BigInt(flood - table.size));
    expect(stats.evictions).toBeGreaterThan(0n);
    // every flow still in the table answers with its own choice; the evicted ones miss
    let found = 0;
    for (let n = 0; n < flood; n++) {
      const choice = table.lookup(keyNumber(n));
      if (choice !== undefined) {
        expect(choice).toBe(n);
        found++;
      }
    }
    expect(found).toBe(table.size);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("evicts the window's least recently seen flow when the window is full", async () => {
    // capacity 16 = one window: the 17th flow must replace the oldest, not a refreshed one
    const { table } = await debugTable(16, 1000);
    for (let n = 0; n < 16; n++) {
      table.setTime(100 + n);
      table.insert(keyNumber(n), n);
    }
    table.setTime(200);
    expect(table.lookup(keyNumber(0))).toBe(0); // refreshed: now the newest
    table.insert(keyNumber(16), 16);
    expect(table.lookup(keyNumber(1))).toBeUndefined(); // the oldest left
    expect(table.lookup(keyNumber(0))).toBe(0);
    expect(table.lookup(keyNumber(16))).toBe(16);
    expect(table.stats().evictions).toBe(1n);
  });

  it("inserts and looks up many flows per call (insertMany, lookupKeysAt)", async () => {
    const { engine, table } = await debugTable(8192, IDLE);
    const count = 5000;
    const keys = new Uint8Array(count * FLOW_KEY_SIZE);
    for (let n = 0; n < count; n++) encodeFlowKey(keyNumber(n), keys, n * FLOW_KEY_SIZE);
    const choices = Uint32Array.from({ length: count }, (_, n) => n * 3);
    table.insertMany(keys, choices);
    expect(table.size + Number(table.stats().evictions)).toBe(count);
    const at = engine.allocate(keys.length);
    const results = engine.allocate(count * 4);
    engine.memory.set(keys, at);
    table.lookupKeysAt(at, count, results);
    const view = engine.memoryView();
    let hits = 0;
    for (let n = 0; n < count; n++) {
      const r = view.getUint32(results + 4 * n, true);
      if (r !== 0xffffffff) {
        expect(r).toBe(n * 3);
        hits++;
      }
    }
    expect(hits).toBe(table.size);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("refuses a capacity that is not a power of two", async () => {
    await expect(debugTable(1000, IDLE)).rejects.toThrow(/power of two/);
  });
});
