// Transit IOAM updates on byte vectors: VPP's 0x3B trace (§1.7 of vpp-ioam-spec) and the RFC 9197
// trace the way Linux fills it (standards-interop §2.4, §3.4), through the real graph.
import { describe, expect, it } from "vitest";
import { ethernetIp6, hex, toHex } from "../support/hex.js";
import { testNode } from "../support/engine.js";
import * as G from "../../assembly/graph/graph.layout.js";

// §2.4 V1: HBH with PadN(0) + IOAM pre-allocated trace ns 123, type 0x800000, 3 slots.
const V1 = hex(`600000000030004020010db800010000000000000000000220010db800020000
00000000000000023a03010031160000007b0803800000000000000000000000
000000000102000080009d4e1234000172732d70726f6265`);

const HBH = 14 + 40; // the hop-by-hop header in an Ethernet frame

// An IPv6 + HBH (VPP trace 0x1f, 2 elements, as §1.7's rewrite) + ICMPv6 echo.
function vppTracePacket(eltsLeft: number, slots = "00".repeat(32)): Uint8Array {
  return ethernetIp6(
    hex(
      `6000000000303a40 20010db8000100000000000000000002 20010db8000200000000000000000002`.replace("3a40", "0040") +
        `3a04 3b22 1f${eltsLeft.toString(16).padStart(2, "0")} ${slots} 0000` +
        `80009d4e1234000172732d70726f6265`,
    ),
  );
}

