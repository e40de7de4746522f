// FD.io VPP's test/test_classifier_ip6.py, translated: every test method with the API calls it
// makes written as the VPP CLI they stand for, its packets built as its create_stream builds them
// and its verify_capture's expectations. Each case also checks the ACL counted a hit for every
// packet (VPP's test does not; without it a case would pass with the ACL ignored).
//
// The translation of the API calls:
//   classify_add_del_table(mask, match_n_vectors, miss_next_index=0, current_data_flag=1,
//     current_data_offset=N)      -> classify table mask hex M match V acl-miss-next deny
//                                       current-data-flag 1 current-data-offset N
//     (an ACL's next index 0 is ACL_NEXT_INDEX_DENY)
//   classify_add_del_session(table, match, opaque_index=0)  (hit_next_index defaults to ~0)
//                                   -> classify session acl-hit-next permit table-index T
//                                       match hex M opaque-index 0
//   input_acl_set_interface(1, pg0, ip6_table_index=T)  -> set interface input acl intfc pg0 ip6-table T
//   output_acl_set_interface(1, pg0, ip6_table_index=T) -> set interface output acl intfc pg0 ip6-table T
import { describe, expect, it } from "vitest";
import * as G from "../../assembly/graph/graph.layout.js";
import { build, dissect, Ether, IPv6, PacketInfos, Raw, TCP, UDP, type Layer } from "./packets.js";
import { capture, createPgInterfaces, PgLab, upWithIp6, type PgInterface } from "./pg.js";
import { ip6 } from "../fib/fib-node.js";

const PG_IF_PACKET_SIZES = [64, 9018];

/** TestClassifier.build_ip6_mask / build_ip6_match: hex from the IPv6 header, trailing zeros stripped. */
function ip6Hex(o: { nh?: string; src?: string; dst?: string; sport?: string; dport?: string }): string {
  return `${(o.nh ?? "").padStart(14, "0")}${(o.src ?? "").padStart(34, "0")}${(o.dst ?? "").padStart(32, "0")}${(o.sport ?? "").padStart(4, "0")}${(o.dport ?? "").padStart(4, "0")}`.replace(
    /0+$/,
    "",
  );
}

const addressHex = (a: string) => Array.from(ip6(a), (b) => b.toString(16).padStart(2, "0")).join("");
const FF16 = "ff".repeat(16);

/** build_mac_mask / build_mac_match. */
function macHex(o: { dst?: string; src?: string; type?: string }): string {
  const strip = (m?: string) => (m ?? "").replaceAll(":", "");
  return `${strip(o.dst).padStart(12, "0")}${strip(o.src).padStart(12, "0")}${(o.type ?? "").padStart(4, "0")}`.replace(/0+$/, "");
}

/** An even number of hex digits, as unhexlify needs (VPP's strings here always are). */
const even = (hex: string) => (hex.length % 2 ? `${hex}0` : hex);

interface AclCase {
  method: string;
  doc: string;
  key: string;
  mask: string;
  match: string;
  dataOffset?: number;
  l4?: (kind: "udp" | "tcp") => Layer;
  proto?: "udp" | "tcp";
  /** VPP's tests send pg0 -> pg1 through an input ACL on pg0 unless they say otherwise. */
  from?: 0 | 1;
  to?: 0 | 1 | 2;
  direction?: "input" | "output";
}

/** create_stream(src_if, dst_if, sizes, proto_l): one packet per size, the packet info in the payload. */
function createStream(infos: PacketInfos, src: PgInterface, dst: PgInterface, l4: Layer): Uint8Array[] {
  return PG_IF_PACKET_SIZES.map((size) => {
    const info = infos.create(src.swIfIndex, dst.swIfIndex);
    return build([Ether(src.localMac, src.remoteMac), IPv6({ src: src.remoteIp6, dst: dst.remoteIp6 }), l4, Raw(PacketInfos.payload(info))], size);
  });
}

/** verify_capture(dst_if, capture, proto_l): each packet's info names dst_if, in order, with the sent addresses and ports. */
function verifyCapture(infos: PacketInfos, dst: PgInterface, frames: Uint8Array[], sent: Uint8Array[], proto: "udp" | "tcp"): void {
  const expected = infos.created.filter((i) => i.dst === dst.swIfIndex);
  expect(frames.length).toBe(expected.length);
  frames.forEach((frame, k) => {
    const rx = dissect(frame);
    const tx = dissect(sent[k]);
    const info = PacketInfos.read(rx.payload);
    expect(info).toEqual(expected[k]);
    expect(rx.upper?.kind).toBe(proto);
    expect([rx.headers[0], rx.upper]).toMatchObject([
      { src: (tx.headers[0] as { src: string }).src, dst: (tx.headers[0] as { dst: string }).dst },
      { sport: (tx.upper as { sport: number }).sport, dport: (tx.upper as { dport: number }).dport },
    ]);
  });
}

