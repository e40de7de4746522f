// Capture files in memory: pcap/pcapng in, pcap/pcapng out, with the same reader and writer the
// command line uses (so a download is byte for byte what `manycast replay --out` writes).
import { CaptureReader } from "../host/capture/capture-reader.js";
import { CaptureFormatError } from "../host/capture/capture-format-error.js";
import type { CaptureFormat, CaptureRecord } from "../host/capture/capture-record.js";
import { createCaptureWriter, type CaptureWriteRecord } from "../host/capture/capture-writer.js";

export { CaptureFormatError };
export type { CaptureFormat, CaptureRecord, CaptureWriteRecord };

export interface OpenedCapture {
  format: CaptureFormat;
  /** The pcap link type, or the first pcapng interface's; undefined for a pcapng without interfaces. */
  linkType: number | undefined;
  /** Records in file order; each record's data views `bytes` (copy it to keep it past the next record). */
  records(): IterableIterator<CaptureRecord>;
}

/** Opens a whole capture held in memory; throws CaptureFormatError when it is neither pcap nor pcapng or its headers are malformed. */
export function openCapture(bytes: ArrayBuffer | Uint8Array): OpenedCapture {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const reader = new CaptureReader();
  reader.push(view);
  reader.end();
  reader.advanceToPacket();
  const format = reader.format;
  if (!format) throw new CaptureFormatError("capture", "file header", 0, `${view.length} bytes are too few for a capture file header`);
  return {
    format,
    linkType: reader.linkType,
    *records() {
      for (let record = reader.next(); record !== null; record = reader.next()) yield record;
    },
  };
}

export interface WriteCaptureOptions {
  format?: CaptureFormat;
  linkType?: number;
  /** pcap only; `manycast replay` writes nanoseconds. */
  precision?: "us" | "ns";
}

/** One capture file's bytes. */
export function writeCapture(records: Iterable<CaptureWriteRecord>, options: WriteCaptureOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = createCaptureWriter((chunk) => chunks.push(chunk.slice()), {
    format: options.format ?? "pcap",
    precision: options.precision ?? "ns",
    linkType: options.linkType ?? 1,
  });
  for (const record of records) writer.write(record);
  writer.flush();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
