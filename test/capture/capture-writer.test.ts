import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCaptureWriter, PcapngWriter, PcapWriter, type CaptureWriteRecord, type CaptureWriterOptions } from "../../src/host/capture/capture-writer.js";
import { LINKTYPE_ETHERNET, LINKTYPE_IPV6, LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { concat, packetBytes } from "./capture-bytes.js";
import { readInChunks, readWhole } from "./read-outcome.js";

function serialise(options: CaptureWriterOptions, records: CaptureWriteRecord[]): { bytes: Uint8Array; chunkLengths: number[] } {
  const chunks: Uint8Array[] = [];
  const writer = createCaptureWriter((chunk) => chunks.push(chunk.slice()), options);
  for (const record of records) writer.write(record);
  writer.flush();
  return { bytes: concat(...chunks), chunkLengths: chunks.map((chunk) => chunk.length) };
}

const writeRecord = fc.record({
  tsSec: fc.integer({ min: 0, max: 0xffff_ffff }),
  tsNsec: fc.integer({ min: 0, max: 999_999_999 }),
  data: fc.uint8Array({ maxLength: 300 }),
  extra: fc.nat({ max: 5000 }),
});

describe("capture writer round trips", () => {
  it("pcap with nanoseconds keeps every timestamp and byte", () => {
    fc.assert(
      fc.property(fc.array(writeRecord, { maxLength: 30 }), (specs) => {
        const records = specs.map((s) => ({ tsSec: s.tsSec, tsNsec: s.tsNsec, data: s.data, originalLength: s.data.length + s.extra }));
        const { records: read, error } = readWhole(serialise({ format: "pcap", precision: "ns", linkType: LINKTYPE_RAW }, records).bytes);
        expect(error).toBeUndefined();
        expect(read).toEqual(
          records.map((r) => ({
            linkType: LINKTYPE_RAW,
            interfaceIndex: 0,
            interfaceName: undefined,
            tsSec: r.tsSec,
            tsNsec: r.tsNsec,
            capturedLength: r.data.length,
            originalLength: r.originalLength,
            data: r.data,
          })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("pcap with microseconds keeps timestamps to the microsecond, truncating", () => {
    fc.assert(
      fc.property(fc.array(writeRecord, { maxLength: 30 }), (specs) => {
        const { records: read } = readWhole(serialise({ format: "pcap", linkType: LINKTYPE_ETHERNET }, specs).bytes);
        expect(read.map((r) => [r.tsSec, r.tsNsec])).toEqual(specs.map((s) => [s.tsSec, Math.floor(s.tsNsec / 1000) * 1000]));
      }),
      { numRuns: 200 },
    );
  });

  it("pcapng keeps nanoseconds, link types and interface names, one interface per distinct pair", () => {
    const interfaceChoice = fc.constantFrom(
      { linkType: LINKTYPE_ETHERNET, interfaceName: "eth0" },
      { linkType: LINKTYPE_ETHERNET, interfaceName: "eth1" },
      { linkType: LINKTYPE_IPV6, interfaceName: "eth0" },
      { linkType: LINKTYPE_RAW, interfaceName: undefined },
      { linkType: undefined, interfaceName: "Ω-ünïcode" },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(writeRecord, interfaceChoice), { maxLength: 40 }),
        fc.integer({ min: 0, max: 18_446_744_073 - 0xffff_ffff }),
        (specs, secondsBase) => {
          const records = specs.map(([s, where]) => ({ ...where, tsSec: secondsBase + s.tsSec, tsNsec: s.tsNsec, data: s.data }));
          const { records: read, error } = readWhole(serialise({ format: "pcapng", linkType: LINKTYPE_IPV6 }, records).bytes);
          expect(error).toBeUndefined();
          const firstSeen: string[] = [];
          const expected = records.map((r) => {
            const linkType = r.linkType ?? LINKTYPE_IPV6;
            const key = `${linkType}/${r.interfaceName}`;
            if (!firstSeen.includes(key)) firstSeen.push(key);
            return {
              linkType,
              interfaceIndex: firstSeen.indexOf(key),
              interfaceName: r.interfaceName,
              tsSec: r.tsSec,
              tsNsec: r.tsNsec,
              capturedLength: r.data.length,
              originalLength: r.data.length,
              data: r.data,
            };
          });
          expect(read).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("cuts packets at the snaplen and keeps their original length", () => {
    for (const format of ["pcap", "pcapng"] as const) {
      const { bytes } = serialise({ format, linkType: 1, snaplen: 100 }, [{ tsSec: 1, tsNsec: 0, data: packetBytes(1500, 1) }]);
      expect(readWhole(bytes).records).toEqual([
        expect.objectContaining({ capturedLength: 100, originalLength: 1500, data: packetBytes(1500, 1).subarray(0, 100) }),
      ]);
    }
  });

  it("calls the sink once per chunk, not once per record", () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ tsSec: i, tsNsec: 0, data: packetBytes(1000, i) }));
    const chunkSize = 64 * 1024;
    const blockLength = 32 + 1000;
    const { bytes, chunkLengths } = serialise({ format: "pcapng", linkType: 1, chunkSize }, records);
    expect(chunkLengths.length).toBe(Math.ceil(records.length / Math.floor(chunkSize / blockLength)));
    for (const length of chunkLengths.slice(0, -1)) expect(length).toBeGreaterThan(chunkSize - blockLength);
    expect(readWhole(bytes).records).toHaveLength(1000);
  });

  it("writes a record larger than the chunk size", () => {
    const { bytes } = serialise({ format: "pcap", linkType: 1, chunkSize: 256, snaplen: 0 }, [
      { tsSec: 1, tsNsec: 0, data: packetBytes(100, 1) },
      { tsSec: 2, tsNsec: 0, data: packetBytes(5000, 2) },
      { tsSec: 3, tsNsec: 0, data: packetBytes(10, 3) },
    ]);
    expect(readInChunks(bytes, [97]).records.map((r) => r.capturedLength)).toEqual([100, 5000, 10]);
  });

  it("writes a file that has only its header when there are no records", () => {
    expect(serialise({ format: "pcap", linkType: 1 }, []).bytes).toHaveLength(24);
    expect(serialise({ format: "pcapng", linkType: 1 }, []).bytes).toHaveLength(28);
    expect(readWhole(serialise({ format: "pcapng", linkType: 1 }, []).bytes)).toEqual({ records: [] });
  });
});

describe("capture writer input checks", () => {
  const sink = () => {};

  it("refuses timestamps it cannot represent", () => {
    const pcap = new PcapWriter(sink, { linkType: 1 });
    expect(() => pcap.write({ tsSec: 2 ** 32, tsNsec: 0, data: new Uint8Array(1) })).toThrow(/tsSec 4294967296 is not an integer in \[0, 4294967295\]/);
    expect(() => pcap.write({ tsSec: 1, tsNsec: 1e9, data: new Uint8Array(1) })).toThrow(/tsNsec 1000000000 is not an integer/);
    expect(() => pcap.write({ tsSec: -1, tsNsec: 0, data: new Uint8Array(1) })).toThrow(RangeError);
    const pcapng = new PcapngWriter(sink, { linkType: 1 });
    expect(() => pcapng.write({ tsSec: 2 ** 35, tsNsec: 0, data: new Uint8Array(1) })).toThrow(/overflows a 64-bit nanosecond timestamp/);
  });

  it("refuses a second link type in pcap, and impossible lengths and link types", () => {
    const pcap = new PcapWriter(sink, { linkType: 1 });
    expect(() => pcap.write({ linkType: 101, tsSec: 0, tsNsec: 0, data: new Uint8Array(1) })).toThrow(/link type is 1, the record's 101; use pcapng/);
    expect(() => pcap.write({ tsSec: 0, tsNsec: 0, data: new Uint8Array(10), originalLength: 9 })).toThrow(/originalLength 9 is not an integer in \[10/);
    expect(() => new PcapWriter(sink, { linkType: 70_000 })).toThrow(/link type 70000/);
    expect(() => new PcapngWriter(sink, { linkType: 1, snaplen: -1 })).toThrow(/snaplen -1/);
  });
});
