// What the streaming reader needs from a format: how long the next unit is, and what it holds once complete.
import type { CaptureFormatError } from "./capture-format-error.js";
import type { CaptureFormat, CaptureRecord } from "./capture-record.js";

/** Generous enough for any real link layer (libpcap allows 256 KiB), small enough that a lying length cannot exhaust memory. */
export const DEFAULT_MAX_UNIT_LENGTH = 64 * 1024 * 1024;

export interface CaptureUnitParser {
  readonly format: CaptureFormat;
  /** The pcap file's link type, or that of the first pcapng interface, once parsed. */
  readonly firstLinkType: number | undefined;
  /** Whether the unit at `offset` holds a packet; false also when too few bytes are there to tell. */
  startsPacket(view: DataView, offset: number, available: number): boolean;
  /**
   * Total length of the unit (file header, record or block) starting at `offset`, validated; when the `available`
   * bytes are too few to tell, the length of the header that tells it instead.
   */
  unitLength(view: DataView, offset: number, available: number, fileOffset: number): number;
  /** Parses a complete unit of `length` bytes; null for units that are not packets. */
  parseUnit(bytes: Uint8Array, view: DataView, offset: number, length: number, fileOffset: number): CaptureRecord | null;
  /** The input ended `available` bytes into a unit that needs `needed`. */
  truncationError(fileOffset: number, needed: number, available: number): CaptureFormatError;
}

export function truncationProblem(needed: number, available: number): string {
  return `truncated: needs ${needed} bytes, only ${available} present`;
}

export function oversizeProblem(what: string, length: number, limit: number): string {
  return `${what} ${length} exceeds the ${limit}-byte limit for one unit`;
}
