// The routing CLI: what `show ip6 fib` and `show ip6 neighbors` print for a small router, that
// deletes undo adds, and that every bad line is refused with its column and changes nothing.
import { describe, expect, it } from "vitest";
import { fibOf } from "../../src/host/fib/fib.js";
import { fibNode, type FibNode } from "./fib-node.js";

const CONFIG = `
set interface ip address pcap0 2001:db8:1::1/64
set int ip address eth1 2001:db8:2::1/64
set int mac address eth1 02:00:00:00:00:b1
set ip neighbor eth1 2001:db8:2::2 02:00:00:00:00:c2
ip route add 2001:db8:9::/48 via 2001:db8:2::2
ip route add 2001:db8:7::/48 via 2001:db8:2::7 eth1
ip route add 2001:db8:66::/48 drop
ip route add 2001:db8:5::/48 via 2001:db8:77::1
ip route ::/0 via eth1
`;

async function router(): Promise<FibNode> {
  const node = await fibNode("debug");
  node.cli(CONFIG);
  return node;
}

describe("show ip6 fib / show ip6 neighbors", () => {
  it("print each prefix and its data-path object, VPP style", async () => {
    const node = await router();
    expect(node.cli("show ip6 fib")).toBe(`ipv6-VRF:0, fib_index:0, flow hash:[src dst sport dport proto ]
::/0
  [@12]: ipv6-glean: [src:::/0] eth1
2001:db8:1::/64
  [@12]: ipv6-glean: [src:2001:db8:1::/64] pcap0
2001:db8:1::1/128
  [@13]: dpo-receive: 2001:db8:1::1 on pcap0
2001:db8:2::/64
  [@12]: ipv6-glean: [src:2001:db8:2::/64] eth1
2001:db8:2::1/128
  [@13]: dpo-receive: 2001:db8:2::1 on eth1
2001:db8:2::2/128
  [@12]: ipv6 via 2001:db8:2::2 eth1: adj-index:2 0200000000c20200000000b186dd
2001:db8:5::/48
  [@0]: dpo-drop ip6 (unresolved: no connected prefix or route covers 2001:db8:77::1)
2001:db8:7::/48
  [@12]: arp-ipv6: via 2001:db8:2::7 eth1 (incomplete: neighbour not resolved)
2001:db8:9::/48
  [@12]: ipv6 via 2001:db8:2::2 eth1: adj-index:2 0200000000c20200000000b186dd
2001:db8:66::/48
  [@0]: dpo-drop ip6`);
    expect(node.cli("sh ip fib 2001:db8:9::1")).toBe(`ipv6-VRF:0, fib_index:0, flow hash:[src dst sport dport proto ]
2001:db8:9::/48
  [@12]: ipv6 via 2001:db8:2::2 eth1: adj-index:2 0200000000c20200000000b186dd`);
    expect(node.cli("show ip fib 2001:db8:2::/64")).toContain("ipv6-glean: [src:2001:db8:2::/64] eth1");
    expect(node.cli("show ip6 neighbors")).toBe(
      [
        "    Time                       IP                   Flags       Ethernet           Interface",
        "   0.0000                2001:db8:2::2                S    02:00:00:00:00:c2  eth1",
      ].join("\n"),
    );
    expect(node.cli("show ip neighbors pcap0").split("\n")).toHaveLength(1);
  });

  it("resolves a static route when an address makes its next hop connected, and unresolves it when the address goes", async () => {
    const node = await router();
    node.cli("set int ip address eth2 2001:db8:77::9/64");
    expect(node.cli("show ip6 fib 2001:db8:5::/48")).toContain("arp-ipv6: via 2001:db8:77::1 eth2");
    node.cli("set int ip address del eth2 2001:db8:77::9/64");
    expect(node.cli("show ip6 fib 2001:db8:5::/48")).toContain("dpo-drop ip6 (unresolved");
  });

  it("undoes every add with its del, back to the interface routes", async () => {
    const node = await router();
    node.cli(`ip route del 2001:db8:9::/48 via 2001:db8:2::2
ip route del 2001:db8:7::/48
ip route del 2001:db8:66::/48 drop
ip route del 2001:db8:5::/48
ip route del ::/0 via eth1
set ip6 neighbor del eth1 2001:db8:2::2
set interface ip address del eth1 2001:db8:2::1/64`);
    expect(node.cli("show ip6 fib")).toBe(`ipv6-VRF:0, fib_index:0, flow hash:[src dst sport dport proto ]
2001:db8:1::/64
  [@12]: ipv6-glean: [src:2001:db8:1::/64] pcap0
2001:db8:1::1/128
  [@13]: dpo-receive: 2001:db8:1::1 on pcap0`);
    // Only the glean of pcap0 is still referenced.
    const fib = fibOf(node.engine);
    expect([0, 1, 2, 3].map((i) => fib.adjacencies.get(i)?.references ?? 0).reduce((a, b) => a + b)).toBe(1);
  });
});

