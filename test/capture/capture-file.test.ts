import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CaptureFileReader, CaptureFileWriter, CaptureFormatError } from "../../src/io/capture-file.js";
import type { CaptureRecord } from "../../src/host/capture/capture-record.js";
import { concat, epb, fingerprint, idb, packetBytes, pcapHeader, pcapRecord, shb } from "./capture-bytes.js";

const directory = mkdtempSync(join(tmpdir(), "manycast-capture-file-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Records with their data replaced by a fingerprint, taken while the view is valid. */
function readAllRecords(reader: CaptureFileReader): (Omit<CaptureRecord, "data"> & { fingerprint: string })[] {
  const records: (Omit<CaptureRecord, "data"> & { fingerprint: string })[] = [];
  for (const { data, ...fields } of reader) records.push({ ...fields, fingerprint: fingerprint(data) });
  return records;
}

const sampleRecords = Array.from({ length: 50 }, (_, i) => ({
  tsSec: 1_700_000_000 + i,
  tsNsec: i * 19_999_999,
  data: packetBytes(40 + i * 37, i),
}));

describe("CaptureFileWriter and CaptureFileReader", () => {
  it.each([
    ["a.pcap", {}, "pcap", 0xa1b2c3d4, 1000],
    ["b.cap", { precision: "ns" as const }, "pcap", 0xa1b23c4d, 1],
    ["c.pcapng", {}, "pcapng", 0x0a0d0d0a, 1],
    ["d.pcap", { format: "pcapng" as const }, "pcapng", 0x0a0d0d0a, 1],
  ])("%s %o is written as %s and read back", (name, options, format, magic, nanosecondStep) => {
    const path = join(directory, name);
    const writer = CaptureFileWriter.create(path, { linkType: 101, ...options });
    for (const record of sampleRecords) writer.write(record);
    writer.close();
    writer.close();
    expect(new DataView(readFileSync(path).buffer).getUint32(0, true)).toBe(magic);

    const reader = CaptureFileReader.open(path, { chunkSize: 333 });
    expect(reader.format).toBe(format);
    expect(reader.linkType).toBe(101);
    expect(reader.bytesTotal).toBe(readFileSync(path).length);
    const records = readAllRecords(reader);
    expect(reader.bytesRead).toBe(reader.bytesTotal);
    expect(records.map((r) => [r.tsSec, r.tsNsec, r.fingerprint])).toEqual(
      sampleRecords.map((r) => [r.tsSec, Math.floor(r.tsNsec / nanosecondStep) * nanosecondStep, fingerprint(r.data)]),
    );
  });

  it("reads records bigger than its chunk, which grows only for them", () => {
    const path = join(directory, "big-records.pcapng");
    const writer = CaptureFileWriter.create(path, { linkType: 1, snaplen: 0 });
    writer.write({ tsSec: 1, tsNsec: 2, data: packetBytes(70_000, 1), interfaceName: "big" });
    writer.write({ tsSec: 3, tsNsec: 4, data: packetBytes(10, 2) });
    writer.close();
    const reader = CaptureFileReader.open(path, { chunkSize: 4096 });
    expect(readAllRecords(reader).map((r) => [r.interfaceName, r.fingerprint])).toEqual([
      ["big", fingerprint(packetBytes(70_000, 1))],
      [undefined, fingerprint(packetBytes(10, 2))],
    ]);
  });

  it("reports progress through bytesRead as records are returned", () => {
    const path = join(directory, "progress.pcap");
    writeFileSync(path, concat(pcapHeader(true), pcapRecord(true, 1, 0, packetBytes(100, 1)), pcapRecord(true, 2, 0, packetBytes(100, 2))));
    const reader = CaptureFileReader.open(path, { chunkSize: 64 });
    expect(reader.bytesRead).toBe(24);
    reader.next();
    expect(reader.bytesRead).toBe(140);
    reader.next();
    expect(reader.bytesRead).toBe(256);
    expect(reader.next()).toBeNull();
    expect(reader.next()).toBeNull();
    reader.close();
  });

  it("returns the good records of a truncated file, then throws a CaptureFormatError naming file and offset", () => {
    const path = join(directory, "truncated.pcapng");
    const header = concat(shb(true), idb(true, { linkType: 1 }));
    const good = epb(true, 0, 1n, packetBytes(64, 1));
    writeFileSync(path, concat(header, good, good, good.subarray(0, 50)));
    const reader = CaptureFileReader.open(path, { chunkSize: 100 });
    expect(reader.next()?.capturedLength).toBe(64);
    expect(reader.next()?.capturedLength).toBe(64);
    let error: unknown;
    try {
      reader.next();
    } catch (thrown) {
      error = thrown;
    }
    const offset = header.length + 2 * good.length;
    expect(error).toBeInstanceOf(CaptureFormatError);
    expect(error).toMatchObject({ offset, path });
    expect((error as Error).message).toBe(`${path}: capture.pcapng: block at offset ${offset}: truncated: needs 96 bytes, only 50 present`);
    expect(() => reader.next()).toThrow(error as Error);
    reader.close();
  });

  it("refuses at open a file that is neither pcap nor pcapng, or whose header is cut", () => {
    const notCapture = join(directory, "not-a-capture.pcap");
    writeFileSync(notCapture, "hello, world\n");
    expect(() => CaptureFileReader.open(notCapture)).toThrow(
      new CaptureFormatError("capture", "file header", 0, "unrecognised magic number 0x68656c6c: neither pcap nor pcapng", notCapture),
    );
    const empty = join(directory, "empty.pcap");
    writeFileSync(empty, "");
    expect(() => CaptureFileReader.open(empty)).toThrow(`${empty}: capture: file header at offset 0: empty input`);
    const cut = join(directory, "cut.pcap");
    writeFileSync(cut, pcapHeader(true).subarray(0, 23));
    expect(() => CaptureFileReader.open(cut)).toThrow(/cut\.pcap: capture\.pcap: file header at offset 0: truncated: needs 24 bytes, only 23 present/);
  });

  it("closes the file when a loop over it stops early", () => {
    const path = join(directory, "early.pcap");
    writeFileSync(path, concat(pcapHeader(true), pcapRecord(true, 1, 0, packetBytes(10, 1)), pcapRecord(true, 2, 0, packetBytes(10, 2))));
    const reader = CaptureFileReader.open(path, { chunkSize: 30 });
    for (const record of reader) {
      expect(record.tsSec).toBe(1);
      break;
    }
    expect(() => reader.next()).toThrow(/capture file reader is closed/);
  });

  it("refuses writes after close and bad records before writing them", () => {
    const path = join(directory, "closed.pcap");
    const writer = CaptureFileWriter.create(path, { linkType: 1 });
    expect(() => writer.write({ linkType: 2, tsSec: 0, tsNsec: 0, data: new Uint8Array(4) })).toThrow(RangeError);
    writer.close();
    expect(() => writer.write({ tsSec: 0, tsNsec: 0, data: new Uint8Array(4) })).toThrow(/capture file writer is closed/);
    expect(readFileSync(path)).toHaveLength(24);
  });
});
