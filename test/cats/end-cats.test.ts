// End.CATS on bytes: H.Encaps'd (with and without an SRH) and H.Insert'ed packets come out as the
// client's datagram, one hop further, at the site the computing forwarding table gives their flow;
// every malformed or undeliverable packet is dropped with its reason, counted against the SID, and
// leaves its neighbours in the vector exactly as they would be alone. Debug build: bounds checked.
import { describe, expect, it } from "vitest";
import { errorIdOf } from "../../src/host/engine/graph-info.js";
import { toHex } from "../support/hex.js";
import type { TestNode } from "../support/engine.js";
import { egressNode, encapsulated, forwarded, inserted, sendAt, siteMac, udp6 } from "./cats-packets.js";

const SID = "fc00:2::c";
const SERVICE = "2001:db8:5::1";
const CLIENT = "2001:db8:9::1";
const INGRESS = "2001:db8:7::1";
const datagram = (port = 40000) => udp6(CLIENT, SERVICE, port);

function count(node: TestNode, reason: string): bigint {
  return node.engine.errorCounts()[errorIdOf(reason, "sr-localsid")];
}

/** Site a1 only (a2 is full), so every flow has one place to go. */
const ONE_SITE = `
cats metric service web site a1 load 10 capacity 100 latency 200 us
cats metric service web site a2 load 100 capacity 100 latency 50 us`;

describe("End.CATS on the wire", () => {
  it("decapsulates H.Encaps (SRH and reduced) and removes an inserted SRH, delivering to the site", async () => {
    const node = await egressNode(SID, "web", ["a1", "a2"], ONE_SITE);
    const inner = datagram();
    for (const packet of [
      encapsulated(inner, INGRESS, [SID]),
      encapsulated(inner, INGRESS, ["fc00:1::1", SID], 0),
      encapsulated(inner, INGRESS, [SID], 0, true),
      inserted(inner, [SID], 1),
    ]) {
      const [out, ...more] = sendAt(node, [packet]);
      expect(more).toEqual([]);
      expect(out.mac).toBe(siteMac("a1"));
      expect(toHex(out.ip6)).toBe(toHex(forwarded(inner)));
    }
    expect(count(node, "End.CATS: decapsulated and forwarded to a local service site")).toBe(4n);
    expect(node.cli("show sr localsids")).toContain("Behavior: \tCATS");
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("drops what it cannot deliver, each with its reason, neighbours byte-identical", async () => {
    const node = await egressNode(SID, "web", ["a1", "a2"], ONE_SITE);
    const good = encapsulated(datagram(1), INGRESS, [SID]);
    const alone = sendAt(node, [good]);
    const bad = [
      encapsulated(datagram(2), INGRESS, [SID, "fc00:9::9"], 1), // SID not last: segments left 1
      udp6(CLIENT, SID, 3), // neither tunnelled nor routed
      inserted(datagram(4), [SID, "fc00:9::9"], 2),
    ];
    const out = sendAt(node, [good, ...bad.flatMap((b) => [b, good])]);
    expect(out.map((f) => toHex(f.ip6))).toEqual(Array(4).fill(toHex(alone[0].ip6)));
    expect(count(node, "(SR-Error) Decaps not available (segments left > 0)")).toBe(1n);
    expect(count(node, "(SR-Error) No inner IP header")).toBe(1n);
    expect(count(node, "End.CATS: SRH-inserted packet not at its last segment (segments left is not 1)")).toBe(1n);
    expect(node.cli("show sr localsids")).toMatch(/Bad traffic:\s+\[3 packets/);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("drops with 'no eligible site' when every site is full or silent", async () => {
    const node = await egressNode(SID, "web", ["a1", "a2"], "cats metric service web site a1 load 5 capacity 5");
    expect(sendAt(node, [encapsulated(datagram(), INGRESS, [SID])])).toEqual([]);
    expect(count(node, "End.CATS: no eligible service site in the computing forwarding table")).toBe(1n);
    expect(node.cli("show cats egress")).toContain("site a1 via pcap0 2001:db8:1::a1: 0 bucket(s) (not eligible)");
  });

  it("keeps each flow on one site and shares flows by spare capacity", async () => {
    const node = await egressNode(
      SID,
      "web",
      ["a1", "a2"],
      `
cats metric service web site a1 load 25 capacity 100 latency 100 us
cats metric service web site a2 point p1 load 0 capacity 10 latency 100 us
cats metric service web site a2 point p2 load 0 capacity 15 latency 100 us`,
    );
    const flows = Array.from({ length: 400 }, (_, k) => encapsulated(datagram(20000 + k), INGRESS, [SID]));
    const first = sendAt(node, flows).map((f) => f.mac);
    const again = sendAt(node, flows).map((f) => f.mac);
    expect(again).toEqual(first);
    const toA1 = first.filter((m) => m === siteMac("a1")).length;
    expect(toA1 / first.length).toBeGreaterThan(0.65); // share 75 of 100
    expect(toA1 / first.length).toBeLessThan(0.85);
    const table = node.cli("show cats egress");
    const buckets = (site: string) => Number(new RegExp(`site ${site} .*: (\\d+) bucket`).exec(table)![1]);
    expect(buckets("a1") + buckets("a2")).toBe(256);
  });
});
