import { describe, expect, it } from "vitest";
import { CaptureFormatError, CaptureReader, readCaptureFromBytes } from "../../src/host/capture/capture-reader.js";
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { BYTE_ORDERS, concat, packetBytes, pcapHeader, pcapRecord } from "./capture-bytes.js";
import { expectFormatError, readWhole } from "./read-outcome.js";

describe.each(BYTE_ORDERS)("classic pcap, %s", (_name, le) => {
  it("reads microsecond records with exact timestamps and lengths", () => {
    const first = packetBytes(60, 1);
    const second = packetBytes(1514, 2);
    const bytes = concat(
      pcapHeader(le, { linkType: LINKTYPE_ETHERNET, snaplen: 65535 }),
      pcapRecord(le, 1_700_000_000, 999_999, first),
      pcapRecord(le, 4_294_967_295, 0, second, 9000),
    );
    const { records, error } = readWhole(bytes);
    expect(error).toBeUndefined();
    expect(records).toEqual([
      {
        linkType: 1,
        interfaceIndex: 0,
        interfaceName: undefined,
        tsSec: 1_700_000_000,
        tsNsec: 999_999_000,
        capturedLength: 60,
        originalLength: 60,
        data: first,
      },
      { linkType: 1, interfaceIndex: 0, interfaceName: undefined, tsSec: 4_294_967_295, tsNsec: 0, capturedLength: 1514, originalLength: 9000, data: second },
    ]);
  });

  it("reads nanosecond records", () => {
    const bytes = concat(pcapHeader(le, { nano: true, linkType: LINKTYPE_RAW }), pcapRecord(le, 12, 999_999_999, packetBytes(40, 3)));
    const [record] = readCaptureFromBytes(bytes);
    expect(record).toMatchObject({ linkType: LINKTYPE_RAW, tsSec: 12, tsNsec: 999_999_999, capturedLength: 40 });
  });

  it("carries a fraction that overflows a second into the seconds", () => {
    const bytes = concat(pcapHeader(le), pcapRecord(le, 10, 2_500_000, packetBytes(4, 0)));
    const [record] = readCaptureFromBytes(bytes);
    expect(record).toMatchObject({ tsSec: 12, tsNsec: 500_000_000 });
  });

  it("keeps the low 16 bits of the link type, dropping the FCS bits", () => {
    const bytes = concat(pcapHeader(le, { linkType: 0xa000_0000 | LINKTYPE_ETHERNET }), pcapRecord(le, 1, 2, packetBytes(14, 0)));
    const reader = new CaptureReader();
    reader.push(bytes);
    reader.end();
    expect(reader.advanceToPacket()).toBe(true);
    expect(reader.linkType).toBe(LINKTYPE_ETHERNET);
    expect(reader.next()?.linkType).toBe(LINKTYPE_ETHERNET);
  });

  it("accepts a captured length above the snaplen", () => {
    const bytes = concat(pcapHeader(le, { snaplen: 64 }), pcapRecord(le, 1, 2, packetBytes(100, 0)));
    expect(readWhole(bytes)).toEqual({ records: [expect.objectContaining({ capturedLength: 100 })] });
  });
});

describe("classic pcap, malformed", () => {
  it("rejects an unknown magic number at offset 0", () => {
    const { error } = readWhole(Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0));
    expectFormatError(error, 0, /^capture: file header at offset 0: unrecognised magic number 0xdeadbeef: neither pcap nor pcapng$/);
  });

  it("rejects empty and too short input", () => {
    expectFormatError(readWhole(new Uint8Array(0)).error, 0, /empty input/);
    expectFormatError(readWhole(Uint8Array.of(0xd4, 0xc3)).error, 0, /2 bytes are too few for a magic number/);
  });

  it("rejects a truncated file header", () => {
    const { records, error } = readWhole(pcapHeader(true).subarray(0, 20));
    expect(records).toEqual([]);
    expectFormatError(error, 0, /^capture\.pcap: file header at offset 0: truncated: needs 24 bytes, only 20 present$/);
  });

  it("rejects an unsupported version", () => {
    expectFormatError(readWhole(pcapHeader(true, { versionMajor: 3 })).error, 0, /unsupported version 3\.4/);
  });

  it("returns every complete record, then reports a truncated last record at its offset", () => {
    const good = pcapRecord(true, 1, 0, packetBytes(100, 1));
    const cut = pcapRecord(true, 2, 0, packetBytes(100, 2)).subarray(0, 50);
    const { records, error } = readWhole(concat(pcapHeader(true), good, cut));
    expect(records).toHaveLength(1);
    expectFormatError(error, 24 + 116, /^capture\.pcap: record at offset 140: truncated: needs 116 bytes, only 50 present$/);
  });

  it("reports a record header cut short", () => {
    const { error } = readWhole(concat(pcapHeader(false), Uint8Array.of(0, 0, 0, 1, 0)));
    expectFormatError(error, 24, /record at offset 24: truncated: needs 16 bytes, only 5 present/);
  });

  it("reports a captured length running past the end of the input", () => {
    const lying = pcapRecord(true, 1, 0, packetBytes(10, 0), 10, 1000);
    const { records, error } = readWhole(concat(pcapHeader(true), lying));
    expect(records).toEqual([]);
    expectFormatError(error, 24, /needs 1016 bytes, only 26 present/);
  });

  it("refuses a captured length beyond the unit limit without waiting for the bytes", () => {
    const reader = new CaptureReader({ maxUnitLength: 4096 });
    reader.push(concat(pcapHeader(true), pcapRecord(true, 1, 0, new Uint8Array(0), 0, 0xffff_fff0)));
    expect(() => reader.next()).toThrow(/record at offset 24: captured length 4294967280 exceeds the 4096-byte limit/);
  });

  it("keeps failing with the same error once it failed", () => {
    const reader = new CaptureReader();
    reader.push(Uint8Array.of(1, 2, 3, 4));
    let first: unknown;
    try {
      reader.next();
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(CaptureFormatError);
    expect(() => reader.next()).toThrow(first as Error);
    expect(reader.finished).toBe(false);
  });
});
