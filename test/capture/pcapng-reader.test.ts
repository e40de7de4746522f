import { describe, expect, it } from "vitest";
import { CaptureReader } from "../../src/host/capture/capture-reader.js";
import { LINKTYPE_ETHERNET, LINKTYPE_IPV6, LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { BYTE_ORDERS, block, ByteBuilder, concat, endOfOptions, epb, idb, obsoletePacketBlock, option, packetBytes, shb, spb } from "./capture-bytes.js";
import { expectFormatError, readWhole } from "./read-outcome.js";

const SEC = 1_700_000_000n;

describe.each(BYTE_ORDERS)("pcapng, %s", (_name, le) => {
  it("reads two interfaces with different link types, resolutions and offsets", () => {
    const ethernetFrame = packetBytes(60, 1);
    const ipv6Packet = packetBytes(81, 2);
    const bytes = concat(
      shb(le),
      // Default resolution 10^-6, explicit tsresol 6 here; no offset.
      idb(le, { linkType: LINKTYPE_ETHERNET, snaplen: 262144, name: "eth0", tsresol: 6 }),
      // 2^-20 s ticks, 100 s behind the real clock.
      idb(le, { linkType: LINKTYPE_IPV6, name: "tun0", tsresol: 0x80 | 20, tsoffset: 100n }),
      epb(le, 0, SEC * 1_000_000n + 123_456n, ethernetFrame, { originalLength: 1514 }),
      epb(le, 1, ((SEC - 100n) << 20n) + (1n << 18n), ipv6Packet),
    );
    const { records, error } = readWhole(bytes);
    expect(error).toBeUndefined();
    expect(records).toEqual([
      {
        linkType: 1,
        interfaceIndex: 0,
        interfaceName: "eth0",
        tsSec: 1_700_000_000,
        tsNsec: 123_456_000,
        capturedLength: 60,
        originalLength: 1514,
        data: ethernetFrame,
      },
      {
        linkType: 229,
        interfaceIndex: 1,
        interfaceName: "tun0",
        tsSec: 1_700_000_000,
        tsNsec: 250_000_000,
        capturedLength: 81,
        originalLength: 81,
        data: ipv6Packet,
      },
    ]);
  });

  it("takes a negative if_tsoffset and the default microsecond resolution", () => {
    const bytes = concat(shb(le), idb(le, { linkType: LINKTYPE_RAW, tsoffset: -1_000n }), epb(le, 0, 5_000_000n + 7n, packetBytes(20, 0)));
    expect(readWhole(bytes).records[0]).toMatchObject({ tsSec: 5 - 1000, tsNsec: 7000, interfaceName: undefined });
  });

  it("starts afresh at each section, and each section may have its own byte order", () => {
    const bytes = concat(
      shb(le),
      idb(le, { linkType: LINKTYPE_ETHERNET, name: "first" }),
      idb(le, { linkType: LINKTYPE_RAW, name: "second" }),
      epb(le, 1, 1n, packetBytes(8, 1)),
      shb(!le),
      idb(!le, { linkType: LINKTYPE_IPV6, name: "third", tsresol: 9 }),
      epb(!le, 0, 2_000_000_001n, packetBytes(9, 2)),
    );
    const { records, error } = readWhole(bytes);
    expect(error).toBeUndefined();
    expect(records.map((r) => [r.interfaceIndex, r.interfaceName, r.linkType, r.tsSec, r.tsNsec])).toEqual([
      [1, "second", LINKTYPE_RAW, 0, 1000],
      [0, "third", LINKTYPE_IPV6, 2, 1],
    ]);
  });

  it("forgets the previous section's interfaces", () => {
    const secondSection = concat(shb(le), idb(le, { linkType: 1 }));
    const firstSection = concat(shb(le), idb(le, { linkType: 1 }), idb(le, { linkType: 1 }));
    const offset = firstSection.length + secondSection.length;
    const { error } = readWhole(concat(firstSection, secondSection, epb(le, 1, 0n, packetBytes(4, 0))));
    expectFormatError(error, offset, new RegExp(`block at offset ${offset}: interface id 1 is not defined in this section \\(1 interfaces\\)`));
  });

  it("reads simple packet blocks on interface 0, cut at its snaplen", () => {
    const bytes = concat(
      shb(le),
      idb(le, { linkType: LINKTYPE_ETHERNET, snaplen: 64, name: "sp" }),
      spb(le, 1500, packetBytes(64, 1)),
      spb(le, 42, packetBytes(42, 2)),
    );
    const { records, error } = readWhole(bytes);
    expect(error).toBeUndefined();
    expect(records).toEqual([
      { linkType: 1, interfaceIndex: 0, interfaceName: "sp", tsSec: 0, tsNsec: 0, capturedLength: 64, originalLength: 1500, data: packetBytes(64, 1) },
      { linkType: 1, interfaceIndex: 0, interfaceName: "sp", tsSec: 0, tsNsec: 0, capturedLength: 42, originalLength: 42, data: packetBytes(42, 2) },
    ]);
  });

  it("reads the obsolete packet block", () => {
    const bytes = concat(shb(le), idb(le, { linkType: 1 }), idb(le, { linkType: 101, tsresol: 3 }), obsoletePacketBlock(le, 1, 1_234_567n, packetBytes(30, 0)));
    expect(readWhole(bytes).records).toEqual([
      expect.objectContaining({ interfaceIndex: 1, linkType: 101, tsSec: 1234, tsNsec: 567_000_000, capturedLength: 30 }),
    ]);
  });

  it("skips name resolution, statistics, decryption secrets, custom and unknown blocks", () => {
    const body = (n: number) => new ByteBuilder(le).bytes(packetBytes(n, n)).build();
    const bytes = concat(
      shb(le, { options: concat(option(le, 4, new TextEncoder().encode("linux")), endOfOptions(le)) }),
      block(le, 4, body(13)),
      idb(le, { linkType: 1 }),
      block(le, 5, body(24)),
      epb(le, 0, 1n, packetBytes(10, 1)),
      block(le, 0x0a, body(7)),
      block(le, 0xbad, body(16)),
      block(le, 0x4000_0bad, body(3)),
      block(le, 0x1234_5678, new Uint8Array(0)),
      epb(le, 0, 2n, packetBytes(11, 2)),
    );
    const { records, error } = readWhole(bytes);
    expect(error).toBeUndefined();
    expect(records.map((r) => r.capturedLength)).toEqual([10, 11]);
  });

  it("knows the first interface's link type before the first packet", () => {
    const reader = new CaptureReader();
    reader.push(concat(shb(le), block(le, 4, new Uint8Array(8)), idb(le, { linkType: LINKTYPE_IPV6 }), epb(le, 0, 0n, packetBytes(4, 0))));
    expect(reader.linkType).toBeUndefined();
    expect(reader.advanceToPacket()).toBe(true);
    expect(reader.format).toBe("pcapng");
    expect(reader.linkType).toBe(LINKTYPE_IPV6);
    expect(reader.next()?.capturedLength).toBe(4);
  });
});

describe("pcapng, malformed", () => {
  const header = concat(shb(true), idb(true, { linkType: 1 }));
  const at = header.length;

  it("rejects a total length that is not a multiple of 4", () => {
    const { error } = readWhole(concat(header, epb(true, 0, 0n, packetBytes(8, 0), { leadingLength: 7 })));
    expectFormatError(error, at, new RegExp(`^capture\\.pcapng: block at offset ${at}: total length 7 is less than the minimum 12$`));
    const { error: unaligned } = readWhole(concat(header, epb(true, 0, 0n, packetBytes(8, 0), { leadingLength: 38 })));
    expectFormatError(unaligned, at, new RegExp(`^capture\\.pcapng: block at offset ${at}: total length 38 is not a multiple of 4$`));
  });

  it("rejects a trailing total length that differs from the leading one", () => {
    const { records, error } = readWhole(concat(header, epb(true, 0, 0n, packetBytes(8, 0)), epb(true, 0, 0n, packetBytes(8, 0), { trailingLength: 44 })));
    expect(records).toHaveLength(1);
    expectFormatError(error, at + 40, /trailing total length 44 does not match the leading 40/);
  });

  it("rejects a leading length that overshoots into the next block", () => {
    const lying = epb(true, 0, 0n, packetBytes(8, 0), { leadingLength: 44 });
    const { error } = readWhole(concat(header, lying, epb(true, 0, 0n, packetBytes(8, 0))));
    expectFormatError(error, at, /trailing total length 6 does not match the leading 44/);
  });

  it("rejects a truncated block after returning the complete ones", () => {
    const whole = epb(true, 0, 0n, packetBytes(100, 1));
    const { records, error } = readWhole(concat(header, whole, whole.subarray(0, 60)));
    expect(records).toHaveLength(1);
    expectFormatError(error, at + whole.length, /truncated: needs 132 bytes, only 60 present/);
  });

  it("rejects a captured length past the end of the block, but not past the snaplen", () => {
    const { error } = readWhole(concat(header, epb(true, 0, 0n, packetBytes(8, 0), { capturedLength: 9 })));
    expectFormatError(error, at, /captured length 9 runs past the block's data area of 8 bytes/);
    const small = concat(shb(true), idb(true, { linkType: 1, snaplen: 4 }), epb(true, 0, 0n, packetBytes(8, 0)));
    expect(readWhole(small).records[0]?.capturedLength).toBe(8);
  });

  it("rejects a simple packet block whose data would run past the block", () => {
    const { error } = readWhole(concat(header, spb(true, 100, packetBytes(12, 0))));
    expectFormatError(error, at, /captured length 100 runs past the block's data area of 12 bytes/);
  });

  it("rejects packets before any interface", () => {
    const { error } = readWhole(concat(shb(true), spb(true, 4, packetBytes(4, 0))));
    expectFormatError(error, 28, /interface id 0 is not defined in this section \(0 interfaces\)/);
  });

  it("rejects a bad byte-order magic and an unsupported version", () => {
    const broken = shb(true);
    broken[8] = 0x99;
    expectFormatError(readWhole(broken).error, 0, /byte-order magic 0x993c2b1a is neither 0x1a2b3c4d nor its byte swap/);
    expectFormatError(readWhole(shb(true, { versionMajor: 2 })).error, 0, /unsupported section version 2\.0/);
  });

  it("rejects blocks too short for their type", () => {
    const { error } = readWhole(concat(header, block(true, 6, new Uint8Array(8))));
    expectFormatError(error, at, /enhanced packet block total length 20 is less than its minimum 32/);
    const { error: shortIdb } = readWhole(concat(shb(true), block(true, 1, new Uint8Array(4))));
    expectFormatError(shortIdb, 28, /interface description block total length 16 is less than its minimum 20/);
  });

  it("rejects options that run past the end of the block", () => {
    const body = new ByteBuilder(true).u16(1).u16(0).u32(0).u16(2).u16(200).bytes(new TextEncoder().encode("eth0")).build();
    const { error } = readWhole(concat(shb(true), block(true, 1, body)));
    expectFormatError(error, 28, /option 2 at offset 44 has length 200, past the end of the options \(4 bytes left\)/);
  });

  it("rejects an if_tsresol of the wrong size", () => {
    const body = new ByteBuilder(true)
      .u16(1)
      .u16(0)
      .u32(0)
      .bytes(option(true, 9, Uint8Array.of(6, 0)))
      .build();
    expectFormatError(readWhole(concat(shb(true), block(true, 1, body))).error, 28, /option if_tsresol has length 2, expected 1/);
  });

  it("rejects a timestamp whose seconds exceed 2^53", () => {
    const bytes = concat(shb(true), idb(true, { linkType: 1, tsresol: 0 }), epb(true, 0, 2n ** 60n, packetBytes(4, 0)));
    expectFormatError(readWhole(bytes).error, 28 + 32, /timestamp 0x10000000:0x00000000 in units of 10\^-0 s is beyond 2\^53 seconds/);
  });

  it("refuses a huge block length without waiting for the bytes", () => {
    const reader = new CaptureReader({ maxUnitLength: 1 << 20 });
    reader.push(concat(header, new ByteBuilder(true).u32(6).u32(0xffff_fff0).build()));
    expect(() => reader.next()).toThrow(/block at offset 48: total length 4294967280 exceeds the 1048576-byte limit/);
  });
});
