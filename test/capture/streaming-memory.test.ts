import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { CaptureFileReader, CaptureFileWriter } from "../../src/io/capture-file.js";

const RECORD_COUNT = 200_000;
const FRAME_LENGTH = 1500;
const FILE_LENGTH = 24 + RECORD_COUNT * (16 + FRAME_LENGTH);
const MEMORY_GROWTH_LIMIT = 64 * 1024 * 1024;
const SAMPLE_EVERY = 5_000;

const directory = mkdtempSync(join(tmpdir(), "manycast-streaming-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Tracks the largest growth of RSS and heap over a baseline taken at construction. */
class MemoryWatch {
  private readonly baseline = process.memoryUsage();
  maxRssGrowth = 0;
  maxHeapGrowth = 0;

  sample(): void {
    const now = process.memoryUsage();
    this.maxRssGrowth = Math.max(this.maxRssGrowth, now.rss - this.baseline.rss);
    this.maxHeapGrowth = Math.max(this.maxHeapGrowth, now.heapUsed - this.baseline.heapUsed);
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

describe("streaming a ~300 MB pcap", () => {
  const path = join(directory, "big.pcap");

  it("writes it with memory growth far below the file size", () => {
    const frame = new Uint8Array(FRAME_LENGTH);
    const frameView = new DataView(frame.buffer);
    const watch = new MemoryWatch();
    const writer = CaptureFileWriter.create(path, { linkType: LINKTYPE_ETHERNET, precision: "ns" });
    for (let i = 0; i < RECORD_COUNT; i++) {
      frameView.setUint32(0, i);
      frameView.setUint32(FRAME_LENGTH - 4, ~i);
      writer.write({ tsSec: 1_700_000_000 + Math.floor(i / 1000), tsNsec: (i % 1000) * 1_000_001, data: frame });
      if (i % SAMPLE_EVERY === 0) watch.sample();
    }
    writer.close();
    watch.sample();
    expect(statSync(path).size).toBe(FILE_LENGTH);
    console.log(`write: rss +${mib(watch.maxRssGrowth)}, heap +${mib(watch.maxHeapGrowth)} for ${mib(FILE_LENGTH)}`);
    expect(watch.maxRssGrowth).toBeLessThan(MEMORY_GROWTH_LIMIT);
    expect(watch.maxHeapGrowth).toBeLessThan(MEMORY_GROWTH_LIMIT);
  });

  it("reads it back record by record with memory growth far below the file size", () => {
    const watch = new MemoryWatch();
    const reader = CaptureFileReader.open(path);
    expect(reader.bytesTotal).toBe(FILE_LENGTH);
    const started = performance.now();
    let count = 0;
    let mismatches = 0;
    for (const record of reader) {
      const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
      const expectedNsec = (count % 1000) * 1_000_001;
      const intact =
        record.capturedLength === FRAME_LENGTH &&
        view.getUint32(0) === count &&
        view.getInt32(FRAME_LENGTH - 4) === ~count &&
        record.tsSec === 1_700_000_000 + Math.floor(count / 1000) &&
        record.tsNsec === expectedNsec;
      if (!intact) mismatches++;
      count++;
      if (count % SAMPLE_EVERY === 0) watch.sample();
    }
    const seconds = (performance.now() - started) / 1000;
    watch.sample();
    expect(count).toBe(RECORD_COUNT);
    expect(mismatches).toBe(0);
    expect(reader.bytesRead).toBe(FILE_LENGTH);
    console.log(
      `read: ${Math.round(count / seconds)} records/s, ${mib(FILE_LENGTH / seconds)}/s; ` +
        `rss +${mib(watch.maxRssGrowth)}, heap +${mib(watch.maxHeapGrowth)} for ${mib(FILE_LENGTH)}`,
    );
    expect(watch.maxRssGrowth).toBeLessThan(MEMORY_GROWTH_LIMIT);
    expect(watch.maxHeapGrowth).toBeLessThan(MEMORY_GROWTH_LIMIT);
  });
});
