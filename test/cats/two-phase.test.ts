// The CATS two-phase choice end to end, with real engines chained in-process: a client's datagram
// enters the ingress (node id 1), which traces it with IOAM and steers it with an SR policy to the
// End.CATS SID of the egress it chose (phase one: announced compute cost + IOAM-measured delay);
// that egress (node id 0xe1 or 0xe2, two sites each) decapsulates, stamps and exports the trace, and
// forwards the datagram to a site from its computing forwarding table (phase two).
//
// Egress e1 has the best single site (a1: 50 us idle, 10% loaded) but a2, slow and nearly empty,
// takes most of its flows: e1 announces ~1.8 ms. Egress e2's faster site b1 is full, so e2 sends
// everything to b2 and announces 0.3 ms. e2 is farther (1.2 ms against 0.4 ms) yet best overall;
// when b2 fills up, e2's cost soars and the ingress moves the service to e1.
// The measured run uses H.Insert: this engine's ip6-lookup hands SR-steered packets straight to the
// policy node, so under H.Encaps the ingress never stamps the (inner) trace; the H.Encaps run takes
// its delays from `cats ingress delay` instead.
import { describe, expect, it } from "vitest";
import { catsOf } from "../../src/host/cats/cats.js";
import type { TestNode } from "../support/engine.js";
import { testNode } from "../support/engine.js";
import { egressNode, forwarded, sendAt, siteMac, udp6 } from "./cats-packets.js";
import { formatIp6 } from "../../src/host/format/ip6-address.js";

const SERVICE = "2001:db8:5::1";
const CLIENT = "2001:db8:9::1";
const MS = 1e6;
const DELAY_NS: Record<string, number> = { e1: 0.4 * MS, e2: 1.2 * MS };
const ROUTER_MAC: Record<string, string> = { e1: "02:00:00:00:e1:01", e2: "02:00:00:00:e2:01" };

const INGRESS = `
set interface ip address pcap0 2001:db8:1::1/64
set ip neighbor pcap0 2001:db8:1::e1 ${ROUTER_MAC.e1}
set ip neighbor pcap0 2001:db8:1::e2 ${ROUTER_MAC.e2}
ip route add fc00:e1::/32 via 2001:db8:1::e1 pcap0
ip route add fc00:e2::/32 via 2001:db8:1::e2 pcap0
set sr encaps source addr 2001:db8:1::1
classify table miss-next node ip6-lookup mask l3 ip6 dst
classify session acl-hit-next node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst ${SERVICE}
set int input acl intfc pcap0 ip6-table 0
set ioam rewrite trace-type 0x1f trace-elts 4 trace-tsp 2 node-id 0x1
cats ingress node-id 1
cats ingress service web prefix 2001:db8:5::/64 bsid fc00:1::100 MODE
cats ingress egress e1 service web sid fc00:e1::c node-id 0xe1
cats ingress egress e2 service web sid fc00:e2::c node-id 0xe2`;

/** The egress decapsulates the trace (input ACL hit on its SID) and exports it. */
const egressIoam = (name: string) => `
classify table miss-next node ip6-lookup mask l3 ip6 dst
classify session acl-hit-next node ip6-lookup table-index 0 match l3 ip6 dst fc00:${name}::c
set int input acl intfc pcap0 ip6-table 0
set ioam rewrite trace-type 0x1f trace-elts 4 trace-tsp 2 node-id 0x${name}
set ioam export file stdout`;

interface Network {
  ingress: TestNode;
  egresses: Record<string, TestNode>;
}

async function network(mode: "insert" | "encap"): Promise<Network> {
  const ingress = await testNode("debug");
  ingress.cli(INGRESS.replace("MODE", mode));
  const e1 = await tracedEgress("e1", [
    ["a1", 10, 100, 50],
    ["a2", 0, 900, 2000],
  ]);
  const e2 = await tracedEgress("e2", [
    ["b1", 100, 100, 100],
    ["b2", 0, 100, 300],
  ]);
  return { ingress, egresses: { e1, e2 } };
}

/** Egress `name` (End.CATS SID fc00:NAME::c, IOAM node id 0xNAME) serving web from sites announcing [site, load, capacity, latency in us]. */
function tracedEgress(name: string, sites: [site: string, load: number, capacity: number, latencyUs: number][]): Promise<TestNode> {
  const metrics = sites.map(
    ([site, load, capacity, latencyUs]) => `\ncats metric service web site ${site} load ${load} capacity ${capacity} latency ${latencyUs} us`,
  );
  return egressNode(
    `fc00:${name}::c`,
    "web",
    sites.map(([site]) => site),
    egressIoam(name) + metrics.join(""),
  );
}

/** What the egress announces (in a deployment: its routing protocol), fed to the ingress's CLI. */
function announce(net: Network, name: string): void {
  const egress = catsOf(net.egresses[name].engine).egress;
  const costNs = egress.aggregate(egress.service("web")).egress.costNs;
  net.ingress.cli(`cats ingress metric service web egress ${name} ${Number.isFinite(costNs) ? `cost ${Math.round(costNs)} ns` : "unavailable"}`);
}