async function runAclCase(c: AclCase): Promise<void> {
  const { pg, config } = createPgInterfaces(3);
  const lab = await PgLab.create(`${config}\n${upWithIp6(pg)}`);
  const infos = new PacketInfos();
  const proto = c.proto ?? "udp";
  const l4 = c.l4 ? c.l4(proto) : proto === "udp" ? UDP(1234, 5678) : TCP(1234, 5678);
  const src = pg[c.from ?? 0];
  const dst = pg[c.to ?? 1];
  const direction = c.direction ?? "input";
  const pkts = createStream(infos, src, dst, l4);
  const mask = even(c.mask);
  const vectors = Math.floor((c.mask.length - 1) / 32) + 1;
  const offset = c.dataOffset ?? 0;
  lab.cli(`classify table mask hex ${mask} match ${vectors} acl-miss-next deny current-data-flag 1 current-data-offset ${offset}
classify session acl-hit-next permit table-index 0 match hex ${even(c.match)} opaque-index 0
set interface ${direction} acl intfc pg0 ip6-table 0`);
  const show = lab.cli(`show ${direction === "input" ? "inacl" : "outacl"} type ip6`);
  expect(show).toMatch(/\s+1\s+0\s+pg0/);
  const captures = lab.send(src, pkts);
  verifyCapture(infos, dst, capture(captures, dst), pkts, proto);
  for (const other of pg.filter((p) => p !== dst)) expect(capture(captures, other), `${other.name} captured`).toEqual([]);
  const hits = lab.engine.errorCounts()[direction === "input" ? G.ERR_INACL_HIT : G.ERR_OUTACL_HIT];
  expect(hits).toBe(BigInt(pkts.length));
  expect(lab.engine.boundsViolations()).toBe(0);
}

const { pg: PG } = createPgInterfaces(3);
const UDP_NH = "11";
const TCP_NH = "6";

