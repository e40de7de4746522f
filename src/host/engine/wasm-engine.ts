// The host's handle on one Wasm engine instance: typed views on its linear memory (made once, and
// again only if the memory grows), packet injection straight into packet buffers, one call per
// vector, and zero-copy reads of what the engine transmits and counts. Browser-safe.
import { instantiate } from "@assemblyscript/loader";
import {
  BUFFER_DATA_CAPACITY,
  BUFFER_HEADROOM,
  BUFFER_SIZE,
  DESC_BUFFER,
  DESC_DATA_OFFSET,
  DESC_ERROR,
  DESC_FLAGS,
  DESC_L3,
  DESC_LENGTH,
  DESC_LINK_TYPE,
  DESC_NEXT_NODE,
  DESC_RX_IF,
  DESC_SIZE,
  DESC_TRACE,
  DESC_TS_NSEC,
  DESC_TS_SEC,
  DESC_TX_IF,
  NODE_STAT_CALLS,
  NODE_STAT_PACKETS,
  NODE_STAT_SIZE,
  TRACE_RECORD_SIZE,
  VECTOR_MAX,
} from "../../../assembly/engine/descriptor.layout.js";
import { ERROR_COUNT, NODE_COUNT, NODE_DEVICE_INPUT } from "../../../assembly/graph/graph.layout.js";
import { ALLOCATION_SLACK, ENGINE_ADDRESSABLE_BYTES, ENGINE_ALLOCATION_MAX_BYTES, EngineMemoryError, formatBytes } from "./engine-memory.js";

export { EngineMemoryError, formatBytes } from "./engine-memory.js";

type EngineExports = {
  memory: WebAssembly.Memory;
  descriptorsAddress(): number;
  buffersAddress(): number;
  txListAddress(): number;
  errorCountersAddress(): number;
  nodeStatsAddress(): number;
  traceAddress(): number;
  processVector(n: number, nowSecLow: number, nowSecHigh: number, nowNsec: number, tracing: number): number;
  setDepartureFloor(secLow: number, secHigh: number, nsec: number): void;
  boundsViolations(): number;
  traceRecordCount(): number;
  traceReset(): void;
  allocate(size: number): number;
  heapTop(): number;
  parkNextDue(): bigint;
  parkedCount(): number;
};

/** What the host announces about a received packet. */
export interface RxPacket {
  data: Uint8Array;
  rxInterface: number;
  tsSec: number;
  tsNsec: number;
  entryNode: number;
  linkType?: number; // capture link type, handed back with the transmitted frame (0 when unsaid)
  l3Offset: number;
  traceSlot: number; // 0: not traced, else slot + 1
}

export class WasmEngine {
  readonly vectorMax = VECTOR_MAX;
  readonly bufferCapacity = BUFFER_DATA_CAPACITY;
  private u8!: Uint8Array;
  private u16!: Uint16Array;
  private u32!: Uint32Array;
  private u64!: BigUint64Array;
  private readonly descriptors: number;
  private readonly buffers: number;
  private readonly txList: number;
  private readonly errorCounters: number;
  private readonly nodeStats: number;
  private readonly traceRecords: number;

  private constructor(private readonly exports: EngineExports) {
    // Wasm hands addresses over as i32: above 2 GiB they come out negative unless read unsigned.
    this.descriptors = exports.descriptorsAddress() >>> 0;
    this.buffers = exports.buffersAddress() >>> 0;
    this.txList = exports.txListAddress() >>> 0;
    this.errorCounters = exports.errorCountersAddress() >>> 0;
    this.nodeStats = exports.nodeStatsAddress() >>> 0;
    this.traceRecords = exports.traceAddress() >>> 0;
    this.refreshViews();
  }

  /** `wasm` is the compiled engine (build/release.wasm or build/debug.wasm) or its bytes. */
  static async load(wasm: BufferSource | WebAssembly.Module): Promise<WasmEngine> {
    const { exports } = await instantiate<EngineExports>(wasm as never, {});
    return new WasmEngine(exports as unknown as EngineExports);
  }

