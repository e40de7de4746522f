// Malformed classifier commands: each is rejected at the column of the offending word with what
// was expected, and leaves the classifier, the interfaces and the data plane exactly as they were.
import { beforeEach, describe, expect, it } from "vitest";
import { classifyNode, ip6Frame, type ClassifyNode } from "./classify-node.js";
import { toHex } from "../support/hex.js";
import { END, expectRefusedAt } from "../support/cli-problems.js";

const BASE = `classify table miss-next node ip6-lookup mask l3 ip6 dst
classify session acl-hit-next node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst db06::06
set int input acl intfc pcap0 ip6-table 0`;

// [command, where the error points (the last word of the first occurrence of this text; END: just
// past the line), part of the message]
const CASES: [string, string | typeof END, string][] = [
  ["classify table mask l3 ip6 dst buckets x", "x", "expected bucket count, found 'x'"],
  [
    "classify table mask l3 ip6 dts",
    "dts",
    "expected an l3 ip6 field (version, traffic-class, flow-label, payload_length, proto, hop_limit, src, dst), found 'dts'",
  ],
  ["classify table mask l3 ip5 dst", "ip5", "expected 'ip6' or 'ip4' after 'l3', found 'ip5'"],
  ["classify table mask l2 foo", "foo", "expected 'none' or an l2 field (dst, src, proto), found 'foo'"],
  ["classify table mask hex abc", "abc", "expected an even number of hex digits after 'hex', found 'abc'"],
  ["classify table mask hex 0000", "mask", "the mask selects no bits"],
  ["classify table mask buckets 2", "buckets", "expected a mask: hex <digits>, l2 none|<fields>, l3 ip6|ip4 <fields> or l4 <fields>, found 'buckets'"],
  ["classify table mask l3 ip6 dst match 6", "match 6", "match count 6 is out of range 1..5"],
  [`classify table mask hex ${"00".repeat(16)}${"ff".repeat(96)}`, "mask", "the mask spans 6 vectors after the skipped ones; a table matches at most 5"],
  ["classify table mask l3 ip6 dst miss-next node ip6-nonexistent", "ip6-nonexistent", "unknown node 'ip6-nonexistent'; known: error-drop (0), ip6-lookup (5)"],
  ["classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-input", "ip6-input", "node 'ip6-input' cannot follow ip6-inacl"],
  ["classify table mask l3 ip6 dst acl-miss-next 4", "4", "node id 4 is not a node ip6-inacl can send to"],
  ["classify table mask l3 ip6 dst miss-next ip4-node ip4-input", "ip4-node", "ip4 input ACLs are not supported"],
  ["classify table mask l3 ip6 dst miss-next", END, "expected 'ip6-node NAME', 'node NAME', 'permit', 'deny' or a node id, found end of line"],
  ["classify table buckets 2", END, "expected 'mask <spec>' (a new table needs a mask), found end of line"],
  ["classify table mask l3 ip6 dst memory-size 100", "100", "memory-size 100 leaves no room for a session"],
  ["classify table mask l3 ip6 dst memory-size 2T", "2T", "expected a memory size (N, NK, NM or NG), found '2T'"],
  ["classify table mask l3 ip6 dst next-table 4", "4", "no classify table 4"],
  ["classify table table 0 next-table 0", "next-table 0", "next-table 0 would make a loop: 0 -> 0"],
  ["classify table table 3 next-table 0", "3", "no classify table 3 (a new table gets the next free index: omit 'table')"],
  [
    "classify table table 0 mask l3 ip6 src",
    "mask",
    "classify table 0 exists: only next-table, miss-next, current-data-flag and current-data-offset can change",
  ],
  ["classify table del", END, "expected 'table N' (the table to delete), found end of line"],
  ["classify table del table 0", "0", "table 0 is the ip6 input ACL of interface index 1: remove that first"],
  ["classify table del table 0 buckets 4", "buckets", "only 'table N' goes with del"],
  ["classify table mask hex ff l3 ip6 dst", "hex", "hex cannot be combined with l2/l3/l4"],
  ["classify table mask l4 src_port", "l4", "l4 needs an l3 part"],
  ["classify table mask l3 ip6 dst frobnicate", "frobnicate", "expected a classify table option (del, del-chain, table, mask"],
  ["classify table mask l3 ip6 dst current-data-flag 2", "2", "current-data-flag 2 is out of range 0..1"],
  ["classify table mask l3 ip6 dst current-data-offset x", "x", "expected an octet offset, found 'x'"],
  ["classify session acl-hit-next permit match l3 ip6 dst ::1 table-index 0", "match", "table-index must come before match"],
  ["classify session table-index 7 match l3 ip6 dst ::1", "7", "no classify table 7"],
  ["classify session table-index 0 match l3 ip6 dst zz::1", "zz::1", "expected an IPv6 address after 'dst', found 'zz::1'"],
  ["classify session table-index 0 match l3 ip6 dst", END, "expected an IPv6 address after 'dst', found end of line"],
  ["classify session table-index 0 match l3 ip6 proto 300", "300", "expected a protocol number 0..255 or name"],
  ["classify session table-index 0 match l3 ip4 src 10.0.0.256", "10.0.0.256", "expected an IPv4 address after 'src'"],
  ["classify session table-index 0 match l2 dst 02:00:00", "02:00:00", "expected a MAC address"],
  ["classify session table-index 0", END, "expected 'match <spec>' (Match value required), found end of line"],
  ["classify session acl-hit-next deny", END, "expected 'table-index N' (Table index required), found end of line"],
  [`classify session table-index 0 match l3 ip6 dst db06::9 ioam-encap ${"x".repeat(32)}`, "xxx", "longer than 31 characters"],
  ["classify session del table-index 0 match l3 ip6 dst db06::9", "match", "classify table 0 has no session with this key"],
  ["classify session table-index 0 match l3 ip6 dst db06::9 advance 1.5", "1.5", "expected an advance in octets, found '1.5'"],
  ["classify session table-index 0 match hex ff l2 none", "hex", "hex cannot be combined"],
  ["classify session table-index 0 match l3 ip6 dst db06::9 opaque-index 0x100000000", "0x100000000", "out of range 0..4294967295"],
  ["classify session table-index 0 match l3 ip6 dst db06::9 hit-next node", END, "expected a node name, found end of line"],
  ["set int input acl intfc pcap7 ip6-table 3", "3", "no classify table 3"],
  ["set int input acl ip6-table 0", END, "expected 'intfc <interface>', found end of line"],
  ["set int input acl intfc pcap0", END, "expected 'ip6-table N' (Table index required), found end of line"],
  ["set int input acl intfc pcap0 ip4-table 0", "ip4-table", "only ip6-table input ACLs are supported"],
  ["set interface input acl intfc nosuch ip6-table 0 del", "nosuch", "no interface nosuch"],
  ["set interface input acl intfc pcap0 ip6-table 1 del", "1", "pcap0 has ip6 input ACL table 0, not table 1"],
  ["show inacl type ip4", "ip4", "expected 'ip6', found 'ip4'"],
  ["show classify tables index x", "index x", "expected a table index, found 'x'"],
];

