// `manycast run` as an IPv6 router between Linux hosts, in real time: ping, UDP and the kernel's TCP
// from host a reach host b through manycast, which adds an RFC 9486 IOAM trace (namespace 123, node
// 1), and a Linux IOAM transit node after it adds its own (node 2); tshark reads both traces in the
// receiver's capture. The config has no static neighbours: manycast learns them by neighbour
// discovery, and `manycast ctl show ip6 neighbors` lists them.
//
//   a --- a0|r0 [manycast run] r1|t0 --- [Linux t: IOAM transit] t1 --- b0 b (capture)
//   2001:db8:1::2   ::1     2001:db8:2::1    2001:db8:2::2   2001:db8:3::1     2001:db8:3::2
import { afterAll, beforeAll, expect, it } from "vitest";
import { statSync } from "node:fs";
import { join } from "node:path";
import { LABTOOL, NetnsLab, type Capture } from "../support/netns.js";
import { SYSTEM_PYTHON } from "../support/environment.js";
import { scratchDir } from "../support/cli.js";
import { tsharkCount, tsharkRows } from "../support/tshark.js";
import { needKernel } from "../support/kernel-features.js";
import { ROUTER_R0_R1 } from "../support/live-config.js";
import { describeLive, startRun, type LiveRun, closeLiveLab } from "../support/live-run.js";
import { labMac } from "../support/netns.js";

const CONFIG = `${ROUTER_R0_R1}ip route add 2001:db8:3::/64 via 2001:db8:2::2
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst 2001:db8:3::2
set int input acl intfc host-r0 ip6-table 0
set ioam6 namespace 123 data 0x11111111
set ioam6 node-id 1
set interface ioam6 host-r0 id 11
set interface ioam6 host-r1 id 12
set ioam-trace profile format rfc9197 namespace 123 trace-type 0xf40000 trace-elts 4
set ioam rewrite trace
`;

// The trace adds 8 + 4 + 4 x 20 = 92 octets: a's MTU leaves room for it on the 1500-octet links.
const HOST_MTU = 1400;
const TCP_BYTES = 300_000;

