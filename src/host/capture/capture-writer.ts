// Serialises packet records as pcap (microsecond or nanosecond) or pcapng into a byte sink; no I/O of its own.
import type { CaptureFormat } from "./capture-record.js";
import { ChunkedOutput, type CaptureSink } from "./chunked-output.js";
import { microsecondsFromNanoseconds, PCAP_FILE_HEADER_LENGTH, PCAP_RECORD_HEADER_LENGTH, writePcapFileHeader, writePcapRecordHeader } from "./pcap-format.js";
import {
  encodeInterfaceName,
  enhancedPacketBlockLength,
  interfaceDescriptionBlockLength,
  SHB_MIN_LENGTH,
  writeEnhancedPacketBlock,
  writeInterfaceDescriptionBlock,
  writeSectionHeaderBlock,
  type InterfaceDescriptionFields,
} from "./pcapng-format.js";
import { nanosecondTicks, TimestampResolution } from "./timestamp-resolution.js";
import { WideUnsigned } from "./wide-unsigned.js";

export type { CaptureSink } from "./chunked-output.js";

/** libpcap's default: large enough for any Ethernet frame, including jumbo frames. */
export const DEFAULT_SNAPLEN = 262_144;

export interface CaptureWriteRecord {
  /** Defaults to the writer's link type; a pcap file holds one link type only. */
  linkType?: number;
  /** pcapng only: records with a new (link type, interface name) pair get a new interface. */
  interfaceName?: string;
  tsSec: number;
  tsNsec: number;
  /** Copied before write() returns. */
  data: Uint8Array;
  /** Defaults to data.length; may exceed it when the packet was already cut short. */
  originalLength?: number;
}

export interface CaptureWriterOptions {
  format: CaptureFormat;
  /** pcap only: "us" (the default, readable everywhere) or "ns"; pcapng always records nanoseconds. */
  precision?: "us" | "ns";
  linkType: number;
  /** Longer packets are cut to this many bytes; 0 means no limit. */
  snaplen?: number;
  /** Bytes collected before each call to the sink. */
  chunkSize?: number;
}

export interface CaptureWriter {
  write(record: CaptureWriteRecord): void;
  /** Hands everything written so far to the sink. */
  flush(): void;
}

export function createCaptureWriter(sink: CaptureSink, options: CaptureWriterOptions): CaptureWriter {
  return options.format === "pcapng" ? new PcapngWriter(sink, options) : new PcapWriter(sink, options);
}

const MAX_UINT32 = 0xffff_ffff;
const MAX_LINK_TYPE = 0xffff;
const MAX_NANOSECONDS = 999_999_999;

export class PcapWriter implements CaptureWriter {
  private readonly output: ChunkedOutput;
  private readonly nanosecond: boolean;
  private readonly linkType: number;
  private readonly snaplen: number;

  constructor(sink: CaptureSink, options: Omit<CaptureWriterOptions, "format">) {
    this.output = new ChunkedOutput(sink, options.chunkSize);
    this.nanosecond = options.precision === "ns";
    this.linkType = checkLinkType(options.linkType);
    this.snaplen = checkSnaplen(options.snaplen ?? DEFAULT_SNAPLEN);
    const offset = this.output.reserve(PCAP_FILE_HEADER_LENGTH);
    writePcapFileHeader(this.output.view, offset, { nanosecond: this.nanosecond, snaplen: this.snaplen, linkType: this.linkType });
  }

  write(record: CaptureWriteRecord): void {
    if (record.linkType !== undefined && record.linkType !== this.linkType) {
      throw new RangeError(`pcap writer: the file's link type is ${this.linkType}, the record's ${record.linkType}; use pcapng to mix them`);
    }
    checkTimestamp(record, MAX_UINT32);
    const originalLength = checkOriginalLength(record);
    const captured = cutToSnaplen(record.data, this.snaplen);
    const fraction = this.nanosecond ? record.tsNsec : microsecondsFromNanoseconds(record.tsNsec);
    const offset = this.output.reserve(PCAP_RECORD_HEADER_LENGTH + captured.length);
    writePcapRecordHeader(this.output.view, offset, record.tsSec, fraction, captured.length, originalLength);
    this.output.bytes.set(captured, offset + PCAP_RECORD_HEADER_LENGTH);
  }

  flush(): void {
    this.output.flush();
  }
}

