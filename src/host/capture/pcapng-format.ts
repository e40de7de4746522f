// pcapng files (layout: assembly/io/pcapng.layout.ts): block parsing and writing.
import { CaptureFormatError, hex32 } from "./capture-format-error.js";
import type { CaptureRecord } from "./capture-record.js";
import { TimestampResolution } from "./timestamp-resolution.js";
import {
  PCAPNG_BLOCK_SECTION_HEADER,
  PCAPNG_BLOCK_INTERFACE_DESCRIPTION,
  PCAPNG_BLOCK_ENHANCED_PACKET,
  PCAPNG_BYTE_ORDER_MAGIC,
  PCAPNG_VERSION_MAJOR,
  PCAPNG_VERSION_MINOR,
  PCAPNG_BLOCK_TYPE_OFFSET,
  PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET,
  PCAPNG_BLOCK_TRAILER_LENGTH,
  PCAPNG_MIN_BLOCK_LENGTH,
  PCAPNG_ALIGNMENT,
  SHB_BYTE_ORDER_MAGIC_OFFSET,
  SHB_VERSION_MAJOR_OFFSET,
  SHB_VERSION_MINOR_OFFSET,
  SHB_SECTION_LENGTH_OFFSET,
  SHB_OPTIONS_OFFSET,
  SHB_MIN_LENGTH,
  IDB_LINKTYPE_OFFSET,
  IDB_SNAPLEN_OFFSET,
  IDB_OPTIONS_OFFSET,
  IDB_MIN_LENGTH,
  EPB_INTERFACE_ID_OFFSET,
  EPB_TIMESTAMP_HIGH_OFFSET,
  EPB_TIMESTAMP_LOW_OFFSET,
  EPB_CAPTURED_LENGTH_OFFSET,
  EPB_ORIGINAL_LENGTH_OFFSET,
  EPB_DATA_OFFSET,
  EPB_MIN_LENGTH,
  PB_INTERFACE_ID_OFFSET,
  SPB_ORIGINAL_LENGTH_OFFSET,
  SPB_DATA_OFFSET,
  SPB_MIN_LENGTH,
  OPTION_HEADER_LENGTH,
  OPT_ENDOFOPT,
  OPT_IF_NAME,
  OPT_IF_TSRESOL,
  OPT_IF_TSOFFSET,
  IF_TSRESOL_LENGTH,
  IF_TSOFFSET_LENGTH,
} from "../../../assembly/io/pcapng.layout.js";

// The layout's constants, for the reader, the writer and the tests alike.
export * from "../../../assembly/io/pcapng.layout.js";

export interface PcapngInterface {
  linkType: number;
  /** 0 means no limit. */
  snaplen: number;
  name: string | undefined;
  resolution: TimestampResolution;
  /** Seconds added to every timestamp of the interface. */
  tsOffsetSec: number;
}

export interface PcapngSection {
  littleEndian: boolean;
  versionMajor: number;
  versionMinor: number;
  /** Interface ids in packet blocks index this list; every section starts it afresh. */
  interfaces: PcapngInterface[];
}

const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

function blockError(fileOffset: number, problem: string): CaptureFormatError {
  return new CaptureFormatError("capture.pcapng", "block", fileOffset, problem);
}

export function alignedLength(length: number): number {
  return Math.ceil(length / PCAPNG_ALIGNMENT) * PCAPNG_ALIGNMENT;
}

/** A section header's byte order, from its byte-order magic; needs SHB_BYTE_ORDER_PREFIX_LENGTH bytes. */
export function sectionByteOrder(view: DataView, offset: number, fileOffset: number): boolean {
  const magic = view.getUint32(offset + SHB_BYTE_ORDER_MAGIC_OFFSET, false);
  if (magic === PCAPNG_BYTE_ORDER_MAGIC) return false;
  if (view.getUint32(offset + SHB_BYTE_ORDER_MAGIC_OFFSET, true) === PCAPNG_BYTE_ORDER_MAGIC) return true;
  throw blockError(fileOffset, `byte-order magic ${hex32(magic)} is neither ${hex32(PCAPNG_BYTE_ORDER_MAGIC)} nor its byte swap`);
}

