// ip6-inacl through the real Wasm graph (bounds-checked build): hits, misses, chains, deny, the
// opaque (bit 31 = decap), advance, current-data-flag, table growth and the show commands.
import { beforeEach, describe, expect, it } from "vitest";
import * as G from "../../assembly/graph/graph.layout.js";
import { LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { classifyNode, ip6Frame, ip6Packet, type ClassifyNode } from "./classify-node.js";

const DB06_TABLE = `classify table miss-next node ip6-lookup mask l3 ip6 dst
classify session acl-hit-next node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst db06::06
set int input acl intfc pcap0 ip6-table 0`;

let node: ClassifyNode;
let before: bigint[];

beforeEach(async () => {
  node = await classifyNode();
  before = node.engine.errorCounts();
});

function counted(id: number): bigint {
  return node.engine.errorCounts()[id] - before[id];
}

describe("ip6-inacl hits and misses", () => {
  it("sends a hit to the session's hit next with its opaque, a miss to ip6-lookup with 0xFFFFFFFF", () => {
    node.cli(DB06_TABLE);
    const [hit, miss] = node.send("pcap0", [ip6Frame({ dst: "db06::6" }), ip6Frame({ dst: "db06::7" })]);
    expect(hit.path.slice(0, 5)).toEqual([G.NODE_DEVICE_INPUT, G.NODE_ETHERNET_INPUT, G.NODE_IP6_INPUT, G.NODE_IP6_INACL, G.NODE_IP6_ADD_HOP_BY_HOP]);
    expect(hit.opaque).toBe(0xffffffff); // a session given no opaque carries VPP's ~0
    expect(miss.inaclNext).toBe(G.NODE_IP6_LOOKUP);
    expect(miss.opaque).toBe(0xffffffff);
    expect([counted(G.ERR_INACL_HIT), counted(G.ERR_INACL_MISS), counted(G.ERR_INACL_CHAIN_HIT)]).toEqual([1n, 1n, 0n]);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("leaves the opaque 0 and skips ip6-inacl on an interface without an ACL", () => {
    node.cli(DB06_TABLE);
    const [other] = node.send("pcap1", [ip6Frame({ dst: "db06::6" })]);
    expect(other.path).not.toContain(G.NODE_IP6_INACL);
    expect(other.opaque).toBe(0);
  });

  it("sets bit 31 for ioam-decap sessions and keeps explicit opaque-index values", () => {
    node.cli(`classify table mask l3 ip6 dst
classify session acl-hit-next ip6-node ip6-lookup table-index 0 match l3 ip6 dst db06::6 ioam-decap anycast
classify session acl-hit-next ip6-node ip6-lookup table-index 0 match l3 ip6 dst db06::7 opaque-index 100
set interface input acl intfc pcap0 ip6-table 0`);
    const [decap, plain] = node.send("pcap0", [ip6Frame({ dst: "db06::6" }), ip6Frame({ dst: "db06::7" })]);
    expect(decap.opaque).toBe(0x80000000);
    expect(plain.opaque).toBe(100);
    expect(decap.inaclNext).toBe(G.NODE_IP6_LOOKUP);
  });

  it("uses the miss opaque the host configures", () => {
    node.cli(DB06_TABLE);
    node.classifier.missOpaque = 0;
    const [miss] = node.send("pcap0", [ip6Frame({ dst: "db06::7" })]);
    expect(miss.opaque).toBe(0);
  });

  it("drops deny hits and deny misses with the deny reason", () => {
    node.cli(`classify table acl-miss-next deny mask l3 ip6 dst
classify session acl-hit-next deny table-index 0 match l3 ip6 dst db06::6
classify session acl-hit-next permit table-index 0 match l3 ip6 dst db06::7
set int input acl intfc pcap0 ip6-table 0`);
    const [denied, permitted, missed] = node.send("pcap0", [ip6Frame({ dst: "db06::6" }), ip6Frame({ dst: "db06::7" }), ip6Frame({ dst: "db06::8" })]);
    expect(denied.dropped).toBe(true);
    expect(permitted.dropped).toBe(false);
    expect(permitted.inaclNext).toBe(G.NODE_IP6_LOOKUP);
    expect(missed.dropped).toBe(true);
    expect([counted(G.ERR_INACL_DENY), counted(G.ERR_INACL_HIT), counted(G.ERR_INACL_MISS)]).toEqual([2n, 2n, 1n]);
  });

  it("turns a src session in a dst table into 'dst == ::'", () => {
    node.cli(`classify table mask l3 ip6 dst
classify session acl-hit-next deny table-index 0 match l3 ip6 src 2001:db8::1
set int input acl intfc pcap0 ip6-table 0`);
    const [fromSource, toUnspecified] = node.send("pcap0", [ip6Frame({ src: "2001:db8::1", dst: "db06::6" }), ip6Frame({ dst: "::" })]);
    expect(fromSource.dropped).toBe(false);
    expect(toUnspecified.dropped).toBe(true);
  });
});

describe("next-table chains", () => {
  beforeEach(() => {
    node.cli(`classify table acl-miss-next deny mask l3 ip6 src
classify session acl-hit-next ip6-node ip6-pop-hop-by-hop table-index 0 match l3 ip6 src 2001:db8::99 opaque-index 9
classify table acl-miss-next permit next-table 0 mask l3 ip6 dst
classify session acl-hit-next ip6-node ip6-lookup table-index 1 match l3 ip6 dst db06::6 opaque-index 6
set int input acl intfc pcap0 ip6-table 1`);
  });

  it("hits the first table without walking, the next table after a miss, and applies the last table's miss-next", () => {
    const [first, chained, none] = node.send("pcap0", [
      ip6Frame({ dst: "db06::6", src: "2001:db8::99" }),
      ip6Frame({ dst: "db06::7", src: "2001:db8::99" }),
      ip6Frame({ dst: "db06::7" }),
    ]);
    expect([first.opaque, first.inaclNext]).toEqual([6, G.NODE_IP6_LOOKUP]);
    expect([chained.opaque, chained.inaclNext]).toEqual([9, G.NODE_IP6_POP_HOP_BY_HOP]);
    expect([none.opaque, none.dropped]).toEqual([0xffffffff, true]);
    expect([counted(G.ERR_INACL_HIT), counted(G.ERR_INACL_CHAIN_HIT), counted(G.ERR_INACL_MISS)]).toEqual([2n, 1n, 1n]);
  });

  it("follows a next-table changed later and cleared by an update without one (VPP)", () => {
    node.cli("classify table table 1");
    const [unchained] = node.send("pcap0", [ip6Frame({ dst: "db06::7", src: "2001:db8::99" })]);
    expect([unchained.opaque, unchained.dropped]).toEqual([0xffffffff, false]);
    node.cli("classify table table 1 next-table 0");
    const [chained] = node.send("pcap0", [ip6Frame({ dst: "db06::7", src: "2001:db8::99" })]);
    expect(chained.opaque).toBe(9);
  });
});

describe("what the table classifies", () => {
  it("classifies from the IPv6 header with current-data-flag 1, whatever the link layer", () => {
    node.cli(`classify table mask l2 none l3 ip6 dst current-data-flag 1
classify session acl-hit-next deny table-index 0 match l2 none l3 ip6 dst db06::6
set int input acl intfc pcap0 ip6-table 0`);
    const [ethernet] = node.send("pcap0", [ip6Frame({ dst: "db06::6" })]);
    const [raw] = node.send("pcap0", [ip6Packet({ dst: "db06::6" })], LINKTYPE_RAW);
    expect([ethernet.dropped, raw.dropped]).toEqual([true, true]);
  });

  it("adds current-data-offset to the IPv6 header's offset", () => {
    // Offset -14 from the IPv6 header is the Ethernet header again: the frame-start table's mask.
    node.cli(`classify table mask l3 ip6 dst current-data-flag 1 current-data-offset -14
classify session acl-hit-next deny table-index 0 match l3 ip6 dst db06::6
set int input acl intfc pcap0 ip6-table 0`);
    const [hit, miss] = node.send("pcap0", [ip6Frame({ dst: "db06::6" }), ip6Frame({ dst: "db06::5" })]);
    expect([hit.dropped, miss.dropped]).toEqual([true, false]);
  });

  it("reads octets past the end of the packet as zero without touching them", () => {
    node.cli(`classify table mask l3 ip6 proto l4 src_port dst_port
classify session acl-hit-next deny table-index 0 match l3 ip6 proto 59 l4 src_port 0 dst_port 0
set int input acl intfc pcap0 ip6-table 0`);
    const [short, longer] = node.send("pcap0", [ip6Frame(), ip6Frame({ payload: Uint8Array.from([0, 0, 0, 7]) })]);
    expect([short.dropped, longer.dropped]).toEqual([true, false]);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("moves the IPv6 header offset by the session's advance, within the packet", () => {
    node.cli(`classify table mask l3 ip6 dst
classify session table-index 0 match l3 ip6 dst db06::6 advance 8
classify session table-index 0 match l3 ip6 dst db06::7 advance -100
set int input acl intfc pcap0 ip6-table 0`);
    const [forward, backward, none] = node.send("pcap0", [ip6Frame({ dst: "db06::6" }), ip6Frame({ dst: "db06::7" }), ip6Frame()]);
    expect([forward.l3, backward.l3, none.l3]).toEqual([22, 0, 14]);
  });
});

describe("sessions as the table changes", () => {
  const dst = (i: number) => `db06::${i.toString(16)}`;

  it("grows a 2-bucket table to 300 sessions, keeps hit counts across the rewrite, and deletes", () => {
    node.cli("classify table buckets 2 mask l3 ip6 dst\nset int input acl intfc pcap0 ip6-table 0");
    node.cli(`classify session table-index 0 match l3 ip6 dst ${dst(1)} opaque-index 1`);
    node.send("pcap0", [ip6Frame({ dst: dst(1) })]);
    node.cli(Array.from({ length: 299 }, (_, k) => `classify session table-index 0 match l3 ip6 dst ${dst(k + 2)} opaque-index ${k + 2}`).join("\n"));
    expect(node.classifier.placement(0)!.buckets).toBeGreaterThanOrEqual(256);
    const frames = Array.from({ length: 300 }, (_, k) => ip6Frame({ dst: dst(k + 1) }));
    const outcomes = [...node.send("pcap0", frames.slice(0, 200)), ...node.send("pcap0", frames.slice(200))];
    expect(outcomes.map((o) => o.opaque)).toEqual(Array.from({ length: 300 }, (_, k) => k + 1));
    expect(node.classifier.counters(0)[0].hits).toBe(2n);
    node.cli(`classify session del table-index 0 match l3 ip6 dst ${dst(5)}`);
    const [deleted, kept] = node.send("pcap0", [ip6Frame({ dst: dst(5) }), ip6Frame({ dst: dst(1) })]);
    expect([deleted.opaque, kept.opaque]).toEqual([0xffffffff, 1]);
    expect(node.classifier.counters(0)[0].hits).toBe(3n);
  });

  it("replaces what an existing key does instead of adding a second session", () => {
    node.cli(`${DB06_TABLE}\nclassify session acl-hit-next deny table-index 0 match l3 ip6 dst db06::6`);
    expect(node.classifier.table(0)!.sessions).toHaveLength(1);
    const [hit] = node.send("pcap0", [ip6Frame({ dst: "db06::6" })]);
    expect(hit.dropped).toBe(true);
  });

  it("stops classifying when the ACL is removed, and then lets the table be deleted", () => {
    node.cli(DB06_TABLE);
    node.cli("set interface input acl intfc pcap0 ip6-table 0 del");
    const [packet] = node.send("pcap0", [ip6Frame({ dst: "db06::6" })]);
    expect(packet.path).not.toContain(G.NODE_IP6_INACL);
    node.cli("classify table del table 0");
    expect(node.classifier.tables()).toEqual([]);
    expect(node.cli("show classify tables")).toBe("No classifier tables configured");
  });
});

describe("show commands", () => {
  it("prints tables in VPP's layout, with sessions and hits when verbose", () => {
    node.cli(DB06_TABLE);
    node.send("pcap0", [ip6Frame({ dst: "db06::6" })]);
    expect(node.cli("show classify tables")).toBe(
      [
        "  TableIdx  Sessions   NextTbl  NextNode",
        "         0         1        -1         5",
        "  nbuckets 2, skip 2 match 2 flag 0 offset 0",
        "  mask 000000000000ffffffffffffffffffffffffffffffff00000000000000000000",
      ].join("\n"),
    );
    const verbose = node.cli("show classify tables index 0 verbose").split("\n");
    expect(verbose.slice(4)).toEqual([
      expect.stringMatching(/^\[[01]\]: elts 1$/),
      "    0: [0]: next_index 9 advance 0 opaque -1 action 0 metadata 0",
      "        k: 000000000000db06000000000000000000000000000600000000000000000000",
      "        hits 1, last_heard 1700000000.25",
      "    1 active elements",
    ]);
  });

  it("lists interfaces with an ip6 input ACL, creating the ones a config names", () => {
    node.cli(`classify table mask l3 ip6 dst
set int input acl intfc GigabitEthernet0/4/0 ip6-table 0
set int input acl intfc pcap0 ip6-table 0`);
    expect(node.dataplane.interfaces.find("GigabitEthernet0/4/0")).toBeDefined();
    expect(node.cli("show inacl type ip6")).toBe(
      [
        " Intfc idx      Classify table\t\tInterface name",
        "         1                   0\t\tpcap0",
        "         2                   0\t\tGigabitEthernet0/4/0",
      ].join("\n"),
    );
  });
});