export class PcapngWriter implements CaptureWriter {
  private readonly output: ChunkedOutput;
  private readonly defaultLinkType: number;
  private readonly snaplen: number;
  /** Interface ids by link type, then by name (undefined for unnamed interfaces). */
  private readonly interfaceIds = new Map<number, Map<string | undefined, number>>();
  private interfaceCount = 0;
  private readonly ticks = new WideUnsigned();

  constructor(sink: CaptureSink, options: Omit<CaptureWriterOptions, "format" | "precision">) {
    this.output = new ChunkedOutput(sink, options.chunkSize);
    this.defaultLinkType = checkLinkType(options.linkType);
    this.snaplen = checkSnaplen(options.snaplen ?? DEFAULT_SNAPLEN);
    writeSectionHeaderBlock(this.output.view, this.output.reserve(SHB_MIN_LENGTH));
  }

  write(record: CaptureWriteRecord): void {
    const linkType = record.linkType === undefined ? this.defaultLinkType : checkLinkType(record.linkType);
    checkTimestamp(record, Number.MAX_SAFE_INTEGER);
    const ticks = nanosecondTicks(record.tsSec, record.tsNsec, this.ticks);
    if (ticks === undefined) throw new RangeError(`pcapng writer: tsSec ${record.tsSec} overflows a 64-bit nanosecond timestamp`);
    const originalLength = checkOriginalLength(record);
    const interfaceId = this.interfaceIdFor(linkType, record.interfaceName);
    const captured = cutToSnaplen(record.data, this.snaplen);
    const output = this.output;
    const offset = output.reserve(enhancedPacketBlockLength(captured.length));
    writeEnhancedPacketBlock(output.bytes, output.view, offset, {
      interfaceId,
      timestampHigh: ticks.high32(),
      timestampLow: ticks.low32(),
      data: captured,
      originalLength,
    });
  }

  flush(): void {
    this.output.flush();
  }

  private interfaceIdFor(linkType: number, name: string | undefined): number {
    let byName = this.interfaceIds.get(linkType);
    if (byName === undefined) {
      byName = new Map();
      this.interfaceIds.set(linkType, byName);
    }
    const known = byName.get(name);
    if (known !== undefined) return known;
    const fields: InterfaceDescriptionFields = {
      linkType,
      snaplen: this.snaplen,
      nameBytes: name === undefined ? undefined : encodeInterfaceName(name),
      tsresol: TimestampResolution.NANOSECONDS.toTsresol(),
    };
    const output = this.output;
    const offset = output.reserve(interfaceDescriptionBlockLength(fields));
    writeInterfaceDescriptionBlock(output.bytes, output.view, offset, fields);
    const id = this.interfaceCount++;
    byName.set(name, id);
    return id;
  }
}

function checkLinkType(linkType: number): number {
  if (!Number.isInteger(linkType) || linkType < 0 || linkType > MAX_LINK_TYPE) {
    throw new RangeError(`capture writer: link type ${linkType} is not an integer in [0, ${MAX_LINK_TYPE}]`);
  }
  return linkType;
}

function checkSnaplen(snaplen: number): number {
  if (!Number.isInteger(snaplen) || snaplen < 0 || snaplen > MAX_UINT32) {
    throw new RangeError(`capture writer: snaplen ${snaplen} is not an integer in [0, ${MAX_UINT32}]`);
  }
  return snaplen;
}

function checkTimestamp(record: CaptureWriteRecord, maxSeconds: number): void {
  const { tsSec, tsNsec } = record;
  if (!Number.isInteger(tsSec) || tsSec < 0 || tsSec > maxSeconds) {
    throw new RangeError(`capture writer: tsSec ${tsSec} is not an integer in [0, ${maxSeconds}]`);
  }
  if (!Number.isInteger(tsNsec) || tsNsec < 0 || tsNsec > MAX_NANOSECONDS) {
    throw new RangeError(`capture writer: tsNsec ${tsNsec} is not an integer in [0, ${MAX_NANOSECONDS}]`);
  }
}

function checkOriginalLength(record: CaptureWriteRecord): number {
  const originalLength = record.originalLength ?? record.data.length;
  if (!Number.isInteger(originalLength) || originalLength < record.data.length || originalLength > MAX_UINT32) {
    throw new RangeError(`capture writer: originalLength ${originalLength} is not an integer in [${record.data.length} (the data length), ${MAX_UINT32}]`);
  }
  return originalLength;
}

function cutToSnaplen(data: Uint8Array, snaplen: number): Uint8Array {
  return snaplen !== 0 && data.length > snaplen ? data.subarray(0, snaplen) : data;
}