/** The leading total length, checked for the rules every block obeys; needs PCAPNG_BLOCK_HEADER_LENGTH bytes. */
export function blockTotalLength(view: DataView, offset: number, littleEndian: boolean, fileOffset: number): number {
  const totalLength = view.getUint32(offset + PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET, littleEndian);
  if (totalLength < PCAPNG_MIN_BLOCK_LENGTH) {
    throw blockError(fileOffset, `total length ${totalLength} is less than the minimum ${PCAPNG_MIN_BLOCK_LENGTH}`);
  }
  if (totalLength % PCAPNG_ALIGNMENT !== 0) {
    throw blockError(fileOffset, `total length ${totalLength} is not a multiple of ${PCAPNG_ALIGNMENT}`);
  }
  return totalLength;
}

/** Needs the whole block; a trailing length that differs means the leading one cannot be trusted. */
export function checkBlockTrailer(view: DataView, offset: number, totalLength: number, littleEndian: boolean, fileOffset: number): void {
  const trailing = view.getUint32(offset + totalLength - PCAPNG_BLOCK_TRAILER_LENGTH, littleEndian);
  if (trailing !== totalLength) {
    throw blockError(fileOffset, `trailing total length ${trailing} does not match the leading ${totalLength}`);
  }
}

/** A whole block as the reader hands it over: where it starts in `bytes` and `view`, its total length, and its place in the file (for errors). */
export interface PcapngBlock {
  bytes: Uint8Array;
  view: DataView;
  offset: number;
  totalLength: number;
  fileOffset: number;
}

function checkMinimumLength(totalLength: number, minimum: number, blockName: string, fileOffset: number): void {
  if (totalLength < minimum) {
    throw blockError(fileOffset, `${blockName} total length ${totalLength} is less than its minimum ${minimum}`);
  }
}

export function parseSectionHeader(view: DataView, offset: number, totalLength: number, fileOffset: number): PcapngSection {
  checkMinimumLength(totalLength, SHB_MIN_LENGTH, "section header block", fileOffset);
  const littleEndian = sectionByteOrder(view, offset, fileOffset);
  const versionMajor = view.getUint16(offset + SHB_VERSION_MAJOR_OFFSET, littleEndian);
  const versionMinor = view.getUint16(offset + SHB_VERSION_MINOR_OFFSET, littleEndian);
  if (versionMajor !== PCAPNG_VERSION_MAJOR) {
    throw blockError(fileOffset, `unsupported section version ${versionMajor}.${versionMinor} (expected ${PCAPNG_VERSION_MAJOR}.x)`);
  }
  return { littleEndian, versionMajor, versionMinor, interfaces: [] };
}

/**
 * Calls `visit` for each option in [start, end) until opt_endofopt; option values run past `end` are errors.
 * `valueOffset` is relative to the same buffer as `start`.
 */
export function forEachOption(
  view: DataView,
  start: number,
  end: number,
  littleEndian: boolean,
  blockFileOffset: number,
  blockOffset: number,
  visit: (code: number, valueOffset: number, valueLength: number) => void,
): void {
  let cursor = start;
  while (end - cursor >= OPTION_HEADER_LENGTH) {
    const code = view.getUint16(cursor, littleEndian);
    const valueLength = view.getUint16(cursor + 2, littleEndian);
    if (code === OPT_ENDOFOPT) return;
    const valueOffset = cursor + OPTION_HEADER_LENGTH;
    if (valueOffset + valueLength > end) {
      const optionFileOffset = blockFileOffset + (cursor - blockOffset);
      throw blockError(
        blockFileOffset,
        `option ${code} at offset ${optionFileOffset} has length ${valueLength}, past the end of the options (${end - valueOffset} bytes left)`,
      );
    }
    visit(code, valueOffset, valueLength);
    cursor = valueOffset + alignedLength(valueLength);
  }
}

