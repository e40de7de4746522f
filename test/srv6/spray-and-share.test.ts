// Policies with several segment lists: a spray policy copies every packet to every list (the
// M-Anycast guide's policy), a default policy sends each flow down one list, weighted, and keeps
// flows where they are when lists come and go. With IOAM configured, the hop-by-hop header stays
// first and the inserted SRH follows it, in every copy.
import { describe, expect, it } from "vitest";
import { IPV6_HEADER_LENGTH, IPV6_NEXT_HEADER, PROTO_HOP_BY_HOP, PROTO_ROUTING, PROTO_TCP } from "../../assembly/wire/ipv6.layout.js";
import { EXT_NEXT_HEADER } from "../../assembly/wire/ipv6.layout.js";
import { OPT_VPP_TRACE } from "../../assembly/wire/options.layout.js";
import { hex } from "../support/hex.js";
import type { TestNode } from "../support/engine.js";
import { destinationOf, errorCount, routedNode, sendIp6, srhFields } from "./sr-packets.js";

const ANYCAST_SPRAY = `
sr policy add bsid db11::2 next db07::1 insert spray
sr policy mod add sl bsid db11::2 next db08::1
sr policy mod add sl bsid db11::2 next db09::1
sr policy mod bsid db11::2 add sl next db0a::1
sr steer l3 db06::/64 via sr policy bsid db11::2
`;

/** A TCP SYN from 2001:db8:1::2 port `sport` to `dst`. */
function syn(dst: string, sport = 40000): Uint8Array {
  const ip = hex("6000000000140640 20010db8000100000000000000000002");
  const tcp = hex("00000050 00000001 00000000 5002ffff 00000000");
  tcp[0] = sport >> 8;
  tcp[1] = sport & 0xff;
  const packet = new Uint8Array(40 + tcp.length);
  packet.set(ip);
  packet.set(hex(dst), 24);
  packet.set(tcp, 40);
  return packet;
}

const DB06_6 = "db060000000000000000000000000006";

