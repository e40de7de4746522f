// FD.io VPP's test/test_ip6.py, translated where manycast has the feature: its setup as the VPP CLI
// its API calls stand for, its packets and its expectations. IP6_NOT_COVERED lists every other
// test method with the reason (neighbour discovery, router advertisements, MLD, punt, policers,
// MPLS, GRE, table replace, path MTU, FIB sources, IPv4 and deaggregation).
import { formatIp6 } from "../../src/host/format/ip6-address.js";
import { describe, expect, it } from "vitest";
import * as G from "../../assembly/graph/graph.layout.js";
import { build, dissect, Dot1Q, EchoRequest, Ether, HopByHop, ipHeaders, IPv6, PacketInfos, Raw, UDP, type Layer } from "./packets.js";
import { byPort, capture, createPgInterfaces, dot1qSubint, PgLab, upWithIp6, type PgInterface } from "./pg.js";

const NUM_PKTS = 67;
const A5 = (n: number) => new Uint8Array(n).fill(0xa5);

describe("VPP test_ip6.py TestIPv6", () => {
  /** TestIPv6.setUp: pg0..pg2, Dot1Q sub-interfaces pg1.100 and pg2.200, all up with IPv6 and their neighbour. */
  async function ipv6Setup(): Promise<{ lab: PgLab; pg: PgInterface[]; subs: PgInterface[] }> {
    const { pg, config } = createPgInterfaces(3);
    const a = dot1qSubint(pg[1], 100, 4);
    const b = dot1qSubint(pg[2], 200, 5);
    const subs = [a.sub, b.sub];
    const lab = await PgLab.create([config, a.config, b.config, upWithIp6([...pg, ...subs])].join("\n"));
    return { lab, pg, subs };
  }

  it("TestIPv6.test_fib: IPv6 FIB test (untagged pg0, Dot1Q pg1.100 and pg2.200)", async () => {
    const { lab, pg, subs } = await ipv6Setup();
    const flows = new Map<PgInterface, PgInterface[]>([
      [pg[0], [subs[0], subs[1]]],
      [subs[0], [pg[0], subs[1]]],
      [subs[1], [pg[0], subs[0]]],
    ]);
    const sizes = [64, 1500, 9020];
    const infos = new PacketInfos();
    const sent = new Map<number, { info: { index: number; src: number; dst: number }; udp: [number, number]; src: string; dst: string }>();

    /** modify_packet: the destination by packet size, the packet info, the Dot1Q tag of a sub-interface, the size. */
    const modifyPacket = (src: PgInterface, size: number): Uint8Array => {
      const dst = flows.get(src)![Math.trunc((size / 10) % 2)];
      const info = infos.create(src.swIfIndex, dst.swIfIndex);
      sent.set(info.index, { info, udp: [1234, 1234], src: src.remoteIp6, dst: dst.remoteIp6 });
      const tag: Layer[] = src.vlan ? [Dot1Q(src.vlan)] : [];
      return build(
        [Ether(src.localMac, src.remoteMac), ...tag, IPv6({ src: src.remoteIp6, dst: dst.remoteIp6 }), UDP(1234, 1234), Raw(PacketInfos.payload(info))],
        size,
      );
    };
    const createStream = (src: PgInterface): Uint8Array[] => {
      const ext = src.vlan ? 4 : 0;
      const out: Uint8Array[] = [];
      for (let s = sizes[0]; s < sizes[1]; s += 10) out.push(modifyPacket(src, s));
      for (let s = sizes[1] + ext; s < sizes[2] + ext; s += 50) out.push(modifyPacket(src, s));
      return out;
    };
    const streams: [PgInterface, Uint8Array[]][] = [
      [pg[0], createStream(pg[0])],
      [subs[0], createStream(subs[0])],
      [subs[1], createStream(subs[1])],
    ];
    const captures = byPort(lab.start(streams));

    /** verify_capture(dst_if, capture): the tag of a sub-interface removed, no other; every packet for dst_if, in order per source. */
    const verifyCapture = (dst: PgInterface, frames: Uint8Array[]) => {
      const last = new Map<number, number>();
      for (const frame of frames) {
        const rx = dissect(frame);
        expect(rx.vlans).toEqual(dst.vlan ? [dst.vlan] : []);
        const info = PacketInfos.read(rx.payload);
        expect(info.dst).toBe(dst.swIfIndex);
        const next = infos.created.find((i) => i.src === info.src && i.dst === dst.swIfIndex && i.index > (last.get(info.src) ?? -1));
        expect(next?.index).toBe(info.index);
        last.set(info.src, info.index);
        const saved = sent.get(info.index)!;
        const [ip] = ipHeaders(rx);
        expect([ip.src, ip.dst, (rx.upper as { sport: number }).sport, (rx.upper as { dport: number }).dport]).toEqual([saved.src, saved.dst, ...saved.udp]);
        expect(rx.dst).toBe(dst.remoteMac);
        expect(rx.src).toBe(dst.localMac);
      }
      for (const src of flows.keys()) {
        const remaining = infos.created.filter((i) => i.src === src.swIfIndex && i.dst === dst.swIfIndex && i.index > (last.get(src.swIfIndex) ?? -1));
        expect(remaining, `${dst.name}: packets expected from ${src.name} didn't arrive`).toEqual([]);
      }
    };
    verifyCapture(pg[0], capture(captures, pg[0]));
    for (const sub of subs) verifyCapture(sub, capture(captures, sub));
    expect(lab.engine.boundsViolations()).toBe(0);
  });

  it("TestIPv6.test_next_header_anomaly: IPv6 next header anomaly test (next header 44, then an Echo Request)", async () => {
    const { lab, pg } = await ipv6Setup();
    // VPP's packet: Ether(src=pg0.local_mac, dst=pg0.remote_mac) / IPv6(nh=44) / ICMPv6EchoRequest().
    const pkt = build([
      Ether(pg[0].remoteMac, pg[0].localMac),
      IPv6({ src: pg[0].remoteIp6, dst: pg[0].localIp6, nh: 44 }),
      EchoRequest(0, 0, new Uint8Array(0)),
    ]);
    const captures = lab.send(pg[0], [pkt]);
    // VPP waits for a reassembly that never completes; manycast has no reassembly: no reply, no crash.
    expect([...captures.values()].flat()).toEqual([]);
    expect(lab.engine.boundsViolations()).toBe(0);
  });

  it("TestIPv6.test_ns_duplicates: ND Duplicates (the neighbour on pg1 and on pg2; removing it sends a solicitation, as VPP)", async () => {
    const { lab, pg } = await ipv6Setup();
    const host1 = pg[1].remoteHosts[1];
    lab.cli(`set ip neighbor ${pg[1].name} ${host1.ip6} ${host1.mac}
set ip neighbor ${pg[2].name} ${host1.ip6} ${pg[2].remoteMac}`);
    const p = build([Ether(pg[0].localMac, pg[0].remoteMac), IPv6({ src: pg[0].remoteIp6, dst: host1.ip6 }), UDP(1234, 1234), Raw(new Uint8Array(0))]);
    const verifyIp = (frames: Uint8Array[]) => {
      expect(frames).toHaveLength(1);
      const rx = dissect(frames[0]);
      expect([rx.src, rx.dst, ipHeaders(rx)[0].src, ipHeaders(rx)[0].dst]).toEqual([pg[1].localMac, host1.mac, pg[0].remoteIp6, host1.ip6]);
    };
    verifyIp(capture(lab.send(pg[0], [p]), pg[1]));
    // Removing the duplicate on pg1: VPP sends a Neighbour Solicitation for host1 out of pg1
    // (verify_ns); manycast too, holding the packet meanwhile (VPP drops it).
    lab.cli(`set ip neighbor del ${pg[1].name} ${host1.ip6} ${host1.mac}`);
    const held = lab.count("packets held awaiting neighbor resolution");
    const [ns, ...more] = capture(lab.send(pg[0], [p]), pg[1]);
    expect(more).toEqual([]);
    const solicitation = dissect(ns);
    expect(solicitation.upper).toMatchObject({ kind: "icmp6", type: 135, code: 0 });
    expect(ipHeaders(solicitation)[0].hlim).toBe(255);
    expect(formatIp6(ns, solicitation.upper!.at + 8)).toBe(host1.ip6); // the target
    expect(lab.count("packets held awaiting neighbor resolution")).toBe(held + 1n);
    lab.cli(`set ip neighbor ${pg[1].name} ${host1.ip6} ${host1.mac}`);
    const after = capture(lab.send(pg[0], [p]), pg[1]);
    // The held packet goes once the neighbour is known, then the new one: both to host1's MAC.
    expect(after).toHaveLength(2);
    for (const frame of after) verifyIp([frame]);
  });
});

