// IPv6 tables as VPP's VRFs: `ip6 table add N`, `set interface ip6 table IF N` binding what an
// interface receives to table N, `ip route add ... table N`, `show ip6 fib table N`, End.DT6 N
// looking up table N; the lines that would leave a table in use without it are refused.
import { describe, expect, it } from "vitest";
import { fibNode, type FibNode } from "./fib-node.js";
import { build, Ether, IPv6, UDP } from "../vpp/packets.js";

const frame = (src: string, dst: string) => build([Ether("02:00:00:00:00:01", "02:00:00:00:00:02"), IPv6({ src, dst }), UDP(1000, 53)]);

async function twoTables(): Promise<FibNode> {
  const node = await fibNode("debug");
  node.cli(`ip6 table add 1
set interface ip address pcap0 2001:db8:1::1/64
set interface ip6 table pcap1 1
set interface ip address pcap1 2001:db8:1::1/64
set interface ip address pcap2 2001:db8:2::1/64
set ip neighbor pcap2 2001:db8:2::2 02:00:00:00:00:22
set interface ip6 table pcap3 1
set interface ip address pcap3 2001:db8:3::1/64
set ip neighbor pcap3 2001:db8:3::2 02:00:00:00:00:33
ip route add 2001:db8:99::/64 via 2001:db8:2::2 pcap2`);
  return node;
}

describe("IPv6 tables", () => {
  it("look up what an interface receives in the interface's table only", async () => {
    const node = await twoTables();
    expect(node.send([frame("2001:db8:1::2", "2001:db8:99::1")], { rx: "pcap0" }).map((s) => s.iface)).toEqual(["pcap2"]);
    // pcap1 is in table 1, which has no route to 2001:db8:99::/64 (nor pcap2's prefix).
    expect(node.send([frame("2001:db8:1::2", "2001:db8:99::1")], { rx: "pcap1" })).toEqual([]);
    node.cli("ip route add 2001:db8:99::/64 table 1 via 2001:db8:3::2 pcap3");
    expect(node.send([frame("2001:db8:1::2", "2001:db8:99::1")], { rx: "pcap1" }).map((s) => s.iface)).toEqual(["pcap3"]);
    expect(node.send([frame("2001:db8:1::2", "2001:db8:99::1")], { rx: "pcap0" }).map((s) => s.iface)).toEqual(["pcap2"]);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("let the same prefix be connected in two tables, and show each table with its index", async () => {
    const node = await twoTables();
    const all = node.cli("show ip6 fib");
    expect(all).toContain("ipv6-VRF:0, fib_index:0");
    expect(all).toContain("ipv6-VRF:1, fib_index:1");
    const one = node.cli("show ip6 fib table 1");
    expect(one.split("\n")[0]).toBe("ipv6-VRF:1, fib_index:1, flow hash:[src dst sport dport proto ]");
    expect(one).toContain("2001:db8:1::/64\n  [@12]: ipv6-glean: [src:2001:db8:1::/64] pcap1");
    expect(one).not.toContain("2001:db8:2::/64");
  });

  it("refuse a table that does not exist, a table change under addresses, and deleting a table in use", async () => {
    const node = await twoTables();
    expect(node.problems("ip route add 2001:db8:77::/64 table 9 via 2001:db8:2::2 pcap2")[0].message).toMatch(/table 9/);
    expect(node.problems("set interface ip6 table pcap0 1")[0].message).toMatch(/address/);
    expect(node.problems("ip6 table del 1")[0].message).toMatch(/pcap1|in use|interface/);
    expect(node.problems("ip6 table add 1")).toEqual([]); // an existing table is left as it is, as VPP does
    expect(node.problems("ip6 table del 0")).toHaveLength(1);
  });

  it("End.DT6 N decapsulates into table N; the table cannot go while the SID uses it", async () => {
    const node = await twoTables();
    node.cli("ip route add 2001:db8:99::/64 table 1 via 2001:db8:3::2 pcap3\nsr localsid address 2001:db8:1::dd behavior end.dt6 1");
    const inner = frame("2001:db8:5::1", "2001:db8:99::1").subarray(14);
    const outer = build([Ether("02:00:00:00:00:01", "02:00:00:00:00:02"), IPv6({ src: "2001:db8:1::2", dst: "2001:db8:1::dd", nh: 41 })]);
    const encapsulated = new Uint8Array([...outer, ...inner]);
    encapsulated[14 + 5] = inner.length;
    expect(node.send([encapsulated], { rx: "pcap0" }).map((s) => s.iface)).toEqual(["pcap3"]);
    expect(node.problems("sr localsid address 2001:db8:1::de behavior end.dt6 7")[0].message).toMatch(/table 7/);
    node.cli(
      "set interface ip address del pcap1 2001:db8:1::1/64\nset interface ip address del pcap3 2001:db8:3::1/64\nset interface ip6 table pcap1 0\nset interface ip6 table pcap3 0",
    );
    expect(node.problems("ip6 table del 1")[0].message).toMatch(/End.DT6/);
  });
});
