// VPP's interface commands as replay (and the simulator) see them, with no Linux interfaces: a host
// interface is a name with a MAC and an MTU, created down; admin state and MTU decide what the data
// path sends; show interface counts per interface; bad lines are refused with their column.
import { describe, expect, it } from "vitest";
import { fibNode, ethernet, udp, type FibNode } from "../fib/fib-node.js";
import { hostInterfaceMac } from "../../src/host/interfaces/host-interfaces.js";
import { formatMac } from "../../src/host/format/ip6-address.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { expectEachRefused } from "../support/cli-problems.js";

const frame = (size = 12) => ethernet("02:00:00:00:00:01", "02:00:00:00:00:02", udp("2001:db8:1::2", "2001:db8:2::2", 64, size));

async function withHostInterface(): Promise<FibNode> {
  const node = await fibNode("debug");
  expect(node.cli("create host-interface name veth0")).toBe("host-veth0");
  return node;
}

describe("create host-interface", () => {
  it("makes host-IFNAME, down, with a MAC made from the name (or hw-addr) and VPP's default MTU", async () => {
    const node = await withHostInterface();
    node.cli("create host-interface name veth1 hw-addr 02:aa:bb:cc:dd:ee qdisc-bypass-disable");
    const hw = node.cli("show hardware-interfaces");
    expect(hw).toContain(`Ethernet address ${formatMac(hostInterfaceMac("veth0"))}`);
    expect(hw).toContain("Ethernet address 02:aa:bb:cc:dd:ee");
    expect(hw).toContain("Linux PACKET socket interface v3 on veth0");
    expect(hw).toContain("not opened: replay has no live interfaces");
    expect(hostInterfaceMac("veth0")[0]).toBe(0x02);
    expect(hostInterfaceMac("veth0")[1]).toBe(0xfe);
    expect(node.cli("show interface host-veth0")).toMatch(/^host-veth0\s+2\s+down\s+9000\/0\/0\/0$/m);
  });

  it("refuses what cannot work, with the column", async () => {
    const node = await withHostInterface();
    expectEachRefused(node, [
      ["create host-interface name veth0", "28: host-veth0 already exists"],
      [
        "create host-interface name averyveryverylongname",
        "28: 'averyveryverylongname' is not a Linux interface name (at most 15 characters, no '/', ':' or spaces)",
      ],
      ["create host-interface name veth2 hw-addr 01:00:5e:00:00:01", "42: 01:00:5e:00:00:01 is a multicast MAC address"],
      ["create host-interface name veth2 hw-addr nonsense", "42: expected a MAC address (xx:xx:xx:xx:xx:xx or xxxx.xxxx.xxxx), found 'nonsense'"],
      ["create host-interface v2 name veth2", "23: expected 'name', found 'v2'"],
      ["create host-interface name veth2 rx-size 4096", "34: expected 'hw-addr <mac>', 'qdisc-bypass-disable' or end of line, found 'rx-size'"],
    ]);
  });
});