export function parseInterfaceDescription(block: PcapngBlock, littleEndian: boolean): PcapngInterface {
  const { bytes, view, offset, totalLength, fileOffset } = block;
  checkMinimumLength(totalLength, IDB_MIN_LENGTH, "interface description block", fileOffset);
  const description: PcapngInterface = {
    linkType: view.getUint16(offset + IDB_LINKTYPE_OFFSET, littleEndian),
    snaplen: view.getUint32(offset + IDB_SNAPLEN_OFFSET, littleEndian),
    name: undefined,
    resolution: TimestampResolution.MICROSECONDS,
    tsOffsetSec: 0,
  };
  const optionsEnd = offset + totalLength - PCAPNG_BLOCK_TRAILER_LENGTH;
  forEachOption(view, offset + IDB_OPTIONS_OFFSET, optionsEnd, littleEndian, fileOffset, offset, (code, valueOffset, valueLength) => {
    switch (code) {
      case OPT_IF_NAME:
        description.name = decodeOptionString(bytes, valueOffset, valueLength);
        break;
      case OPT_IF_TSRESOL:
        checkOptionLength("if_tsresol", valueLength, IF_TSRESOL_LENGTH, fileOffset);
        description.resolution = TimestampResolution.fromTsresol(view.getUint8(valueOffset));
        break;
      case OPT_IF_TSOFFSET:
        checkOptionLength("if_tsoffset", valueLength, IF_TSOFFSET_LENGTH, fileOffset);
        description.tsOffsetSec = readSafeInt64(view, valueOffset, littleEndian, fileOffset);
        break;
    }
  });
  return description;
}

function checkOptionLength(name: string, actual: number, expected: number, fileOffset: number): void {
  if (actual !== expected) throw blockError(fileOffset, `option ${name} has length ${actual}, expected ${expected}`);
}

function readSafeInt64(view: DataView, offset: number, littleEndian: boolean, fileOffset: number): number {
  const value = view.getBigInt64(offset, littleEndian);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw blockError(fileOffset, `if_tsoffset ${value} seconds is beyond the safe integer range`);
  }
  return Number(value);
}

// Some writers count a terminating NUL in the option length.
function decodeOptionString(bytes: Uint8Array, offset: number, length: number): string {
  let end = offset + length;
  while (end > offset && bytes[end - 1] === 0) end--;
  return utf8.decode(bytes.subarray(offset, end));
}

function lookUpInterface(section: PcapngSection, interfaceId: number, fileOffset: number): PcapngInterface {
  const description = section.interfaces[interfaceId];
  if (description === undefined) {
    throw blockError(fileOffset, `interface id ${interfaceId} is not defined in this section (${section.interfaces.length} interfaces)`);
  }
  return description;
}

function checkCapturedLength(capturedLength: number, dataArea: number, fileOffset: number): void {
  if (capturedLength > dataArea) {
    throw blockError(fileOffset, `captured length ${capturedLength} runs past the block's data area of ${dataArea} bytes`);
  }
}

/** Enhanced and obsolete packet blocks share everything after the interface id. */
function parseTimestampedPacket(block: PcapngBlock, section: PcapngSection, interfaceId: number): CaptureRecord {
  const { bytes, view, offset, totalLength, fileOffset } = block;
  const { littleEndian } = section;
  const description = lookUpInterface(section, interfaceId, fileOffset);
  const capturedLength = view.getUint32(offset + EPB_CAPTURED_LENGTH_OFFSET, littleEndian);
  checkCapturedLength(capturedLength, totalLength - EPB_MIN_LENGTH, fileOffset);
  const dataStart = offset + EPB_DATA_OFFSET;
  const record: CaptureRecord = {
    linkType: description.linkType,
    interfaceIndex: interfaceId,
    interfaceName: description.name,
    tsSec: 0,
    tsNsec: 0,
    capturedLength,
    originalLength: view.getUint32(offset + EPB_ORIGINAL_LENGTH_OFFSET, littleEndian),
    data: bytes.subarray(dataStart, dataStart + capturedLength),
  };
  const high = view.getUint32(offset + EPB_TIMESTAMP_HIGH_OFFSET, littleEndian);
  const low = view.getUint32(offset + EPB_TIMESTAMP_LOW_OFFSET, littleEndian);
  if (!description.resolution.split(high, low, record)) {
    throw blockError(fileOffset, `timestamp ${hex32(high)}:${hex32(low)} in units of ${description.resolution.describe()} is beyond 2^53 seconds`);
  }
  record.tsSec += description.tsOffsetSec;
  return record;
}