describeLive("manycast run: an IPv6 router with IOAM between Linux hosts, neighbours learned", () => {
  const dir = scratchDir("live-router");
  const lab = new NetnsLab("L");
  const transit = needKernel(["ioam6Transit"]);
  let run: LiveRun;
  let capture: Capture;
  let ns: Record<"a" | "r" | "t" | "b", string>;

  beforeAll(async () => {
    ns = { a: lab.addNamespace("a"), r: lab.addNamespace("r"), t: lab.addNamespace("t"), b: lab.addNamespace("b") };
    lab.addVeth(ns.a, "a0", ns.r, "r0");
    lab.addVeth(ns.r, "r1", ns.t, "t0");
    lab.addVeth(ns.t, "t1", ns.b, "b0");
    lab.ip(ns.a, ["link", "set", "a0", "mtu", String(HOST_MTU)]);
    // The engine owns r0 and r1: the kernel's IPv6 there would answer and solicit on its own.
    lab.sysctl(ns.r, { "net.ipv6.conf.r0.disable_ipv6": 1, "net.ipv6.conf.r1.disable_ipv6": 1 });
    lab.addAddress(ns.a, "a0", "2001:db8:1::2/64");
    lab.addAddress(ns.t, "t0", "2001:db8:2::2/64");
    lab.addAddress(ns.t, "t1", "2001:db8:3::1/64");
    lab.addAddress(ns.b, "b0", "2001:db8:3::2/64");
    lab.addRoute(ns.a, ["default", "via", "2001:db8:1::1"]);
    lab.addRoute(ns.t, ["2001:db8:1::/64", "via", "2001:db8:2::1"]);
    lab.addRoute(ns.b, ["default", "via", "2001:db8:3::1"]);
    lab.sysctl(ns.t, { "net.ipv6.conf.all.forwarding": 1 });
    if (transit.live) {
      lab.sysctl(ns.t, { "net.ipv6.ioam6_id": 2, "net.ipv6.conf.t0.ioam6_enabled": 1 });
      lab.ip(ns.t, ["ioam", "namespace", "add", "123", "data", "0x22222222"]);
    } else {
      console.warn(`skipped: the Linux IOAM transit node after manycast: ${transit.why}; b sees manycast's trace alone`);
    }
    run = await startRun(lab, ns.r, dir, "router", CONFIG);
    capture = await lab.startCapture(ns.b, "b0", join(dir, "b0.pcap"), ["ip6"]);
    await lab.warmUp(ns.a, "2001:db8:3::2", 10_000);
  }, 120_000);

  afterAll(() => closeLiveLab(lab, run));

  it("forwards ping, UDP and kernel TCP, learning every neighbour it needs", async () => {
    const ping = await lab.labtool(ns.a, ["ping", "2001:db8:3::2", "--count", "10", "--interval", "0.3", "--timeout", "10"]);
    expect(ping).toEqual({ sent: 10, received: 10 });
    await lab.labtool(ns.a, ["udp", "2001:db8:3::2", "7000", "--count", "20", "--size", "200"]);
    const server = lab.spawn(ns.b, [SYSTEM_PYTHON, LABTOOL, "tcp-server", "2001:db8:3::2", "5001", "--bytes", String(TCP_BYTES)]);
    await server.waitForOutput(/listening/, 10_000);
    const client = await lab.labtool(ns.a, ["tcp-client", "2001:db8:3::2", "5001", "--bytes", String(TCP_BYTES)], { timeoutMs: 30_000 });
    expect(client).toMatchObject({ sent: TCP_BYTES, received: TCP_BYTES });
    await server.exited;
    expect(server.stdout).toContain(`"received": ${TCP_BYTES}`);
  }, 60_000);

  it("ctl lists the neighbours it learned (the config has none), and the CLI socket is mode 0600", () => {
    const neighbours = run.ctl("show ip6 neighbors");
    expect(neighbours).toMatch(/2001:db8:1::2\s+D\s+([0-9a-f]{2}:){5}[0-9a-f]{2}\s+host-r0/);
    expect(neighbours).toMatch(/2001:db8:2::2\s+D\s+([0-9a-f]{2}:){5}[0-9a-f]{2}\s+host-r1/);
    expect(neighbours).not.toMatch(/\sS\s/);
    expect(statSync(run.socket).mode & 0o777).toBe(0o600);
    const errors = run.ctl("show errors");
    expect(errors).toMatch(/neighbor advertisements sent/);
    expect(errors).toMatch(/RFC 9197 trace updated/);
    expect(run.ctl("show interface host-r0")).toMatch(/rx packets\s+\d+/);
  });

  it("the receiver's capture carries manycast's trace and, after it, the Linux transit node's (tshark)", async () => {
    await capture.stop();
    const rows = tsharkRows(
      capture.file,
      ["ipv6.opt.ioam.trace.node.id", "ipv6.opt.ioam.trace.node.nsdata", "icmpv6.type", "udp.dstport", "tcp.dstport"],
      ["-Y", `eth.dst == ${labMac("b0")} && ipv6.src == 2001:db8:1::2`],
    );
    const ids = transit.live ? "0x000002,0x000001" : "0x000001";
    const data = transit.live ? "0x22222222,0x11111111" : "0x11111111";
    // Every packet from a (echo requests, UDP datagrams, TCP segments) carries the traces.
    const kinds = { icmpv6: rows.filter((r) => r[2]), udp: rows.filter((r) => r[3]), tcp: rows.filter((r) => r[4]) };
    for (const [kind, traced] of Object.entries(kinds)) {
      expect(traced.length, kind).toBeGreaterThan(0);
      for (const row of traced) expect(row.slice(0, 2), kind).toEqual([ids, data]);
    }
    expect(kinds.udp).toHaveLength(20);
    expect(rows.length).toBe(kinds.icmpv6.length + kinds.udp.length + kinds.tcp.length);
    // The engine's clock is the system clock: its timestamp (seconds, microseconds) is a few
    // milliseconds before the Linux node's after it and the receiver's capture.
    const times = tsharkRows(
      capture.file,
      ["ipv6.opt.ioam.trace.node.tss", "ipv6.opt.ioam.trace.node.tsf", "frame.time_epoch"],
      ["-Y", "ipv6.opt.ioam.trace.ns == 123"],
    );
    for (const [tss, tsf, epoch] of times) {
      const stamps = tss.split(",").map((sec, k) => Number(sec) + Number(tsf.split(",")[k]) / 1e6);
      const ours = stamps[stamps.length - 1];
      expect(Number(epoch) - ours).toBeGreaterThanOrEqual(0);
      expect(Number(epoch) - ours).toBeLessThan(1);
      if (stamps.length > 1) expect(stamps[0]).toBeGreaterThanOrEqual(ours);
    }
    expect(tsharkCount(capture.file, "_ws.malformed || _ws.expert.severity == error")).toBe(0);
  });

  it("stops on SIGTERM with exit 0 and removes its socket", async () => {
    const { code, ms } = await run.stop("SIGTERM");
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    expect(() => statSync(run.socket)).toThrow();
  });
});