describe("set interface state / set interface mtu", () => {
  it("drops everything received on or sent to a down interface, counted per interface", async () => {
    const node = await withHostInterface();
    expect(node.send([frame()], { rx: "host-veth0" })).toEqual([]);
    expect(node.count("interface is down", "device-input")).toBe(1n);
    const shown = node.cli("show interface host-veth0");
    expect(shown).toMatch(/rx packets\s+1$/m);
    expect(shown).toMatch(/drops\s+1$/m);
    node.cli("set interface state host-veth0 up");
    // No FIB: a bump in the wire, back out of host-veth0.
    expect(node.send([frame(), frame()], { rx: "host-veth0" }).map((s) => s.iface)).toEqual(["host-veth0", "host-veth0"]);
    expect(node.cli("show interface host-veth0")).toMatch(
      /host-veth0\s+2\s+up\s+9000\/0\/0\/0\s+rx packets\s+3\n\s+rx bytes\s+\d+\n\s+tx packets\s+2\n\s+tx bytes\s+\d+\n\s+drops\s+1$/,
    );
    node.cli("set int state host-veth0 down");
    expect(node.send([frame()], { rx: "pcap0" })).toHaveLength(1);
  });

  it("drops packets longer than the MTU at output, as tx-error on that interface", async () => {
    const node = await withHostInterface();
    node.cli("set interface state host-veth0 up\nset interface mtu packet 1280 host-veth0");
    const small = frame(1280 - 48);
    const big = frame(1280 - 47);
    expect(node.send([small, big], { rx: "host-veth0" })).toHaveLength(1);
    expect(node.count("packet longer than the interface MTU")).toBe(1n);
    expect(node.cli("show interface host-veth0")).toMatch(/^host-veth0\s+2\s+up\s+1280\/0\/0\/0/m);
    expect(node.cli("show interface host-veth0")).toMatch(/tx-error\s+1$/m);
  });

  it("refuses unknown interfaces, local0, bad states and MTUs", async () => {
    const node = await withHostInterface();
    expectEachRefused(node, [
      ["set interface state nosuch up", "21: no interface nosuch"],
      ["set interface state local0 up", "21: local0 cannot be brought up: it is the node itself"],
      ["set interface state host-veth0 sideways", "32: expected 'up' or 'down', found 'sideways'"],
      ["set interface mtu 100 host-veth0", "19: MTU 100 is out of range 1280..9216"],
      ["set interface mtu ip4 1500 host-veth0", "19: ip4 MTUs are not supported: the engine forwards IPv6 (use 'packet' or 'ip6')"],
      ["set interface mtu 1500 nosuch", "24: no interface nosuch"],
    ]);
  });
});

describe("show interface", () => {
  it("lists interfaces by name with their state, and their addresses with 'address'", async () => {
    const node = await withHostInterface();
    node.cli("set interface ip address host-veth0 2001:db8:1::1/64\nset interface state host-veth0 up");
    expect(
      node
        .cli("show interface")
        .split("\n")
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(["", "host-veth0", "local0", "pcap0"]);
    expect(node.cli("show interface address")).toBe(["host-veth0 (up):", "  L3 2001:db8:1::1/64", "local0 (dn):", "pcap0 (up):"].join("\n"));
    node.send([frame()], { rx: "host-veth0" });
    node.cli("clear interfaces");
    expect(node.cli("show interface host-veth0")).toMatch(/^host-veth0\s+2\s+up\s+9000\/0\/0\/0$/m);
  });
});

describe("set interface l2 xconnect", () => {
  it("sends what passes through unrouted out of the peer, each direction on its own, until set interface l3", async () => {
    const node = await withHostInterface();
    node.cli("create host-interface name veth1\nset int state host-veth0 up\nset int state host-veth1 up\nset interface l2 xconnect host-veth0 host-veth1");
    expect(node.send([frame()], { rx: "host-veth0" }).map((s) => s.iface)).toEqual(["host-veth1"]);
    expect(node.send([frame()], { rx: "host-veth1" }).map((s) => s.iface)).toEqual(["host-veth1"]);
    // A non-IP frame is passed through the same way.
    const arp = Uint8Array.from([...frame().subarray(0, 12), 0x08, 0x06, ...new Array(28).fill(0)]);
    expect(node.send([arp], { rx: "host-veth0" }).map((s) => s.iface)).toEqual(["host-veth1"]);
    expect(node.cli("show mode host-veth0 host-veth1")).toBe("l2 xconnect host-veth0 host-veth1\nl3 host-veth1");
    node.cli("set interface l3 host-veth0");
    expect(node.send([frame()], { rx: "host-veth0" }).map((s) => s.iface)).toEqual(["host-veth0"]);
    expect(node.problems("set interface l2 xconnect host-veth0 nosuch").map((p) => p.message)).toEqual(["no interface nosuch"]);
  });
});

describe("the command table", () => {
  it("names a line's command without running it, and prepares a line without applying it", async () => {
    const registry = createRegistry();
    expect(registry.commandOf("sh int")).toBe("show interface");
    expect(registry.commandOf("sh err")).toBe("show errors");
    expect(registry.commandOf("nonsense words")).toBeUndefined();
    const node = await fibNode("debug");
    const action = registry.prepare("create host-interface name veth9", { dataplane: node.dataplane });
    expect(node.dataplane.interfaces.find("host-veth9")).toBeUndefined();
    expect(action()).toBe("host-veth9");
    expect(node.dataplane.interfaces.find("host-veth9")).toBeDefined();
  });
});