describe("VPP test_ip6.py TestIPv6RouteLookup", () => {
  /** setUp: three drop routes (VppRoutePath("::1", 0xffffffff, type=DROP)). */
  async function routeLookupSetup(): Promise<PgLab> {
    return PgLab.create(`ip route add 2001:1111::/32 via drop
ip route add 2001:1111:2222::/48 via drop
ip route add 2001:1111:2222::1/128 via drop`);
  }

  /** ip_route_lookup as `show ip6 fib`: a prefix looks up exactly, an address by longest match; the prefix found. */
  function routeLookup(lab: PgLab, what: string): string | undefined {
    const lines = lab.cli(`show ip6 fib table 0 ${what}`).split("\n");
    return lines.find((l) => /^[0-9a-f:]+\/\d+$/.test(l));
  }

  it("TestIPv6RouteLookup.test_exact_match", async () => {
    const lab = await routeLookupSetup();
    expect(routeLookup(lab, "2001:1111:2222::1/128")).toBe("2001:1111:2222::1/128");
    expect(routeLookup(lab, "2001:1111:2222::/48")).toBe("2001:1111:2222::/48");
    expect(routeLookup(lab, "2001::2/128")).toBeUndefined();
  });

  it("TestIPv6RouteLookup.test_longest_prefix_match", async () => {
    const lab = await routeLookupSetup();
    expect(routeLookup(lab, "2001:1111:2222::2")).toBe("2001:1111:2222::/48");
    expect(routeLookup(lab, "2001:1111:2222::/48")).toBe("2001:1111:2222::/48");
  });
});

