// SRv6 live: host a's traffic to host b is steered by manycast (H.Encaps) through an End node to
// manycast's End.DX6, which decapsulates it to b. The End node is the Linux kernel's seg6local
// where the running kernel has it (the probe in test/support/kernel-features.ts), manycast's own End
// otherwise, and the test says which. Replies come back by plain IPv6 routing through the same nodes.
//
//   a --- a0|r0 [R: manycast H.Encaps] r1|e0 [E: End fc00:e::1] e1|d0 [D: manycast End.DX6 fc00:d::6] d1|b0 --- b
//   2001:db8:1::2    2001:db8:2::1   2001:db8:2::2   2001:db8:3::1   2001:db8:3::2    2001:db8:4::1       2001:db8:4::2
import { afterAll, beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { labMac, NetnsLab, type Capture } from "../support/netns.js";
import { scratchDir } from "../support/cli.js";
import { tsharkCount, tsharkRows } from "../support/tshark.js";
import { needKernel } from "../support/kernel-features.js";
import { hostInterfaceConfig } from "../support/live-config.js";
import { describeLive, startRun, type LiveRun, closeLiveLab } from "../support/live-run.js";

const interfaces = (a: string, b: string, aAddress: string, bAddress: string) =>
  hostInterfaceConfig([
    { linux: a, address: aAddress },
    { linux: b, address: bAddress },
  ]);

const HEADEND = `${interfaces("r0", "r1", "2001:db8:1::1/64", "2001:db8:2::1/64")}
set sr encaps source addr 2001:db8:2::1
sr policy add bsid fc00:ff::1 next fc00:e::1 next fc00:d::6 encap
sr steer l3 2001:db8:4::/64 via bsid fc00:ff::1
ip route add fc00:e::/64 via 2001:db8:2::2
`;

const END = `${interfaces("e0", "e1", "2001:db8:2::2/64", "2001:db8:3::1/64")}
sr localsid address fc00:e::1 behavior end
ip route add fc00:d::/64 via 2001:db8:3::2
ip route add 2001:db8:1::/64 via 2001:db8:2::1
`;

const DX6 = `${interfaces("d0", "d1", "2001:db8:3::2/64", "2001:db8:4::1/64")}
sr localsid address fc00:d::6 behavior end.dx6 host-d1 2001:db8:4::2
ip route add 2001:db8:1::/64 via 2001:db8:3::1
`;

describeLive("manycast run: SRv6 H.Encaps to an End node and End.DX6 to a Linux host, live", () => {
  const dir = scratchDir("live-srv6");
  const lab = new NetnsLab("S");
  const kernelEnd = needKernel(["seg6local"]);
  const runs: LiveRun[] = [];
  let ns: Record<"a" | "r" | "e" | "d" | "b", string>;
  let segments: Capture;
  let delivered: Capture;

  beforeAll(async () => {
    ns = { a: lab.addNamespace("a"), r: lab.addNamespace("r"), e: lab.addNamespace("e"), d: lab.addNamespace("d"), b: lab.addNamespace("b") };
    lab.addVeth(ns.a, "a0", ns.r, "r0");
    lab.addVeth(ns.r, "r1", ns.e, "e0");
    lab.addVeth(ns.e, "e1", ns.d, "d0");
    lab.addVeth(ns.d, "d1", ns.b, "b0");
    lab.addAddress(ns.a, "a0", "2001:db8:1::2/64");
    lab.addAddress(ns.b, "b0", "2001:db8:4::2/64");
    lab.addRoute(ns.a, ["default", "via", "2001:db8:1::1"]);
    lab.addRoute(ns.b, ["default", "via", "2001:db8:4::1"]);
    lab.sysctl(ns.r, { "net.ipv6.conf.r0.disable_ipv6": 1, "net.ipv6.conf.r1.disable_ipv6": 1 });
    lab.sysctl(ns.d, { "net.ipv6.conf.d0.disable_ipv6": 1, "net.ipv6.conf.d1.disable_ipv6": 1 });
    if (kernelEnd.live) {
      console.log("SRv6 live: the End node is the Linux kernel's seg6local End");
      lab.addAddress(ns.e, "e0", "2001:db8:2::2/64");
      lab.addAddress(ns.e, "e1", "2001:db8:3::1/64");
      lab.sysctl(ns.e, { "net.ipv6.conf.all.forwarding": 1, "net.ipv6.conf.all.seg6_enabled": 1, "net.ipv6.conf.e0.seg6_enabled": 1 });
      lab.addRoute(ns.e, ["fc00:e::1/128", "encap", "seg6local", "action", "End", "dev", "e0"]);
      lab.addRoute(ns.e, ["fc00:d::/64", "via", "2001:db8:3::2"]);
      lab.addRoute(ns.e, ["2001:db8:1::/64", "via", "2001:db8:2::1"]);
    } else {
      console.warn(`skipped: the kernel's seg6local End: ${kernelEnd.why}; manycast's own End stands in for it`);
      lab.sysctl(ns.e, { "net.ipv6.conf.e0.disable_ipv6": 1, "net.ipv6.conf.e1.disable_ipv6": 1 });
      runs.push(await startRun(lab, ns.e, dir, "end", END));
    }
    runs.push(await startRun(lab, ns.r, dir, "headend", HEADEND));
    runs.push(await startRun(lab, ns.d, dir, "dx6", DX6));
    segments = await lab.startCapture(ns.e, "e0", join(dir, "e0.pcap"), ["-Q", "in", "ip6"]);
    delivered = await lab.startCapture(ns.b, "b0", join(dir, "b0.pcap"), ["-Q", "in", "ip6"]);
    await lab.warmUp(ns.a, "2001:db8:4::2", 15_000);
  }, 180_000);

  afterAll(() => closeLiveLab(lab, ...runs));

  it("carries a's ping and UDP to b and back", async () => {
    expect(await lab.labtool(ns.a, ["ping", "2001:db8:4::2", "--count", "10", "--interval", "0.3", "--timeout", "10"])).toEqual({ sent: 10, received: 10 });
    await lab.labtool(ns.a, ["udp", "2001:db8:4::2", "7000", "--count", "10", "--size", "300"]);
  }, 60_000);

  it("the End node receives a's packets encapsulated: outer destination the End SID, SRH [DX6, End], segments left 1", async () => {
    await segments.stop();
    const rows = tsharkRows(segments.file, ["ipv6.dst", "ipv6.routing.segleft", "ipv6.routing.srh.addr", "ipv6.src"], ["-Y", "ipv6.routing.type == 4"]);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) {
      const [outerDst] = row[0].split(",");
      expect(outerDst).toBe("fc00:e::1");
      expect(row[1]).toBe("1");
      expect(row[2]).toBe("fc00:d::6,fc00:e::1");
      // Outer source: the headend's encapsulation source; inner source: host a.
      expect(row[3]).toBe("2001:db8:2::1,2001:db8:1::2");
    }
    expect(tsharkCount(segments.file, "_ws.malformed || _ws.expert.severity == error")).toBe(0);
  });

  it("b receives them decapsulated by End.DX6: plain IPv6 from a, no routing header", async () => {
    await delivered.stop();
    const fromA = `eth.dst == ${labMac("b0")} && ipv6.src == 2001:db8:1::2`;
    expect(tsharkCount(delivered.file, `${fromA} && icmpv6.type == 128`)).toBeGreaterThanOrEqual(10);
    expect(tsharkCount(delivered.file, `${fromA} && udp.dstport == 7000`)).toBe(10);
    expect(tsharkCount(delivered.file, `${fromA} && ipv6.routing`)).toBe(0);
    const dx6 = runs[runs.length - 1].ctl("show errors");
    expect(dx6).toMatch(/End\.DX6\/End\.DT6: inner IPv6 packet decapsulated/);
  });
});
