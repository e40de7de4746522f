// Capture files on disk: streams pcap/pcapng through the browser-safe reader and writer with constant memory.
import { closeSync, openSync, writeSync } from "node:fs";
import { extname } from "node:path";
import { CaptureFormatError } from "../host/capture/capture-format-error.js";
import { CaptureReader } from "../host/capture/capture-reader.js";
import type { CaptureFormat, CaptureRecord } from "../host/capture/capture-record.js";
import { createCaptureWriter, type CaptureWriteRecord, type CaptureWriter } from "../host/capture/capture-writer.js";
import { CaptureVectorSource, type CaptureVectorSourceOptions } from "../host/capture/capture-vector-source.js";
import { CaptureVectorSink, type CaptureVectorSinkOptions } from "../host/capture/capture-vector-sink.js";
import type { WasmEngine } from "../host/engine/wasm-engine.js";
import { closeReading, isStandardInput, openForReading, readSome, regularFileSize } from "./stream-read.js";
import type { OutputFile } from "./output-file.js";

export { CaptureFormatError } from "../host/capture/capture-format-error.js";
export type { CaptureRecord } from "../host/capture/capture-record.js";

/** One read is this large unless a single record or block needs more. */
export const DEFAULT_READ_CHUNK_SIZE = 4 * 1024 * 1024;
export const DEFAULT_WRITE_CHUNK_SIZE = 1024 * 1024;

export interface CaptureFileReaderOptions {
  chunkSize?: number;
  maxUnitLength?: number;
}

export class CaptureFileReader implements Iterable<CaptureRecord> {
  private fd: number | undefined;
  private failure: CaptureFormatError | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    /** The file's size, for progress; 0 when reading a stream (a FIFO, /dev/stdin). */
    readonly bytesTotal: number,
    /** A regular file, which a second reader can scan; false for streams, read once. */
    readonly seekable: boolean,
    private readonly reader: CaptureReader,
  ) {
    this.fd = fd;
  }

  /**
   * Opens `path` and reads up to the first packet, so that format and link type are known. Throws a
   * CaptureFormatError naming the file when it is neither pcap nor pcapng or its headers are malformed.
   */
  static open(path: string, options: CaptureFileReaderOptions = {}): CaptureFileReader {
    const fd = openForReading(path);
    try {
      const reader = new CaptureReader({
        bufferSize: options.chunkSize ?? DEFAULT_READ_CHUNK_SIZE,
        maxUnitLength: options.maxUnitLength,
      });
      const size = regularFileSize(fd);
      // Standard input is read once, even when it is a regular file: a second reader would share its position.
      const file = new CaptureFileReader(path, fd, size ?? 0, size !== undefined && !isStandardInput(path), reader);
      file.advanceToFirstPacket();
      return file;
    } catch (error) {
      closeReading(fd);
      throw error;
    }
  }

  get format(): CaptureFormat {
    // advanceToFirstPacket() in open() either learnt the format or threw.
    return this.reader.format!;
  }

  /** pcap: the file's link type; pcapng: the first interface's, undefined when the file has none. */
  get linkType(): number | undefined {
    return this.reader.linkType;
  }

  /** Bytes parsed so far, up to the end of the last record returned: progress against bytesTotal. */
  get bytesRead(): number {
    return this.reader.bytesConsumed;
  }

  /**
   * The next record, or null after the last one. `record.data` views the reader's buffer and is valid until the
   * next call. A malformed or truncated file makes it throw a CaptureFormatError (with `.offset`) once every
   * complete record before the fault was returned.
   */
  next(): CaptureRecord | null {
    if (this.failure !== undefined) throw this.failure;
    try {
      for (;;) {
        const record = this.reader.next();
        if (record !== null || this.reader.finished) return record;
        this.readChunk();
      }
    } catch (error) {
      throw this.remember(error);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeReading(this.fd);
    this.fd = undefined;
  }

  /** Iterating to the end, or leaving the loop early, closes the file. */
  [Symbol.iterator](): Iterator<CaptureRecord> {
    return {
      next: (): IteratorResult<CaptureRecord> => {
        const record = this.next();
        if (record !== null) return { value: record, done: false };
        this.close();
        return { value: undefined, done: true };
      },
      return: (): IteratorResult<CaptureRecord> => {
        this.close();
        return { value: undefined, done: true };
      },
    };
  }

  private advanceToFirstPacket(): void {
    try {
      while (!this.reader.advanceToPacket()) this.readChunk();
    } catch (error) {
      throw this.remember(error);
    }
  }

  private readChunk(): void {
    if (this.fd === undefined) throw new Error(`${this.path}: capture file reader is closed`);
    const space = this.reader.writableSpace();
    // From the current position, never seeking: FIFOs and /dev/stdin read like files.
    const bytesRead = readSome(this.fd, space, 0, space.length);
    if (bytesRead === 0) {
      this.reader.end();
      return;
    }
    this.reader.commitWritten(bytesRead);
  }

  /** Format errors get the file's name; the reader keeps failing with the same error. */
  private remember(error: unknown): unknown {
    if (!(error instanceof CaptureFormatError)) return error;
    this.failure = error.withPath(this.path);
    return this.failure;
  }
}

