// Classic libpcap files (layout: assembly/io/pcap.layout.ts): header and record parsing and writing.
import { CaptureFormatError, hex32 } from "./capture-format-error.js";
import type { CaptureRecord } from "./capture-record.js";
import {
  PCAP_MAGIC_MICROSECONDS,
  PCAP_MAGIC_NANOSECONDS,
  PCAP_VERSION_MAJOR,
  PCAP_VERSION_MINOR,
  PCAP_FILE_HEADER_LENGTH,
  PCAP_FILE_MAGIC_OFFSET,
  PCAP_FILE_VERSION_MAJOR_OFFSET,
  PCAP_FILE_VERSION_MINOR_OFFSET,
  PCAP_FILE_THISZONE_OFFSET,
  PCAP_FILE_SIGFIGS_OFFSET,
  PCAP_FILE_SNAPLEN_OFFSET,
  PCAP_FILE_LINKTYPE_OFFSET,
  PCAP_LINKTYPE_MASK,
  PCAP_RECORD_HEADER_LENGTH,
  PCAP_RECORD_SECONDS_OFFSET,
  PCAP_RECORD_FRACTION_OFFSET,
  PCAP_RECORD_CAPTURED_LENGTH_OFFSET,
  PCAP_RECORD_ORIGINAL_LENGTH_OFFSET,
} from "../../../assembly/io/pcap.layout.js";

// The layout's constants, for the reader, the writer and the tests alike.
export * from "../../../assembly/io/pcap.layout.js";

const NANOSECONDS_PER_MICROSECOND = 1000;
const NANOSECONDS_PER_SECOND = 1_000_000_000;

export interface PcapFileHeader {
  littleEndian: boolean;
  nanosecond: boolean;
  versionMajor: number;
  versionMinor: number;
  snaplen: number;
  linkType: number;
}

export interface PcapMagic {
  littleEndian: boolean;
  nanosecond: boolean;
}

/** Recognises the four pcap magic numbers (two precisions, two byte orders); needs 4 bytes at `offset`. */
export function detectPcapMagic(view: DataView, offset: number): PcapMagic | undefined {
  const bigEndianValue = view.getUint32(offset, false);
  const littleEndianValue = view.getUint32(offset, true);
  if (bigEndianValue === PCAP_MAGIC_MICROSECONDS) return { littleEndian: false, nanosecond: false };
  if (bigEndianValue === PCAP_MAGIC_NANOSECONDS) return { littleEndian: false, nanosecond: true };
  if (littleEndianValue === PCAP_MAGIC_MICROSECONDS) return { littleEndian: true, nanosecond: false };
  if (littleEndianValue === PCAP_MAGIC_NANOSECONDS) return { littleEndian: true, nanosecond: true };
  return undefined;
}

/** Needs PCAP_FILE_HEADER_LENGTH bytes at `offset`; `fileOffset` is where they sit in the input, for errors. */
export function parsePcapFileHeader(view: DataView, offset: number, fileOffset: number): PcapFileHeader {
  const magic = detectPcapMagic(view, offset + PCAP_FILE_MAGIC_OFFSET);
  if (magic === undefined) {
    const value = view.getUint32(offset + PCAP_FILE_MAGIC_OFFSET, false);
    throw new CaptureFormatError("capture.pcap", "file header", fileOffset, `unrecognised magic number ${hex32(value)}`);
  }
  const { littleEndian } = magic;
  const versionMajor = view.getUint16(offset + PCAP_FILE_VERSION_MAJOR_OFFSET, littleEndian);
  const versionMinor = view.getUint16(offset + PCAP_FILE_VERSION_MINOR_OFFSET, littleEndian);
  if (versionMajor !== PCAP_VERSION_MAJOR) {
    throw new CaptureFormatError(
      "capture.pcap",
      "file header",
      fileOffset,
      `unsupported version ${versionMajor}.${versionMinor} (expected ${PCAP_VERSION_MAJOR}.x)`,
    );
  }
  return {
    littleEndian,
    nanosecond: magic.nanosecond,
    versionMajor,
    versionMinor,
    snaplen: view.getUint32(offset + PCAP_FILE_SNAPLEN_OFFSET, littleEndian),
    linkType: view.getUint32(offset + PCAP_FILE_LINKTYPE_OFFSET, littleEndian) & PCAP_LINKTYPE_MASK,
  };
}

