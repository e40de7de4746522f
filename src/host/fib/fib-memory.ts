// Writes the FIB into engine memory for ip6-lookup and ip6-rewrite (layout and design:
// assembly/fib/fib.layout.ts): one linear-probing hash table per prefix length, the list of
// populated lengths longest first, the adjacency array and the interfaces' source addresses and MACs.
// Engine memory is never freed, so tables grow by doubling (the old copy is abandoned: at most as
// much again as the live tables) and deletes shift probe runs back in place.
import * as L from "../../../assembly/fib/fib.layout.js";
import { DPO_DROP, DPO_NONE, DPO_TYPE_SHIFT } from "../../../assembly/fib/dpo.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { fibHash, prefixWords, type Ip6Prefix } from "./prefix.js";

/** What ip6-rewrite needs of one adjacency. */
export interface AdjacencyImage {
  txInterface: number;
  /** The neighbour's MAC, or undefined while it is unknown (the adjacency is incomplete). */
  dstMac: Uint8Array | undefined;
  srcMac: Uint8Array;
  /** undefined for a glean adjacency (an attached prefix: every destination is its own neighbour). */
  nextHop: Uint8Array | undefined;
}

interface LengthTable {
  slots: number; // address of the slot array
  capacity: number; // slots, a power of two
  count: number;
}

interface GrowableArray {
  address: number;
  capacity: number;
}

const MIN_TABLE_SLOTS = 8;
const MIN_ARRAY_ENTRIES = 16;
const WORDS_PER_SLOT = L.FIB_SLOT_SIZE / 4;
const DPO_WORD = L.FIB_SLOT_DPO / 4;
const FIB_WORD = L.FIB_SLOT_FIB / 4;

/** The FIB's entry point in the engine's exports (assembly/fib/fib.ts). */
interface FibExports {
  fibRootAddress(): number;
}

export class FibMemory {
  private readonly root: number;
  private readonly tables: LengthTable[] = Array.from({ length: L.FIB_PREFIX_LENGTHS }, () => ({ slots: 0, capacity: 0, count: 0 }));
  private adjacencies: GrowableArray = { address: 0, capacity: 0 };
  private interfaces: GrowableArray = { address: 0, capacity: 0 };
  private loadBalances: GrowableArray = { address: 0, capacity: 0 };
  private readonly loadBalanceRecords: number[] = [];
  private words: Uint32Array = new Uint32Array(0);

  constructor(private readonly engine: WasmEngine) {
    this.root = engine.componentExports<FibExports>(["fibRootAddress"]).fibRootAddress() >>> 0;
  }

  /** A u32 view of engine memory, renewed when the memory has grown. */
  private get u32(): Uint32Array {
    const bytes = this.engine.memory;
    if (this.words.buffer !== bytes.buffer) this.words = new Uint32Array(bytes.buffer);
    return this.words;
  }

  private setRoot(field: number, value: number): void {
    this.u32[(this.root + field) >>> 2] = value >>> 0;
  }

  /** What a lookup returns when nothing matches: DPO_NONE (no FIB: bump in the wire) or DPO_DROP<<24. */
  private setMissDpo(dpo: number): void {
    this.setRoot(L.FIB_ROOT_MISS_DPO, dpo);
  }

  /** Prefixes installed, every FIB together: while there is any, a destination none covers is dropped. */
  private prefixes = 0;

  private countPrefixes(delta: number): void {
    const before = this.prefixes;
    this.prefixes += delta;
    // An empty FIB is no FIB at all: the engine is a bump in the wire again.
    if ((before === 0) !== (this.prefixes === 0)) this.setMissDpo(this.prefixes > 0 ? (DPO_DROP << DPO_TYPE_SHIFT) >>> 0 : DPO_NONE);
  }

  /** The flow-hash fields (FLOW_HASH_*) FIB `fib`'s load balances pick buckets by. */
  setFlowHash(fib: number, fields: number): void {
    this.engine.memory[this.root + L.FIB_ROOT_FLOW_HASH + fib] = fields;
  }

  /** Inserts the prefix into FIB `fib` or changes its DPO (never DPO_NONE, which marks empty slots). */
  write(fib: number, prefix: Ip6Prefix, dpo: number): void {
    if (dpo === DPO_NONE) throw new Error("FIB: DPO_NONE cannot be installed");
    let table = this.tables[prefix.length];
    const key = prefixWords(prefix.address, prefix.length);
    let slot = this.find(table, key, fib);
    if (slot < 0) {
      if ((table.count + 1) * L.FIB_MAX_LOAD_DENOMINATOR > table.capacity * L.FIB_MAX_LOAD_NUMERATOR) {
        table = this.grow(prefix.length, Math.max(MIN_TABLE_SLOTS, table.capacity * 2));
      }
      slot = this.emptySlotFor(table, key, fib);
      this.u32.set(key, slot);
      this.u32[slot + FIB_WORD] = fib;
      table.count++;
      if (table.count === 1) this.writeLengths();
      this.countPrefixes(1);
    }
    this.u32[slot + DPO_WORD] = dpo >>> 0;
  }

