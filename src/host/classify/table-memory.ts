// Writes the classifier into engine memory for ip6-inacl (layout: assembly/classify/classify.layout.ts)
// and reads back the hit counters it keeps. Engine memory is never freed, so tables grow by
// doubling their session capacity (a rewrite elsewhere) and shrink only in place.
import * as L from "../../../assembly/classify/classify.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { keyHash } from "./hash.js";
import type { ClassifySession, ClassifyTable } from "./model.js";

/** ip6-inacl classifies what an interface receives; ip6-outacl what it sends. */
export type AclDirection = "input" | "output";

/** Where a table lives in engine memory and how many sessions fit there. */
export interface TablePlacement {
  address: number;
  capacity: number;
  buckets: number;
}

const U32 = 4;
const DIRECTORY_INITIAL = 16;
const INTERFACES_INITIAL = 64;

export function sessionSize(match: number): number {
  return L.SESSION_HEADER_SIZE + match * L.CLASSIFY_VECTOR_SIZE;
}

/** Buckets for `capacity` sessions: at least as many as configured, at most one session per bucket on average. */
export function bucketsFor(configured: number, capacity: number): number {
  return nextPowerOfTwo(Math.max(configured, capacity, 1));
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function sessionsOffset(buckets: number): number {
  return align8(L.TABLE_HEADER_SIZE + buckets * U32);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

export function tableBytes(match: number, configuredBuckets: number, capacity: number): number {
  return sessionsOffset(bucketsFor(configuredBuckets, capacity)) + capacity * sessionSize(match);
}

/** The classifier's entry point in the engine's exports (assembly/classify/table.ts). */
interface ClassifierExports {
  classifierRootAddress(): number;
}

export class ClassifierMemory {
  private readonly root: number;
  private directory = { address: 0, capacity: 0 };
  // Each direction's per-interface ACL tables: a u32 array hanging off the root, and its length there.
  private readonly aclTables: Record<AclDirection, { array: { address: number; capacity: number }; rootArray: number; rootCount: number }> = {
    input: { array: { address: 0, capacity: 0 }, rootArray: L.ROOT_INTERFACE_TABLES, rootCount: L.ROOT_INTERFACE_COUNT },
    output: { array: { address: 0, capacity: 0 }, rootArray: L.ROOT_OUTPUT_INTERFACE_TABLES, rootCount: L.ROOT_OUTPUT_INTERFACE_COUNT },
  };

  constructor(private readonly engine: WasmEngine) {
    this.root = engine.componentExports<ClassifierExports>(["classifierRootAddress"]).classifierRootAddress() >>> 0;
  }

  private get view(): DataView {
    return this.engine.memoryView();
  }

  missOpaque(): number {
    return this.view.getUint32(this.root + L.ROOT_MISS_OPAQUE, true);
  }

  writeMissOpaque(opaque: number): void {
    this.view.setUint32(this.root + L.ROOT_MISS_OPAQUE, opaque >>> 0, true);
  }

  /** Points table `index` of the directory at `address` (0: free). */
  setTableAddress(index: number, address: number): void {
    if (index >= this.directory.capacity) this.directory = this.grow(this.directory, index + 1, DIRECTORY_INITIAL, L.ROOT_TABLES, 0);
    const view = this.view;
    view.setUint32(this.directory.address + index * U32, address, true);
    const count = view.getUint32(this.root + L.ROOT_TABLE_COUNT, true);
    if (index >= count) view.setUint32(this.root + L.ROOT_TABLE_COUNT, index + 1, true);
  }

  /** Sets the input (rx) or output (tx) ACL table of an interface (CLASSIFY_NONE: no ACL). */
  setAclTable(direction: AclDirection, interfaceIndex: number, tableIndex: number): void {
    const tables = this.aclTables[direction];
    if (interfaceIndex >= tables.array.capacity) {
      tables.array = this.grow(tables.array, interfaceIndex + 1, INTERFACES_INITIAL, tables.rootArray, L.CLASSIFY_NONE);
      this.view.setUint32(this.root + tables.rootCount, tables.array.capacity, true);
    }
    this.view.setUint32(tables.array.address + interfaceIndex * U32, tableIndex >>> 0, true);
  }

  /** A larger copy of a u32 array hanging off the root, new entries set to `fill`; repoints the root. */
  private grow(array: { address: number; capacity: number }, needed: number, minimum: number, rootField: number, fill: number) {
    const capacity = nextPowerOfTwo(Math.max(needed, array.capacity * 2, minimum));
    const address = this.engine.allocate(capacity * U32);
    const memory = this.engine.memory;
    memory.copyWithin(address, array.address, array.address + array.capacity * U32);
    const view = this.view;
    for (let i = array.capacity; i < capacity; i++) view.setUint32(address + i * U32, fill >>> 0, true);
    view.setUint32(this.root + rootField, address, true);
    return { address, capacity };
  }

  /** Writes the whole table at a new address with room for `capacity` sessions. */
  placeTable(table: ClassifyTable, capacity: number): TablePlacement {
    const buckets = bucketsFor(table.buckets, capacity);
    const address = this.engine.allocate(tableBytes(table.match, table.buckets, capacity));
    const placement = { address, capacity, buckets };
    this.rewriteTable(table, placement);
    this.setTableAddress(table.index, address);
    return placement;
  }

  /** Rewrites the whole table where it already is (its sessions must fit). */
  rewriteTable(table: ClassifyTable, placement: TablePlacement): void {
    const { address, buckets } = placement;
    const view = this.view;
    this.writeHeader(table, placement);
    view.setUint32(address + L.TABLE_BUCKET_MASK, buckets - 1, true);
    view.setUint32(address + L.TABLE_SESSION_SIZE, sessionSize(table.match), true);
    view.setUint32(address + L.TABLE_BUCKETS, L.TABLE_HEADER_SIZE, true);
    view.setUint32(address + L.TABLE_SESSIONS, sessionsOffset(buckets), true);
    this.writeWords(address + L.TABLE_MASK, table.mask);
    this.engine.memory.fill(0, address + L.TABLE_HEADER_SIZE, address + L.TABLE_HEADER_SIZE + buckets * U32);
    table.sessions.forEach((session, position) => this.insertSession(table, placement, position, session));
  }

  /** The fields `classify table table N ...` may change on an existing table. */
  writeHeader(table: ClassifyTable, placement: TablePlacement): void {
    const view = this.view;
    const at = placement.address;
    view.setUint32(at + L.TABLE_SKIP, table.skip, true);
    view.setUint32(at + L.TABLE_MATCH, table.match, true);
    view.setUint32(at + L.TABLE_NEXT_TABLE, table.nextTable >>> 0, true);
    view.setUint32(at + L.TABLE_MISS_NEXT, table.missNext >>> 0, true);
    view.setUint32(at + L.TABLE_CURRENT_DATA_FLAG, table.currentDataFlag, true);
    view.setInt32(at + L.TABLE_CURRENT_DATA_OFFSET, table.currentDataOffset, true);
  }

  /** Writes session `position` and links it at the head of its bucket's chain. */
  insertSession(table: ClassifyTable, placement: TablePlacement, position: number, session: ClassifySession): void {
    const s = this.sessionAddress(table, placement, position);
    const bucketAt = placement.address + L.TABLE_HEADER_SIZE + (keyHash(session.key) & (placement.buckets - 1)) * U32;
    const view = this.view;
    view.setUint32(s + L.SESSION_NEXT, view.getUint32(bucketAt, true), true);
    view.setBigUint64(s + L.SESSION_HITS, session.hits, true);
    view.setBigUint64(s + L.SESSION_LAST_HEARD, session.lastHeardNs, true);
    this.writeWords(s + L.SESSION_KEY, session.key);
    this.updateSession(table, placement, position, session);
    view.setUint32(bucketAt, position + 1, true);
  }

  /** Rewrites what a session does on a hit (an add with an existing key replaces only that). */
  updateSession(table: ClassifyTable, placement: TablePlacement, position: number, session: ClassifySession): void {
    const s = this.sessionAddress(table, placement, position);
    const view = this.view;
    view.setUint32(s + L.SESSION_HIT_NEXT, session.hitNext >>> 0, true);
    view.setUint32(s + L.SESSION_OPAQUE, session.opaque >>> 0, true);
    view.setInt32(s + L.SESSION_ADVANCE, session.advance, true);
  }

  /** The live hit counters of session `position`. */
  counters(table: ClassifyTable, placement: TablePlacement, position: number): { hits: bigint; lastHeardNs: bigint } {
    const s = this.sessionAddress(table, placement, position);
    const view = this.view;
    return { hits: view.getBigUint64(s + L.SESSION_HITS, true), lastHeardNs: view.getBigUint64(s + L.SESSION_LAST_HEARD, true) };
  }

  private sessionAddress(table: ClassifyTable, placement: TablePlacement, position: number): number {
    return placement.address + sessionsOffset(placement.buckets) + position * sessionSize(table.match);
  }

  /** Masks and keys: each 8-octet group byte-reversed, so a native u64 load equals ld64 of the packet. */
  private writeWords(address: number, bytes: Uint8Array): void {
    const memory = this.engine.memory;
    for (let group = 0; group < bytes.length; group += L.CLASSIFY_WORD_SIZE) {
      for (let j = 0; j < L.CLASSIFY_WORD_SIZE; j++) memory[address + group + j] = bytes[group + L.CLASSIFY_WORD_SIZE - 1 - j];
    }
  }
}
