// Multi-path routes as VPP's: several `via` on one line or a second `ip route add`, weights,
// flows kept on one path by the table's flow hash, `show ip6 fib` listing the paths and their
// share of the load balance's buckets, recursive routes following the route of their next hop.
import { describe, expect, it } from "vitest";
import { fibNode, type FibNode } from "./fib-node.js";
import { build, Ether, IPv6, UDP } from "../vpp/packets.js";

const ROUTER = `
set interface ip address pcap0 2001:db8:1::1/64
set interface ip address pcap1 2001:db8:2::1/64
set ip neighbor pcap1 2001:db8:2::2 02:00:00:00:00:12
set interface ip address pcap2 2001:db8:3::1/64
set ip neighbor pcap2 2001:db8:3::2 02:00:00:00:00:13
set interface ip address pcap3 2001:db8:4::1/64
set ip neighbor pcap3 2001:db8:4::2 02:00:00:00:00:14
`;

async function router(extra = ""): Promise<FibNode> {
  const node = await fibNode("debug");
  node.cli(ROUTER + extra);
  return node;
}

/** `n` flows to `dst` differing in source port (or in source address with `bySource`). */
function flows(dst: string, n: number, bySource = false): Uint8Array[] {
  return Array.from({ length: n }, (_, k) =>
    build([
      Ether("02:00:00:00:00:01", "02:00:00:00:00:02"),
      IPv6({ src: bySource ? `2001:db8:1::${(k + 16).toString(16)}` : "2001:db8:1::2", dst }),
      UDP(bySource ? 1000 : 1000 + k, 53),
    ]),
  );
}

/** The interface each frame left by, in order (one frame out per frame in). */
function paths(node: FibNode, frames: Uint8Array[]): string[] {
  return frames.map((f) => {
    const out = node.send([f]);
    expect(out).toHaveLength(1);
    return out[0].iface;
  });
}

const share = (used: string[], iface: string) => used.filter((i) => i === iface).length / used.length;

describe("multi-path routes", () => {
  it("share flows between two paths, each flow always on the same one", async () => {
    const node = await router("ip route add 2001:db8:99::/64 via 2001:db8:2::2 pcap1 via 2001:db8:3::2 pcap2");
    const frames = flows("2001:db8:99::1", 400);
    const first = paths(node, frames);
    expect(share(first, "pcap1")).toBeGreaterThan(0.35);
    expect(share(first, "pcap2")).toBeGreaterThan(0.35);
    expect(paths(node, frames)).toEqual(first);
    // The whole vector at once goes the same way as one by one.
    expect(node.send(frames).map((s) => s.iface)).toEqual(first);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("give a path weight N about N times the flows, and show each path's buckets", async () => {
    const node = await router("ip route add 2001:db8:99::/64 via 2001:db8:2::2 pcap1 weight 3 via 2001:db8:3::2 pcap2 weight 1");
    const used = paths(node, flows("2001:db8:99::1", 800));
    expect(share(used, "pcap1")).toBeGreaterThan(0.65);
    expect(share(used, "pcap1")).toBeLessThan(0.85);
    const show = node.cli("show ip6 fib 2001:db8:99::/64");
    expect(show).toContain("dpo-load-balance: [proto:ip6 index:0 buckets:64 paths:2]");
    expect(show).toMatch(/ipv6 via 2001:db8:2::2 pcap1: .*\(48 of 64 buckets\)/);
    expect(show).toMatch(/ipv6 via 2001:db8:3::2 pcap2: .*\(16 of 64 buckets\)/);
  });

  it("add a path with a second ip route add, remove one with ip route del ... via, the route with the last", async () => {
    const node = await router("ip route add 2001:db8:99::/64 via 2001:db8:2::2 pcap1");
    expect(node.cli("show ip6 fib 2001:db8:99::/64")).not.toContain("load-balance");
    node.cli("ip route add 2001:db8:99::/64 via 2001:db8:3::2 pcap2");
    expect(node.cli("show ip6 fib 2001:db8:99::/64")).toContain("paths:2");
    node.cli("ip route add 2001:db8:99::/64 via 2001:db8:4::2 pcap3");
    expect(new Set(paths(node, flows("2001:db8:99::1", 300)))).toEqual(new Set(["pcap1", "pcap2", "pcap3"]));
    node.cli("ip route del 2001:db8:99::/64 via 2001:db8:3::2 pcap2");
    expect(new Set(paths(node, flows("2001:db8:99::1", 300)))).toEqual(new Set(["pcap1", "pcap3"]));
    node.cli("ip route del 2001:db8:99::/64 via 2001:db8:2::2 pcap1\nip route del 2001:db8:99::/64 via 2001:db8:4::2 pcap3");
    expect(node.cli("show ip6 fib 2001:db8:99::/64").split("\n")).toHaveLength(1);
    expect(node.send(flows("2001:db8:99::1", 1))).toEqual([]);
    expect(node.problems("ip route del 2001:db8:99::/64 via 2001:db8:2::2 pcap1")[0].message).toContain("no static route");
  });

  it("hash the fields set ip6 flow-hash names: without the ports, flows differing only in port stay together", async () => {
    const node = await router("ip route add 2001:db8:99::/64 via 2001:db8:2::2 pcap1 via 2001:db8:3::2 pcap2\nset ip6 flow-hash table 0 src dst proto");
    expect(node.cli("show ip6 fib table 0 2001:db8:99::1")).toContain("flow hash:[src dst proto ]");
    expect(new Set(paths(node, flows("2001:db8:99::1", 100)))).toHaveProperty("size", 1);
    expect(new Set(paths(node, flows("2001:db8:99::1", 100, true))).size).toBe(2);
  });

  it("resolve a recursive next hop through its route, two stages of balancing, and follow it when it changes", async () => {
    const node = await router(`ip route add 3000::1/128 via 2001:db8:2::2 pcap1 via 2001:db8:3::2 pcap2
ip route add 3000::2/128 via 2001:db8:4::2 pcap3
ip route add 4000::/64 via 3000::1 via 3000::2`);
    expect(new Set(paths(node, flows("4000::1", 400)))).toEqual(new Set(["pcap1", "pcap2", "pcap3"]));
    node.cli("ip route del 3000::1/128\nip route add 3000::1/128 via 2001:db8:4::2 pcap3");
    expect(new Set(paths(node, flows("4000::1", 100)))).toEqual(new Set(["pcap3"]));
    // A next hop nothing covers leaves its path out; with none left the route shows why it drops.
    node.cli("ip route del 3000::1/128\nip route del 3000::2/128");
    expect(node.cli("show ip6 fib 4000::/64")).toContain("unresolved");
    expect(node.send(flows("4000::1", 1))).toEqual([]);
  });
});
