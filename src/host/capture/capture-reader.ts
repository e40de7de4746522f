// Push-style capture parsing that works the same in Node and in a browser: feed byte chunks, pull packet records.
import { CaptureFormatError, hex32 } from "./capture-format-error.js";
import type { CaptureFormat, CaptureRecord } from "./capture-record.js";
import { DEFAULT_MAX_UNIT_LENGTH, type CaptureUnitParser } from "./capture-unit-parser.js";
import { detectPcapMagic } from "./pcap-format.js";
import { PcapUnitParser } from "./pcap-unit-parser.js";
import { PCAPNG_BLOCK_SECTION_HEADER } from "./pcapng-format.js";
import { PcapngUnitParser } from "./pcapng-unit-parser.js";

export type { CaptureFormat, CaptureRecord } from "./capture-record.js";
export { CaptureFormatError } from "./capture-format-error.js";

export interface CaptureReaderOptions {
  /** Initial size of the buffer that holds bytes kept across chunks; it grows only to fit a larger unit or chunk. */
  bufferSize?: number;
  /** Longest file header, record or block accepted, so that a corrupt length cannot claim gigabytes. */
  maxUnitLength?: number;
  /**
   * A buffer to read input into whenever what is pending fits (e.g. a region of the engine's memory,
   * so records can be walked where they lie: capture-vector-source.ts); a larger unit gets a buffer
   * of its own, and the reader comes back to this one afterwards.
   */
  primary?: Uint8Array;
}

const MAGIC_LENGTH = 4;
const DEFAULT_BUFFER_SIZE = 64 * 1024;
const EMPTY = new Uint8Array(0);

/**
 * Records come out in file order; a record's `data` views the reader's memory and stays valid only until the
 * next call to next(), push() or writableSpace(). Malformed input makes next() throw a CaptureFormatError, after
 * every complete record before the fault has been returned, and again on every later call.
 */
export class CaptureReader {
  private window: Uint8Array = EMPTY;
  private view: DataView = new DataView(EMPTY.buffer);
  private windowStart = 0;
  private windowEnd = 0;
  /** Input offset of window[windowStart]. */
  private consumed = 0;
  /** Bytes the unit at windowStart is known to need, 0 when none is pending. */
  private needed = 0;
  private buffer: Uint8Array;
  private ended = false;
  private parser: CaptureUnitParser | undefined;
  private failure: CaptureFormatError | undefined;
  private readonly maxUnitLength: number;

  private primary: Uint8Array | undefined;
  private readonly primaryLength: number;

  constructor(options: CaptureReaderOptions = {}) {
    this.primary = options.primary;
    this.primaryLength = options.primary?.length ?? 0;
    this.buffer = options.primary ?? new Uint8Array(options.bufferSize ?? DEFAULT_BUFFER_SIZE);
    this.maxUnitLength = options.maxUnitLength ?? DEFAULT_MAX_UNIT_LENGTH;
  }

  /** The parser of the detected format (its file header or section), once the magic number is in. */
  get unitParser(): CaptureUnitParser | undefined {
    return this.parser;
  }

  /** The unparsed input: bytes [start, end) of `bytes`, which is the primary buffer when `inPrimary`. */
  get pending(): { bytes: Uint8Array; start: number; end: number; inPrimary: boolean } {
    return { bytes: this.window, start: this.windowStart, end: this.windowEnd, inPrimary: this.window === this.primary && this.primary !== undefined };
  }

  /** Whole units at the start of the pending input that someone else parsed: they are consumed. */
  skip(length: number): void {
    if (length < 0 || this.windowStart + length > this.windowEnd) throw new RangeError(`CaptureReader: skip(${length}) past the pending input`);
    this.windowStart += length;
    this.consumed += length;
    this.needed = 0;
  }

  /**
   * The primary buffer's memory was re-made (a Wasm memory that grew): the same octets, in a new
   * view of the same length.
   */
  rebindPrimary(primary: Uint8Array): void {
    // The old view's buffer may be detached now (a grown Wasm memory), so its length reads 0.
    if (this.primary === undefined || primary.length !== this.primaryLength)
      throw new RangeError("CaptureReader: rebindPrimary needs a view of the same length");
    const onPrimary = this.window === this.primary;
    if (this.buffer === this.primary) this.buffer = primary;
    this.primary = primary;
    if (onPrimary) this.setWindow(primary, this.windowStart, this.windowEnd);
  }

  /** Known once the first four bytes are in; see detectFormat(). */
  get format(): CaptureFormat | undefined {
    return this.parser?.format;
  }

  /** The pcap file's link type, or that of the first pcapng interface, once parsed (see advanceToPacket()). */
  get linkType(): number | undefined {
    return this.parser?.firstLinkType;
  }

  /** Input offset just past the last unit parsed: the progress through the input. */
  get bytesConsumed(): number {
    return this.consumed;
  }

  /** True once end() was called and every byte was parsed without error. */
  get finished(): boolean {
    return this.ended && this.failure === undefined && this.windowStart === this.windowEnd && this.parser !== undefined;
  }

