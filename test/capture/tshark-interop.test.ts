import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCaptureFromBytes } from "../../src/host/capture/capture-reader.js";
import type { CaptureRecord } from "../../src/host/capture/capture-record.js";
import type { CaptureWriteRecord } from "../../src/host/capture/capture-writer.js";
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { CaptureFileWriter, type CaptureFileWriterOptions } from "../../src/io/capture-file.js";
import { block, concat, epb, fingerprint, idb, obsoletePacketBlock, packetBytes, shb, spb } from "./capture-bytes.js";

const TSHARK = "/usr/bin/tshark";
const EDITCAP = "/usr/bin/editcap";
const tsharkInstalled = existsSync(TSHARK) && existsSync(EDITCAP);
const requiredByCi = process.env.CI === "true";
if (!tsharkInstalled && !requiredByCi) console.log("skipped: tshark not installed");

interface FrameFields {
  timeEpoch: string;
  length: number;
  capturedLength: number;
  interfaceId: string;
}

function tsharkFields(path: string): FrameFields[] {
  const output = execFileSync(
    TSHARK,
    ["-r", path, "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.interface_id"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return output
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [timeEpoch, length, capturedLength, interfaceId] = line.split("\t");
      return { timeEpoch: timeEpoch!, length: Number(length), capturedLength: Number(capturedLength), interfaceId: interfaceId ?? "" };
    });
}

function epochText(tsSec: number, tsNsec: number): string {
  return `${tsSec}.${String(tsNsec).padStart(9, "0")}`;
}

/** What tshark should print for a record we read; pcap has no interface ids, simple packet blocks no time. */
function expectedFields(record: CaptureRecord, format: "pcap" | "pcapng", hasTimestamp = true): FrameFields {
  return {
    timeEpoch: hasTimestamp ? epochText(record.tsSec, record.tsNsec) : "",
    length: record.originalLength,
    capturedLength: record.capturedLength,
    interfaceId: format === "pcap" ? "" : String(record.interfaceIndex),
  };
}

/** Records with `data` left out: it views the file's bytes; compare fingerprint(data) instead. */
function readFile(path: string): (CaptureRecord & { fingerprint: string })[] {
  return [...readCaptureFromBytes(readFileSync(path))].map((record) => ({ ...record, fingerprint: fingerprint(record.data) }));
}

/** Deterministic records with edge-case timestamps, some cut short (original length above the captured bytes). */
function sourceRecords(count: number, interfaces: Pick<CaptureWriteRecord, "linkType" | "interfaceName">[]): CaptureWriteRecord[] {
  const nanosecondEdges = [0, 1, 999, 1000, 999_999, 1_000_000, 999_999_999, 123_456_789];
  return Array.from({ length: count }, (_, i) => {
    const data = packetBytes(20 + ((i * 97) % 1400), i);
    return {
      ...interfaces[i % interfaces.length],
      tsSec: i % 5 === 0 ? 4_294_967_295 - i : 1_700_000_000 + i * 3,
      tsNsec: i < nanosecondEdges.length ? nanosecondEdges[i]! : (i * 7_654_321) % 1_000_000_000,
      data,
      originalLength: i % 4 === 0 ? data.length + 100 : data.length,
    };
  });
}