describe("bad lines", () => {
  const cases: [string, number, RegExp][] = [
    ["set int ip address pcap0 2001:db8::1", 26, /expected an IPv6 prefix ADDR\/LEN/],
    ["set int ip address pcap0 10.0.0.1/24", 26, /only IPv6 is supported/],
    ["set int ip address pcap0 ff02::1/64", 26, /multicast/],
    ["set int ip address pcap0 2001:db8:1::1/64 extra", 43, /expected end of line, found 'extra'/],
    ["set int ip address del pcap0 2001:db8:3::1/64", 30, /pcap0 has no address 2001:db8:3::1\/64/],
    ["set int ip address del nosuch all", 24, /no interface nosuch/],
    ["set int ip address eth3 2001:db8:1::7/64", 25, /2001:db8:1::\/64 is already connected on pcap0/],
    ["set int mac address eth1 02:00:00:00:zz:01", 26, /expected a MAC address/],
    ["ip route add 2001:db8::/129 via 2001:db8:1::2", 14, /prefix length '129' is not 0..128/],
    ["ip route add 2001:db8::/48", 27, /expected 'via <next-hop> \[<interface>\]', 'via <interface>' or 'drop', found end of line/],
    ["ip route add 2001:db8::/48 via fe80::1", 32, /a link-local next hop needs an interface/],
    ["ip route add 2001:db8::/48 via 2001:db8:1::2 eth1 bogus", 51, /found 'bogus'/],
    ["ip route add 2001:db8::/48 via 2001:db8:1::2 table 5", 52, /no IPv6 table 5: ip6 table add 5 first/],
    ["ip route add 2001:db8::/48 via 2001:zz::2", 32, /expected a next-hop IPv6 address/],
    ["ip route add 2001:db8:9::/48 via 2001:db8:1::3 drop", 48, /a drop route has no other path/],
    ["ip route del 2001:db8:4::/48", 14, /no static route 2001:db8:4::\/48/],
    ["ip route del 2001:db8:9::/48 via 2001:db8:1::3", 30, /goes via 2001:db8:1::2/],
    ["set ip neighbor eth1 2001:db8:2::5 02:00:00", 36, /expected a MAC address/],
    ["set ip neighbor del pcap0 2001:db8:1::5", 27, /no neighbour 2001:db8:1::5 on pcap0/],
    ["show ip6 fib 2001:db8::/300", 14, /prefix length '300'/],
  ];

  it.each(cases)("%s -> column %d", async (line, column, message) => {
    const node = await fibNode("debug");
    node.cli("set int ip address pcap0 2001:db8:1::1/64\nip route add 2001:db8:9::/48 via 2001:db8:1::2");
    const before = node.cli("show ip6 fib");
    const interfaces = node.dataplane.interfaces.all().length;
    const problems = node.problems(line);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].column).toBe(column);
    expect(node.cli("show ip6 fib")).toBe(before);
    expect(node.dataplane.interfaces.all()).toHaveLength(interfaces);
  });

  it("creates nothing for a line refused after naming a new interface", async () => {
    const node = await fibNode("debug");
    expect(node.problems("ip route add 2001:db8::/48 via 2001:db8:1::2 eth9 bogus")).toHaveLength(1);
    expect(node.dataplane.interfaces.find("eth9")).toBeUndefined();
    expect(node.cli("show ip6 fib")).toBe("ipv6-VRF:0, fib_index:0, flow hash:[src dst sport dport proto ]");
  });
});
