// The host's handle on one Wasm flow table (assembly/flow/table.ts): carved once in engine memory
// with a fixed power-of-two capacity and an idle timeout; keys are IPv6 5-tuples, values a u32
// choice and a u8 of flags. Per-packet lookups run in Wasm over a whole vector (lookupPackets); the
// per-key methods are for configuration, tests and the benchmark. Browser-safe.
import {
  FLOW_KEY_DST,
  FLOW_KEY_PORTS,
  FLOW_KEY_PROTO,
  FLOW_KEY_SIZE,
  FLOW_KEY_SRC,
  FLOW_MISS,
  FLOW_SLOT_CHOICE,
  FLOW_SLOT_DST,
  FLOW_SLOT_FLAGS,
  FLOW_SLOT_LAST_SEEN,
  FLOW_SLOT_PORTS,
  FLOW_SLOT_PROTO,
  FLOW_SLOT_SIZE,
  FLOW_SLOT_SRC,
  FLOW_SLOT_STATE,
  FLOW_STATE_USED,
  FLOW_TABLE_EVICTIONS,
  FLOW_TABLE_EXPIRATIONS,
  FLOW_TABLE_HEADER_SIZE,
  FLOW_TABLE_INSERTS,
  FLOW_TABLE_REMOVALS,
} from "../../../assembly/flow/flow.layout.js";
import { VECTOR_MAX } from "../../../assembly/engine/descriptor.layout.js";
import { ERR_FLOW_EVICTIONS, ERR_FLOW_EXPIRATIONS, ERR_FLOW_INSERTS, ERR_FLOW_REMOVALS } from "../../../assembly/graph/graph.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";

export interface FlowKey {
  src: Uint8Array; // 16 octets
  dst: Uint8Array; // 16 octets
  srcPort: number;
  dstPort: number;
  protocol: number;
}

export interface FlowEntry extends FlowKey {
  choice: number;
  flags: number;
  lastSeenSeconds: number;
}

export interface FlowTableStats {
  size: number;
  capacity: number;
  inserts: bigint;
  evictions: bigint;
  expirations: bigint;
  removals: bigint;
}

/** This table's own counts (u32, wrapping), where FlowTableStats has the engine-wide ones. */
export interface FlowTableCounts {
  inserts: number;
  evictions: number;
  expirations: number;
  removals: number;
}

/** The flow-table entry points of the engine's exports (assembly/index.ts). */
interface FlowExports {
  flowTableInit(table: number, capacity: number, idleTimeoutSeconds: number): void;
  flowTableSize(table: number): number;
  flowInsertKeys(table: number, keys: number, choices: number, flags: number, n: number): void;
  flowLookupKeys(table: number, keys: number, n: number, results: number): void;
  flowRemoveKeys(table: number, keys: number, n: number): number;
  flowLookupVector(table: number, n: number, results: number): number;
  flowSweep(table: number, slots: number): number;
  setClock(secLow: number, secHigh: number, nsec: number): void;
}

const FLOW_EXPORT_NAMES = ["flowTableInit", "flowTableSize", "flowInsertKeys", "flowLookupKeys", "flowRemoveKeys", "flowLookupVector", "flowSweep", "setClock"];

function flowExports(engine: WasmEngine): FlowExports {
  return engine.componentExports<FlowExports>(FLOW_EXPORT_NAMES);
}

/** Keys the per-key methods pass to Wasm in one call (bulk inserts are chunked by this). */
export const FLOW_SCRATCH_KEYS = 4096;

/** Engine memory a table of `capacity` slots takes. */
export function flowTableBytes(capacity: number): number {
  return FLOW_TABLE_HEADER_SIZE + capacity * FLOW_SLOT_SIZE;
}

/** Engine memory one FlowTable of `capacity` slots carves: its scratch and the table. */
export function flowTableMemory(capacity: number): number {
  return FLOW_SCRATCH_KEYS * (FLOW_KEY_SIZE + 4 + 1) + Math.max(FLOW_SCRATCH_KEYS, VECTOR_MAX) * 4 + flowTableBytes(capacity);
}