/** Every test method of test_classifier_ip6.py, in file order. */
export const CLASSIFIER_IP6_CASES: AclCase[] = [
  {
    method: "TestClassifierIP6.test_iacl_src_ip",
    doc: "Source IP6 iACL test",
    key: "ip6_src",
    mask: ip6Hex({ src: FF16 }),
    match: ip6Hex({ src: addressHex(PG[0].remoteIp6) }),
  },
  {
    method: "TestClassifierIP6.test_iacl_dst_ip",
    doc: "Destination IP6 iACL test",
    key: "ip6_dst",
    mask: ip6Hex({ dst: FF16 }),
    match: ip6Hex({ dst: addressHex(PG[1].remoteIp6) }),
  },
  {
    method: "TestClassifierIP6.test_iacl_src_dst_ip",
    doc: "Source and destination IP6 iACL test",
    key: "ip6",
    mask: ip6Hex({ src: FF16, dst: FF16 }),
    match: ip6Hex({ src: addressHex(PG[0].remoteIp6), dst: addressHex(PG[1].remoteIp6) }),
  },
  {
    method: "TestClassifierIP6UDP.test_iacl_proto_udp",
    doc: "IP6 UDP protocol iACL test",
    key: "nh_udp",
    mask: ip6Hex({ nh: "ff" }),
    match: ip6Hex({ nh: UDP_NH }),
  },
  {
    method: "TestClassifierIP6UDP.test_iacl_proto_udp_sport",
    doc: "IP6 UDP source port iACL test",
    key: "nh_udp_sport",
    mask: ip6Hex({ nh: "ff", sport: "ffff" }),
    match: ip6Hex({ nh: UDP_NH, sport: (38).toString(16) }),
    l4: () => UDP(38, 5678),
  },
  {
    method: "TestClassifierIP6UDP.test_iacl_proto_udp_dport",
    doc: "IP6 UDP destination port iACL test",
    key: "nh_udp_dport",
    mask: ip6Hex({ nh: "ff", dport: "ffff" }),
    match: ip6Hex({ nh: UDP_NH, dport: (427).toString(16) }),
    l4: () => UDP(1234, 427),
  },
  {
    method: "TestClassifierIP6UDP.test_iacl_proto_udp_sport_dport",
    doc: "IP6 UDP source and destination ports iACL test",
    key: "nh_udp_ports",
    mask: ip6Hex({ nh: "ff", sport: "ffff", dport: "ffff" }),
    match: ip6Hex({ nh: UDP_NH, sport: (13720).toString(16), dport: (9080).toString(16) }),
    l4: () => UDP(13720, 9080),
  },
  {
    method: "TestClassifierIP6TCP.test_iacl_proto_tcp",
    doc: "IP6 TCP protocol iACL test",
    key: "nh_tcp",
    mask: ip6Hex({ nh: "ff" }),
    match: ip6Hex({ nh: TCP_NH }),
    proto: "tcp",
  },
  {
    method: "TestClassifierIP6TCP.test_iacl_proto_tcp_sport",
    doc: "IP6 TCP source port iACL test",
    key: "nh_tcp_sport",
    mask: ip6Hex({ nh: "ff", sport: "ffff" }),
    match: ip6Hex({ nh: TCP_NH, sport: (38).toString(16) }),
    proto: "tcp",
    l4: () => TCP(38, 5678),
  },
  {
    method: "TestClassifierIP6TCP.test_iacl_proto_tcp_dport",
    doc: "IP6 TCP destination port iACL test",
    key: "nh_tcp_dport",
    mask: ip6Hex({ nh: "ff", dport: "ffff" }),
    match: ip6Hex({ nh: TCP_NH, dport: (427).toString(16) }),
    proto: "tcp",
    l4: () => TCP(1234, 427),
  },
  {
    method: "TestClassifierIP6TCP.test_iacl_proto_tcp_sport_dport",
    doc: "IP6 TCP source and destination ports iACL test",
    key: "nh_tcp_ports",
    mask: ip6Hex({ nh: "ff", sport: "ffff", dport: "ffff" }),
    match: ip6Hex({ nh: TCP_NH, sport: (13720).toString(16), dport: (9080).toString(16) }),
    proto: "tcp",
    l4: () => TCP(13720, 9080),
  },
  // Output ACL on pg0 with the source of pg1's stream: the table counts from the IPv6 header on
  // output as on input (ip6-outacl adds the rewrite length), so the same mask serves.
  {
    method: "TestClassifierIP6Out.test_acl_ip_out",
    doc: "Output IP6 ACL test",
    key: "ip6_out",
    mask: ip6Hex({ src: FF16 }),
    match: ip6Hex({ src: addressHex(PG[1].remoteIp6) }),
    dataOffset: 0,
    from: 1,
    to: 0,
    direction: "output",
  },
  // Source MAC with current-data-offset -14: the Ethernet header before the IPv6 header.
  {
    method: "TestClassifierIP6MAC.test_acl_mac",
    doc: "IP6 MAC iACL test",
    key: "mac",
    mask: macHex({ src: "ffffffffffff" }),
    match: macHex({ src: PG[0].remoteMac }),
    dataOffset: -14,
    to: 2,
  },
];

describe("VPP test_classifier_ip6.py", () => {
  for (const c of CLASSIFIER_IP6_CASES) {
    it(`${c.method}: ${c.doc}`, async () => runAclCase(c));
  }

  it("the output ACL denies what its table misses (what test_acl_ip_out's miss-next 0 means)", async () => {
    const { pg, config } = createPgInterfaces(3);
    const lab = await PgLab.create(`${config}\n${upWithIp6(pg)}`);
    const infos = new PacketInfos();
    lab.cli(`classify table mask hex ${even(ip6Hex({ src: FF16 }))} match 2 acl-miss-next deny current-data-flag 1 current-data-offset 0
classify session acl-hit-next permit table-index 0 match hex ${even(ip6Hex({ src: addressHex(pg[1].remoteIp6) }))} opaque-index 0
set interface output acl intfc pg0 ip6-table 0`);
    // pg2's stream to pg0 misses the table: dropped; pg0's own ACL does not see pg0 -> pg1.
    const captures = lab.send(pg[2], createStream(infos, pg[2], pg[0], UDP(1234, 5678)));
    expect(capture(captures, pg[0])).toEqual([]);
    expect(lab.engine.errorCounts()[G.ERR_OUTACL_MISS]).toBe(2n);
    const other = lab.send(pg[0], createStream(infos, pg[0], pg[1], UDP(1234, 5678)));
    expect(capture(other, pg[1])).toHaveLength(2);
    lab.cli("set interface output acl intfc pg0 ip6-table 0 del");
    expect(capture(lab.send(pg[2], createStream(infos, pg[2], pg[0], UDP(1234, 5678))), pg[0])).toHaveLength(2);
  });
});
