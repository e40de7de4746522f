// The TCP service-affinity option (docs/tcp-service-affinity.md) added by the Wasm kernel to SYN and
// FIN segments with and without options and payload: lengths, data offset, padding, checksum (a TS
// recomputation, and tshark's own check), refusals with their counted reasons, the IPv4 form,
// tcpAffinityFind, and the decoder's fields. Debug build: no access outside a packet.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { ERRORS } from "../../src/host/engine/graph-info.js";
import { NODE_ETHERNET_INPUT } from "../../assembly/graph/graph.layout.js";
import { BUFFER_HEADROOM, DESC_DATA_OFFSET, DESC_ERROR } from "../../assembly/engine/descriptor.layout.js";
import {
  TCP_AFFINITY_EXID,
  TCP_AFFINITY_FAMILY_IP4,
  TCP_AFFINITY_FAMILY_IP6,
  TCP_AFFINITY_IP4_LENGTH,
  TCP_AFFINITY_IP6_LENGTH,
  TCP_AFFINITY_KIND,
} from "../../assembly/wire/tcp-affinity.layout.js";
import { ethernetIp6, toHex } from "../support/hex.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { tsharkColumn } from "../support/tshark.js";
import { eth, expectFields } from "../decode/helpers/build.js";
import { compareWithTshark, report } from "../decode/helpers/differential.js";
import { tempDir } from "../decode/helpers/oracles.js";
import { ACK, FIN, SERVER4, SERVER6, segment, SYN, tcpChecksum, writePcap } from "./packets.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";

type AffinityExports = {
  tcpAffinityAppendVector(n: number, server: number, port: number, family: number): number;
  tcpAffinityFindOffset(i: number): number;
};

const ETH = 14;
const LINUX_SYN = "020405b4 0402080a 0000abcd 00000000 01030307"; // MSS, SACK-perm, TS, NOP, WS: 20 octets
const MSS_SACKPERM_WS = "020405b4 01030307 04020000"; // 10 octets then EOL padding
const TIMESTAMPS = "0101080a 01020304 05060708";
const payload = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

const errorId = (reason: string) => ERRORS.find((e) => e.node === "tcp-affinity" && e.reason.startsWith(reason))!.id;

let engine: WasmEngine;
let kernels: AffinityExports;
let server6 = 0;
let server4 = 0;

beforeAll(async () => {
  engine = await WasmEngine.load(readFileSync(engineWasmPath("debug")));
  kernels = engine.componentExports<AffinityExports>(["tcpAffinityAppendVector", "tcpAffinityFindOffset"]);
  server6 = engine.allocate(64);
  server4 = server6 + 32;
  engine.memory.set(SERVER6, server6);
  engine.memory.set(SERVER4, server4);
});

function parse(packets: Uint8Array[]): void {
  packets.forEach((packet, slot) =>
    engine.putPacket(slot, { data: ethernetIp6(packet), rxInterface: 1, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 0, traceSlot: 0 }),
  );
  expect(benchKernels(engine).parseVector(packets.length)).toBe(packets.length);
}

/** Appends to each packet; returns the IPv6 packets after the kernel (Ethernet header removed). */
function append(packets: Uint8Array[], family = TCP_AFFINITY_FAMILY_IP6, port = 8443): { added: number; out: Uint8Array[]; frames: Uint8Array[] } {
  parse(packets);
  engine.clearErrors();
  const added = kernels.tcpAffinityAppendVector(packets.length, family === TCP_AFFINITY_FAMILY_IP6 ? server6 : server4, port, family);
  const frames = packets.map((_, slot) => engine.packetView(slot).slice());
  return { added, out: frames.map((f) => f.slice(ETH)), frames };
}

const tcpHeaderLength = (p: Uint8Array) => (p[52]! >> 4) * 4;
const checksumOf = (p: Uint8Array) => (p[56]! << 8) | p[57]!;

interface Case {
  name: string;
  flags: number;
  options: string;
  payload: number;
  family: number;
  headerAfter: number; // TCP header length after the kernel
  optionAt: number; // option offset inside the TCP header
}

const CASES: Case[] = [
  { name: "SYN without options", flags: SYN, options: "", payload: 0, family: 6, headerAfter: 44, optionAt: 20 },
  { name: "SYN with MSS, SACK-perm, WS (EOL padding reused)", flags: SYN, options: MSS_SACKPERM_WS, payload: 0, family: 6, headerAfter: 56, optionAt: 30 },
  { name: "FIN+ACK with timestamps and 100 octets of data", flags: FIN | ACK, options: TIMESTAMPS, payload: 100, family: 6, headerAfter: 56, optionAt: 32 },
  { name: "FIN+ACK without options, 37 octets (odd) of data", flags: FIN | ACK, options: "", payload: 37, family: 6, headerAfter: 44, optionAt: 20 },
  {
    name: "FIN+ACK whose 28 octets of EOL padding hold the option (no growth)",
    flags: FIN | ACK,
    options: "00".repeat(28),
    payload: 5,
    family: 6,
    headerAfter: 48,
    optionAt: 20,
  },
  { name: "IPv4 form on a FIN+ACK with timestamps", flags: FIN | ACK, options: TIMESTAMPS, payload: 9, family: 4, headerAfter: 44, optionAt: 32 },
  { name: "IPv4 form on Linux's full SYN options", flags: SYN, options: LINUX_SYN, payload: 0, family: 4, headerAfter: 52, optionAt: 40 },
];