/** Writes `key` as a FLOW_KEY_SIZE record at `into[offset]`. */
export function encodeFlowKey(key: FlowKey, into: Uint8Array, offset = 0): void {
  into.fill(0, offset, offset + FLOW_KEY_SIZE);
  into.set(key.src, offset + FLOW_KEY_SRC);
  into.set(key.dst, offset + FLOW_KEY_DST);
  into[offset + FLOW_KEY_PORTS] = key.srcPort >> 8;
  into[offset + FLOW_KEY_PORTS + 1] = key.srcPort & 0xff;
  into[offset + FLOW_KEY_PORTS + 2] = key.dstPort >> 8;
  into[offset + FLOW_KEY_PORTS + 3] = key.dstPort & 0xff;
  into[offset + FLOW_KEY_PROTO] = key.protocol;
}

/** A slot's address: four words stored as numbers (host order) whose values are the network-order octets. */
function keyAddress(view: DataView, at: number): Uint8Array {
  const address = new Uint8Array(16);
  const out = new DataView(address.buffer);
  for (let w = 0; w < 16; w += 4) out.setUint32(w, view.getUint32(at + w, true));
  return address;
}

export class FlowTable {
  private readonly wasm: FlowExports;
  private readonly keys: number;
  private readonly choices: number;
  private readonly flags: number;
  private readonly results: number;
  /** Address of the table in engine memory (header, then the slots). */
  readonly address: number;

  private constructor(
    private readonly engine: WasmEngine,
    readonly capacity: number,
    idleTimeoutSeconds: number,
  ) {
    this.wasm = flowExports(engine);
    // The scratch first: the stub runtime grows memory by at least its current size, so the big
    // table carved last grows it by little more than the table itself.
    this.keys = engine.allocate(FLOW_SCRATCH_KEYS * FLOW_KEY_SIZE);
    this.choices = engine.allocate(FLOW_SCRATCH_KEYS * 4);
    this.flags = engine.allocate(FLOW_SCRATCH_KEYS);
    this.results = engine.allocate(Math.max(FLOW_SCRATCH_KEYS, VECTOR_MAX) * 4);
    this.address = engine.allocate(flowTableBytes(capacity));
    this.wasm.flowTableInit(this.address, capacity, idleTimeoutSeconds >>> 0);
  }

  /** Carves a table of `capacity` slots (a power of two) whose flows expire after `idleTimeoutSeconds` without traffic. */
  static create(engine: WasmEngine, capacity: number, idleTimeoutSeconds: number): FlowTable {
    if (!Number.isInteger(capacity) || capacity < 16 || capacity > 2 ** 26 || (capacity & (capacity - 1)) !== 0) {
      throw new RangeError(`flow table capacity must be a power of two from 16 to 2^26, not ${capacity}`);
    }
    return new FlowTable(engine, capacity, idleTimeoutSeconds);
  }

  /** Sets the engine clock (seconds) the table's operations run at; processVector sets it per vector too. */
  setTime(seconds: number): void {
    this.wasm.setClock((seconds % 2 ** 32) >>> 0, Math.floor(seconds / 2 ** 32) >>> 0, 0);
  }

  insert(key: FlowKey, choice: number, flags = 0): void {
    encodeFlowKey(key, this.engine.memory, this.keys);
    this.engine.memoryView().setUint32(this.choices, choice >>> 0, true);
    this.engine.memory[this.flags] = flags;
    this.wasm.flowInsertKeys(this.address, this.keys, this.choices, this.flags, 1);
  }

  /** Inserts `choices.length` packed key records from `keys` (FLOW_KEY_SIZE octets each), chunked. */
  insertMany(keys: Uint8Array, choices: Uint32Array, flags?: Uint8Array): void {
    for (let first = 0; first < choices.length; first += FLOW_SCRATCH_KEYS) {
      const n = Math.min(FLOW_SCRATCH_KEYS, choices.length - first);
      const memory = this.engine.memory;
      memory.set(keys.subarray(first * FLOW_KEY_SIZE, (first + n) * FLOW_KEY_SIZE), this.keys);
      memory.set(new Uint8Array(choices.buffer, choices.byteOffset + first * 4, n * 4), this.choices);
      memory.fill(0, this.flags, this.flags + n);
      if (flags) memory.set(flags.subarray(first, first + n), this.flags);
      this.wasm.flowInsertKeys(this.address, this.keys, this.choices, this.flags, n);
    }
  }