describe("RFC 9197 transit (Linux-compatible)", () => {
  it("fills the last free slot, decrements RemainingLen and leaves the rest alone", async () => {
    const node = await testNode();
    node.cli("set ioam6 namespace 123 data 0xdeadbeef\nset ioam6 node-id 2\nset interface ioam6 pcap0 enable");
    const [out] = node.send([ethernetIp6(V1)]);
    const expected = ethernetIp6(V1);
    // RemainingLen 3 -> 2 (octet 11 of the HBH), last slot (HBH octets 24..27) = hop limit 64 - 1
    // (Linux records the hop limit minus one on the receive path), node 2
    expected[HBH + 11] = 0x02;
    expected.set(hex("3f000002"), HBH + 24);
    expect(toHex(out)).toBe(toHex(expected));
    expect(node.engine.errorCounts()[G.ERR_RFC_TRACE_UPDATED]).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("leaves a trace of an unknown namespace unchanged", async () => {
    const node = await testNode();
    node.cli("set ioam6 namespace 124\nset interface ioam6 pcap0 enable");
    const [out] = node.send([ethernetIp6(V1)]);
    expect(toHex(out)).toBe(toHex(ethernetIp6(V1)));
    expect(node.engine.errorCounts()[G.ERR_RFC_TRACE_UNKNOWN_NAMESPACE]).toBe(1n);
  });

  it("drops a trace whose NodeLen does not match its type, and a misaligned option, as Linux does", async () => {
    const node = await testNode();
    node.cli("set ioam6 namespace 123\nset interface ioam6 pcap0 enable");
    const badNodeLen = ethernetIp6(V1);
    badNodeLen[HBH + 10] = 0x10; // NodeLen 2 for type 0x800000
    const misaligned = ethernetIp6(
      hex(`600000000030004020010db800010000000000000000000220010db800020000
00000000000000023a03 31160000007b0803800000000000000000000000 0000000001040000000080009d4e1234000172732d70726f6265`),
    );
    expect(node.send([badNodeLen, misaligned])).toHaveLength(0);
    const counts = node.engine.errorCounts();
    expect(counts[G.ERR_RFC_TRACE_BAD_NODELEN]).toBe(1n);
    expect(counts[G.ERR_RFC_IOAM_MISALIGNED]).toBe(1n);
  });

  it("sets Overflow when the node data does not fit (Linux case F)", async () => {
    const node = await testNode();
    node.cli("set ioam6 namespace 123\nset interface ioam6 pcap0 enable");
    const packet = ethernetIp6(V1);
    packet[HBH + 10] = 0x10; // NodeLen 2
    packet[HBH + 11] = 0x01; // RemainingLen 1
    packet.set(hex("c00000"), HBH + 12); // type 0xc00000 needs 2 words
    const [out] = node.send([packet]);
    expect(out[HBH + 10]).toBe(0x14); // O set
    expect(out[HBH + 11]).toBe(0x01);
    expect(toHex(out.subarray(HBH + 16, HBH + 28))).toBe("00".repeat(12));
  });
});

/**
 * IPv6 + hop-by-hop (PadN 0, an RFC 9197 pre-allocated trace of namespace 123 with `slots` free
 * nodes of `nodeLen` words, PadN to the 8-octet boundary) + ICMPv6 echo, in an Ethernet frame. The
 * trace's node data starts at HBH + 16.
 */
function rfcTracePacket(type: number, nodeLen: number, slots: number): Uint8Array {
  const data = nodeLen * 4 * slots;
  const pad = (16 + data) % 8 ? [1, 2, 0, 0] : [];
  const hbhLength = 16 + data + pad.length;
  const echo = hex("80009d4e1234000172732d70726f6265");
  const lengths = (nodeLen << 11) | (nodeLen * slots);
  const hbh = Uint8Array.from([
    0x3a,
    hbhLength / 8 - 1,
    1,
    0,
    0x31,
    10 + data,
    0,
    0,
    0,
    123,
    lengths >> 8,
    lengths & 0xff,
    type >> 16,
    (type >> 8) & 0xff,
    type & 0xff,
    0,
    ...new Uint8Array(data),
    ...pad,
  ]);
  const ip = hex(`60000000${(hbh.length + echo.length).toString(16).padStart(4, "0")}0040 20010db8000100000000000000000002 20010db8000200000000000000000002`);
  return ethernetIp6(Uint8Array.from([...ip, ...hbh, ...echo]));
}

describe("RFC 9197 transit: Linux's sysctls and the queue", () => {
  it("passes a trace untouched while the interface's ioam6 is disabled, Linux's default (ioam6_enabled 0)", async () => {
    const node = await testNode();
    node.cli("set ioam6 namespace 123");
    const packet = rfcTracePacket(0x800000, 1, 2);
    const [out] = node.send([packet]);
    expect(toHex(out)).toBe(toHex(packet));
    expect(node.engine.errorCounts()[G.ERR_RFC_TRACE_DISABLED]).toBe(1n);
    node.cli("set interface ioam6 pcap0 enable");
    expect(toHex(node.send([packet])[0])).not.toBe(toHex(packet));
  });

  for (const wide of [0, 0x12345678, 0xfffffffe, 0xffffffff]) {
    it(`writes the interface's wide id ${wide.toString(16)} in both halves of bit 9 (ioam6_id_wide, every 32-bit value)`, async () => {
      const node = await testNode();
      node.cli(`set ioam6 namespace 123\nset interface ioam6 pcap0 enable wide ${wide}`);
      const [out] = node.send([rfcTracePacket(0x004000, 2, 1)]);
      const hexWide = wide.toString(16).padStart(8, "0");
      expect(toHex(out.subarray(HBH + 16, HBH + 24))).toBe(hexWide + hexWide);
      expect(node.cli("show ioam6")).toContain(`interface pcap0 ioam6 enabled id 65535 wide ${wide}`);
    });
  }

  it("writes the node's 56-bit wide id after the hop limit (bit 8, ioam6_id_wide), all ones included", async () => {
    const node = await testNode();
    node.cli("set ioam6 namespace 123\nset ioam6 node-id 7 wide 0xffffffffffffff\nset interface ioam6 pcap0 enable");
    const [out] = node.send([rfcTracePacket(0x008000, 2, 1)]);
    expect(toHex(out.subarray(HBH + 16, HBH + 24))).toBe("3f" + "ff".repeat(7));
  });

  it("records the queue depth in packets: those the delay simulator holds for the egress interface", async () => {
    const node = await testNode();
    node.cli("set ioam6 namespace 123\nset interface ioam6 pcap0 enable\nset nsim delay 10 ms interface pcap0");
    const dp = node.dataplane;
    const T0 = 1_700_000_000;
    node.send([rfcTracePacket(0x020000, 1, 1)], T0, 0);
    node.send([rfcTracePacket(0x020000, 1, 1)], T0, 1_000_000);
    node.send([rfcTracePacket(0x020000, 1, 1)], T0, 2_000_000);
    for (let wake = dp.nextWakeup(); wake; wake = dp.nextWakeup()) dp.poll(wake.sec, wake.nsec);
    expect(node.transmitted.map((t) => toHex(t.data.subarray(HBH + 16, HBH + 20)))).toEqual(["00000000", "00000001", "00000002"]);
  });
});

describe("VPP trace transit (option 0x3B)", () => {
  it("stamps slot elts-1 with hop limit, node id, interfaces, ms timestamp and app data", async () => {
    const node = await testNode();
    node.cli("set ioam-trace profile trace-type 0x1f trace-elts 2 trace-tsp 1 node-id 0x2 app-data 0x1234");
    const [out] = node.send([vppTracePacket(1, "00".repeat(16) + "40000001" + "00010002" + "00000005" + "00001234")], 1, 500_000_000);
    const option = 14 + 40 + 2;
    expect(out[option + 3]).toBe(0); // elements left
    // hop limit 64, node 2; ingress pcap0 (1) only: bit 0x04 (egress) is set in 0x1f so egress pcap0 (1)
    expect(toHex(out.subarray(option + 4, option + 20))).toBe("40000002" + "00010001" + "000005dc" + "00001234");
    expect(node.engine.errorCounts()[G.ERR_TRACE_UPDATED]).toBe(1n);
  });

  it("counts a full trace as no space and forwards it unchanged", async () => {
    const node = await testNode();
    node.cli("set ioam-trace profile trace-type 0x1f trace-elts 2 node-id 0x3");
    const full = vppTracePacket(0, "11".repeat(32));
    const [out] = node.send([full]);
    expect(toHex(out)).toBe(toHex(full));
    expect(node.engine.errorCounts()[G.ERR_TRACE_NO_SPACE]).toBe(1n);
  });

  it("refuses to write past the option when elements-left lies", async () => {
    const node = await testNode();
    node.cli("set ioam-trace profile trace-type 0x1f trace-elts 2 node-id 0x3");
    const lying = vppTracePacket(7);
    const [out] = node.send([lying]);
    expect(toHex(out)).toBe(toHex(lying));
    expect(node.engine.errorCounts()[G.ERR_TRACE_BAD_ELTS]).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});
