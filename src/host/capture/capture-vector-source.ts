// A capture file as a VectorSource: input is read straight into a region of the engine's memory,
// and the Wasm walker (assembly/io/capture-rx.ts) places a vector's frames from there into packet
// buffers, one call per chunk and vector. The CaptureReader around the same region parses what
// the walker leaves to the host (file and section headers, interface descriptions, anything
// unusual or malformed), so formats, limits and error messages stay those of the reader.
// Browser-safe: the bytes come from a ByteInput (a file descriptor in Node, a Blob in a page).
import {
  CAPTURE_FORMAT_PCAP,
  CAPTURE_FORMAT_PCAPNG,
  RX_BIG_ENDIAN,
  RX_BLOCK_SIZE,
  RX_CONSUMED,
  RX_FORMAT,
  RX_IF_COUNT,
  RX_IFACES,
  RX_IFACES_MAX,
  RX_IFACE_LINK_TYPE,
  RX_IFACE_SIZE,
  RX_IFACE_SLOW,
  RX_IFACE_TICKS_EXPONENT,
  RX_IFACE_TS_OFFSET,
  RX_INTERFACE,
  RX_MAX_UNIT,
  RX_NEXT_TIME,
  RX_NOT_AFTER,
  RX_PCAP_LINK_TYPE,
  RX_PCAP_NANOSECOND,
  RX_STOP,
  RX_STOP_NEED_MORE,
  RX_STOP_NOT_AFTER,
  RX_STOP_VECTOR_FULL,
} from "../../../assembly/io/capture-io.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { RxVector, VectorSource } from "../dataplane/vector-io.js";
import { CaptureFormatError } from "./capture-format-error.js";
import { CaptureReader } from "./capture-reader.js";
import type { CaptureFormat, CaptureRecord } from "./capture-record.js";
import { DEFAULT_MAX_UNIT_LENGTH } from "./capture-unit-parser.js";
import { PcapUnitParser } from "./pcap-unit-parser.js";
import type { PcapngSection } from "./pcapng-format.js";
import { PcapngUnitParser } from "./pcapng-unit-parser.js";
import { admitFrame } from "../dataplane/dataplane.js";

/** Where the bytes come from: fills `into` from its start and returns how many it wrote; 0 at the end. */
export interface ByteInput {
  read(into: Uint8Array): number;
}

export interface CaptureVectorSourceOptions {
  /** The software interface index the frames arrive on. */
  rxInterface: number;
  /** Octets of engine memory the input is read into; a unit larger than this is parsed in a buffer of its own. */
  chunkSize?: number;
  maxUnitLength?: number;
}

export const DEFAULT_SOURCE_CHUNK_SIZE = 4 * 1024 * 1024;
const NS_PER_SECOND = 1_000_000_000n;
const NO_LIMIT = -1n;

type WalkerExports = { captureToVector(ctl: number, chunk: number, length: number, first: number, capacity: number): number };

export class CaptureVectorSource implements VectorSource {
  private readonly reader: CaptureReader;
  private readonly walker: WalkerExports;
  private readonly region: number;
  private readonly ctl: number;
  private memory: ArrayBuffer;
  private endedFlag = false;
  private inputDone = false;
  private held: bigint | undefined;
  // A record the host parsed that must wait for a later vector (copied: the window moves on).
  private heldRecord: CaptureRecord | undefined;
  // The pcapng section and interface count the walker's table was last written from.
  private tableSection: PcapngSection | undefined;
  private tableInterfaces = -1;
  /** The input ended early on a malformed or truncated unit: everything before it was placed. */
  failure: CaptureFormatError | undefined;

  /**
   * Reads up to the first packet, so format and link type are known; a file that is neither pcap
   * nor pcapng, or whose headers are malformed, throws a CaptureFormatError here.
   */
  constructor(
    private readonly engine: WasmEngine,
    private readonly input: ByteInput,
    private readonly options: CaptureVectorSourceOptions,
  ) {
    this.walker = engine.componentExports<WalkerExports>(["captureToVector"]);
    const size = options.chunkSize ?? DEFAULT_SOURCE_CHUNK_SIZE;
    this.region = engine.allocate(size);
    this.ctl = engine.allocate(RX_BLOCK_SIZE);
    this.memory = engine.memory.buffer as ArrayBuffer;
    this.reader = new CaptureReader({ primary: this.regionView(), maxUnitLength: options.maxUnitLength });
    while (!this.reader.advanceToPacket()) this.readMore();
  }

  get format(): CaptureFormat {
    return this.reader.format!;
  }

  /** pcap: the file's link type; pcapng: the first interface's, undefined when the file has none. */
  get linkType(): number | undefined {
    return this.reader.linkType;
  }

  /** Input octets parsed so far: progress. */
  get bytesConsumed(): number {
    return this.reader.bytesConsumed;
  }

  get ended(): boolean {
    return this.endedFlag;
  }

  nextTime(): bigint | undefined {
    return this.held;
  }

