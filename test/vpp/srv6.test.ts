// FD.io VPP's test/test_srv6.py, translated: its setup_interfaces, routes, SR policies, steering
// and local SIDs written as the VPP CLI their API calls stand for, its packets (create_stream
// with the create_packet_header_* builders) and its compare_rx_tx_packet_* expectations.
//
// VPP's create_stream loops `range(0, count - 1)`, so each header gives count - 1 = 3 packets
// (sizes 64, 512 and 1518 of pg_packet_sizes [64, 512, 1518, 9018]); so do these.
//
// Cases not translated (listed in SRV6_NOT_COVERED with the reason) use IPv4 or L2 payloads,
// which manycast does not forward, or VPP internals (add_node_next, a classifier action).
import { describe, expect, it } from "vitest";
import { build, dissect, Ether, ipHeaders, IPv6, PacketInfos, Raw, SRH, srHeaders, UDP, type Dissected, type Layer } from "./packets.js";
import { capture, createPgInterfaces, PgLab, type PgInterface } from "./pg.js";

const PG_PACKET_SIZES = [64, 512, 1518, 9018];

/** configure_interface(intf, ipv6=True, ipv6_table_id=T) as CLI. */
function configureInterface(i: PgInterface, table: number): string[] {
  return [...(table ? [i.setTableIp6(table)] : []), i.configIp6(), i.resolveNdp(), i.adminUp()];
}

/** setup_interfaces(ipv6=[True]*n, ipv6_table_id=[...]). */
function setupInterfaces(n: number, tables: number[] = []): { pg: PgInterface[]; config: string } {
  const { pg, config } = createPgInterfaces(n);
  return { pg, config: [config, ...pg.flatMap((i, k) => configureInterface(i, tables[k] ?? 0))].join("\n") };
}

// create_packet_header_*: Layer lists without Ether (create_stream adds it).
const headerIPv6 = (dst: string): Layer[] => [IPv6({ src: "1234::1", dst }), UDP(1234, 1234)];
const headerIPv6Srh = (sidlist: string[], segleft: number): Layer[] => [
  IPv6({ src: "1234::1", dst: sidlist[segleft] }),
  SRH(sidlist, segleft),
  UDP(1234, 1234),
];
const headerIPv6SrhIPv6 = (dst: string, sidlist: string[], segleft: number): Layer[] => [
  IPv6({ src: "1234::1", dst: sidlist[segleft] }),
  SRH(sidlist, segleft, 41),
  IPv6({ src: "4321::1", dst }),
  UDP(1234, 1234),
];
const headerIPv6IPv6 = (dstInner: string, dstOuter: string): Layer[] => [
  IPv6({ src: "1234::1", dst: dstOuter }),
  IPv6({ src: "4321::1", dst: dstInner }),
  UDP(1234, 1234),
];

/** create_stream(src_if, dst_if, packet_header, sizes, count): count - 1 packets. */
function createStream(infos: PacketInfos, src: PgInterface, dst: PgInterface, header: Layer[], count = PG_PACKET_SIZES.length): Uint8Array[] {
  const pkts: Uint8Array[] = [];
  for (let i = 0; i < count - 1; i++) {
    const info = infos.create(src.swIfIndex, dst.swIfIndex);
    pkts.push(build([Ether(src.localMac, src.remoteMac), ...header, Raw(PacketInfos.payload(info))], PG_PACKET_SIZES[i % PG_PACKET_SIZES.length]));
  }
  return pkts;
}

type Compare = (tx: Uint8Array, rx: Uint8Array) => void;

/** send_and_verify_pkts(input, pkts, output, compare_func), verify_captured_pkts: every packet, in order, on output, none back on input. */
function sendAndVerifyPkts(lab: PgLab, input: PgInterface, pkts: Uint8Array[], output: PgInterface, compare: Compare): Map<string, Uint8Array[]> {
  const captures = lab.send(input, pkts);
  const rx = capture(captures, output);
  expect(capture(captures, input), "captured on the input interface").toEqual([]);
  expect(rx.length).toBe(pkts.length);
  rx.forEach((frame, k) => {
    const info = PacketInfos.read(dissect(frame).payload);
    expect(info.index).toBe(k);
    expect(info.dst).toBe(output.swIfIndex);
    compare(pkts[k], frame);
  });
  return captures;
}

const upperBytes = (frame: Uint8Array, d: Dissected) => frame.subarray(d.upper!.at);

/** The IPv6 packet at header `h` with its hop limit lowered by one (what ip6-rewrite does). */
function withHlimMinusOne(frame: Uint8Array, at: number): Uint8Array {
  const copy = frame.slice(at);
  copy[7] -= 1;
  return copy;
}