describe("VPP test_ip6.py TestIPv6IfAddrRoute", () => {
  const findRoute = (lab: PgLab, prefix: string) => lab.cli(`show ip6 fib ${prefix}`).split("\n").includes(prefix);

  it("TestIPv6IfAddrRoute.test_ipv6_ifaddrs_same_prefix: IPv6 Interface Addresses Same Prefix test", async () => {
    const { pg, config } = createPgInterfaces(1);
    const lab = await PgLab.create(`${config}\n${upWithIp6(pg)}`);
    const addr1 = "2001:10::10";
    const addr2 = "2001:10::20";
    expect([findRoute(lab, `${addr1}/128`), findRoute(lab, `${addr2}/128`)]).toEqual([false, false]);
    lab.cli(`set interface ip address pg0 ${addr1}/64`);
    expect([findRoute(lab, `${addr1}/128`), findRoute(lab, `${addr2}/128`)]).toEqual([true, false]);
    lab.cli(`set interface ip address pg0 ${addr2}/64\nset interface ip address del pg0 ${addr1}/64`);
    expect([findRoute(lab, `${addr1}/128`), findRoute(lab, `${addr2}/128`), findRoute(lab, "2001:10::/64")]).toEqual([false, true, true]);
    lab.cli(`set interface ip address del pg0 ${addr2}/64`);
    expect([findRoute(lab, `${addr1}/128`), findRoute(lab, `${addr2}/128`), findRoute(lab, "2001:10::/64")]).toEqual([false, false, false]);
  });

  it("TestIPv6IfAddrRoute.test_ipv6_ifaddr_del: Delete an interface address that does not exist", async () => {
    const { pg, config } = createPgInterfaces(1);
    // create_loopback_interfaces(1): loop0, here an interface of that name.
    const lab = await PgLab.create(`${config}\n${upWithIp6(pg)}\nset interface ip address loop0 fd01:a::1/64\nset interface state loop0 up`);
    const problems = lab.problems(`set interface ip address del loop0 ${pg[0].localIp6}/64`);
    expect(problems).toHaveLength(1);
    expect(findRoute(lab, `${pg[0].localIp6}/128`)).toBe(true);
  });
});

