// Bad input never throws: truncated everything and lying lengths decode what is valid and say
// what is wrong.
import { describe, expect, it } from "vitest";
import * as ioamVectors from "../../assembly/wire/ioam.vectors.js";
import * as srhVectors from "../../assembly/wire/srh.vectors.js";
import * as vppVectors from "../../assembly/wire/vpp-ioam.vectors.js";
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_RAW,
  decodeFrame,
  renderFieldsLine,
  renderJson,
  renderTree,
  supportedFields,
} from "../../src/host/decode/index.js";
import { A1, A2, ECHO, ETH_IPV6, bytes, eth, field, hexToBytes, ipv6, raw } from "./helpers/build.js";
import { collectVectors } from "./helpers/vectors.js";

const ALL_FIELDS = supportedFields().map((f) => f.name);
const VECTORS = [...collectVectors(ioamVectors), ...collectVectors(srhVectors), ...collectVectors(vppVectors)];
const TCP_SYN = ipv6(6, "9c6b01bb 00000001 00000000 b002 2000 0000 0000 020405b4 0402 080a0000000100000002 01 030307 00000000");
const UDP = ipv6(17, "9c419c42000c1234 61626364");

function decodesQuietly(data: Uint8Array, linkType: number): ReturnType<typeof decodeFrame> {
  const frame = decodeFrame(data, linkType);
  renderTree(frame);
  renderJson([frame]);
  renderFieldsLine(frame, ALL_FIELDS);
  expect(frame.problems.filter((p) => p.startsWith("internal decoder error"))).toEqual([]);
  return frame;
}

describe("truncated at every length", () => {
  const whole = [
    ...VECTORS.map((v) => ({ name: v.name, data: hexToBytes(v.hex), linkType: LINKTYPE_RAW })),
    { name: "TCP SYN with options", data: hexToBytes(TCP_SYN), linkType: LINKTYPE_RAW },
    { name: "Ethernet UDP", data: bytes(ETH_IPV6, UDP), linkType: LINKTYPE_ETHERNET },
    { name: "SLL UDP", data: bytes("0000 0001 0006 020000000001 0000 86dd", UDP), linkType: LINKTYPE_LINUX_SLL },
    { name: "SLL2 UDP", data: bytes("86dd 0000 00000003 0001 04 06 020000000001 0000", UDP), linkType: LINKTYPE_LINUX_SLL2 },
  ];
  for (const { name, data, linkType } of whole) {
    it(`${name}: every prefix decodes without throwing and says what is missing`, () => {
      expect(decodesQuietly(data, linkType).problems).toEqual([]);
      for (let length = 0; length < data.length; length++) {
        const frame = decodesQuietly(data.subarray(0, length), linkType);
        expect(frame.problems.length, `${name} cut to ${length} bytes`).toBeGreaterThan(0);
      }
    });
  }

  it("a snaplen cut says the capture was limited", () => {
    const data = hexToBytes(ioamVectors.IOAM_V1_SENT_HEX);
    const frame = decodeFrame(data.subarray(0, 50), LINKTYPE_RAW, undefined, { originalLength: data.length });
    expect(frame.problems[0]).toBe("packet size limited during capture: 50 of 88 bytes captured");
    expect(frame.summary).toContain("[packet size limited during capture: 50 of 88 bytes captured");
  });
});