/** The SRH kept and advanced one segment: the same source and list, SL one less, the new active segment as destination. */
function expectSrhAdvanced(tx: Dissected, rx: Dissected): void {
  const [txIp] = ipHeaders(tx);
  const [txSrh] = srHeaders(tx);
  const [rxIp] = ipHeaders(rx);
  const [rxSrh] = srHeaders(rx);
  expect(rxSrh, "SRH should NOT have been popped").toBeDefined();
  expect(rxIp.src).toBe(txIp.src);
  expect(rxSrh.addresses).toEqual(txSrh.addresses);
  expect(rxSrh.segleft).toBe(txSrh.segleft - 1);
  expect(rxIp.dst).toBe(rxSrh.addresses[rxSrh.segleft]);
  expect(rxSrh.lastentry).toBe(txSrh.lastentry);
}

/** compare_rx_tx_packet_End (End without PSP; End.X without PSP). */
const compareEnd: Compare = (txFrame, rxFrame) => {
  const tx = dissect(txFrame);
  const rx = dissect(rxFrame);
  const [, txIp2] = ipHeaders(tx);
  const [txSrh] = srHeaders(tx);
  const [, rxIp2] = ipHeaders(rx);
  expect(rxIp2, "rx'ed packet should have 2nd IPv6 header").toBeDefined();
  expect(txSrh.segleft).toBeGreaterThan(0);
  expectSrhAdvanced(tx, rx);
  expect([rxIp2.src, rxIp2.dst]).toEqual([txIp2.src, txIp2.dst]);
  expect(upperBytes(rxFrame, rx)).toEqual(upperBytes(txFrame, tx));
};

/** compare_rx_tx_packet_End_PSP (End with PSP; End.X with PSP). */
const compareEndPsp: Compare = (txFrame, rxFrame) => {
  const tx = dissect(txFrame);
  const rx = dissect(rxFrame);
  const [txIp, txIp2] = ipHeaders(tx);
  const [txSrh] = srHeaders(tx);
  const [rxIp, rxIp2] = ipHeaders(rx);
  expect(rxIp2).toBeDefined();
  expect([rxIp2.src, rxIp2.dst]).toEqual([txIp2.src, txIp2.dst]);
  if (txSrh.segleft > 1) {
    expectSrhAdvanced(tx, rx);
  } else {
    expect(srHeaders(rx), "SRH should have been popped").toEqual([]);
    expect(rxIp.src).toBe(txIp.src);
    expect(rxIp.dst).toBe(txSrh.addresses[txSrh.segleft - 1]);
  }
  expect(upperBytes(rxFrame, rx)).toEqual(upperBytes(txFrame, tx));
};

/** compare_rx_tx_packet_End_DX6 (End.DX6, End.DT6): the inner packet, its hop limit one less. */
const compareEndDx6: Compare = (txFrame, rxFrame) => {
  const tx = dissect(txFrame);
  const rx = dissect(rxFrame);
  expect(srHeaders(rx)).toEqual([]);
  const txIp2 = ipHeaders(tx)[1];
  expect(rx.ip).toEqual(withHlimMinusOne(txFrame, txIp2.at));
};

/** compare_rx_tx_packet_T_Encaps, with its policy's segments and source. */
function compareTEncaps(segments: string[], source: string, innerHlimDecrement: number): Compare {
  return (txFrame, rxFrame) => {
    const tx = dissect(txFrame);
    const rx = dissect(rxFrame);
    const txSeglist = [...segments].reverse();
    const [rxIp] = ipHeaders(rx);
    const [rxSrh] = srHeaders(rx);
    expect(rxSrh).toBeDefined();
    expect(rxIp.src).toBe(source);
    expect(rxIp.dst).toBe(txSeglist[txSeglist.length - 1]);
    expect(rxSrh.addresses).toEqual(txSeglist);
    expect(rxSrh.segleft).toBe(txSeglist.length - 1);
    expect(rxSrh.segleft).toBe(rxSrh.lastentry);
    // "the whole rx'ed pkt beyond SRH should be equal to tx'ed pkt except for the hop-limit field"
    const inner = txFrame.slice(tx.headers[0].at);
    inner[7] -= innerHlimDecrement;
    expect(rxFrame.subarray(rxSrh.at + 8 + 16 * rxSrh.addresses.length)).toEqual(inner);
  };
}

