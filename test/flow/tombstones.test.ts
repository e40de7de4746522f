// Tombstones in the flow table: a removed, expired or evicted flow leaves a DELETED slot, which a
// probe passes and an insert may reuse; a slot never used (EMPTY) ends every probe. The TypeScript
// baseline's lookup follows the same rule on a copy of the same table.
import { describe, expect, it } from "vitest";
import { debugTable, keyNumber } from "./flow-fixtures.js";
import { encodeFlowKey, type FlowTable } from "../../src/host/flow/flow-table.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import {
  FLOW_KEY_SIZE,
  FLOW_MISS,
  FLOW_SLOT_SIZE,
  FLOW_SLOT_STATE,
  FLOW_STATE_DELETED,
  FLOW_STATE_EMPTY,
  FLOW_STATE_USED,
  FLOW_TABLE_HEADER_SIZE,
} from "../../assembly/flow/flow.layout.js";
import { flowLookupKeysTs, tsFlowTable } from "../../bench/baselines/ts/flow.js";
import { tableBytes } from "../../bench/suites/flow.js";

const CAPACITY = 16; // one probe window: every key may sit in any slot
const NOW = 5000;

const slotAddress = (table: FlowTable, index: number) => table.address + FLOW_TABLE_HEADER_SIZE + (index % table.capacity) * FLOW_SLOT_SIZE;
const stateOf = (engine: WasmEngine, table: FlowTable, index: number) => engine.memory[slotAddress(table, index) + FLOW_SLOT_STATE];
const states = (engine: WasmEngine, table: FlowTable) => Array.from({ length: table.capacity }, (_, i) => stateOf(engine, table, i));

/** The TypeScript baseline's answer for `key` on a copy of the engine's table, at `now`. */
function tsLookup(engine: WasmEngine, table: FlowTable, n: number, now = NOW): number {
  const keys = new Uint8Array(FLOW_KEY_SIZE);
  encodeFlowKey(keyNumber(n), keys, 0);
  const results = new Uint32Array(1);
  flowLookupKeysTs(tsFlowTable(tableBytes(engine, table)), keys, 0, 1, now, results);
  return results[0];
}

/**
 * A table holding only key 0, moved from its home slot h to h + 1 (slot h left with `homeState`):
 * the layout an insert produces when h was taken at the time and freed since.
 */
async function keyBeyondHome(homeState: number): Promise<{ engine: WasmEngine; table: FlowTable; home: number }> {
  const { engine, table } = await debugTable(CAPACITY, 1000);
  table.setTime(NOW);
  table.insert(keyNumber(0), 42);
  const home = states(engine, table).indexOf(FLOW_STATE_USED);
  expect(home).toBeGreaterThanOrEqual(0);
  const from = slotAddress(table, home);
  engine.memory.copyWithin(slotAddress(table, home + 1), from, from + FLOW_SLOT_SIZE);
  engine.memory[from + FLOW_SLOT_STATE] = homeState;
  return { engine, table, home };
}

describe("flow table tombstones", () => {
  it("a lookup passes a tombstone to a key placed beyond it, in Wasm and in the TypeScript baseline", async () => {
    const { engine, table } = await keyBeyondHome(FLOW_STATE_DELETED);
    expect(tsLookup(engine, table, 0)).toBe(42);
    expect(table.lookup(keyNumber(0))).toBe(42);
    // misses after the tombstone: a key never inserted, in both
    expect(table.lookup(keyNumber(1))).toBeUndefined();
    expect(tsLookup(engine, table, 1)).toBe(FLOW_MISS);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("a lookup stops at the first EMPTY slot: a key beyond one is not reached, in Wasm and in the TypeScript baseline", async () => {
    // never produced by the table itself (no key lies beyond an EMPTY slot of its window); here it
    // shows the probe did not look past the key's empty home slot
    const { engine, table } = await keyBeyondHome(FLOW_STATE_EMPTY);
    expect(tsLookup(engine, table, 0)).toBe(FLOW_MISS);
    expect(table.lookup(keyNumber(0))).toBeUndefined();
    expect(table.remove(keyNumber(0))).toBe(false);
    expect(table.stats().removals).toBe(0n);
  });

  it("an insert of a key live beyond a tombstone updates it there and leaves the tombstone", async () => {
    const { engine, table, home } = await keyBeyondHome(FLOW_STATE_DELETED);
    table.insert(keyNumber(0), 7);
    expect(table.size).toBe(1);
    expect(table.stats().inserts).toBe(1n);
    expect(stateOf(engine, table, home)).toBe(FLOW_STATE_DELETED);
    expect(stateOf(engine, table, home + 1)).toBe(FLOW_STATE_USED);
    expect(table.lookup(keyNumber(0))).toBe(7);
    // removed: its slot becomes a tombstone too, never EMPTY again
    expect(table.remove(keyNumber(0))).toBe(true);
    expect(table.lookup(keyNumber(0))).toBeUndefined();
    expect(stateOf(engine, table, home + 1)).toBe(FLOW_STATE_DELETED);
    expect(table.size).toBe(0);
    // the next insert of the key takes the first free slot of its window: the tombstone at home
    table.insert(keyNumber(0), 9);
    expect(stateOf(engine, table, home)).toBe(FLOW_STATE_USED);
    expect(table.lookup(keyNumber(0))).toBe(9);
    expect(table.stats().inserts).toBe(2n);
  });

  it("removals, expiries and evictions leave tombstones that later inserts reuse without evicting", async () => {
    const { engine, table } = await debugTable(CAPACITY, 10);
    table.setTime(NOW);
    for (let n = 0; n < CAPACITY; n++) table.insert(keyNumber(n), n);
    expect(states(engine, table).every((s) => s === FLOW_STATE_USED)).toBe(true);
    table.insert(keyNumber(100), 100); // a full window: one eviction
    expect(table.stats().evictions).toBe(1n);
    for (let n = 0; n < 6; n++) table.remove(keyNumber(n));
    table.setTime(NOW + 5);
    for (let n = 6; n < 10; n++) expect(table.lookup(keyNumber(n)) ?? n).toBe(n); // refreshed (one was evicted)
    table.setTime(NOW + 11);
    table.sweep(CAPACITY); // the unrefreshed ones expire
    const left = states(engine, table);
    expect(left).not.toContain(FLOW_STATE_EMPTY);
    expect(left.filter((s) => s === FLOW_STATE_USED).length).toBe(table.size);
    // every live flow is still found past the tombstones; every gone one misses, in both lookups
    for (let n = 0; n < CAPACITY; n++) {
      const choice = table.lookup(keyNumber(n));
      if (n < 6 || n >= 10) expect(choice).toBeUndefined();
      expect(tsLookup(engine, table, n, NOW + 11)).toBe(choice ?? FLOW_MISS);
    }
    const live = table.size;
    const evictions = table.stats().evictions;
    for (let n = 200; n < 200 + CAPACITY - live; n++) table.insert(keyNumber(n), n);
    expect(table.size).toBe(CAPACITY);
    expect(table.stats().evictions).toBe(evictions);
    for (let n = 200; n < 200 + CAPACITY - live; n++) expect(table.lookup(keyNumber(n))).toBe(n);
    expect(engine.boundsViolations()).toBe(0);
  });
});