  /**
   * Makes `chunk` available to parse. A chunk pushed while nothing is pending is parsed in place, without a copy,
   * so it must not be modified until its records were read.
   */
  push(chunk: Uint8Array): void {
    this.checkNotEnded();
    if (chunk.length === 0) return;
    if (this.windowStart === this.windowEnd) {
      // A plain Uint8Array view, so that records' data never inherits a subclass's slice() (Node's Buffer shares memory).
      this.setWindow(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), 0, chunk.length);
      return;
    }
    this.writableSpace(chunk.length).set(chunk);
    this.commitWritten(chunk.length);
  }

  /**
   * Free space to read input into directly (then call commitWritten): at least `minFree` bytes and enough to
   * complete the pending unit. Moves unparsed bytes to the front of the reader's own buffer first.
   */
  writableSpace(minFree = 1): Uint8Array {
    this.checkNotEnded();
    const leftover = this.windowEnd - this.windowStart;
    const required = Math.max(this.needed, leftover + minFree);
    let target = this.buffer;
    if (this.primary !== undefined && required <= this.primary.length) {
      target = this.primary;
      this.buffer = target;
    } else if (target.length < required) {
      target = new Uint8Array(Math.max(required, target.length * 2));
      this.buffer = target;
    }
    if (this.window === target) {
      target.copyWithin(0, this.windowStart, this.windowEnd);
      this.windowStart = 0;
      this.windowEnd = leftover;
    } else {
      target.set(this.window.subarray(this.windowStart, this.windowEnd), 0);
      this.setWindow(target, 0, leftover);
    }
    return target.subarray(leftover);
  }

  /** Declares that `length` bytes were written at the start of the space writableSpace() returned. */
  commitWritten(length: number): void {
    if (this.window !== this.buffer || this.windowEnd + length > this.buffer.length) {
      throw new RangeError(`CaptureReader: commitWritten(${length}) does not match the space handed out`);
    }
    this.windowEnd += length;
  }

  /** No more input: a unit still incomplete is now an error. */
  end(): void {
    this.ended = true;
  }

  /** The format, once the magic number is in; undefined while fewer than four bytes arrived. Throws on an unknown magic. */
  detectFormat(): CaptureFormat | undefined {
    this.rethrowFailure();
    try {
      return this.detectParser()?.format;
    } catch (error) {
      throw this.remember(error);
    }
  }

  /** The next packet record, or null when more input is needed or, once finished, when there is none left. */
  next(): CaptureRecord | null {
    this.rethrowFailure();
    try {
      return this.parseNext();
    } catch (error) {
      throw this.remember(error);
    }
  }

  /**
   * Parses headers and other units that carry no packet, stopping before the first packet, so that format and
   * link type are known up front. Returns false while more input is needed to get there.
   */
  advanceToPacket(): boolean {
    this.rethrowFailure();
    try {
      return this.skipNonPacketUnits();
    } catch (error) {
      throw this.remember(error);
    }
  }

  private skipNonPacketUnits(): boolean {
    const parser = this.detectParser();
    if (parser === undefined) return false;
    for (;;) {
      const available = this.windowEnd - this.windowStart;
      if (available === 0) return this.ended;
      if (parser.startsPacket(this.view, this.windowStart, available)) return true;
      const length = this.completeUnitLength(parser, available);
      if (length === undefined) return false;
      this.parseUnitAtStart(parser, length);
    }
  }

  private parseNext(): CaptureRecord | null {
    const parser = this.detectParser();
    if (parser === undefined) return null;
    for (;;) {
      const available = this.windowEnd - this.windowStart;
      if (available === 0) return null;
      const length = this.completeUnitLength(parser, available);
      if (length === undefined) return null;
      const record = this.parseUnitAtStart(parser, length);
      if (record !== null) return record;
    }
  }

  /** The length of the unit at windowStart when all of it is in; otherwise undefined, remembering what it needs. */
  private completeUnitLength(parser: CaptureUnitParser, available: number): number | undefined {
    const length = parser.unitLength(this.view, this.windowStart, available, this.consumed);
    this.needed = length;
    if (length <= available) return length;
    if (this.ended) throw parser.truncationError(this.consumed, length, available);
    return undefined;
  }

  private parseUnitAtStart(parser: CaptureUnitParser, length: number): CaptureRecord | null {
    const record = parser.parseUnit(this.window, this.view, this.windowStart, length, this.consumed);
    this.windowStart += length;
    this.consumed += length;
    this.needed = 0;
    return record;
  }

  private detectParser(): CaptureUnitParser | undefined {
    if (this.parser !== undefined) return this.parser;
    const available = this.windowEnd - this.windowStart;
    if (available < MAGIC_LENGTH) {
      if (this.ended) {
        const problem = available === 0 ? "empty input" : `${available} bytes are too few for a magic number`;
        throw new CaptureFormatError("capture", "file header", 0, problem);
      }
      this.needed = MAGIC_LENGTH;
      return undefined;
    }
    if (detectPcapMagic(this.view, this.windowStart) !== undefined) {
      this.parser = new PcapUnitParser(this.maxUnitLength);
    } else if (this.view.getUint32(this.windowStart, false) === PCAPNG_BLOCK_SECTION_HEADER) {
      this.parser = new PcapngUnitParser(this.maxUnitLength);
    } else {
      const magic = hex32(this.view.getUint32(this.windowStart, false));
      throw new CaptureFormatError("capture", "file header", 0, `unrecognised magic number ${magic}: neither pcap nor pcapng`);
    }
    return this.parser;
  }

  private rethrowFailure(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private remember(error: unknown): unknown {
    if (error instanceof CaptureFormatError) this.failure = error;
    return error;
  }

  private setWindow(bytes: Uint8Array, start: number, end: number): void {
    this.window = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.windowStart = start;
    this.windowEnd = end;
  }

  private checkNotEnded(): void {
    if (this.ended) throw new Error("CaptureReader: input was already ended");
  }
}

/** Parses a whole capture held in memory, without copying it; records view `bytes`. */
export function* readCaptureFromBytes(bytes: Uint8Array, options?: CaptureReaderOptions): IterableIterator<CaptureRecord> {
  const reader = new CaptureReader(options);
  reader.push(bytes);
  reader.end();
  for (let record = reader.next(); record !== null; record = reader.next()) yield record;
}