describe.skipIf(!tsharkInstalled && !requiredByCi)("tshark interop", () => {
  let directory = "";

  beforeAll(() => {
    if (!tsharkInstalled) throw new Error(`CI=true requires tshark and editcap at ${TSHARK} and ${EDITCAP}: install the tshark package`);
    directory = mkdtempSync(join(tmpdir(), "manycast-tshark-"));
  });
  afterAll(() => {
    if (directory !== "") rmSync(directory, { recursive: true, force: true });
  });

  function writeCapture(name: string, options: CaptureFileWriterOptions, records: CaptureWriteRecord[]): string {
    const path = join(directory, name);
    const writer = CaptureFileWriter.create(path, options);
    for (const record of records) writer.write(record);
    writer.close();
    return path;
  }

  const ethernetOnly = [{ linkType: LINKTYPE_ETHERNET }];
  const threeInterfaces = [
    { linkType: LINKTYPE_ETHERNET, interfaceName: "eth0" },
    { linkType: LINKTYPE_RAW, interfaceName: "tun0" },
    { linkType: LINKTYPE_ETHERNET, interfaceName: "eth1" },
  ];

  it.each([
    ["ns.pcap", { format: "pcap", precision: "ns" }, ethernetOnly, 1],
    ["us.pcap", { format: "pcap", precision: "us" }, ethernetOnly, 1000],
    ["three-interfaces.pcapng", { format: "pcapng" }, threeInterfaces, 1],
  ] as const)("tshark sees in %s what our reader returns and what we wrote", (name, options, interfaces, nanosecondStep) => {
    const records = sourceRecords(120, interfaces);
    const path = writeCapture(name, { ...options, linkType: LINKTYPE_ETHERNET }, records);
    const read = readFile(path);
    expect(read.map((r) => [r.linkType, r.interfaceName, r.tsSec, r.tsNsec, r.originalLength, r.fingerprint])).toEqual(
      records.map((r) => [r.linkType, r.interfaceName, r.tsSec, Math.floor(r.tsNsec / nanosecondStep) * nanosecondStep, r.originalLength, fingerprint(r.data)]),
    );
    expect(tsharkFields(path)).toEqual(read.map((record) => expectedFields(record, options.format)));
    if (options.format === "pcapng") expect(new Set(read.map((r) => r.interfaceIndex))).toEqual(new Set([0, 1, 2]));
  });

  it("reads back what tshark and editcap write from our files", () => {
    const pcapRecords = sourceRecords(80, ethernetOnly);
    const ourPcap = writeCapture("ours.pcap", { format: "pcap", precision: "ns", linkType: LINKTYPE_ETHERNET }, pcapRecords);
    const pcapngRecords = sourceRecords(80, threeInterfaces);
    const ourPcapng = writeCapture("ours.pcapng", { format: "pcapng", linkType: LINKTYPE_ETHERNET }, pcapngRecords);

    const tsharkPcapng = join(directory, "by-tshark.pcapng");
    execFileSync(TSHARK, ["-r", ourPcap, "-F", "pcapng", "-w", tsharkPcapng], { stdio: "ignore" });
    const conversions: [string, string, string, CaptureWriteRecord[], number][] = [
      ["tshark -F pcapng", tsharkPcapng, "", pcapRecords, 1],
      ["editcap -F pcapng", join(directory, "by-editcap.pcapng"), ourPcapng, pcapngRecords, 1],
      ["editcap -F nsecpcap", join(directory, "by-editcap-ns.pcap"), ourPcap, pcapRecords, 1],
      ["editcap -F pcap", join(directory, "by-editcap-us.pcap"), ourPcap, pcapRecords, 1000],
    ];
    for (const [how, output, input, records, nanosecondStep] of conversions) {
      if (input !== "") execFileSync(EDITCAP, ["-F", how.split(" ").pop()!, input, output], { stdio: "ignore" });
      const read = readFile(output);
      expect(
        read.map((r) => [r.tsSec, r.tsNsec, r.originalLength, r.fingerprint]),
        how,
      ).toEqual(records.map((r) => [r.tsSec, Math.floor(r.tsNsec / nanosecondStep) * nanosecondStep, r.originalLength, fingerprint(r.data)]));
      expect(
        read.map((r) => r.interfaceName),
        how,
      ).toEqual(records.map((r) => r.interfaceName));
    }
  });

  it("agrees with tshark on a hand-built pcapng with 2^-20 ticks, an offset, two byte orders, SPB and PB", () => {
    const bytes = concat(
      shb(true),
      idb(true, { linkType: LINKTYPE_ETHERNET, name: "eth0", snaplen: 200 }),
      block(true, 4, new Uint8Array(4)),
      idb(true, { linkType: 229, name: "tun0", tsresol: 0x80 | 20, tsoffset: 7n }),
      epb(true, 0, 1_700_000_000_000_001n, packetBytes(61, 1)),
      spb(true, 300, packetBytes(200, 2)),
      epb(true, 1, (1_700_000_000n << 20n) + 12345n, packetBytes(1, 3)),
      block(true, 5, new Uint8Array(16)),
      shb(false),
      idb(false, { linkType: LINKTYPE_RAW, tsresol: 9 }),
      obsoletePacketBlock(false, 0, 3_000_000_123n, packetBytes(77, 5)),
      epb(false, 0, 4_000_000_000n, packetBytes(0, 6)),
    );
    const path = join(directory, "hand-built.pcapng");
    writeFileSync(path, bytes);
    const read = readFile(path);
    expect(read).toHaveLength(5);
    const simplePacketIndex = 1;
    expect(tsharkFields(path)).toEqual(read.map((record, i) => expectedFields(record, "pcapng", i !== simplePacketIndex)));
  });
});
