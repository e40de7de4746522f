// A capture file as a VectorSink: the Wasm serialiser (assembly/io/capture-tx.ts) writes each
// vector's transmit list as pcap records or pcapng enhanced packet blocks into an output chunk in
// engine memory, and the chunk goes to a ByteOutput (a file in Node, Blob parts in a page) when
// full. The host writes only the file header and, in pcapng, one interface description block per
// (interface, link type) pair, as the JavaScript writers do, so the files are the same. Browser-safe.
import {
  CAPTURE_FORMAT_PCAP,
  CAPTURE_FORMAT_PCAPNG,
  TX_BLOCK_SIZE,
  TX_DONE,
  TX_FORMAT,
  TX_IF_ENTRY_ID,
  TX_IF_ENTRY_LINK_TYPE,
  TX_IF_ENTRY_SIZE,
  TX_IF_MAP,
  TX_IF_MAP_ENTRIES,
  TX_PCAP_LINK_TYPE,
  TX_PCAP_NANOSECOND,
  TX_STOP,
  TX_STOP_CHUNK_FULL,
  TX_STOP_DONE,
  TX_WRITTEN,
} from "../../../assembly/io/capture-io.layout.js";
import { BUFFER_SIZE, DESC_LINK_TYPE } from "../../../assembly/engine/descriptor.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { TxVector, VectorSink } from "../dataplane/vector-io.js";
import type { CaptureFormat } from "./capture-record.js";
import { DEFAULT_SNAPLEN } from "./capture-writer.js";
import { PCAP_FILE_HEADER_LENGTH, writePcapFileHeader } from "./pcap-format.js";
import {
  encodeInterfaceName,
  interfaceDescriptionBlockLength,
  SHB_MIN_LENGTH,
  writeInterfaceDescriptionBlock,
  writeSectionHeaderBlock,
  type InterfaceDescriptionFields,
} from "./pcapng-format.js";
import { TimestampResolution } from "./timestamp-resolution.js";

/** Where the bytes go; `chunk` views engine memory and is valid only during the call. */
export type ByteOutput = (chunk: Uint8Array) => void;

export interface CaptureVectorSinkOptions {
  format: CaptureFormat;
  /** pcap only: "us" (the default) or "ns"; pcapng always records nanoseconds. */
  precision?: "us" | "ns";
  /** pcap: the file's one link type; pcapng: only used for the interface blocks' link types. */
  linkType: number;
  /** Octets of engine memory collected before each call to the output. */
  chunkSize?: number;
}

export const DEFAULT_SINK_CHUNK_SIZE = 1024 * 1024;

/** A transmitted frame the file cannot hold (pcap: another link type, or past 2106); what came before it is written. */
export class FrameRefused extends RangeError {
  override name = "FrameRefused";

  constructor(
    message: string,
    readonly linkType: number,
    readonly tsSec: number,
  ) {
    super(message);
  }
}

type SerialiserExports = { transmitToCapture(ctl: number, out: number, capacity: number): void };

export class CaptureVectorSink implements VectorSink {
  private readonly serialiser: SerialiserExports;
  private readonly out: number;
  private readonly capacity: number;
  private readonly ctl: number;
  /** pcapng interface ids by link type, then interface name. */
  private readonly interfaceIds = new Map<number, Map<string, number>>();
  private interfaceCount = 0;
  /** Octets handed to the output so far. */
  bytesWritten = 0;
  /** Packets written so far. */
  packets = 0;

  constructor(
    private readonly engine: WasmEngine,
    private readonly output: ByteOutput,
    private readonly options: CaptureVectorSinkOptions,
  ) {
    this.serialiser = engine.componentExports<SerialiserExports>(["transmitToCapture"]);
    // Room for the largest record a buffer can produce, whatever the chunk size asked for.
    this.capacity = Math.max(options.chunkSize ?? DEFAULT_SINK_CHUNK_SIZE, 2 * BUFFER_SIZE);
    this.out = engine.allocate(this.capacity);
    this.ctl = engine.allocate(TX_BLOCK_SIZE);
    const v = this.ctlView();
    const pcap = options.format === "pcap";
    v.setUint32(TX_FORMAT, pcap ? CAPTURE_FORMAT_PCAP : CAPTURE_FORMAT_PCAPNG, true);
    v.setUint32(TX_PCAP_NANOSECOND, options.precision === "ns" ? 1 : 0, true);
    v.setUint32(TX_PCAP_LINK_TYPE, options.linkType, true);
    new Uint8Array(this.engine.memory.buffer, this.ctl + TX_IF_MAP, TX_IF_MAP_ENTRIES * TX_IF_ENTRY_SIZE).fill(0xff);
    const header = pcap ? PCAP_FILE_HEADER_LENGTH : SHB_MIN_LENGTH;
    const at = this.reserve(header);
    if (pcap) writePcapFileHeader(this.outView(), at, { nanosecond: options.precision === "ns", snaplen: DEFAULT_SNAPLEN, linkType: options.linkType });
    else writeSectionHeaderBlock(this.outView(), at);
  }