let node: ClassifyNode;

beforeEach(async () => {
  node = await classifyNode();
  node.cli(BASE);
});

/** Everything a rejected command must not change: configuration, interfaces and packet handling. */
function state() {
  const classifier = node.classifier;
  return {
    tables: classifier.tables().map((t) => ({
      ...t,
      mask: toHex(t.mask),
      sessions: t.sessions.map((s) => ({ ...s, key: toHex(s.key) })),
      placement: classifier.placement(t.index),
    })),
    acls: classifier.acls("input"),
    flows: classifier.flowRecords().length,
    interfaces: node.dataplane.interfaces.all().map((i) => i.name),
    packets: node.send("pcap0", [ip6Frame({ dst: "db06::6" }), ip6Frame({ dst: "db06::9" })]).map((o) => [o.inaclNext, o.opaque]),
  };
}

describe("rejected classifier commands", () => {
  it.each(CASES)("%s", (command, at, message) => {
    const before = state();
    expectRefusedAt(node.problems(command), command, at, message);
    expect(state()).toEqual(before);
  });

  it("reports file, line and column and applies the other lines of a config", () => {
    const bad = "classify session table-index 1 match l3 ip6 src 2001:db8::1 opaque-index 5 advance x";
    const problems = node.problems(`classify table mask l3 ip6 src\n${bad}\nclassify session table-index 1 match l3 ip6 src 2001:db8::2 opaque-index 6`);
    expect(problems.map((p) => [p.source, p.line, p.column, p.message])).toEqual([["test", 2, bad.length, "expected an advance in octets, found 'x'"]]);
    expect(node.classifier.table(1)!.sessions.map((s) => s.opaque)).toEqual([6]);
  });

  it("refuses a session once the table's memory-size is used up, keeping the table as it was", () => {
    node.cli("classify table memory-size 250 buckets 1 mask l3 ip6 src");
    node.cli("classify session table-index 1 match l3 ip6 src 2001:db8::1");
    const command = "classify session table-index 1 match l3 ip6 src 2001:db8::2";
    expect(node.problems(command).map((p) => [p.column, p.message])).toEqual([
      [command.indexOf("match") + 1, "classify table 1 is full: memory-size 250 holds 1 sessions"],
    ]);
    expect(node.classifier.table(1)!.sessions).toHaveLength(1);
    // Replacing an existing key needs no room.
    expect(node.problems("classify session acl-hit-next deny table-index 1 match l3 ip6 src 2001:db8::1")).toEqual([]);
  });

  it("refuses to delete a table another table chains to, and deletes whole chains with del-chain", () => {
    node.cli("set int input acl intfc pcap0 ip6-table 0 del\nclassify table mask l3 ip6 src next-table 0");
    expect(node.problems("classify table del table 0").map((p) => p.message)).toEqual(["table 0 is the next-table of table 1: change that first"]);
    node.cli("classify table del-chain table 1");
    expect(node.classifier.tables()).toEqual([]);
  });
});