export function parseEnhancedPacket(block: PcapngBlock, section: PcapngSection): CaptureRecord {
  checkMinimumLength(block.totalLength, EPB_MIN_LENGTH, "enhanced packet block", block.fileOffset);
  return parseTimestampedPacket(block, section, block.view.getUint32(block.offset + EPB_INTERFACE_ID_OFFSET, section.littleEndian));
}

/** The obsolete packet block: an enhanced packet block's layout with a 16-bit interface id (and drops count). */
export function parseObsoletePacket(block: PcapngBlock, section: PcapngSection): CaptureRecord {
  checkMinimumLength(block.totalLength, EPB_MIN_LENGTH, "packet block", block.fileOffset);
  return parseTimestampedPacket(block, section, block.view.getUint16(block.offset + PB_INTERFACE_ID_OFFSET, section.littleEndian));
}

/** Simple packet blocks belong to interface 0, carry no timestamp, and are cut at that interface's snaplen. */
export function parseSimplePacket(block: PcapngBlock, section: PcapngSection): CaptureRecord {
  const { bytes, view, offset, totalLength, fileOffset } = block;
  checkMinimumLength(totalLength, SPB_MIN_LENGTH, "simple packet block", fileOffset);
  const description = lookUpInterface(section, 0, fileOffset);
  const originalLength = view.getUint32(offset + SPB_ORIGINAL_LENGTH_OFFSET, section.littleEndian);
  const capturedLength = description.snaplen === 0 ? originalLength : Math.min(originalLength, description.snaplen);
  checkCapturedLength(capturedLength, totalLength - SPB_MIN_LENGTH, fileOffset);
  const dataStart = offset + SPB_DATA_OFFSET;
  return {
    linkType: description.linkType,
    interfaceIndex: 0,
    interfaceName: description.name,
    tsSec: 0,
    tsNsec: 0,
    capturedLength,
    originalLength,
    data: bytes.subarray(dataStart, dataStart + capturedLength),
  };
}

// Writers below emit little-endian blocks, pcapng 1.0, with no section length (-1: unknown) and no options.

export function writeSectionHeaderBlock(view: DataView, offset: number): number {
  view.setUint32(offset + PCAPNG_BLOCK_TYPE_OFFSET, PCAPNG_BLOCK_SECTION_HEADER, true);
  view.setUint32(offset + PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET, SHB_MIN_LENGTH, true);
  view.setUint32(offset + SHB_BYTE_ORDER_MAGIC_OFFSET, PCAPNG_BYTE_ORDER_MAGIC, true);
  view.setUint16(offset + SHB_VERSION_MAJOR_OFFSET, PCAPNG_VERSION_MAJOR, true);
  view.setUint16(offset + SHB_VERSION_MINOR_OFFSET, PCAPNG_VERSION_MINOR, true);
  view.setBigInt64(offset + SHB_SECTION_LENGTH_OFFSET, -1n, true);
  view.setUint32(offset + SHB_OPTIONS_OFFSET, SHB_MIN_LENGTH, true);
  return SHB_MIN_LENGTH;
}

export interface InterfaceDescriptionFields {
  linkType: number;
  snaplen: number;
  /** UTF-8 bytes of if_name, when the interface has a name. */
  nameBytes: Uint8Array | undefined;
  tsresol: number;
}

export function encodeInterfaceName(name: string): Uint8Array {
  return utf8Encoder.encode(name);
}

function optionLength(valueLength: number): number {
  return OPTION_HEADER_LENGTH + alignedLength(valueLength);
}