/** compare_rx_tx_packet_T_Insert, with its policy's segments. */
function compareTInsert(segments: string[]): Compare {
  return (txFrame, rxFrame) => {
    const tx = dissect(txFrame);
    const rx = dissect(rxFrame);
    const [txIp] = ipHeaders(tx);
    const [txSrh] = srHeaders(tx);
    const txSeglist = [...segments, txIp.dst].reverse();
    const [rxIp, rxIp2] = ipHeaders(rx);
    const [rxSrh, rxSrh2] = srHeaders(rx);
    expect(rxSrh).toBeDefined();
    expect(rxIp2, "only one IPv6 header").toBeUndefined();
    expect(rxIp.src).toBe(txIp.src);
    expect(rxIp.dst).toBe(txSeglist[txSeglist.length - 1]);
    expect(rxSrh.addresses).toEqual(txSeglist);
    expect(rxSrh.segleft).toBe(txSeglist.length - 1);
    expect(rxSrh.segleft).toBe(rxSrh.lastentry);
    if (txSrh) {
      expect(rxSrh2, "packet should have 2nd SRH").toBeDefined();
      expect([rxSrh2.addresses, rxSrh2.segleft, rxSrh2.lastentry]).toEqual([txSrh.addresses, txSrh.segleft, txSrh.lastentry]);
    } else {
      expect(rxSrh2).toBeUndefined();
    }
    expect(upperBytes(rxFrame, rx)).toEqual(upperBytes(txFrame, tx));
  };
}

export const SRV6_NOT_COVERED: Record<string, string> = {
  "TestSRv6.test_SRv6_T_Encaps_IPv4": "IPv4 steering (sr steer l3 7.1.1.0/24): manycast forwards IPv6 only; skipped in VPP too ('PC to fix')",
  "TestSRv6.test_SRv6_T_Encaps_L2": "L2 steering (sr steer l2 IF): manycast has no L2 input; skipped in VPP too ('VPP crashes after running this test')",
  "TestSRv6.test_SRv6_End_DX4": "End.DX4 decapsulates to IPv4: manycast forwards IPv6 only (the line is refused, behaviour not supported)",
  "TestSRv6.test_SRv6_End_DT4": "End.DT4 looks up an IPv4 table: manycast forwards IPv6 only",
  "TestSRv6.test_SRv6_End_DX2": "End.DX2 sends the inner Ethernet frame out of an interface: manycast has no L2 output",
  "TestSRv6.test_SRv6_T_Insert_Classifier":
    "steers with add_node_next('ip6-inacl', 'sr-pl-rewrite-insert') and a classifier session action 3 (set metadata = SR policy index), which manycast's classifier has no counterpart for; skipped in VPP too ('PC to fix'), and its mask (skip 2 vectors, 0xff in the first octet) matches octet 8 of the destination, not a7::/8",
};