  drain(tx: TxVector): void {
    const v = () => this.ctlView();
    v().setUint32(TX_DONE, 0, true);
    for (;;) {
      this.serialiser.transmitToCapture(this.ctl, this.out, this.capacity);
      const stop = v().getUint32(TX_STOP, true);
      if (stop === TX_STOP_DONE) break;
      if (stop === TX_STOP_CHUNK_FULL) this.flush();
      else this.describeInterface(tx, v().getUint32(TX_DONE, true));
    }
    this.packets += tx.count;
  }

  /** Hands everything written so far to the output. */
  flush(): void {
    const v = this.ctlView();
    const written = v.getUint32(TX_WRITTEN, true);
    if (written === 0) return;
    this.output(new Uint8Array(this.engine.memory.buffer, this.out, written));
    this.bytesWritten += written;
    v.setUint32(TX_WRITTEN, 0, true);
  }

  /** The packet at transmit-list position k needs the host: pcapng, an interface block; pcap, it cannot be written. */
  private describeInterface(tx: TxVector, k: number): void {
    const e = tx.engine;
    const slot = e.txSlot(k);
    const txIf = e.txInterface(slot);
    const linkType = e.descriptorField16(slot, DESC_LINK_TYPE);
    if (this.options.format === "pcap") {
      // The frames before it in this vector are written; they count.
      this.packets += k;
      const tsSec = e.descriptorSeconds(slot);
      if (linkType !== this.options.linkType) {
        throw new FrameRefused(
          `pcap writer: the file's link type is ${this.options.linkType}, the record's ${linkType}; use pcapng to mix them`,
          linkType,
          tsSec,
        );
      }
      throw new FrameRefused(`pcap writer: tsSec ${tsSec} is past 2106, beyond a pcap record's 32-bit seconds; use pcapng`, linkType, tsSec);
    }
    const name = tx.interfaceName(txIf);
    let byName = this.interfaceIds.get(linkType);
    if (byName === undefined) this.interfaceIds.set(linkType, (byName = new Map()));
    let id = byName.get(name);
    if (id === undefined) {
      const fields: InterfaceDescriptionFields = {
        linkType,
        snaplen: DEFAULT_SNAPLEN,
        nameBytes: encodeInterfaceName(name),
        tsresol: TimestampResolution.NANOSECONDS.toTsresol(),
      };
      const length = interfaceDescriptionBlockLength(fields);
      const at = this.reserve(length);
      writeInterfaceDescriptionBlock(new Uint8Array(this.engine.memory.buffer, this.out, this.capacity), this.outView(), at, fields);
      id = this.interfaceCount++;
      byName.set(name, id);
    }
    const entry = this.ctlView();
    entry.setUint32(TX_IF_MAP + txIf * TX_IF_ENTRY_SIZE + TX_IF_ENTRY_LINK_TYPE, linkType, true);
    entry.setUint32(TX_IF_MAP + txIf * TX_IF_ENTRY_SIZE + TX_IF_ENTRY_ID, id, true);
  }

  /** Offset in the output chunk of `length` octets now taken by the host (flushing first if they do not fit). */
  private reserve(length: number): number {
    const v = this.ctlView();
    if (v.getUint32(TX_WRITTEN, true) + length > this.capacity) this.flush();
    if (length > this.capacity) throw new RangeError(`capture sink: a ${length}-octet block exceeds the ${this.capacity}-octet output chunk`);
    const at = v.getUint32(TX_WRITTEN, true);
    v.setUint32(TX_WRITTEN, at + length, true);
    return at;
  }

  private outView(): DataView {
    return new DataView(this.engine.memory.buffer, this.out, this.capacity);
  }

  private ctlView(): DataView {
    return new DataView(this.engine.memory.buffer, this.ctl, TX_BLOCK_SIZE);
  }
}