describe("spray", () => {
  it("copies a packet once per segment list, each copy with its own SRH, transmitted together", async () => {
    const node = await routedNode(ANYCAST_SPRAY);
    const out = sendIp6(node, [syn(DB06_6, 1000), syn(DB06_6, 2000)]);
    expect(out.map(destinationOf)).toEqual(["db07::1", "db08::1", "db09::1", "db0a::1", "db07::1", "db08::1", "db09::1", "db0a::1"]);
    for (const packet of out) {
      expect(srhFields(packet)).toMatchObject({ nextHeader: PROTO_TCP, segmentsLeft: 1, lastEntry: 1 });
      expect(srhFields(packet).segments).toEqual(["db06::6", destinationOf(packet)]);
    }
    expect(out.slice(0, 4).every((p) => p[IPV6_HEADER_LENGTH + 40 + 1] === (1000 & 0xff))).toBe(true);
    expect(errorCount(node, "spray copies made", "sr-pl-rewrite-insert")).toBe(6n);
    expect(errorCount(node, "SR: SRH inserted packets")).toBe(8n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("counts the copies it cannot make when the vector runs out of descriptors", async () => {
    const node = await routedNode(`${ANYCAST_SPRAY}sr policy mod add sl bsid db11::2 next db0b::1\n`);
    // 256 packets x 5 lists need 1024 more descriptors; 1024 - 256 are free.
    const out = sendIp6(
      node,
      Array.from({ length: 256 }, (_, k) => syn(DB06_6, 1000 + k)),
    );
    expect(out.length).toBe(1024);
    expect(errorCount(node, "spray copy not made: no free descriptor in the vector", "sr-pl-rewrite-insert")).toBe(256n);
    expect(errorCount(node, "spray copies made", "sr-pl-rewrite-insert")).toBe(768n);
    // The next vector starts with every descriptor free again.
    expect(sendIp6(node, [syn(DB06_6)]).length).toBe(5);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("keeps an IOAM hop-by-hop header first and puts the SRH after it, in every copy", async () => {
    const node = await routedNode(`
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst db06::6
set int input acl intfc pcap0 ip6-table 0
set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x1 app-data 0x1234
set ioam rewrite trace
${ANYCAST_SPRAY}`);
    const out = sendIp6(node, [syn(DB06_6)]);
    expect(out.map(destinationOf)).toEqual(["db07::1", "db08::1", "db09::1", "db0a::1"]);
    for (const packet of out) {
      expect(packet[IPV6_NEXT_HEADER]).toBe(PROTO_HOP_BY_HOP);
      expect(packet[IPV6_HEADER_LENGTH + EXT_NEXT_HEADER]).toBe(PROTO_ROUTING);
      const srh = srhFields(packet);
      expect(srh.at).toBeGreaterThan(IPV6_HEADER_LENGTH);
      expect(srh).toMatchObject({ nextHeader: PROTO_TCP, segments: ["db06::6", destinationOf(packet)] });
    }
    // Each copy was stamped once, by the lookup of its first segment (not by the steering lookup).
    expect(errorCount(node, "Pkts with trace updated")).toBe(4n);
    expect(out[0][IPV6_HEADER_LENGTH + 2]).toBe(OPT_VPP_TRACE);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});

/** The list (its first segment) each of `flows` SYNs from distinct source ports goes down. */
function listsOf(node: TestNode, flows: number, firstPort = 1024): string[] {
  const chosen: string[] = [];
  for (let start = 0; start < flows; start += 200) {
    const batch = Array.from({ length: Math.min(200, flows - start) }, (_, k) => syn(DB06_6, firstPort + start + k));
    chosen.push(...sendIp6(node, batch).map(destinationOf));
  }
  return chosen;
}

function shares(lists: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lists) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
}

const LOAD_SHARED = (weights: number[]) =>
  [
    `sr policy add bsid db11::2 next db07::1 weight ${weights[0]} encap`,
    ...weights.slice(1).map((w, k) => `sr policy mod bsid db11::2 add sl next db0${(8 + k).toString(16)}::1 weight ${w}`),
    "sr steer l3 db06::/64 via bsid db11::2",
  ].join("\n");

describe("load sharing", () => {
  const FLOWS = 2000;

  it("sends every packet of a flow down the same list, whatever else is in the vector", async () => {
    const node = await routedNode(LOAD_SHARED([1, 1, 1, 1]));
    const first = listsOf(node, FLOWS);
    const again = listsOf(node, FLOWS);
    expect(again).toEqual(first);
    const reversed = sendIp6(
      node,
      Array.from({ length: 100 }, (_, k) => syn(DB06_6, 1024 + 99 - k)),
    ).map(destinationOf);
    expect(reversed.reverse()).toEqual(first.slice(0, 100));
    expect(new Set(first).size).toBe(4);
    for (const count of shares(first).values()) expect(Math.abs(count - FLOWS / 4)).toBeLessThan((FLOWS / 4) * 0.3);
  });

  it("shares in proportion to the weights", async () => {
    const node = await routedNode(LOAD_SHARED([1, 3]));
    const counts = shares(listsOf(node, FLOWS));
    expect(Math.abs(counts.get("db07::1")! / FLOWS - 0.25)).toBeLessThan(0.06);
    expect(Math.abs(counts.get("db08::1")! / FLOWS - 0.75)).toBeLessThan(0.06);
  });

  it("moves only the flows a new list takes over, and only those of a removed list", async () => {
    const node = await routedNode(LOAD_SHARED([1, 1, 1, 1]));
    const before = listsOf(node, FLOWS);
    node.cli("sr policy mod bsid db11::2 add sl next db0c::1");
    const grown = listsOf(node, FLOWS);
    const moved = grown.filter((l, k) => l !== before[k]);
    expect(new Set(moved)).toEqual(new Set(["db0c::1"]));
    expect(Math.abs(moved.length - FLOWS / 5)).toBeLessThan((FLOWS / 5) * 0.3);
    node.cli("sr policy mod bsid db11::2 del sl index 4");
    expect(listsOf(node, FLOWS)).toEqual(before);
    node.cli("sr policy mod bsid db11::2 del sl index 1");
    const shrunk = listsOf(node, FLOWS);
    expect(shrunk.filter((l, k) => l !== before[k]).length).toBe(before.filter((l) => l === "db08::1").length);
    expect(shrunk).not.toContain("db08::1");
    expect(node.engine.boundsViolations()).toBe(0);
  });
});
