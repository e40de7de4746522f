// Streams a classic pcap file: one file header, then records until the input ends.
import { CaptureFormatError } from "./capture-format-error.js";
import type { CaptureRecord } from "./capture-record.js";
import { DEFAULT_MAX_UNIT_LENGTH, oversizeProblem, truncationProblem, type CaptureUnitParser } from "./capture-unit-parser.js";
import {
  PCAP_FILE_HEADER_LENGTH,
  PCAP_RECORD_HEADER_LENGTH,
  parsePcapFileHeader,
  parsePcapRecord,
  pcapRecordLength,
  type PcapFileHeader,
} from "./pcap-format.js";

export class PcapUnitParser implements CaptureUnitParser {
  readonly format = "pcap";
  private header: PcapFileHeader | undefined;

  constructor(private readonly maxUnitLength = DEFAULT_MAX_UNIT_LENGTH) {}

  get firstLinkType(): number | undefined {
    return this.header?.linkType;
  }

  /** The file header, once parsed. */
  get fileHeader(): PcapFileHeader | undefined {
    return this.header;
  }

  startsPacket(): boolean {
    return this.header !== undefined;
  }

  unitLength(view: DataView, offset: number, available: number, fileOffset: number): number {
    if (this.header === undefined) return PCAP_FILE_HEADER_LENGTH;
    if (available < PCAP_RECORD_HEADER_LENGTH) return PCAP_RECORD_HEADER_LENGTH;
    const length = pcapRecordLength(view, offset, this.header.littleEndian);
    if (length > this.maxUnitLength) {
      throw this.error(fileOffset, oversizeProblem("captured length", length - PCAP_RECORD_HEADER_LENGTH, this.maxUnitLength));
    }
    return length;
  }

  parseUnit(bytes: Uint8Array, view: DataView, offset: number, _length: number, fileOffset: number): CaptureRecord | null {
    if (this.header === undefined) {
      this.header = parsePcapFileHeader(view, offset, fileOffset);
      return null;
    }
    return parsePcapRecord(bytes, view, offset, this.header);
  }

  truncationError(fileOffset: number, needed: number, available: number): CaptureFormatError {
    return this.error(fileOffset, truncationProblem(needed, available));
  }

  private error(fileOffset: number, problem: string): CaptureFormatError {
    return new CaptureFormatError("capture.pcap", this.header === undefined ? "file header" : "record", fileOffset, problem);
  }
}