describe("VPP test_ip6.py TestICMPv6Echo", () => {
  it("TestICMPv6Echo.test_icmpv6_echo: VPP replies to ICMPv6 Echo Request (global and link-local)", async () => {
    const { pg, config } = createPgInterfaces(1);
    // VPP gives pg0 its EUI-64 link-local address when IPv6 is enabled; here it is configured.
    const localIp6Ll = "fe80::fe:ff:fe00:1";
    const lab = await PgLab.create(`${config}\n${upWithIp6(pg)}\nset interface ip address pg0 ${localIp6Ll}/64`);
    const data = new Uint8Array(18).fill(0x0a);
    const dsts = [pg[0].localIp6, localIp6Ll];
    const p = dsts.map((dst) => build([Ether(pg[0].localMac, pg[0].remoteMac), IPv6({ src: pg[0].remoteIp6, dst }), EchoRequest(0xb, 5, data)]));
    const rxs = capture(lab.send(pg[0], p), pg[0]);
    expect(rxs).toHaveLength(dsts.length);
    rxs.forEach((frame, k) => {
      const rx = dissect(frame);
      const [ip] = ipHeaders(rx);
      expect([rx.src, rx.dst, ip.src, ip.dst]).toEqual([pg[0].localMac, pg[0].remoteMac, dsts[k], pg[0].remoteIp6]);
      expect(rx.upper).toMatchObject({ kind: "icmp6", type: 129, id: 0xb, seq: 5 });
      expect(rx.payload).toEqual(data);
    });
  });
});

describe("VPP test_ip6.py TestIP6LoadBalance", () => {
  it("TestIP6LoadBalance.test_ip6_load_balance: IPv6 Load-Balancing (the IP parts)", async () => {
    const { pg, config } = createPgInterfaces(5);
    const lab = await PgLab.create(`${config}\n${upWithIp6(pg)}`);
    const frame = (dst: string, src: string, dport: number) =>
      build([Ether(pg[0].localMac, pg[0].remoteMac), IPv6({ dst, src }), UDP(1234, dport), Raw(A5(100))]);
    const portIpPkts = Array.from({ length: NUM_PKTS }, (_, ii) => frame("3000::1", "3000:1::1", 1234 + ii));
    const srcIpPkts = Array.from({ length: NUM_PKTS }, (_, ii) => frame("3000::1", `3000:1::${ii.toString(16)}`, 1234));
    lab.cli(`ip route add 3000::1/128 via ${pg[1].remoteIp6} pg1 via ${pg[2].remoteIp6} pg2`);

    /** send_and_expect_load_balancing: traffic on every output. */
    const expectLoadBalancing = (pkts: Uint8Array[], outputs: PgInterface[]) => {
      const captures = lab.send(pg[0], pkts);
      for (const o of outputs) expect(capture(captures, o).length, `${o.name}`).toBeGreaterThan(0);
      expect(outputs.reduce((n, o) => n + capture(captures, o).length, 0)).toBe(pkts.length);
    };
    /** send_and_expect_one_itf. */
    const expectOneItf = (pkts: Uint8Array[], itf?: PgInterface): string => {
      const captures = lab.send(pg[0], pkts);
      const used = [...captures.entries()].filter(([, f]) => f.length);
      expect(used).toHaveLength(1);
      expect(used[0][1]).toHaveLength(pkts.length);
      if (itf) expect(used[0][0]).toBe(itf.name);
      return used[0][0];
    };

    expectLoadBalancing(portIpPkts, [pg[1], pg[2]]);
    expectLoadBalancing(srcIpPkts, [pg[1], pg[2]]);
    // set_ip_flow_hash_router_id and the MPLS streams: not covered (IP6_NOT_COVERED).

    // Only IP src, dst (and proto): the packets differing in port take one path (pg2 in VPP:
    // which one depends on the hash function, which differs).
    lab.cli("set ip6 flow-hash table 0 src dst proto");
    expectLoadBalancing(srcIpPkts, [pg[1], pg[2]]);
    expect(["pg1", "pg2"]).toContain(expectOneItf(portIpPkts));
    lab.cli("set ip6 flow-hash table 0 src dst sport dport proto");

    // Recursive prefixes: two stages of load-balancing, no polarisation (all 4 paths used).
    const portPkts = Array.from({ length: 257 }, (_, ii) => frame("4000::1", "4000:1::1", 1234 + ii));
    const srcPkts = Array.from({ length: 257 }, (_, ii) => frame("4000::1", `4000:1::${ii.toString(16)}`, 1234));
    lab.cli(`ip route add 3000::2/128 via ${pg[3].remoteIp6} pg3 via ${pg[4].remoteIp6} pg4
ip route add 4000::1/128 via 3000::1 via 3000::2`);
    expectLoadBalancing(portPkts, [pg[1], pg[2], pg[3], pg[4]]);
    expectLoadBalancing(srcPkts, [pg[1], pg[2], pg[3], pg[4]]);

    // Recursive prefixes: two stages, no choices.
    const portPkts6 = Array.from({ length: 257 }, (_, ii) => frame("6000::1", "6000:1::1", 1234 + ii));
    lab.cli(`ip route add 5000::2/128 via ${pg[3].remoteIp6} pg3
ip route add 6000::1/128 via 5000::2`);
    expectOneItf(portPkts6, pg[3]);
    expect(lab.engine.boundsViolations()).toBe(0);
  });
});

