// `set interface state IF up|down` and 802.1Q sub-interfaces (`create sub-interfaces IF ID`, named
// IF.ID): a port with sub-interfaces gives each its VLAN's frames and drops unknown VLANs; routes
// out of a sub-interface push its tag, from one to the untagged port pop it, between two rewrite it.
import { describe, expect, it } from "vitest";
import { fibNode, type FibNode } from "./fib-node.js";
import { build, dissect, Dot1Q, Ether, IPv6, UDP, type Layer } from "../vpp/packets.js";

const frame = (dst: string, vlan?: number) =>
  build([
    Ether("02:00:00:00:00:01", "02:00:00:00:00:02"),
    ...(vlan === undefined ? [] : [Dot1Q(vlan) as Layer]),
    IPv6({ src: "2001:db8:9::2", dst }),
    UDP(1000, 53),
  ]);

async function router(): Promise<FibNode> {
  const node = await fibNode("debug");
  node.cli(`set interface mac address pcap1 02:00:00:00:01:00
create sub-interfaces pcap1 100
create sub-interfaces pcap1 7 dot1q 200
set interface ip address pcap0 2001:db8:1::1/64
set ip neighbor pcap0 2001:db8:1::2 02:00:00:00:00:aa
set interface ip address pcap1 2001:db8:2::1/64
set ip neighbor pcap1 2001:db8:2::2 02:00:00:00:00:bb
set interface ip address pcap1.100 2001:db8:100::1/64
set ip neighbor pcap1.100 2001:db8:100::2 02:00:00:00:01:cc
set interface ip address pcap1.7 2001:db8:200::1/64
set ip neighbor pcap1.7 2001:db8:200::2 02:00:00:00:02:dd`);
  return node;
}

describe("802.1Q sub-interfaces", () => {
  it("push the tag on the way out of a sub-interface, with the port's MAC", async () => {
    const node = await router();
    const [out] = node.send([frame("2001:db8:100::2")], { rx: "pcap0" });
    expect(out.iface).toBe("pcap1");
    const d = dissect(out.data);
    expect([d.vlans, d.dst, d.src]).toEqual([[100], "02:00:00:00:01:cc", "02:00:00:00:01:00"]);
    const [seven] = node.send([frame("2001:db8:200::2")], { rx: "pcap0" });
    expect(dissect(seven.data).vlans).toEqual([200]);
  });

  it("pop it on the way to an untagged port, rewrite it between two sub-interfaces", async () => {
    const node = await router();
    const [popped] = node.send([frame("2001:db8:1::2", 100)], { rx: "pcap1" });
    expect([popped.iface, dissect(popped.data).vlans]).toEqual(["pcap0", []]);
    const [rewritten] = node.send([frame("2001:db8:200::2", 100)], { rx: "pcap1" });
    expect([rewritten.iface, dissect(rewritten.data).vlans]).toEqual(["pcap1", [200]]);
    const [untagged] = node.send([frame("2001:db8:100::2")], { rx: "pcap1" });
    expect([untagged.iface, dissect(untagged.data).vlans]).toEqual(["pcap1", [100]]);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("drop a VLAN no sub-interface has as 'unknown vlan', and again once its sub-interface is deleted", async () => {
    const node = await router();
    expect(node.send([frame("2001:db8:1::2", 300)], { rx: "pcap1" })).toEqual([]);
    expect(node.count("unknown vlan")).toBe(1n);
    expect(node.problems("delete sub-interface pcap1.7")[0].message).toMatch(/has addresses/);
    node.cli(
      "set interface ip address del pcap1.7 2001:db8:200::1/64\nset ip neighbor del pcap1.7 2001:db8:200::2 02:00:00:00:02:dd\ndelete sub-interface pcap1.7",
    );
    expect(node.send([frame("2001:db8:1::2", 200)], { rx: "pcap1" })).toEqual([]);
    expect(node.count("unknown vlan")).toBe(2n);
    // VPP deletes the interface; manycast's interface table keeps the name, a plain interface now.
    expect(node.cli("show interface")).toMatch(/^pcap1\.7\s+\d+\s+up\b/m);
    expect(node.cli("show hardware-interfaces pcap1.7")).not.toMatch(/dot1q/);
  });

  it("are listed by show interface, with their parent and VLAN in show hardware-interfaces; a range makes several", async () => {
    const node = await router();
    node.cli("create sub-interfaces pcap2 1-3");
    const show = node.cli("show interface");
    for (const name of ["pcap1.100", "pcap1.7", "pcap2.1", "pcap2.2", "pcap2.3"])
      expect(show).toMatch(new RegExp(`^${name.replace(".", "\\.")}\\s+\\d+\\s+up\\b`, "m"));
    const hardware = node.cli("show hardware-interfaces");
    expect(hardware).toMatch(/^pcap1\.100\s[^\n]*\n[^\n]*\n {2}802\.1Q sub-interface of pcap1, dot1q 100$/m);
    expect(hardware).toMatch(/^pcap1\.7\s[^\n]*\n[^\n]*\n {2}802\.1Q sub-interface of pcap1, dot1q 200$/m);
    for (const id of [1, 2, 3]) expect(hardware).toMatch(new RegExp(`^  802\\.1Q sub-interface of pcap2, dot1q ${id}$`, "m"));
    expect(node.problems("create sub-interfaces pcap1 100")).toHaveLength(1);
  });
});

describe("set interface state", () => {
  it("a down interface drops what it receives and what is routed to it; up again, it forwards", async () => {
    const node = await router();
    node.cli("set interface state pcap0 down");
    expect(node.cli("show interface")).toMatch(/^pcap0\s+\d+\s+down\b/m);
    expect(node.send([frame("2001:db8:2::2")], { rx: "pcap0" })).toEqual([]);
    expect(node.send([frame("2001:db8:1::2")], { rx: "pcap1" })).toEqual([]);
    const counts = node.engine.errorCounts();
    expect(counts.reduce((n, c) => n + c, 0n)).toBeGreaterThan(0n);
    node.cli("set interface state pcap0 up");
    expect(node.send([frame("2001:db8:2::2")], { rx: "pcap0" }).map((s) => s.iface)).toEqual(["pcap1"]);
    expect(node.send([frame("2001:db8:1::2")], { rx: "pcap1" }).map((s) => s.iface)).toEqual(["pcap0"]);
  });

  it("a down sub-interface leaves its port and the other VLANs working", async () => {
    const node = await router();
    node.cli("set interface state pcap1.100 down");
    expect(node.send([frame("2001:db8:100::2")], { rx: "pcap0" })).toEqual([]);
    expect(node.send([frame("2001:db8:1::2", 100)], { rx: "pcap1" })).toEqual([]);
    expect(node.send([frame("2001:db8:200::2")], { rx: "pcap0" }).map((s) => s.iface)).toEqual(["pcap1"]);
    expect(node.send([frame("2001:db8:1::2", 200)], { rx: "pcap1" }).map((s) => s.iface)).toEqual(["pcap0"]);
  });
});