export interface CaptureFileWriterOptions {
  /** Defaults from the extension: ".pcapng" gives pcapng, anything else pcap. */
  format?: CaptureFormat;
  /** pcap only; defaults to "us", the precision every tool reads. */
  precision?: "us" | "ns";
  linkType: number;
  snaplen?: number;
  chunkSize?: number;
}

export class CaptureFileWriter {
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly writer: CaptureWriter,
    private readonly closeFile: () => void,
  ) {}

  /** Creates (or truncates) `path` at once; the file header is written with the first chunk. */
  static create(path: string, options: CaptureFileWriterOptions): CaptureFileWriter {
    const fd = openSync(path, "w");
    try {
      const writer = captureWriter(path, options, (chunk) => writeAll(fd, chunk));
      return new CaptureFileWriter(path, writer, () => closeSync(fd));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /**
   * Writes into an OutputFile (src/io/output-file.ts): nothing reaches the disk before the output
   * is opened, and what is buffered goes out when the output is committed or abandoned.
   */
  static onto(output: OutputFile, options: CaptureFileWriterOptions): CaptureFileWriter {
    const writer = captureWriter(output.path, options, (chunk) => output.write(chunk));
    output.onFlush(() => writer.flush());
    return new CaptureFileWriter(output.path, writer, () => undefined);
  }

  /** `record.data` is copied before this returns. */
  write(record: CaptureWriteRecord): void {
    if (this.closed) throw new Error(`${this.path}: capture file writer is closed`);
    this.writer.write(record);
  }

  /** Writes what is buffered and closes the file; later calls do nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.writer.flush();
    } finally {
      this.closeFile();
    }
  }
}

function captureWriter(path: string, options: CaptureFileWriterOptions, sink: (chunk: Uint8Array) => void): CaptureWriter {
  return createCaptureWriter(sink, {
    format: options.format ?? formatFromExtension(path),
    precision: options.precision ?? "us",
    linkType: options.linkType,
    snaplen: options.snaplen,
    chunkSize: options.chunkSize ?? DEFAULT_WRITE_CHUNK_SIZE,
  });
}

function formatFromExtension(path: string): CaptureFormat {
  return extname(path).toLowerCase() === ".pcapng" ? "pcapng" : "pcap";
}

function writeAll(fd: number, chunk: Uint8Array): void {
  let written = 0;
  while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
}

// ---- vector I/O: a capture file read into and written from the engine's memory ---------------

/** A capture file as the engine's VectorSource (capture-vector-source.ts): one read per chunk, as a stream. */
export class CaptureFileSource {
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    /** The file's size, for progress; 0 when reading a stream (a FIFO, /dev/stdin). */
    readonly bytesTotal: number,
    /** A regular file, which a second reader can scan; false for streams, read once. */
    readonly seekable: boolean,
    readonly source: CaptureVectorSource,
  ) {
    this.fd = fd;
  }

  get format(): CaptureFormat {
    return this.source.format;
  }

  /** pcap: the file's link type; pcapng: the first interface's, undefined when the file has none. */
  get linkType(): number | undefined {
    return this.source.linkType;
  }

  /** Opens `path` ("-" is standard input) and reads up to its first packet; a CaptureFormatError names the file. */
  static open(path: string, engine: WasmEngine, options: CaptureVectorSourceOptions): CaptureFileSource {
    const fd = openForReading(path);
    try {
      // From the current position, never seeking: FIFOs and /dev/stdin read like files.
      const input = { read: (into: Uint8Array) => readSome(fd, into, 0, into.length) };
      const size = regularFileSize(fd);
      const source = new CaptureVectorSource(engine, input, options);
      // Standard input is read once, even when it is a regular file: a second reader would share its position.
      return new CaptureFileSource(path, fd, size ?? 0, size !== undefined && !isStandardInput(path), source);
    } catch (error) {
      closeReading(fd);
      throw error instanceof CaptureFormatError ? error.withPath(path) : error;
    }
  }

  /** The malformed or truncated unit that ended the input early, naming the file. */
  get failure(): CaptureFormatError | undefined {
    return this.source.failure?.withPath(this.path);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeReading(this.fd);
    this.fd = undefined;
  }
}

/**
 * A capture file as the engine's VectorSink (capture-vector-sink.ts), written into an OutputFile
 * (src/io/output-file.ts): one write per output chunk, nothing on disk before the output is opened,
 * what is buffered handed over when it is committed or abandoned.
 */
export function captureSinkOnto(
  output: OutputFile,
  engine: WasmEngine,
  options: Omit<CaptureVectorSinkOptions, "format"> & { format?: CaptureFormat },
): CaptureVectorSink {
  const sink = new CaptureVectorSink(engine, (chunk) => output.write(chunk), { ...options, format: options.format ?? formatFromExtension(output.path) });
  output.onFlush(() => sink.flush());
  return sink;
}