  /** The whole linear memory, for tests that check what a vector did or did not touch. */
  get memory(): Uint8Array {
    this.refreshViewsIfGrown();
    return this.u8;
  }

  private refreshViews(): void {
    const buffer = this.exports.memory.buffer;
    this.u8 = new Uint8Array(buffer);
    this.u16 = new Uint16Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.u64 = new BigUint64Array(buffer);
  }

  private refreshViewsIfGrown(): void {
    if (this.u8.buffer !== this.exports.memory.buffer) this.refreshViews();
  }

  /** Where the per-vector regions are, for I/O that writes frames and reads the transmit list from outside JavaScript (the AF_PACKET addon). */
  get regions(): { descriptors: number; buffers: number; txList: number; errorCounters: number } {
    return { descriptors: this.descriptors, buffers: this.buffers, txList: this.txList, errorCounters: this.errorCounters };
  }

  /** The linear memory's current ArrayBuffer (replaced when the memory grows: ask again per vector). */
  get memoryBuffer(): ArrayBuffer {
    return this.exports.memory.buffer;
  }

  descriptorAddress(slot: number): number {
    return this.descriptors + slot * DESC_SIZE;
  }

  bufferAddress(slot: number): number {
    return this.buffers + slot * BUFFER_SIZE;
  }

  /** Copies one received packet into buffer `slot` (the only copy it gets) and fills its descriptor. */
  putPacket(slot: number, packet: RxPacket): void {
    const d = this.descriptors + slot * DESC_SIZE;
    this.u8.set(packet.data, this.buffers + slot * BUFFER_SIZE + BUFFER_HEADROOM);
    this.u8.fill(0, d, d + DESC_SIZE);
    this.u32[(d + DESC_BUFFER) >>> 2] = slot;
    this.u16[(d + DESC_DATA_OFFSET) >>> 1] = BUFFER_HEADROOM;
    this.u16[(d + DESC_LENGTH) >>> 1] = packet.data.length;
    this.u16[(d + DESC_RX_IF) >>> 1] = packet.rxInterface;
    this.u16[(d + DESC_TX_IF) >>> 1] = packet.rxInterface;
    this.u16[(d + DESC_NEXT_NODE) >>> 1] = packet.entryNode;
    this.u32[(d + DESC_TS_SEC) >>> 2] = low32(packet.tsSec);
    this.u32[(d + DESC_TS_SEC + 4) >>> 2] = high32(packet.tsSec);
    this.u32[(d + DESC_TS_NSEC) >>> 2] = packet.tsNsec;
    this.u16[(d + DESC_L3) >>> 1] = packet.l3Offset;
    this.u16[(d + DESC_LINK_TYPE) >>> 1] = packet.linkType ?? 0;
    this.u16[(d + DESC_TRACE) >>> 1] = packet.traceSlot;
  }

  /**
   * Copies one received frame into buffer `slot` and fills its descriptor to enter the graph at
   * device-input, which reads the link type (a VectorSource's one tight loop for frames that live in
   * JavaScript: simulated links, tests). The caller checks the length against bufferCapacity.
   */
  placeFrame(slot: number, data: Uint8Array, rxInterface: number, tsSec: number, tsNsec: number, linkType: number): void {
    this.putPacket(slot, { data, rxInterface, tsSec, tsNsec, entryNode: NODE_DEVICE_INPUT, linkType, l3Offset: 0, traceSlot: 0 });
  }

  /** Marks the packet in receive slot `slot` for the packet trace (trace slot + 1; 0: not traced). */
  setTraceSlot(slot: number, traceSlot: number): void {
    this.u16[(this.descriptors + slot * DESC_SIZE + DESC_TRACE) >>> 1] = traceSlot;
  }