/** One datagram from the client through the ingress to an egress and a site; the egress's traces go back to the ingress. */
function deliver(net: Network, datagram: Uint8Array, atNs: number) {
  const [tunnelled, ...more] = sendAt(net.ingress, [datagram], atNs);
  expect(more).toEqual([]);
  const egress = Object.keys(ROUTER_MAC).find((name) => ROUTER_MAC[name] === tunnelled.mac)!;
  const node = net.egresses[egress];
  node.exported.length = 0;
  const [site, ...others] = sendAt(node, [tunnelled.ip6], atNs + DELAY_NS[egress]);
  expect(others).toEqual([]);
  for (const line of node.exported) catsOf(net.ingress.engine).ingress.observeTrace(JSON.parse(line));
  return { egress, tunnelled: tunnelled.ip6, site: site.mac, delivered: site.ip6, traces: node.exported.map((l) => JSON.parse(l)) };
}

describe("CATS two-phase selection, ingress -> egress -> site", () => {
  it("picks the best egress overall, measures its delay with IOAM, and the egress picks its best site", async () => {
    const net = await network("insert");
    announce(net, "e1");
    announce(net, "e2");
    const show = net.ingress.cli("show cats ingress");
    expect(show).toMatch(/egress e1 .*compute 1\.8\d\d ms/);
    expect(show).toMatch(/egress e2 .*compute 0\.300 ms.*<- chosen/);
    expect(net.egresses.e1.cli("show cats metrics")).toContain("best site a1");

    const datagram = udp6(CLIENT, SERVICE, 40000);
    const first = deliver(net, datagram, 0);
    expect(first.egress).toBe("e2");
    // The SRH's last SID is e2's End.CATS SID.
    expect(formatIp6(first.tunnelled, 24)).toBe("fc00:e2::c");
    // Phase two: b1 is faster when idle but full; b2 gets the flow, as the client sent it (one hop on).
    expect(first.site).toBe(siteMac("b2"));
    expect(first.delivered.length).toBe(datagram.length);
    expect(Array.from(first.delivered.subarray(8))).toEqual(Array.from(forwarded(datagram).subarray(8)));
    // The traced packet measured 1.2 ms from node 1 to node 0xe2.
    expect(first.traces.map((t) => t.nodes.map((n: { nodeId: number }) => n.nodeId))).toEqual([[1, 0xe2]]);
    expect(net.ingress.cli("show cats ingress")).toMatch(/egress e2 .*delay 1\.200 ms \(ioam, 1 trace\(s\)\).*sum 1\.500 ms.*<- chosen/);

    // b2 fills up: e2's cost soars, the ingress moves the service to e1 and its traffic measures e1.
    net.egresses.e2.cli("cats metric service web site b2 load 95 capacity 100 latency 300 us");
    announce(net, "e2");
    const moved = deliver(net, datagram, 10 * MS);
    expect(moved.egress).toBe("e1");
    expect(formatIp6(moved.tunnelled, 24)).toBe("fc00:e1::c");
    expect([siteMac("a1"), siteMac("a2")]).toContain(moved.site);
    expect(net.ingress.cli("show cats ingress")).toMatch(/egress e1 .*delay 0\.400 ms \(ioam, 1 trace\(s\)\).*<- chosen/);
    expect(net.ingress.cli("show sr policies")).toContain("< fc00:e1::c >");

    // e1's phase two shares flows by spare capacity: a2 (900 spare) takes most, a1 (90) some.
    const sites = Array.from({ length: 200 }, (_, k) => deliver(net, udp6(CLIENT, SERVICE, 30000 + k), 20 * MS + k * 1000).site);
    const toA2 = sites.filter((m) => m === siteMac("a2")).length;
    expect(toA2).toBeGreaterThan(160);
    expect(toA2).toBeLessThan(200);
    for (const node of [net.ingress, ...Object.values(net.egresses)]) expect(node.engine.boundsViolations()).toBe(0);
  });

  it("H.Encaps: the egress decapsulates the client's packet and delivers it to its site", async () => {
    const net = await network("encap");
    net.ingress.cli("cats ingress delay node-id 0xe1 0.4 ms\ncats ingress delay node-id 0xe2 1.2 ms");
    announce(net, "e1");
    announce(net, "e2");
    const datagram = udp6(CLIENT, SERVICE, 40001);
    const run = deliver(net, datagram, 0);
    expect(run.egress).toBe("e2");
    expect(formatIp6(run.tunnelled, 8)).toBe("2001:db8:1::1"); // outer source: set sr encaps source
    expect(run.site).toBe(siteMac("b2"));
    // The inner packet as the client sent it, one hop on, its hop-by-hop trace removed at the egress.
    expect(Array.from(run.delivered.subarray(8))).toEqual(Array.from(forwarded(datagram).subarray(8)));
    expect(net.ingress.cli("show cats ingress")).toMatch(/egress e2 .*delay 1\.200 ms \(manual\).*<- chosen/);
    net.ingress.cli("cats ingress policy compute 0 network 1");
    expect(deliver(net, datagram, MS).egress).toBe("e1");
  });
});