  /** Removes the prefix from FIB `fib`; false if it was not there. */
  remove(fib: number, prefix: Ip6Prefix): boolean {
    const table = this.tables[prefix.length];
    let hole = this.find(table, prefixWords(prefix.address, prefix.length), fib);
    if (hole < 0) return false;
    const u32 = this.u32;
    const mask = table.capacity - 1;
    const indexOf = (slot: number) => (slot - (table.slots >>> 2)) / WORDS_PER_SLOT;
    const slotAt = (index: number) => (table.slots >>> 2) + index * WORDS_PER_SLOT;
    u32[hole + DPO_WORD] = DPO_NONE;
    // Backward-shift deletion: move later members of the probe run into the hole when their home
    // slot does not lie cyclically between the hole and where they sit.
    for (let j = (indexOf(hole) + 1) & mask; u32[slotAt(j) + DPO_WORD] !== DPO_NONE; j = (j + 1) & mask) {
      const at = slotAt(j);
      const home = fibHash(u32[at], u32[at + 1], u32[at + 2], u32[at + 3], u32[at + FIB_WORD]) & mask;
      const i = indexOf(hole);
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      u32.copyWithin(hole, at, at + WORDS_PER_SLOT);
      u32[at + DPO_WORD] = DPO_NONE;
      hole = at;
    }
    table.count--;
    if (table.count === 0) this.writeLengths();
    this.countPrefixes(-1);
    return true;
  }

  /** The u32 index of the key's slot in FIB `fib`, or -1. */
  private find(table: LengthTable, key: Uint32Array, fib: number): number {
    if (table.count === 0) return -1;
    const u32 = this.u32;
    const mask = table.capacity - 1;
    for (let h = fibHash(key[0], key[1], key[2], key[3], fib) & mask; ; h = (h + 1) & mask) {
      const at = (table.slots >>> 2) + h * WORDS_PER_SLOT;
      if (u32[at + DPO_WORD] === DPO_NONE) return -1;
      if (u32[at] === key[0] && u32[at + 1] === key[1] && u32[at + 2] === key[2] && u32[at + 3] === key[3] && u32[at + FIB_WORD] === fib) return at;
    }
  }

  /** The u32 index of the first empty slot of the key's probe run (the key is not in the table). */
  private emptySlotFor(table: LengthTable, key: Uint32Array, fib: number): number {
    const u32 = this.u32;
    const mask = table.capacity - 1;
    for (let h = fibHash(key[0], key[1], key[2], key[3], fib) & mask; ; h = (h + 1) & mask) {
      const at = (table.slots >>> 2) + h * WORDS_PER_SLOT;
      if (u32[at + DPO_WORD] === DPO_NONE) return at;
    }
  }

  /** Moves a length's table to a new array of `capacity` slots and points the root at it. */
  private grow(length: number, capacity: number): LengthTable {
    const old = this.tables[length];
    const table: LengthTable = { slots: this.engine.allocate(capacity * L.FIB_SLOT_SIZE), capacity, count: old.count };
    const u32 = this.u32;
    for (let s = 0; s < old.capacity; s++) {
      const at = (old.slots >>> 2) + s * WORDS_PER_SLOT;
      if (u32[at + DPO_WORD] === DPO_NONE) continue;
      u32.copyWithin(this.emptySlotFor(table, u32.subarray(at, at + 4), u32[at + FIB_WORD]), at, at + WORDS_PER_SLOT);
    }
    this.tables[length] = table;
    const ref = this.root + L.FIB_ROOT_TABLES + length * L.FIB_TABLE_REF_SIZE;
    u32[(ref + L.FIB_TABLE_SLOTS) >>> 2] = table.slots;
    u32[(ref + L.FIB_TABLE_SLOT_MASK) >>> 2] = capacity - 1;
    return table;
  }

  private writeLengths(): void {
    const lengths: number[] = [];
    for (let length = L.FIB_PREFIX_LENGTHS - 1; length >= 0; length--) if (this.tables[length].count > 0) lengths.push(length);
    this.engine.memory.set(lengths, this.root + L.FIB_ROOT_LENGTHS);
    this.setRoot(L.FIB_ROOT_LENGTH_COUNT, lengths.length);
  }