export function interfaceDescriptionBlockLength(fields: InterfaceDescriptionFields): number {
  const nameOption = fields.nameBytes === undefined ? 0 : optionLength(fields.nameBytes.length);
  return IDB_MIN_LENGTH + nameOption + optionLength(IF_TSRESOL_LENGTH) + OPTION_HEADER_LENGTH;
}

/** `bytes` and `view` must cover the same memory and have interfaceDescriptionBlockLength bytes free at `offset`. */
export function writeInterfaceDescriptionBlock(bytes: Uint8Array, view: DataView, offset: number, fields: InterfaceDescriptionFields): number {
  const totalLength = interfaceDescriptionBlockLength(fields);
  bytes.fill(0, offset, offset + totalLength);
  view.setUint32(offset + PCAPNG_BLOCK_TYPE_OFFSET, PCAPNG_BLOCK_INTERFACE_DESCRIPTION, true);
  view.setUint32(offset + PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET, totalLength, true);
  view.setUint16(offset + IDB_LINKTYPE_OFFSET, fields.linkType, true);
  view.setUint32(offset + IDB_SNAPLEN_OFFSET, fields.snaplen, true);
  let cursor = offset + IDB_OPTIONS_OFFSET;
  if (fields.nameBytes !== undefined) {
    cursor = writeOptionHeader(view, cursor, OPT_IF_NAME, fields.nameBytes.length);
    bytes.set(fields.nameBytes, cursor);
    cursor += alignedLength(fields.nameBytes.length);
  }
  cursor = writeOptionHeader(view, cursor, OPT_IF_TSRESOL, IF_TSRESOL_LENGTH);
  view.setUint8(cursor, fields.tsresol);
  cursor += alignedLength(IF_TSRESOL_LENGTH);
  cursor = writeOptionHeader(view, cursor, OPT_ENDOFOPT, 0);
  view.setUint32(cursor, totalLength, true);
  return totalLength;
}

function writeOptionHeader(view: DataView, offset: number, code: number, valueLength: number): number {
  view.setUint16(offset, code, true);
  view.setUint16(offset + 2, valueLength, true);
  return offset + OPTION_HEADER_LENGTH;
}

export function enhancedPacketBlockLength(capturedLength: number): number {
  return EPB_MIN_LENGTH + alignedLength(capturedLength);
}

export interface EnhancedPacketFields {
  interfaceId: number;
  timestampHigh: number;
  timestampLow: number;
  /** Exactly the captured bytes. */
  data: Uint8Array;
  originalLength: number;
}

/** `bytes` and `view` must cover the same memory and have enhancedPacketBlockLength bytes free at `offset`. */
export function writeEnhancedPacketBlock(bytes: Uint8Array, view: DataView, offset: number, fields: EnhancedPacketFields): number {
  const capturedLength = fields.data.length;
  const totalLength = enhancedPacketBlockLength(capturedLength);
  view.setUint32(offset + PCAPNG_BLOCK_TYPE_OFFSET, PCAPNG_BLOCK_ENHANCED_PACKET, true);
  view.setUint32(offset + PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET, totalLength, true);
  view.setUint32(offset + EPB_INTERFACE_ID_OFFSET, fields.interfaceId, true);
  view.setUint32(offset + EPB_TIMESTAMP_HIGH_OFFSET, fields.timestampHigh, true);
  view.setUint32(offset + EPB_TIMESTAMP_LOW_OFFSET, fields.timestampLow, true);
  view.setUint32(offset + EPB_CAPTURED_LENGTH_OFFSET, capturedLength, true);
  view.setUint32(offset + EPB_ORIGINAL_LENGTH_OFFSET, fields.originalLength, true);
  const dataStart = offset + EPB_DATA_OFFSET;
  bytes.set(fields.data, dataStart);
  bytes.fill(0, dataStart + capturedLength, dataStart + alignedLength(capturedLength));
  view.setUint32(offset + totalLength - PCAPNG_BLOCK_TRAILER_LENGTH, totalLength, true);
  return totalLength;
}