describe("lying lengths", () => {
  const cases: [string, string, string][] = [
    [
      "IPv6 payload length past the frame",
      `60000000 04b0 11 40 ${A1}${A2} 9c419c42000b0000 616263`,
      "IPv6 payload length 1200 runs past the end of the frame (11 bytes left)",
    ],
    ["HBH length past the packet", ipv6(0, "3a09 0104 00000000"), "Hop-by-Hop header length 80 runs past the end of the packet (8 bytes left)"],
    [
      "option length past the HBH",
      ipv6(0, "3a00 0109 000000 00" + ECHO),
      "Hop-by-Hop option 0x01 length 9 runs past the end of the Hop-by-Hop header (4 bytes left)",
    ],
    ["IOAM option past the packet", ipv6(0, "3a03 0100 313c 0000 007b 0803 800000 00" + "00".repeat(12) + "01020000"), "IOAM option truncated: 28 of 62 bytes"],
    [
      "IOAM RemainingLen past the data",
      ipv6(0, "3a02 0100 3112 0000 007b 0809 800000 00 0000000000000000" + ECHO),
      "IOAM trace RemainingLen 9 (36 bytes) exceeds the 8 bytes of node data",
    ],
    [
      "IOAM node cut short",
      ipv6(0, "3a03 0100 3116 0000 007b 1000 c00000 00 3f000002 00010002 40000001 01020000" + ECHO),
      "IOAM trace node 2 truncated: 4 bytes left, NodeLen needs 8",
    ],
    ["SRH length past the packet", ipv6(43, `3a08 0401 0100 0000 ${A2}`), "Routing header length 72 runs past the end of the packet (24 bytes left)"],
    ["SRH last entry past the header", ipv6(43, `3a02 0401 0300 0000 ${A2}` + ECHO), "SRH Last Entry 3 needs 64 bytes of segments but the header has 16"],
    ["SRH segments left past last entry", ipv6(43, `3a02 0405 0000 0000 ${A2}` + ECHO), "SRH Segments Left 5 exceeds Last Entry 0 + 1"],
    ["TCP data offset too small", ipv6(6, "9c4401bb 00000001 00000000 3002 ffff 0000 0000"), "TCP header length 12 is shorter than 20 bytes"],
    [
      "TCP data offset past the packet",
      ipv6(6, "9c4401bb 00000001 00000000 f002 ffff 0000 0000"),
      "TCP header length 60 runs past the end of the packet (20 bytes left)",
    ],
    [
      "TCP option past the options",
      ipv6(6, "9c4401bb 00000001 00000000 6002 ffff 0000 0000 0208 05b4"),
      "TCP option 2 length 8 runs past the end of the options (4 bytes left)",
    ],
    ["UDP length past the payload", ipv6(17, "9c459c46 0100 1234 61626364"), "UDP length 256 runs past the end of the IP payload (12 bytes left)"],
    ["UDP length below its header", ipv6(17, "9c459c46 0004 1234 61626364"), "UDP length 4 is shorter than the 8-byte header"],
    [
      "IPv4 total length below its header",
      "4f00 0020 0001 0000 4011 0000 c0000201 c0000202" + "00".repeat(40),
      "IPv4 total length 32 is less than the header length 60",
    ],
    [
      "VPP trace elements past its slots",
      ipv6(0, "3a02 3b12 0309" + "00".repeat(16) + "0000" + ECHO),
      "VPP trace elements left 9 exceeds the 2 slots in the option",
    ],
    ["wrong IP version", `50000000 0000 3a40 ${A1}${A2}`, "raw IP packet with IP version 5"],
    ["IPv6 header with version 4 behind an IPv6 EtherType", `${"020000000002020000000001"}86dd 40000000 0000 3a40 ${A1}${A2}`, "IPv6 header has IP version 4"],
  ];
  for (const [name, hex, problem] of cases) {
    it(`${name}: "${problem}"`, () => {
      const frame = decodesQuietly(hexToBytes(hex), hex.startsWith("0200") ? LINKTYPE_ETHERNET : LINKTYPE_RAW);
      expect(frame.problems).toContain(problem);
      expect(frame.summary).toContain(problem);
    });
  }

  it("decodes what is valid before the lie", () => {
    const frame = raw(ipv6(43, `3a02 0401 0300 0000 ${A2}` + ECHO));
    expect(field(frame, "ipv6.routing.srh.addr")).toBe("2001:db8:2::2");
    expect(field(frame, "ipv6.routing.srh.last_entry")).toBe("3");
    const udp = raw(`60000000 04b0 11 40 ${A1}${A2} 9c419c42000b0000 616263`);
    expect(field(udp, "udp.srcport")).toBe("40001");
  });

  it("an Ethernet frame shorter than its header has no fields and one problem", () => {
    const frame = eth("020000000002 0200");
    expect(frame.problems).toEqual(["Ethernet header truncated: 8 of 14 bytes"]);
    expect(field(frame, "eth.dst")).toBe("");
  });

  it("unknown link types are reported, not thrown", () => {
    const frame = decodesQuietly(hexToBytes("0102030405"), 9999);
    expect(frame.problems).toEqual(["link type 9999 is not supported"]);
  });
});