  /** What a lookup returns when no prefix matches (see setMissDpo). */
  missDpo(): number {
    return this.u32[(this.root + L.FIB_ROOT_MISS_DPO) >>> 2];
  }

  /** The hash table of the `length`-bit prefixes as the engine holds it: a copy of its slots (none when empty). */
  lengthSlots(length: number): Uint8Array {
    const table = this.tables[length];
    return this.engine.memory.slice(table.slots, table.slots + table.capacity * L.FIB_SLOT_SIZE);
  }

  /** Prefix lengths holding prefixes, longest first (what lookups walk). */
  populatedLengths(): number[] {
    const count = this.u32[(this.root + L.FIB_ROOT_LENGTH_COUNT) >>> 2];
    return Array.from(this.engine.memory.subarray(this.root + L.FIB_ROOT_LENGTHS, this.root + L.FIB_ROOT_LENGTHS + count));
  }

  /** Load balance `index` (a directory entry, its record made once and reused): bucket i forwards to buckets[i]. */
  writeLoadBalance(index: number, buckets: readonly number[]): void {
    if (buckets.length !== L.LB_BUCKET_COUNT) throw new Error(`FIB: a load balance has ${L.LB_BUCKET_COUNT} buckets`);
    let record = this.loadBalanceRecords[index];
    if (!record) {
      record = this.engine.allocate(L.LB_RECORD_SIZE);
      this.loadBalanceRecords[index] = record;
    }
    this.loadBalances = this.ensure(this.loadBalances, index, 4, L.FIB_ROOT_LOAD_BALANCES, L.FIB_ROOT_LOAD_BALANCE_COUNT);
    const u32 = this.u32;
    u32[(record + L.LB_BUCKET_MASK) >> 2] = L.LB_BUCKET_COUNT - 1;
    buckets.forEach((dpo, b) => (u32[((record + L.LB_BUCKETS) >> 2) + b] = dpo >>> 0));
    u32[(this.loadBalances.address >> 2) + index] = record;
  }

  writeAdjacency(index: number, adjacency: AdjacencyImage): void {
    this.adjacencies = this.ensure(this.adjacencies, index, L.FIB_ADJ_SIZE, L.FIB_ROOT_ADJACENCIES, L.FIB_ROOT_ADJACENCY_COUNT);
    const at = this.adjacencies.address + index * L.FIB_ADJ_SIZE;
    const bytes = this.engine.memory;
    bytes.fill(0, at, at + L.FIB_ADJ_SIZE);
    const view = this.engine.memoryView();
    view.setUint16(at + L.FIB_ADJ_TX_INTERFACE, adjacency.txInterface, true);
    view.setUint16(at + L.FIB_ADJ_FLAGS, adjacency.dstMac ? L.FIB_ADJ_FLAG_COMPLETE : 0, true);
    if (adjacency.dstMac) bytes.set(adjacency.dstMac, at + L.FIB_ADJ_DST_MAC);
    bytes.set(adjacency.srcMac, at + L.FIB_ADJ_SRC_MAC);
    if (adjacency.nextHop) bytes.set(adjacency.nextHop, at + L.FIB_ADJ_NEXT_HOP);
  }

  /**
   * Interface `interfaceIndex`'s record: the address the node sources what it originates there from
   * (undefined: none) and the interface's MAC.
   */
  writeInterface(interfaceIndex: number, address: Uint8Array | undefined, mac: Uint8Array): void {
    this.interfaces = this.ensure(this.interfaces, interfaceIndex, L.FIB_INTERFACE_SIZE, L.FIB_ROOT_INTERFACES, L.FIB_ROOT_INTERFACE_COUNT);
    const at = this.interfaces.address + interfaceIndex * L.FIB_INTERFACE_SIZE;
    const bytes = this.engine.memory;
    bytes.fill(0, at, at + L.FIB_INTERFACE_SIZE);
    if (address) bytes.set(address, at + L.FIB_INTERFACE_ADDRESS);
    bytes.set(mac, at + L.FIB_INTERFACE_MAC);
  }

  /** An array hanging off the root with room for entry `index`: a zero-filled larger copy if needed. */
  private ensure(array: GrowableArray, index: number, entrySize: number, addressField: number, countField: number): GrowableArray {
    if (index < array.capacity) return array;
    let capacity = Math.max(MIN_ARRAY_ENTRIES, array.capacity);
    while (capacity <= index) capacity *= 2;
    const address = this.engine.allocate(capacity * entrySize);
    const bytes = this.engine.memory;
    bytes.copyWithin(address, array.address, array.address + array.capacity * entrySize);
    this.setRoot(addressField, address);
    this.setRoot(countField, capacity);
    return { address, capacity };
  }
}