describe("VPP test_srv6.py", () => {
  // Both transit tests: a4::/64 via pg1, an SR policy a3::9999:1 over TRANSIT_SEGMENTS steering
  // a7::/64, and a stream to a7::1234 plain and with an SRH of its own.
  const TRANSIT_SEGMENTS = ["a4::", "a5::", "a6::c7"];
  async function transit(mode: "encap" | "insert") {
    const { pg, config } = setupInterfaces(2);
    const lab = await PgLab.create(`${config}
ip route add a4::/64 via ${pg[1].remoteIp6} ${pg[1].name}
set sr encaps source addr a3::
sr policy add bsid a3::9999:1 next ${TRANSIT_SEGMENTS.join(" next ")} ${mode} weight 1 v6src a3::
sr steer l3 a7::/64 via bsid a3::9999:1`);
    const infos = new PacketInfos();
    const pkts = [
      ...createStream(infos, pg[0], pg[1], headerIPv6("a7::1234")),
      ...createStream(infos, pg[0], pg[1], headerIPv6Srh(["a8::", "a7::", "a6::"], 1)),
    ];
    return { pg, lab, infos, pkts };
  }

  it("TestSRv6.test_SRv6_T_Encaps: Test SRv6 Transit.Encaps behavior for IPv6 (skipped in VPP)", async () => {
    const { pg, lab, infos, pkts } = await transit("encap");
    pkts.push(...createStream(infos, pg[0], pg[1], headerIPv6SrhIPv6("a7::1234", ["a8::", "a7::", "a6::"], 1)));
    // VPP's expectation has the inner hop limit one less; manycast's encapsulating policy leaves
    // the inner packet as it came (as Linux's seg6 encap does; docs/vpp-differences.md).
    sendAndVerifyPkts(lab, pg[0], pkts, pg[1], compareTEncaps(TRANSIT_SEGMENTS, "a3::", 0));
    expect(lab.engine.boundsViolations()).toBe(0);
  });

  it("TestSRv6.test_SRv6_T_Insert: Test SRv6 Transit.Insert behavior (IPv6 only) (skipped in VPP)", async () => {
    const { pg, lab, pkts } = await transit("insert");
    sendAndVerifyPkts(lab, pg[0], pkts, pg[1], compareTInsert(TRANSIT_SEGMENTS));
  });

  for (const psp of [false, true]) {
    it(`TestSRv6.test_SRv6_End${psp ? "_with_PSP" : ""}: Test SRv6 End ${psp ? "with" : "(without)"} PSP behavior`, async () => {
      const { pg, config } = setupInterfaces(2);
      const lab = await PgLab.create(`${config}
ip route add a4::/64 via ${pg[1].remoteIp6} ${pg[1].name}
sr localsid address a3:: behavior end${psp ? " psp" : ""}`);
      const infos = new PacketInfos();
      const pkts = [
        ...createStream(infos, pg[0], pg[1], headerIPv6SrhIPv6("a4::1234", ["a5::", "a4::", "a3::"], 2)),
        ...createStream(infos, pg[0], pg[1], headerIPv6SrhIPv6("a4::1234", ["a4::", "a3::", "a2::"], 1)),
      ];
      sendAndVerifyPkts(lab, pg[0], pkts, pg[1], psp ? compareEndPsp : compareEnd);
      expect(lab.cli("show sr localsids")).toContain("a3::");
    });
  }

  for (const psp of [false, true]) {
    it(`TestSRv6.test_SRv6_End_X${psp ? "_with_PSP" : ""}: Test SRv6 End.X ${psp ? "with" : "(without)"} PSP behavior`, async () => {
      const { pg, config } = setupInterfaces(3);
      // a4::/64 via pg1 and pg2: End.X must still send to its own adjacency, pg1.
      const lab = await PgLab.create(`${config}
ip route add a4::/64 via ${pg[1].remoteIp6} ${pg[1].name} via ${pg[2].remoteIp6} ${pg[2].name}
sr localsid address a3::c4 behavior end.x ${pg[1].name} ${pg[1].remoteIp6}${psp ? " psp" : ""}`);
      expect(lab.cli("show ip6 fib a4::/64")).toMatch(/dpo-load-balance: .*paths:2/);
      const infos = new PacketInfos();
      const pkts = [
        ...createStream(infos, pg[0], pg[1], headerIPv6SrhIPv6("a4::1234", ["a5::", "a4::", "a3::c4"], 2)),
        ...createStream(infos, pg[0], pg[1], headerIPv6SrhIPv6("a4::1234", ["a4::", "a3::c4", "a2::"], 1)),
      ];
      const captures = sendAndVerifyPkts(lab, pg[0], pkts, pg[1], psp ? compareEndPsp : compareEnd);
      expect(capture(captures, pg[2]), "mis-directed packet(s)").toEqual([]);
    });
  }

  it("TestSRv6.test_SRv6_End_DX6: Test SRv6 End.DX6 behavior", async () => {
    const { pg, config } = setupInterfaces(2);
    const lab = await PgLab.create(`${config}
sr localsid address a3::c4 behavior end.dx6 ${pg[1].name} ${pg[1].remoteIp6}`);
    const infos = new PacketInfos();
    const pkts = [
      ...createStream(infos, pg[0], pg[1], headerIPv6SrhIPv6("a4::1234", ["a3::c4", "a2::", "a1::"], 0)),
      ...createStream(infos, pg[0], pg[1], headerIPv6IPv6("a4::1234", "a3::c4")),
    ];
    sendAndVerifyPkts(lab, pg[0], pkts, pg[1], compareEndDx6);
  });

  it("TestSRv6.test_SRv6_End_DT6: Test SRv6 End.DT6 behavior", async () => {
    // VppIpTable(self, 1, is_ip6=True); pg2 in table 1; a4::/64 via pg1 in table 0 and via pg2 in table 1.
    const { pg, config } = setupInterfaces(3, [0, 0, 1]);
    const lab = await PgLab.create(`ip6 table add 1
${config}
ip route add a4::/64 via ${pg[1].remoteIp6} ${pg[1].name}
ip route add a4::/64 table 1 via ${pg[2].remoteIp6} ${pg[2].name}
sr localsid address a3::c4 behavior end.dt6 1`);
    expect(lab.cli("show ip6 fib table 1 a4::1234")).toContain(pg[2].name);
    const infos = new PacketInfos();
    const pkts = [
      ...createStream(infos, pg[0], pg[2], headerIPv6SrhIPv6("a4::1234", ["a3::c4", "a2::", "a1::"], 0)),
      ...createStream(infos, pg[0], pg[2], headerIPv6IPv6("a4::1234", "a3::c4")),
    ];
    const captures = sendAndVerifyPkts(lab, pg[0], pkts, pg[2], compareEndDx6);
    expect(capture(captures, pg[1]), "mis-directed packet(s)").toEqual([]);
  });

  it("lists why each test method not translated is not", () => {
    expect(Object.keys(SRV6_NOT_COVERED)).toHaveLength(6);
  });
});