function input(c: Case): Uint8Array {
  return segment(c.flags, c.options, payload(c.payload), 40000 + CASES.indexOf(c)); // one stream each: no retransmissions
}

describe("tcpAffinityAppend", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const before = input(c);
      const { added, out } = append([before], c.family, 8443);
      expect(added).toBe(1);
      const [after] = out as [Uint8Array];
      const growth = c.headerAfter - tcpHeaderLength(before);
      expect(after.length).toBe(before.length + growth);
      expect(tcpHeaderLength(after)).toBe(c.headerAfter);
      expect((after[4]! << 8) | after[5]!).toBe(after.length - 40);
      // The payload and everything before the options are unchanged.
      expect(toHex(after.subarray(40 + c.headerAfter))).toBe(toHex(before.subarray(40 + tcpHeaderLength(before))));
      expect(toHex(after.subarray(0, 4))).toBe(toHex(before.subarray(0, 4)));
      expect(toHex(after.subarray(6, 52))).toBe(toHex(before.subarray(6, 52)));
      expect(after[53]).toBe(before[53]);
      // Options kept up to their first EOL, then ours, then EOL to the end of the header.
      const o = 40 + c.optionAt;
      expect(toHex(after.subarray(60, o))).toBe(toHex(before.subarray(60, o)));
      const length = c.family === 6 ? TCP_AFFINITY_IP6_LENGTH : TCP_AFFINITY_IP4_LENGTH;
      expect(after[o]).toBe(TCP_AFFINITY_KIND);
      expect(after[o + 1]).toBe(length);
      expect((after[o + 2]! << 8) | after[o + 3]!).toBe(TCP_AFFINITY_EXID);
      expect(after[o + 4]).toBe(c.family);
      const server = c.family === 6 ? SERVER6 : SERVER4;
      expect(toHex(after.subarray(o + 5, o + 5 + server.length))).toBe(toHex(server));
      expect((after[o + 5 + server.length]! << 8) | after[o + 6 + server.length]!).toBe(8443);
      expect([...after.subarray(o + length, 40 + c.headerAfter)].every((b) => b === 0)).toBe(true);
      expect(checksumOf(after)).toBe(tcpChecksum(after));
      expect(kernels.tcpAffinityFindOffset(0)).toBe(ETH + o);
      expect(engine.errorCounts()[errorId("service-affinity option added")]).toBe(1n);
      expect(engine.boundsViolations()).toBe(0);
    });
  }

  it("moves the headers into the headroom and leaves the payload where it was", () => {
    append([input(CASES[2]!)]);
    expect(engine.descriptorField16(0, DESC_DATA_OFFSET)).toBe(BUFFER_HEADROOM - 24);
  });

  it("a whole vector: every packet gets its option and a right checksum", () => {
    const inputs = CASES.filter((c) => c.family === 6).map(input);
    const { added, out } = append(inputs);
    expect(added).toBe(inputs.length);
    for (const p of out) expect(checksumOf(p)).toBe(tcpChecksum(p));
    expect(engine.errorCounts()[errorId("service-affinity option added")]).toBe(BigInt(inputs.length));
    expect(engine.boundsViolations()).toBe(0);
  });

  it("refuses when the options would exceed 40 octets (Linux's SYN options + the IPv6 form: 43)", () => {
    const before = segment(SYN, LINUX_SYN);
    const { added, out } = append([before]);
    expect(added).toBe(0);
    expect(toHex(out[0]!)).toBe(toHex(before));
    const reason = errorId("TCP options would exceed 40 octets");
    expect(engine.errorCounts()[reason]).toBe(1n);
    expect(engine.descriptorField16(0, DESC_ERROR)).toBe(reason);
    expect(kernels.tcpAffinityFindOffset(0)).toBe(0);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("refuses when the headroom is shorter than the growth", () => {
    const before = segment(FIN | ACK, TIMESTAMPS, payload(10));
    parse([before]);
    // Move the frame to 8 octets of headroom (the option needs 24).
    const d = engine.descriptorAddress(0);
    const view = engine.memoryView();
    const offset = view.getUint16(d + DESC_DATA_OFFSET, true);
    const start = engine.bufferAddress(0);
    const frame = engine.memory.slice(start + offset, start + offset + ETH + before.length);
    engine.memory.set(frame, start + 8);
    view.setUint16(d + DESC_DATA_OFFSET, 8, true);
    engine.clearErrors();
    expect(kernels.tcpAffinityAppendVector(1, server6, 8443, TCP_AFFINITY_FAMILY_IP6)).toBe(0);
    expect(toHex(engine.packetView(0).slice(ETH))).toBe(toHex(before));
    expect(engine.errorCounts()[errorId("headroom too short")]).toBe(1n);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("refuses an unknown family and a packet without TCP", () => {
    const udp = segment(SYN);
    udp[6] = 59; // no next header
    const { added } = append([segment(SYN)], 5);
    expect(added).toBe(0);
    expect(append([udp]).added).toBe(0);
    expect(engine.errorCounts()[errorId("not a well-formed")]).toBe(1n);
    expect(engine.boundsViolations()).toBe(0);
  });
});

describe("decoding the option", () => {
  it("shows tshark's experimental fields and ours (IPv6 form)", () => {
    const { frames } = append([input(CASES[2]!)]);
    const frame = eth(toHex(frames[0]!));
    expectFields(frame, {
      "tcp.option_kind": "1,1,8,253,0",
      "tcp.options.experimental.exid": "0x5341",
      "tcp.options.service_affinity.family": "6",
      "tcp.options.service_affinity.flags": "0",
      "tcp.options.service_affinity.address": "2001:db8:42::a0b",
      "tcp.options.service_affinity.port": "8443",
    });
  });

  it("IPv4 form", () => {
    const { frames } = append([input(CASES[5]!)], TCP_AFFINITY_FAMILY_IP4, 80);
    const frame = eth(toHex(frames[0]!));
    expectFields(frame, {
      "tcp.options.service_affinity.family": "4",
      "tcp.options.service_affinity.address_v4": "192.0.2.77",
      "tcp.options.service_affinity.port": "80",
      "tcp.options.experimental.data": "04c000024d0050",
    });
  });

  it("another ExID on kind 253 gets no service-affinity fields", () => {
    const { frames } = append([input(CASES[0]!)]);
    const frame = frames[0]!;
    frame[ETH + 40 + 20 + 3] ^= 1;
    expectFields(eth(toHex(frame)), { "tcp.options.service_affinity.port": "" });
  });
});

describeWith(NEEDS.tshark, "tshark on what the kernel wrote", () => {
  let pcap = "";
  beforeAll(() => {
    const { frames } = append(CASES.filter((c) => c.family === 6).map(input));
    const v4 = append(CASES.filter((c) => c.family === 4).map(input), TCP_AFFINITY_FAMILY_IP4, 443).frames;
    pcap = join(tempDir("affinity-"), "affinity.pcap");
    writePcap(pcap, [...frames, ...v4]);
  });

  it("checks every checksum as Good", () => {
    const status = tsharkColumn(pcap, "tcp.checksum.status", ["-o", "tcp.check_checksum:TRUE"]);
    expect(status).toEqual(CASES.map(() => "1"));
  });

  it("sees kind 253 with our ExID and data", () => {
    expect(tsharkColumn(pcap, "tcp.options.experimental.exid")).toEqual(CASES.map(() => "0x5341"));
  });

  it("agrees with our decoder on every field both define", () => {
    const mismatches = compareWithTshark(pcap);
    expect(mismatches, report(mismatches, "affinity")).toEqual([]);
  });
});

describeWith(NEEDS.scapy, "scapy's own encoding of the option", () => {
  it("equals the kernel's output octet for octet, and both decoders agree on it", () => {
    const dir = tempDir("affinity-scapy-");
    const pcap = join(dir, "scapy.pcap");
    const script = join(dir, "build.py");
    writeFileSync(
      script,
      `import sys
from scapy.all import Ether, IPv6, TCP, Raw, wrpcap
value = bytes.fromhex("5341" "06" "20010db800420000000000000000" "0a0b" "20fb")
p = (Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")
     / IPv6(src="2001:db8:1::2", dst="2001:db8:2::2", hlim=64)
     / TCP(sport=40443, dport=50123, seq=0x11223344, ack=0x55667788, flags="FA", window=64240,
           options=[(253, value)])
     / Raw(bytes((i * 7 + 3) & 0xff for i in range(21))))
wrpcap(sys.argv[1], [p])
`,
    );
    execFileSync("/usr/bin/python3", [script, pcap], { stdio: ["ignore", "ignore", "pipe"] });
    const scapyFrame = readFileSync(pcap).subarray(24 + 16);
    const { frames } = append([segment(FIN | ACK, "", payload(21))], TCP_AFFINITY_FAMILY_IP6, 0x20fb);
    expect(toHex(frames[0]!)).toBe(toHex(scapyFrame));
    const mismatches = compareWithTshark(pcap);
    expect(mismatches, report(mismatches, "affinity-scapy")).toEqual([]);
    expect(tsharkColumn(pcap, "tcp.checksum.status", ["-o", "tcp.check_checksum:TRUE"])).toEqual(["1"]);
    expectFields(eth(toHex(scapyFrame)), {
      "tcp.options.service_affinity.address": "2001:db8:42::a0b",
      "tcp.options.service_affinity.port": "8443",
    });
  });
});