  fill(rx: RxVector): number {
    if (this.endedFlag) return 0;
    this.held = undefined;
    let n = 0;
    try {
      if (this.heldRecord !== undefined) {
        const placed = this.placeRecord(this.heldRecord, n, rx.notAfter);
        if (placed < 0) return n;
        this.heldRecord = undefined;
        n += placed;
      }
      while (n < rx.capacity) {
        this.rebindIfGrown();
        const pending = this.reader.pending;
        if (pending.inPrimary && pending.end > pending.start) {
          n += this.walk(pending.start, pending.end - pending.start, n, rx);
          const stop = this.ctlView().getUint32(RX_STOP, true);
          if (stop === RX_STOP_VECTOR_FULL) return n;
          if (stop === RX_STOP_NOT_AFTER) {
            this.held = this.ctlView().getBigInt64(RX_NEXT_TIME, true);
            return n;
          }
          if (stop === RX_STOP_NEED_MORE && this.readMore()) continue;
          // The end of the input with a unit left over, or a unit the walker leaves to the reader.
        } else if (pending.end === pending.start && this.readMore()) {
          continue;
        }
        const record = this.nextRecord();
        if (record === null) {
          this.endedFlag = true;
          return n;
        }
        const placed = this.placeRecord(record, n, rx.notAfter);
        if (placed < 0) {
          this.heldRecord = { ...record, data: record.data.slice() };
          return n;
        }
        n += placed;
      }
      return n;
    } catch (error) {
      if (!(error instanceof CaptureFormatError)) throw error;
      this.failure = error;
      this.endedFlag = true;
      return n;
    }
  }

  /** One walker call over pending input; returns the frames it placed. */
  private walk(start: number, length: number, first: number, rx: RxVector): number {
    this.writeControl(rx.notAfter);
    const placed = this.walker.captureToVector(this.ctl, this.region + start, length, first, rx.capacity);
    const consumed = this.ctlView().getUint32(RX_CONSUMED, true);
    if (consumed > 0) this.reader.skip(consumed);
    return placed;
  }

  /** A record the reader parsed: placed in slot `slot` (1), counted as too large (0), or held back for a later vector (-1). */
  private placeRecord(record: CaptureRecord, slot: number, notAfter: bigint | undefined): number {
    if (!admitFrame(this.engine, record.data.length, record.tsSec, record.tsNsec)) return 0;
    const time = BigInt(record.tsSec) * NS_PER_SECOND + BigInt(record.tsNsec);
    if (notAfter !== undefined && time > notAfter) {
      this.held = time;
      return -1;
    }
    this.engine.placeFrame(slot, record.data, this.options.rxInterface, record.tsSec, record.tsNsec, record.linkType);
    return 1;
  }

  /** The reader's next packet record, reading more input as needed; null at the end. */
  private nextRecord(): CaptureRecord | null {
    for (;;) {
      const record = this.reader.next();
      if (record !== null) return record;
      if (this.reader.finished) return null;
      this.readMore();
    }
  }

  /** Reads more input into the reader's buffer; false at the end of the input (the reader is told). */
  private readMore(): boolean {
    if (this.inputDone) return false;
    const space = this.reader.writableSpace();
    const n = this.input.read(space);
    if (n === 0) {
      this.inputDone = true;
      this.reader.end();
      return false;
    }
    this.reader.commitWritten(n);
    return true;
  }

  private writeControl(notAfter: bigint | undefined): void {
    const v = this.ctlView();
    const parser = this.reader.unitParser;
    v.setUint32(RX_MAX_UNIT, this.options.maxUnitLength ?? DEFAULT_MAX_UNIT_LENGTH, true);
    v.setUint32(RX_INTERFACE, this.options.rxInterface, true);
    v.setBigInt64(RX_NOT_AFTER, notAfter ?? NO_LIMIT, true);
    if (parser instanceof PcapUnitParser) {
      const header = parser.fileHeader!;
      v.setUint32(RX_FORMAT, CAPTURE_FORMAT_PCAP, true);
      v.setUint32(RX_BIG_ENDIAN, header.littleEndian ? 0 : 1, true);
      v.setUint32(RX_PCAP_NANOSECOND, header.nanosecond ? 1 : 0, true);
      v.setUint32(RX_PCAP_LINK_TYPE, header.linkType, true);
    } else if (parser instanceof PcapngUnitParser) {
      const section = parser.currentSection!;
      v.setUint32(RX_FORMAT, CAPTURE_FORMAT_PCAPNG, true);
      v.setUint32(RX_BIG_ENDIAN, section.littleEndian ? 0 : 1, true);
      if (section !== this.tableSection || section.interfaces.length !== this.tableInterfaces) this.writeInterfaces(v, section);
    }
  }

  /** The section's interfaces as the walker reads them; the ones it cannot time exactly stay with the reader. */
  private writeInterfaces(v: DataView, section: PcapngSection): void {
    const count = Math.min(section.interfaces.length, RX_IFACES_MAX);
    for (let id = 0; id < count; id++) {
      const iface = section.interfaces[id];
      const at = RX_IFACES + id * RX_IFACE_SIZE;
      const exact = iface.resolution.base === 10 && iface.resolution.exponent <= 9;
      v.setUint16(at + RX_IFACE_LINK_TYPE, iface.linkType, true);
      v.setUint8(at + RX_IFACE_TICKS_EXPONENT, exact ? iface.resolution.exponent : RX_IFACE_SLOW);
      v.setBigInt64(at + RX_IFACE_TS_OFFSET, BigInt(iface.tsOffsetSec), true);
    }
    v.setUint32(RX_IF_COUNT, count, true);
    this.tableSection = section;
    this.tableInterfaces = section.interfaces.length;
  }

  private regionView(): Uint8Array {
    return new Uint8Array(this.memory, this.region, this.options.chunkSize ?? DEFAULT_SOURCE_CHUNK_SIZE);
  }

  private ctlView(): DataView {
    return new DataView(this.memory, this.ctl, RX_BLOCK_SIZE);
  }

  /** The engine's memory grew (configuration allocated more): the same octets, in new views. */
  private rebindIfGrown(): void {
    const buffer = this.engine.memory.buffer as ArrayBuffer;
    if (buffer === this.memory) return;
    this.memory = buffer;
    this.reader.rebindPrimary(this.regionView());
  }
}