  /**
   * Runs descriptors [0, n) through the graph at engine time `nowSec`.`nowNsec` (seconds up to
   * 2^53, as the capture readers give them); returns how many packets were transmitted.
   */
  processVector(n: number, nowSec: number, nowNsec: number, tracing: boolean): number {
    const sent = this.exports.processVector(n, low32(nowSec), high32(nowSec), nowNsec >>> 0, tracing ? 1 : 0);
    this.refreshViewsIfGrown();
    return sent;
  }

  /**
   * The earliest a packet of the next vectors leaves (ns since 1970): a live run's system clock when
   * the vector begins; 0 (the default) where frames are processed at their own times.
   */
  setDepartureFloor(ns: bigint): void {
    const sec = ns / 1_000_000_000n;
    this.exports.setDepartureFloor(Number(sec & 0xffffffffn), Number(sec >> 32n), Number(ns % 1_000_000_000n));
  }

  /** Engine time (ns) at which the next parked packet is due: 0n if one is queued now, undefined if none. */
  parkNextDue(): bigint | undefined {
    const due = BigInt.asUintN(64, this.exports.parkNextDue());
    return due === 0xffffffffffffffffn ? undefined : due;
  }

  /** Packets held across vectors (delayed by nsim, or SYN-ACKs awaiting a selection). */
  parkedCount(): number {
    return this.exports.parkedCount();
  }

  /** Descriptor index of the k-th transmitted packet of the last vector. */
  txSlot(k: number): number {
    return this.u16[(this.txList >>> 1) + k];
  }

  /** A view (not a copy) of a packet's bytes, valid until the next vector. */
  packetView(slot: number): Uint8Array {
    const d = this.descriptors + slot * DESC_SIZE;
    const start = this.buffers + this.u32[(d + DESC_BUFFER) >>> 2] * BUFFER_SIZE + this.u16[(d + DESC_DATA_OFFSET) >>> 1];
    return this.u8.subarray(start, start + this.u16[(d + DESC_LENGTH) >>> 1]);
  }

  descriptorField16(slot: number, offset: number): number {
    return this.u16[(this.descriptors + slot * DESC_SIZE + offset) >>> 1];
  }

  descriptorField32(slot: number, offset: number): number {
    return this.u32[(this.descriptors + slot * DESC_SIZE + offset) >>> 2];
  }

  /** A descriptor's 64-bit seconds (DESC_TS_SEC) as a number: exact up to 2^53. */
  descriptorSeconds(slot: number): number {
    const at = (this.descriptors + slot * DESC_SIZE + DESC_TS_SEC) >>> 2;
    return this.u32[at + 1] * 2 ** 32 + this.u32[at];
  }

  txInterface(slot: number): number {
    return this.descriptorField16(slot, DESC_TX_IF);
  }

  errorOf(slot: number): number {
    return this.descriptorField16(slot, DESC_ERROR);
  }

  flagsOf(slot: number): number {
    return this.u8[this.descriptors + slot * DESC_SIZE + DESC_FLAGS];
  }

  /** Counter values by error id (a copy: counters move on with the next vector). */
  errorCounts(): bigint[] {
    const base = this.errorCounters >>> 3;
    return Array.from(this.u64.subarray(base, base + ERROR_COUNT));
  }

  /** Host-side drops (e.g. a frame larger than a buffer) are counted in the same counters. */
  countError(errorId: number, by = 1n): void {
    this.u64[(this.errorCounters >>> 3) + errorId] += by;
  }

  clearErrors(): void {
    this.u64.fill(0n, this.errorCounters >>> 3, (this.errorCounters >>> 3) + ERROR_COUNT);
  }

  nodeStatistics(): { calls: bigint; packets: bigint }[] {
    const stats: { calls: bigint; packets: bigint }[] = [];
    for (let node = 0; node < NODE_COUNT; node++) {
      const base = (this.nodeStats + node * NODE_STAT_SIZE) >>> 3;
      stats.push({
        calls: this.u64[base + NODE_STAT_CALLS / 8],
        packets: this.u64[base + NODE_STAT_PACKETS / 8],
      });
    }
    return stats;
  }