/** Written little-endian, as most capture tools do. */
export function writePcapFileHeader(view: DataView, offset: number, header: { nanosecond: boolean; snaplen: number; linkType: number }): number {
  view.setUint32(offset + PCAP_FILE_MAGIC_OFFSET, header.nanosecond ? PCAP_MAGIC_NANOSECONDS : PCAP_MAGIC_MICROSECONDS, true);
  view.setUint16(offset + PCAP_FILE_VERSION_MAJOR_OFFSET, PCAP_VERSION_MAJOR, true);
  view.setUint16(offset + PCAP_FILE_VERSION_MINOR_OFFSET, PCAP_VERSION_MINOR, true);
  view.setInt32(offset + PCAP_FILE_THISZONE_OFFSET, 0, true);
  view.setUint32(offset + PCAP_FILE_SIGFIGS_OFFSET, 0, true);
  view.setUint32(offset + PCAP_FILE_SNAPLEN_OFFSET, header.snaplen, true);
  view.setUint32(offset + PCAP_FILE_LINKTYPE_OFFSET, header.linkType, true);
  return PCAP_FILE_HEADER_LENGTH;
}

/** Header plus captured bytes of the record at `offset`; needs PCAP_RECORD_HEADER_LENGTH bytes there. */
export function pcapRecordLength(view: DataView, offset: number, littleEndian: boolean): number {
  return PCAP_RECORD_HEADER_LENGTH + view.getUint32(offset + PCAP_RECORD_CAPTURED_LENGTH_OFFSET, littleEndian);
}

/** Needs the whole record (pcapRecordLength bytes) at `offset`; `data` becomes a view into `bytes`. */
export function parsePcapRecord(bytes: Uint8Array, view: DataView, offset: number, header: PcapFileHeader): CaptureRecord {
  const { littleEndian } = header;
  const capturedLength = view.getUint32(offset + PCAP_RECORD_CAPTURED_LENGTH_OFFSET, littleEndian);
  const fraction = view.getUint32(offset + PCAP_RECORD_FRACTION_OFFSET, littleEndian);
  // Some writers let the fraction overflow a second; carrying keeps tsNsec within [0, 1e9).
  const nanoseconds = header.nanosecond ? fraction : fraction * NANOSECONDS_PER_MICROSECOND;
  const carriedSeconds = Math.floor(nanoseconds / NANOSECONDS_PER_SECOND);
  const dataStart = offset + PCAP_RECORD_HEADER_LENGTH;
  return {
    linkType: header.linkType,
    interfaceIndex: 0,
    tsSec: view.getUint32(offset + PCAP_RECORD_SECONDS_OFFSET, littleEndian) + carriedSeconds,
    tsNsec: nanoseconds - carriedSeconds * NANOSECONDS_PER_SECOND,
    capturedLength,
    originalLength: view.getUint32(offset + PCAP_RECORD_ORIGINAL_LENGTH_OFFSET, littleEndian),
    data: bytes.subarray(dataStart, dataStart + capturedLength),
  };
}

/** `tsFraction` is microseconds or nanoseconds, matching the file's magic. */
export function writePcapRecordHeader(
  view: DataView,
  offset: number,
  tsSec: number,
  tsFraction: number,
  capturedLength: number,
  originalLength: number,
): number {
  view.setUint32(offset + PCAP_RECORD_SECONDS_OFFSET, tsSec, true);
  view.setUint32(offset + PCAP_RECORD_FRACTION_OFFSET, tsFraction, true);
  view.setUint32(offset + PCAP_RECORD_CAPTURED_LENGTH_OFFSET, capturedLength, true);
  view.setUint32(offset + PCAP_RECORD_ORIGINAL_LENGTH_OFFSET, originalLength, true);
  return PCAP_RECORD_HEADER_LENGTH;
}

export function microsecondsFromNanoseconds(tsNsec: number): number {
  return Math.floor(tsNsec / NANOSECONDS_PER_MICROSECOND);
}