describe("VPP test_ip6.py TestIP6Input", () => {
  async function inputSetup(): Promise<{ lab: PgLab; pg: PgInterface[] }> {
    const { pg, config } = createPgInterfaces(2);
    return { lab: await PgLab.create(`${config}\n${upWithIp6(pg)}`), pg };
  }

  it("TestIP6Input.test_ip_input_icmp_reply: IP6 Input Exception - Return ICMP (3,0)", async () => {
    const { lab, pg } = await inputSetup();
    const p = build([Ether(pg[0].localMac, pg[0].remoteMac), IPv6({ src: pg[0].remoteIp6, dst: pg[1].remoteIp6, hlim: 1 }), UDP(1234, 1234), Raw(A5(100))]);
    const rx = capture(
      lab.send(
        pg[0],
        Array.from({ length: NUM_PKTS }, () => p),
      ),
      pg[0],
    );
    // send_and_expect(..., pg0): VPP rate-limits its ICMP errors; manycast answers each.
    expect(rx.length).toBeGreaterThan(0);
    const icmp = dissect(rx[0]);
    expect(icmp.upper).toMatchObject({ kind: "icmp6", type: 3, code: 0 });
    expect(ipHeaders(icmp)[0].dst).toBe(pg[0].remoteIp6);
  });

  const ALL_0S = "::";
  const ALL_1S = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
  const ICMPV6_DATA = new Uint8Array(18).fill(0x0a);
  const cases: [string, string | undefined, string | undefined, Layer][] = [
    ["src='iface',   dst='iface'", undefined, undefined, UDP(1234, 1234)],
    ["src='All 0's', dst='iface'", ALL_0S, undefined, EchoRequest(0xb, 5, ICMPV6_DATA)],
    ["src='iface',   dst='All 0's'", undefined, ALL_0S, EchoRequest(0xb, 5, ICMPV6_DATA)],
    ["src='All 1's', dst='iface'", ALL_1S, undefined, EchoRequest(0xb, 5, ICMPV6_DATA)],
    ["src='iface',   dst='All 1's'", undefined, ALL_1S, EchoRequest(0xb, 5, ICMPV6_DATA)],
    ["src='All 1's', dst='All 1's'", ALL_1S, ALL_1S, EchoRequest(0xb, 5, ICMPV6_DATA)],
  ];
  for (const [name, src, dst, l4] of cases) {
    it(`TestIP6Input.test_ip_input_no_replies: IPv6 Input Exception - ${name} (version 3)`, async () => {
      const { lab, pg } = await inputSetup();
      const p = build([
        Ether(pg[0].localMac, pg[0].remoteMac),
        IPv6({ src: src ?? pg[0].remoteIp6, dst: dst ?? pg[1].remoteIp6, version: 3 }),
        l4,
        Raw(A5(100)),
      ]);
      const captures = lab.send(
        pg[0],
        Array.from({ length: NUM_PKTS }, () => p),
      );
      expect([...captures.values()].flat()).toEqual([]);
      expect(lab.engine.errorCounts()[G.ERR_IP6_BAD_VERSION]).toBe(BigInt(NUM_PKTS));
    });
  }

  it("TestIP6Input.test_hop_by_hop: Hop-by-hop header test", async () => {
    const { lab, pg } = await inputSetup();
    const p = build([Ether(pg[0].localMac, pg[0].remoteMac), IPv6({ src: pg[0].remoteIp6, dst: pg[0].localIp6 }), HopByHop(), UDP(1234, 1234), Raw(A5(100))]);
    // VPP only sends it (a crash would fail the run): no reply, no bounds violation.
    expect([...lab.send(pg[0], [p]).values()].flat()).toEqual([]);
    expect(lab.engine.boundsViolations()).toBe(0);
  });
});

