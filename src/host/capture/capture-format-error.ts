// One error type for every malformed capture, so callers can report it after the good records and carry on.

/** "capture" while the magic number is not known yet. */
export type CaptureErrorSource = "capture" | "capture.pcap" | "capture.pcapng";

export class CaptureFormatError extends Error {
  override readonly name = "CaptureFormatError";

  constructor(
    readonly source: CaptureErrorSource,
    /** What sits at `offset`: "file header", "record", "block". */
    readonly unit: string,
    /** Byte offset of the unit from the start of the input. */
    readonly offset: number,
    readonly problem: string,
    /** The file the bytes came from, when there is one. */
    readonly path?: string,
  ) {
    super(`${path === undefined ? "" : `${path}: `}${source}: ${unit} at offset ${offset}: ${problem}`);
  }

  withPath(path: string): CaptureFormatError {
    return new CaptureFormatError(this.source, this.unit, this.offset, this.problem, path);
  }
}

/** Magic numbers and block types read best as eight hex digits. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}