  clearNodeStatistics(): void {
    const base = this.nodeStats >>> 3;
    this.u64.fill(0n, base, base + (NODE_COUNT * NODE_STAT_SIZE) / 8);
  }

  traceRecordCount(): number {
    return this.exports.traceRecordCount();
  }

  /** View of the i-th packet-trace record of the last vector. */
  traceRecord(i: number): Uint8Array {
    const start = this.traceRecords + i * TRACE_RECORD_SIZE;
    return this.u8.subarray(start, start + TRACE_RECORD_SIZE);
  }

  traceReset(): void {
    this.exports.traceReset();
  }

  /**
   * Carves `size` octets (64-octet aligned, zeroed) of engine memory for configuration the Wasm
   * nodes read (tables, rewrites, profiles). Never freed: configuration lives as long as the engine.
   */
  allocate(size: number): number {
    const problem = this.allocationProblem(size);
    if (problem) throw new EngineMemoryError(`the engine needs ${formatBytes(size)} more memory, but ${problem}`);
    const address = this.exports.allocate(size) >>> 0;
    this.refreshViewsIfGrown();
    if (address === 0) {
      throw new EngineMemoryError(
        `the engine needs ${formatBytes(size)} more memory (${formatBytes(this.memoryInUse + size)} in all), but the host refused to grow it ` +
          `past ${formatBytes(this.exports.memory.buffer.byteLength)}`,
      );
    }
    // The engine's bump heap never hands out an octet twice, so the memory is zero already.
    return address;
  }

  /** Octets of engine memory carved so far (regions, tables, rewrites). */
  get memoryInUse(): number {
    return this.exports.heapTop() >>> 0;
  }

  /**
   * Why `size` more octets cannot be carved, checked before trying ("one table may take at most
   * 1 GiB", or how much of the 4 GiB a 32-bit engine addresses is used); undefined when it may fit
   * (the host may still refuse to grow the memory: allocate() then says so).
   */
  allocationProblem(size: number): string | undefined {
    if (!Number.isSafeInteger(size) || size < 0) return `${size} is not a size`;
    if (size > ENGINE_ALLOCATION_MAX_BYTES) return `one table may take at most ${formatBytes(ENGINE_ALLOCATION_MAX_BYTES)}`;
    const used = this.memoryInUse;
    if (used + size + ALLOCATION_SLACK > ENGINE_ADDRESSABLE_BYTES) {
      return `the engine uses ${formatBytes(used)} of the ${formatBytes(ENGINE_ADDRESSABLE_BYTES)} a 32-bit engine addresses`;
    }
    return undefined;
  }

  /**
   * Functions of a component this handle does not wrap itself (the POT kernels, the flow table, the
   * address of a component's block, which that component's host module alone reads), looked up by
   * name and checked, so a stale build fails with a clear message.
   */
  componentExports<T>(names: readonly string[]): T {
    const all = this.exports as unknown as Record<string, unknown>;
    const missing = names.filter((name) => typeof all[name] !== "function");
    if (missing.length > 0) throw new Error(`the Wasm engine lacks ${missing.join(", ")}: rebuild it (npm run asbuild)`);
    return all as unknown as T;
  }

  /** A DataView over the whole linear memory (re-made if it grew), for writing configuration. */
  memoryView(): DataView {
    const bytes = this.memory;
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Debug builds count reads/writes outside the current packet's window; release builds return 0. */
  boundsViolations(): number {
    return this.exports.boundsViolations();
  }
}

const TWO_POW_32 = 2 ** 32;

/** The low and high 32 bits of a non-negative safe integer (64-bit fields written as two u32). */
function low32(value: number): number {
  return (value % TWO_POW_32) >>> 0;
}

function high32(value: number): number {
  return Math.floor(value / TWO_POW_32) >>> 0;
}
