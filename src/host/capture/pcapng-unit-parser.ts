// Streams a pcapng file block by block, keeping the current section's byte order and interfaces.
import { CaptureFormatError, hex32 } from "./capture-format-error.js";
import type { CaptureRecord } from "./capture-record.js";
import { DEFAULT_MAX_UNIT_LENGTH, oversizeProblem, truncationProblem, type CaptureUnitParser } from "./capture-unit-parser.js";
import {
  PCAPNG_BLOCK_ENHANCED_PACKET,
  PCAPNG_BLOCK_HEADER_LENGTH,
  PCAPNG_BLOCK_INTERFACE_DESCRIPTION,
  PCAPNG_BLOCK_PACKET,
  PCAPNG_BLOCK_SECTION_HEADER,
  PCAPNG_BLOCK_SIMPLE_PACKET,
  PCAPNG_BLOCK_TYPE_OFFSET,
  SHB_BYTE_ORDER_PREFIX_LENGTH,
  blockTotalLength,
  checkBlockTrailer,
  parseEnhancedPacket,
  parseInterfaceDescription,
  parseObsoletePacket,
  parseSectionHeader,
  parseSimplePacket,
  sectionByteOrder,
  type PcapngBlock,
  type PcapngSection,
} from "./pcapng-format.js";

export class PcapngUnitParser implements CaptureUnitParser {
  readonly format = "pcapng";
  private section: PcapngSection | undefined;
  private linkTypeOfFirstInterface: number | undefined;

  constructor(private readonly maxUnitLength = DEFAULT_MAX_UNIT_LENGTH) {}

  get firstLinkType(): number | undefined {
    return this.linkTypeOfFirstInterface;
  }

  /** The section being read (its byte order and interfaces), once its header is parsed. */
  get currentSection(): PcapngSection | undefined {
    return this.section;
  }

  startsPacket(view: DataView, offset: number, available: number): boolean {
    if (this.section === undefined || available < PCAPNG_BLOCK_HEADER_LENGTH) return false;
    const type = view.getUint32(offset + PCAPNG_BLOCK_TYPE_OFFSET, this.section.littleEndian);
    return type === PCAPNG_BLOCK_ENHANCED_PACKET || type === PCAPNG_BLOCK_SIMPLE_PACKET || type === PCAPNG_BLOCK_PACKET;
  }

  unitLength(view: DataView, offset: number, available: number, fileOffset: number): number {
    if (available < PCAPNG_BLOCK_HEADER_LENGTH) return PCAPNG_BLOCK_HEADER_LENGTH;
    // The section header's type reads the same in both byte orders, so it can be recognised before its byte order is known.
    const type = view.getUint32(offset + PCAPNG_BLOCK_TYPE_OFFSET, true);
    let littleEndian: boolean;
    if (type === PCAPNG_BLOCK_SECTION_HEADER) {
      if (available < SHB_BYTE_ORDER_PREFIX_LENGTH) return SHB_BYTE_ORDER_PREFIX_LENGTH;
      littleEndian = sectionByteOrder(view, offset, fileOffset);
    } else if (this.section === undefined) {
      throw this.noSectionError(fileOffset, type);
    } else {
      littleEndian = this.section.littleEndian;
    }
    const length = blockTotalLength(view, offset, littleEndian, fileOffset);
    if (length > this.maxUnitLength) throw this.error(fileOffset, oversizeProblem("total length", length, this.maxUnitLength));
    return length;
  }

  parseUnit(bytes: Uint8Array, view: DataView, offset: number, length: number, fileOffset: number): CaptureRecord | null {
    const type = view.getUint32(offset + PCAPNG_BLOCK_TYPE_OFFSET, true);
    if (type === PCAPNG_BLOCK_SECTION_HEADER) {
      const section = parseSectionHeader(view, offset, length, fileOffset);
      checkBlockTrailer(view, offset, length, section.littleEndian, fileOffset);
      this.section = section;
      return null;
    }
    const section = this.section;
    if (section === undefined) throw this.noSectionError(fileOffset, type);
    const { littleEndian } = section;
    checkBlockTrailer(view, offset, length, littleEndian, fileOffset);
    const block: PcapngBlock = { bytes, view, offset, totalLength: length, fileOffset };
    switch (view.getUint32(offset + PCAPNG_BLOCK_TYPE_OFFSET, littleEndian)) {
      case PCAPNG_BLOCK_ENHANCED_PACKET:
        return parseEnhancedPacket(block, section);
      case PCAPNG_BLOCK_SIMPLE_PACKET:
        return parseSimplePacket(block, section);
      case PCAPNG_BLOCK_PACKET:
        return parseObsoletePacket(block, section);
      case PCAPNG_BLOCK_INTERFACE_DESCRIPTION: {
        const description = parseInterfaceDescription(block, littleEndian);
        section.interfaces.push(description);
        this.linkTypeOfFirstInterface ??= description.linkType;
        return null;
      }
      default:
        // Name resolution, statistics, decryption secrets, custom and future blocks carry no packets.
        return null;
    }
  }

  truncationError(fileOffset: number, needed: number, available: number): CaptureFormatError {
    return this.error(fileOffset, truncationProblem(needed, available));
  }

  private noSectionError(fileOffset: number, type: number): CaptureFormatError {
    return this.error(fileOffset, `block type ${hex32(type)} comes before any section header block`);
  }

  private error(fileOffset: number, problem: string): CaptureFormatError {
    return new CaptureFormatError("capture.pcapng", "block", fileOffset, problem);
  }
}