export const IP6_NOT_COVERED: Record<string, string> = {
  "TestIPv6.test_ns": "neighbour solicitations: manycast has no neighbour discovery (neighbours are configured with set ip neighbor)",
  "TestIPv6.test_rs": "router solicitations and advertisements: not implemented",
  "TestIPv6.test_mld": "MLD reports: not implemented",
  "TestIPv6RD.test_rd_send_router_solicitation": "router discovery: not implemented",
  "TestIPv6RD.test_rd_receive_router_advertisement": "router discovery: not implemented",
  "TestIPv6RDControlPlane.test_all": "SLAAC and default routes from RAs: not implemented",
  "IPv6NDProxyTest.test_nd_proxy": "ND proxy: not implemented",
  "TestIPNull.test_ip_null": "routes via ICMP unreachable / prohibit: manycast's drop routes drop silently",
  "TestIPDisabled.test_ip_disabled": "multicast routes, and per-interface IPv6 enable: manycast routes what any up interface receives",
  "TestIP6Punt.test_ip_punt": "punt redirect and policers: not implemented",
  "TestIP6Punt.test_ip_punt_dump": "punt redirect: not implemented",
  "TestIP6PuntHandoff.test_ip_punt": "punt, policers and worker threads: not implemented",
  "TestIPDeag.test_ip_deag": "deaggregation (a route whose path is a lookup in another table, or a source lookup): not implemented",
  "TestIPReplace.test_replace": "table replace_begin/replace_end and multicast routes: not implemented",
  "TestIP6Replace.test_replace": "interface address replace_begin/replace_end: an API with no CLI",
  "TestIP6LinkLocal.test_ip6_ll":
    "link-local addresses as VPP keeps them (per-interface, no FIB /128, reachable neighbours without a route): manycast's addresses all go in the FIB",
  "TestIP6LinkLocal.test_ip6_ll_p2p": "GRE: not implemented",
  "TestIP6LinkLocal.test_ip6_ll_p2mp": "GRE and TEIB: not implemented",
  "TestIPv6PathMTU.test_path_mtu_local": "IPIP tunnels, interface MTU and fragmentation: not implemented",
  "TestIPv6PathMTU.test_path_mtu_remote": "IPIP tunnels, path MTU and fragmentation: not implemented",
  "TestIPFibSource.test_fib_source": "FIB sources and their priorities: one source (static CLI) besides interfaces",
  "TestIPxAF.test_x_af": "IPv4: manycast forwards IPv6 only",
  "TestIPv6Punt.test_ip6_punt": "punt of registered UDP ports, redirect and policers: not implemented",
  "TestIPv6Punt.test_ip6_punt_dump": "punt redirect: not implemented",
};

describe("VPP test_ip6.py coverage", () => {
  it("names a reason for every test method not translated", () => {
    expect(Object.values(IP6_NOT_COVERED).every((r) => r.length > 10)).toBe(true);
  });
});
