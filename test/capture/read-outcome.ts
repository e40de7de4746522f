// Reads a capture to the end, keeping copies of the records and the error that stopped it, if any.
import { expect } from "vitest";
import { CaptureFormatError, CaptureReader, type CaptureReaderOptions } from "../../src/host/capture/capture-reader.js";
import type { CaptureRecord } from "../../src/host/capture/capture-record.js";

export interface ReadOutcome {
  records: CaptureRecord[];
  error?: unknown;
}

function keep(record: CaptureRecord): CaptureRecord {
  return { ...record, data: new Uint8Array(record.data) };
}

/** Pushes `bytes` in pieces whose sizes cycle through `chunkSizes`; one whole piece when it is empty. */
export function readInChunks(bytes: Uint8Array, chunkSizes: number[] = [], options?: CaptureReaderOptions): ReadOutcome {
  const reader = new CaptureReader(options);
  const records: CaptureRecord[] = [];
  try {
    let offset = 0;
    for (let piece = 0; offset < bytes.length; piece++) {
      const size = chunkSizes.length === 0 ? bytes.length : chunkSizes[piece % chunkSizes.length]!;
      reader.push(bytes.subarray(offset, offset + size));
      offset += size;
      for (let record = reader.next(); record !== null; record = reader.next()) records.push(keep(record));
    }
    reader.end();
    for (let record = reader.next(); record !== null; record = reader.next()) records.push(keep(record));
    return { records };
  } catch (error) {
    return { records, error };
  }
}

export function readWhole(bytes: Uint8Array, options?: CaptureReaderOptions): ReadOutcome {
  return readInChunks(bytes, [], options);
}

/** `error` is the reader's format error at `offset`, its message matching `message`. */
export function expectFormatError(error: unknown, offset: number, message: RegExp): void {
  expect(error).toBeInstanceOf(CaptureFormatError);
  expect((error as CaptureFormatError).offset).toBe(offset);
  expect((error as Error).message).toMatch(message);
}
