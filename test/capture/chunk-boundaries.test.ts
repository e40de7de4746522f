import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaptureFormatError } from "../../src/host/capture/capture-reader.js";
import { concat, fingerprint, packetBytes, pcapHeader, pcapRecord } from "./capture-bytes.js";
import { readInChunks, readWhole, type ReadOutcome } from "./read-outcome.js";
import { PCAP_BIG_ENDIAN_NANO, RICH_PCAPNG } from "./capture-samples.js";

function describeOutcome(outcome: ReadOutcome): unknown {
  const error = outcome.error;
  return {
    records: outcome.records,
    error: error instanceof CaptureFormatError ? { message: error.message, offset: error.offset } : error,
  };
}

describe("records spanning chunk boundaries", () => {
  for (const [name, bytes, count] of [
    ["pcapng", RICH_PCAPNG, 7],
    ["pcap", PCAP_BIG_ENDIAN_NANO, 6],
  ] as const) {
    it(`${name}: every fixed chunk size from 1 byte up gives the same records as one whole chunk`, () => {
      const whole = readWhole(bytes);
      expect(whole.error).toBeUndefined();
      expect(whole.records).toHaveLength(count);
      for (let size = 1; size <= bytes.length; size++) {
        expect(readInChunks(bytes, [size], { bufferSize: 16 })).toEqual(whole);
      }
    });

    it(`${name}: random chunkings give the same records and, when cut short, the same error`, () => {
      const whole = describeOutcome(readWhole(bytes));
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: bytes.length }), (sizes, cut) => {
          expect(describeOutcome(readInChunks(bytes, sizes))).toEqual(whole);
          const truncated = bytes.subarray(0, cut);
          expect(describeOutcome(readInChunks(truncated, sizes))).toEqual(describeOutcome(readWhole(truncated)));
        }),
        { numRuns: 300 },
      );
    });
  }

  it("grows its buffer for a record larger than it, then reads on", () => {
    const bytes = concat(pcapHeader(true), pcapRecord(true, 1, 0, packetBytes(100_000, 1)), pcapRecord(true, 2, 0, packetBytes(10, 2)));
    const { records, error } = readInChunks(bytes, [4096], { bufferSize: 1024 });
    expect(error).toBeUndefined();
    expect(records.map((r) => fingerprint(r.data))).toEqual([fingerprint(packetBytes(100_000, 1)), fingerprint(packetBytes(10, 2))]);
  });
});

describe("malformed input never throws anything but CaptureFormatError", () => {
  const samples = [RICH_PCAPNG, PCAP_BIG_ENDIAN_NANO, concat(pcapHeader(true), pcapRecord(true, 1, 2, packetBytes(50, 1)))];
  const mutation = fc.record({
    sample: fc.integer({ min: 0, max: samples.length - 1 }),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
    keep: fc.nat(),
    sizes: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
  });

  it("for random byte edits and truncations, read whole or in chunks alike", () => {
    fc.assert(
      fc.property(mutation, ({ sample, edits, keep, sizes }) => {
        const source = samples[sample]!;
        const bytes = source.slice(0, source.length - (keep % 40));
        for (const [position, value] of edits) bytes[position % bytes.length] = value;
        const whole = readWhole(bytes, { maxUnitLength: 1 << 20 });
        if (whole.error !== undefined) expect(whole.error).toBeInstanceOf(CaptureFormatError);
        expect(describeOutcome(readInChunks(bytes, sizes, { maxUnitLength: 1 << 20 }))).toEqual(describeOutcome(whole));
      }),
      { numRuns: 1500 },
    );
  });
});
