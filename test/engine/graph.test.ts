// The Wasm graph on byte vectors: well-formed packets pass the bump in the wire untouched, every
// malformed one is dropped with its named reason, and the counters say so.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { Dataplane, type TransmittedFrame } from "../../src/host/dataplane/dataplane.js";
import { errorIdOf } from "../../src/host/engine/graph-info.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import * as G from "../../assembly/graph/graph.layout.js";
import { ethernetIp6, hex, ipv6Hex, toHex } from "../support/hex.js";

// standards-interop.md §2.4 V1: IPv6 + HBH (PadN, IOAM pre-allocated trace) + ICMPv6 echo.
const V1 = hex(`600000000030004020010db800010000000000000000000220010db800020000
00000000000000023a03010031160000007b0803800000000000000000000000
000000000102000080009d4e1234000172732d70726f6265`);
// §4.6 V2: SRH with one End hop + ICMPv6.
const V2 = hex(`6000000000382b40 20010db8000100000000000000000002 fc00000b000000000000000000000001
3a04040101000000 20010db8000200000000000000000002 fc00000b000000000000000000000001
80009d4e1234000172732d70726f6265`);
// §4.6 V3: Linux H.Encaps, 2 segments, UDP inner.
const V3 = hex(`6006d7dc005e2b40 20010db8000100000000000000000002 fc00000b000000000000000000000001
290404010100000020010db8000200000000000000000002fc00000b000000000000000000000001
6006d7dc000e1140 20010db8000100000000000000000002 20010db8000900000000000000000001
a3e1270f000e5b9e72732d756470`);

function errorId(reason: string): number {
  return errorIdOf(reason);
}

async function newDataplane(build: "release" | "debug" = "debug") {
  const engine = await WasmEngine.load(readFileSync(engineWasmPath(build)));
  const sent: { iface: string; bytes: string }[] = [];
  const dp = new Dataplane(engine, (f: TransmittedFrame) => sent.push({ iface: f.interfaceName, bytes: toHex(f.data) }));
  dp.interfaces.add("pcap0");
  return { dp, engine, sent };
}

function frame(data: Uint8Array, linkType = LINKTYPE_ETHERNET) {
  return { linkType, tsSec: 1_700_000_000, tsNsec: 5, data };
}

describe("bump in the wire", () => {
  it("sends well-formed IPv6 back out of pcap0 byte for byte", async () => {
    const { dp, engine, sent } = await newDataplane();
    const packets = [V1, V2, V3].map(ethernetIp6);
    for (const p of packets) dp.receive("pcap0", frame(p));
    dp.flush();
    expect(sent.map((s) => s.bytes)).toEqual(packets.map(toHex));
    expect(sent.every((s) => s.iface === "pcap0")).toBe(true);
    const counts = engine.errorCounts();
    expect(counts[G.ERR_OUTPUT_TRANSMITTED]).toBe(3n);
    expect(counts[G.ERR_IP6_LOOKUP_BUMP]).toBe(3n);
    expect(counts[G.ERR_RX_PACKETS]).toBe(3n);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("accepts raw IPv6 captures and passes IPv4 and ARP with a counted reason", async () => {
    const { dp, engine, sent } = await newDataplane();
    dp.receive("pcap0", frame(V2, LINKTYPE_RAW));
    const ip4 = hex("020000000002 020000000001 0800 45000014 00000000 4011 0000 c0000201 c0000202");
    const arp = hex("ffffffffffff 020000000001 0806 0001080006040001 020000000001 c0000201 000000000000 c0000202");
    dp.receive("pcap0", frame(ip4));
    dp.receive("pcap0", frame(arp));
    dp.flush();
    expect(sent).toHaveLength(3);
    const counts = engine.errorCounts();
    expect(counts[G.ERR_IP4_PASSED]).toBe(1n);
    expect(counts[G.ERR_ETHERNET_NON_IP]).toBe(1n);
  });

  it("counts per-node calls and packets", async () => {
    const { dp, engine } = await newDataplane();
    for (let i = 0; i < 300; i++) dp.receive("pcap0", frame(ethernetIp6(V1)));
    dp.flush();
    const stats = engine.nodeStatistics();
    expect(stats[G.NODE_IP6_INPUT].packets).toBe(300n);
    expect(stats[G.NODE_IP6_INPUT].calls).toBe(2n); // a vector of 256, then one of 44
  });

  it("transmits in receive order when packets reach interface-output in different rounds", async () => {
    // V1's hop-by-hop header takes it through one node more than V2 and V3, so it reaches
    // interface-output a round after them: the transmit list is not in index order and is sorted.
    const { dp, engine, sent } = await newDataplane();
    const packets = [V1, V2, V3, V1, V2].map(ethernetIp6);
    for (const p of packets) dp.receive("pcap0", frame(p));
    dp.flush();
    expect(engine.nodeStatistics()[G.NODE_IP6_HOP_BY_HOP].packets).toBe(2n);
    expect(sent.map((s) => s.bytes)).toEqual(packets.map(toHex));
  });
});

/** An Ethernet frame of an IPv6 packet 2001:db8:1::2 -> 2001:db8:2::2 carrying `payload` (hex) as `nextHeader`. */
const ip6Frame = (nextHeader: number, payload: string) => ethernetIp6(hex(ipv6Hex(nextHeader, payload)));

// Each malformed packet and the reason it must be dropped with.
const MALFORMED: [string, Uint8Array, string][] = [
  ["Ethernet header cut short", hex("0200000000020200"), "frame shorter than an Ethernet header"],
  ["IPv6 header cut short", ethernetIp6(V1.slice(0, 30)), "IPv6 header truncated"],
  ["version 4 in an IPv6 EtherType", ethernetIp6(Uint8Array.from([0x40, ...V1.slice(1)])), "IPv6 version is not 6"],
  ["payload length past the end", ethernetIp6(V1.slice(0, 60)), "IPv6 payload length past the end of the packet"],
  ["HBH option length past its header", ip6Frame(0, "3b00 0120 00000000 0000000000000000"), "option length past the end of its header"],
  ["HBH header length past the packet", ip6Frame(0, "3b05 0104 00000000"), "extension header length past the end of the packet"],
  ["SRH last entry past the header", ip6Frame(43, "3b02040105000000 fc00000b000000000000000000000001"), "SRH last entry past the header"],
  ["SRH segments left past the list", ip6Frame(43, "3b02040500000000 fc00000b000000000000000000000001"), "SRH segments left past the segment list"],
  ["TCP data offset past the packet", ip6Frame(6, "0050005000000001000000008002ffff00000000"), "TCP data offset below 5 or past the packet"],
  ["UDP length past the packet", ip6Frame(17, "0035003500400000"), "UDP length below 8 or past the packet"],
  ["Router Alert with 3 octets of data", ip6Frame(0, "3b00 0503000000 00"), "option length wrong for its type"],
  ["HBH after a destination options header", ip6Frame(60, "0000010400000000 3b00010400000000"), "hop-by-hop header not first"],
];

describe("malformed packets", () => {
  for (const [what, bytes, reason] of MALFORMED) {
    it(`drops: ${what}`, async () => {
      const { dp, engine, sent } = await newDataplane();
      const good = ethernetIp6(V1);
      dp.receive("pcap0", frame(good));
      dp.receive("pcap0", frame(bytes));
      dp.receive("pcap0", frame(good));
      dp.flush();
      expect(sent.map((s) => s.bytes)).toEqual([toHex(good), toHex(good)]);
      expect(engine.errorCounts()[errorId(reason)]).toBe(1n);
      expect(engine.boundsViolations()).toBe(0);
    });
  }
});