  /** The flow's choice (refreshing it), or undefined when it is absent or idle. */
  lookup(key: FlowKey): number | undefined {
    encodeFlowKey(key, this.engine.memory, this.keys);
    this.wasm.flowLookupKeys(this.address, this.keys, 1, this.results);
    const choice = this.engine.memoryView().getUint32(this.results, true);
    return choice === FLOW_MISS ? undefined : choice;
  }

  /** Looks up `n` key records at engine address `keys`, one u32 choice (FLOW_MISS: none) each into `results`. */
  lookupKeysAt(keys: number, n: number, results: number): void {
    this.wasm.flowLookupKeys(this.address, keys, n, results);
  }

  /**
   * Looks up the parsed packets in descriptors [0, n) (removing a TCP flow on FIN or RST); returns
   * each packet's choice, undefined where it has no flow.
   */
  lookupPackets(n: number): (number | undefined)[] {
    this.wasm.flowLookupVector(this.address, n, this.results);
    const view = this.engine.memoryView();
    return Array.from({ length: n }, (_, i) => {
      const choice = view.getUint32(this.results + 4 * i, true);
      return choice === FLOW_MISS ? undefined : choice;
    });
  }

  /** Removes the flow; returns whether it was there (an idle one is counted as expired, not removed). */
  remove(key: FlowKey): boolean {
    encodeFlowKey(key, this.engine.memory, this.keys);
    return this.wasm.flowRemoveKeys(this.address, this.keys, 1) === 1;
  }

  /** Visits the next `slots` slots of the incremental sweep, expiring idle flows; returns how many. */
  sweep(slots: number): number {
    return this.wasm.flowSweep(this.address, slots);
  }

  get size(): number {
    return this.wasm.flowTableSize(this.address);
  }

  /**
   * The live flows (slots in use, idle ones not yet expired included), read in place, at most
   * `limit` of them in slot order: for show commands.
   */
  entries(limit = Number.MAX_SAFE_INTEGER): FlowEntry[] {
    const memory = this.engine.memory;
    const view = this.engine.memoryView();
    const out: FlowEntry[] = [];
    for (let k = 0; k < this.capacity && out.length < limit; k++) {
      const slot = this.address + FLOW_TABLE_HEADER_SIZE + k * FLOW_SLOT_SIZE;
      if (memory[slot + FLOW_SLOT_STATE] !== FLOW_STATE_USED) continue;
      const ports = view.getUint32(slot + FLOW_SLOT_PORTS, true);
      out.push({
        src: keyAddress(view, slot + FLOW_SLOT_SRC),
        dst: keyAddress(view, slot + FLOW_SLOT_DST),
        srcPort: ports >>> 16,
        dstPort: ports & 0xffff,
        protocol: memory[slot + FLOW_SLOT_PROTO],
        choice: view.getUint32(slot + FLOW_SLOT_CHOICE, true),
        flags: memory[slot + FLOW_SLOT_FLAGS],
        lastSeenSeconds: view.getUint32(slot + FLOW_SLOT_LAST_SEEN, true),
      });
    }
    return out;
  }

  /** What happened in this table alone. */
  counts(): FlowTableCounts {
    const view = this.engine.memoryView();
    const at = (offset: number) => view.getUint32(this.address + offset, true);
    return { inserts: at(FLOW_TABLE_INSERTS), evictions: at(FLOW_TABLE_EVICTIONS), expirations: at(FLOW_TABLE_EXPIRATIONS), removals: at(FLOW_TABLE_REMOVALS) };
  }

  /** Size, capacity and the engine's flow-table counters (shared by every table of the engine). */
  stats(): FlowTableStats {
    const counts = this.engine.errorCounts();
    return {
      size: this.size,
      capacity: this.capacity,
      inserts: counts[ERR_FLOW_INSERTS],
      evictions: counts[ERR_FLOW_EVICTIONS],
      expirations: counts[ERR_FLOW_EXPIRATIONS],
      removals: counts[ERR_FLOW_REMOVALS],
    };
  }
}
