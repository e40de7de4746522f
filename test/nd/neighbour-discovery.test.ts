// IPv6 neighbour discovery in the engine, on byte vectors: solicitations for the node's addresses
// are answered in place, what solicitations and advertisements teach becomes dynamic neighbours,
// an unknown next hop is solicited while a bounded number of packets waits for it, unanswered
// resolutions give up, entries age and are probed, and `show ip6 neighbors` lists them.
import { describe, expect, it } from "vitest";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { fibNode, ip6, udp, upperChecksumValid, ethernet, type FibNode } from "../fib/fib-node.js";
import { toHex } from "../support/hex.js";
import { FLAG_OVERRIDE, FLAG_ROUTER, FLAG_SOLICITED, multicastMac, NA_TYPE, ndFrame, ndPacket, NS_TYPE, solicitedNode, type NdOptions } from "./nd-packets.js";
import { ND_HOLD_MAX } from "../../assembly/nd/nd.layout.js";
import { neighbourDiscoveryOf } from "../../src/host/nd/neighbour-discovery.js";

const CONFIG = `
set int ip address pcap0 2001:db8:1::1/64
set int ip address eth1 2001:db8:2::1/64
set int mac address pcap0 02:00:00:00:00:a1
set int mac address eth1 02:00:00:00:00:b1
ip route add 2001:db8:9::/48 via 2001:db8:2::2
`;
const PCAP0_MAC = "02:00:00:00:00:a1";
const ETH1_MAC = "02:00:00:00:00:b1";
const HOST_MAC = "02:00:00:00:00:a2";
const PEER_MAC = "02:00:00:00:00:c2";
const T0 = 1_700_000_000;

interface Sent {
  iface: string;
  data: Uint8Array;
}

async function router(): Promise<FibNode> {
  const node = await fibNode("debug");
  node.cli(CONFIG);
  return node;
}

const nsOf = (seconds: number) => Math.round((seconds % 1) * 1e9);

/** Frames in on `rx` at engine time T0 + seconds; returns what left in that vector. */
function at(node: FibNode, seconds: number, rx: string, frames: Uint8Array[]): Sent[] {
  return node.send(frames, { rx, tsSec: T0 + Math.floor(seconds), tsNsec: nsOf(seconds) });
}

/** Runs the engine with no frames at engine time T0 + seconds; returns what left. */
function tick(node: FibNode, seconds: number): Sent[] {
  return node.poll(T0 + Math.floor(seconds), nsOf(seconds));
}

/**
 * A solicitation for eth1's address 2001:db8:2::1, to its solicited-node group, from the peer
 * 2001:db8:2::2 at `srcMac` (a source link-layer address option naming it); `o` overrides any field.
 */
const solicitation = (o: Partial<NdOptions> = {}, srcMac = PEER_MAC) =>
  ndFrame(multicastMac(solicitedNode("2001:db8:2::1")), srcMac, {
    type: NS_TYPE,
    src: "2001:db8:2::2",
    dst: solicitedNode("2001:db8:2::1"),
    target: "2001:db8:2::1",
    linkAddress: srcMac,
    ...o,
  });

const hostUdp = (dst: string) => ethernet(PCAP0_MAC, HOST_MAC, udp("2001:db8:1::2", dst));
/** The next hop 2001:db8:2::2 advertising itself to eth1, with these flags. */
const peerAdvertisement = (flags: number) =>
  ndFrame(ETH1_MAC, PEER_MAC, { type: NA_TYPE, src: "2001:db8:2::2", dst: "2001:db8:2::1", target: "2001:db8:2::2", flags, linkAddress: PEER_MAC });

describe("icmp6-neighbor-solicitation", () => {
  it("answers a solicitation for its address with an advertisement built in place (R, S, O, target link-layer address) and learns the sender", async () => {
    const node = await router();
    const sent = node.send([solicitation()], { rx: "eth1" });
    expect(sent).toHaveLength(1);
    expect(sent[0].iface).toBe("eth1");
    const na = sent[0].data;
    const expected = ethernet(
      PEER_MAC,
      ETH1_MAC,
      ndPacket({
        type: NA_TYPE,
        src: "2001:db8:2::1",
        dst: "2001:db8:2::2",
        target: "2001:db8:2::1",
        flags: FLAG_ROUTER | FLAG_SOLICITED | FLAG_OVERRIDE,
        linkAddress: ETH1_MAC,
      }),
    );
    expect(toHex(na)).toBe(toHex(expected));
    expect(upperChecksumValid(na.subarray(14), 2)).toBe(true);
    expect(node.count("neighbor advertisements sent")).toBe(1n);
    expect(node.cli("show ip6 neighbors")).toContain("2001:db8:2::2                D    02:00:00:00:00:c2  eth1");
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("answers duplicate address detection (unspecified source) to all nodes without the Solicited flag", async () => {
    const node = await router();
    const [reply] = node.send([solicitation({ src: "::", linkAddress: undefined })], { rx: "eth1" });
    expect(toHex(reply.data)).toBe(
      toHex(
        ethernet(
          "33:33:00:00:00:01",
          ETH1_MAC,
          ndPacket({ type: NA_TYPE, src: "2001:db8:2::1", dst: "ff02::1", target: "2001:db8:2::1", flags: FLAG_ROUTER | FLAG_OVERRIDE, linkAddress: ETH1_MAC }),
        ),
      ),
    );
    expect(node.cli("show ip6 neighbors").split("\n")).toHaveLength(1);
  });

  it("drops what RFC 4861 §7.1.1 rejects and what is not for it, each with its reason, and learns nothing", async () => {
    const node = await router();
    const badChecksum = solicitation({});
    badChecksum[14 + 40 + 2] ^= 0xff;
    const cases: [Uint8Array, string][] = [
      [solicitation({ hopLimit: 64 }), "hop_limit != 255"],
      [solicitation({ code: 1 }), "invalid code for type"],
      [badChecksum, "ICMPv6 checksum wrong"],
      [solicitation({ extra: [3, 0, 0, 0, 0, 0, 0, 0] }), "option has zero length or runs past the message"],
      [solicitation({ target: "ff02::1" }), "target is a multicast address"],
      [solicitation({ src: "::" }), "unspecified source to a non-solicited-node address or with a link-layer option"],
      [solicitation({ src: "2001:db8:77::2" }), "neighbor solicitations from source not on link"],
      [solicitation({ target: "2001:db8:2::5" }), "neighbor solicitations for unknown targets"],
    ];
    for (const [f, reason] of cases) {
      expect(node.send([f], { rx: "eth1" }), reason).toEqual([]);
      expect(node.count(reason, "icmp6-neighbor-solicitation"), reason).toBe(1n);
    }
    const truncated = solicitation({ linkAddress: undefined }).slice(0, 14 + 40 + 20);
    truncated[14 + 5] = 20; // payload length: a 20-octet message
    expect(node.send([truncated], { rx: "eth1" })).toEqual([]);
    expect(node.count("payload length too small for type", "icmp6-neighbor-solicitation")).toBe(1n);
    expect(node.cli("show ip6 neighbors").split("\n")).toHaveLength(1);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});

describe("ip6-discover-neighbor", () => {
  it("holds packets for an unknown next hop, solicits it once, and forwards them in order when the advertisement arrives", async () => {
    const node = await router();
    const packets = [1, 2, 3].map(() => hostUdp("2001:db8:9::5"));
    const sent = at(node, 0, "pcap0", packets);
    expect(sent).toHaveLength(1);
    const ns = sent[0].data;
    expect(sent[0].iface).toBe("eth1");
    expect(toHex(ns)).toBe(
      toHex(
        ethernet(
          multicastMac(solicitedNode("2001:db8:2::2")),
          ETH1_MAC,
          ndPacket({ type: NS_TYPE, src: "2001:db8:2::1", dst: solicitedNode("2001:db8:2::2"), target: "2001:db8:2::2", linkAddress: ETH1_MAC }),
        ),
      ),
    );
    expect(node.count("packets held awaiting neighbor resolution")).toBe(3n);
    expect(node.count("neighbor solicitations sent")).toBe(1n);
    const na = peerAdvertisement(FLAG_SOLICITED | FLAG_OVERRIDE);
    expect(at(node, 0.001, "eth1", [na])).toEqual([]);
    // The host learned the neighbour after that vector; the held packets leave in the next one.
    expect(node.dataplane.nextWakeup()).toEqual({ sec: 0, nsec: 0 });
    const forwarded = tick(node, 0.002);
    expect(forwarded.map((s) => s.iface)).toEqual(["eth1", "eth1", "eth1"]);
    for (const f of forwarded) expect(toHex(f.data.subarray(0, 12))).toBe("020000000" + "0c2" + "0200000000b1");
    expect(forwarded[0].data[14 + 7]).toBe(63); // hop limit decremented once
    expect(node.count("held packets released after resolution")).toBe(3n);
    expect(node.cli("show ip6 neighbors")).toMatch(/2001:db8:2::2\s+D\s+02:00:00:00:00:c2\s+eth1/);
    // Later packets go straight through.
    expect(at(node, 0.003, "pcap0", [hostUdp("2001:db8:9::6")])).toHaveLength(1);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("resolves destinations on a connected prefix (glean) the same way", async () => {
    const node = await router();
    const [ns] = at(node, 0, "pcap0", [hostUdp("2001:db8:2::99")]);
    expect(toHex(ns.data.subarray(0, 6))).toBe(multicastMac(solicitedNode("2001:db8:2::99")).replaceAll(":", ""));
    const na = ndFrame(ETH1_MAC, "02:00:00:00:00:99", {
      type: NA_TYPE,
      src: "2001:db8:2::99",
      dst: "2001:db8:2::1",
      target: "2001:db8:2::99",
      flags: FLAG_SOLICITED | FLAG_OVERRIDE,
      linkAddress: "02:00:00:00:00:99",
    });
    at(node, 0.001, "eth1", [na]);
    const out = tick(node, 0.002);
    expect(out).toHaveLength(1);
    expect(toHex(out[0].data.subarray(0, 6))).toBe("020000000099");
  });

  it("holds at most ND_HOLD_MAX packets per neighbour and counts the rest", async () => {
    const node = await router();
    at(
      node,
      0,
      "pcap0",
      Array.from({ length: ND_HOLD_MAX + 5 }, () => hostUdp("2001:db8:9::5")),
    );
    expect(node.count("packets held awaiting neighbor resolution")).toBe(BigInt(ND_HOLD_MAX));
    expect(node.count("held-packet limit for the neighbor reached")).toBe(5n);
  });

  it("repeats the solicitation every second, gives up after three and drops what it held, counted", async () => {
    const node = await router();
    expect(at(node, 0, "pcap0", [hostUdp("2001:db8:9::5")])).toHaveLength(1);
    expect(node.dataplane.nextWakeup()).toEqual({ sec: T0 + 1, nsec: 0 });
    expect(tick(node, 0.5)).toEqual([]);
    expect(tick(node, 1)).toHaveLength(1);
    expect(tick(node, 2)).toHaveLength(1);
    expect(tick(node, 3)).toEqual([]);
    expect(node.count("neighbor solicitations sent")).toBe(3n);
    expect(node.count("neighbor resolution failed: held packet dropped")).toBe(1n);
    expect(node.dataplane.nextWakeup()).toBeUndefined();
    expect(node.cli("show interface pcap0")).toMatch(/drops\s+1/);
    // The table is empty again (ndTimers then skips its walk); a new resolution still runs its course.
    expect(at(node, 10, "pcap0", [hostUdp("2001:db8:9::5")])).toHaveLength(1);
    expect(node.dataplane.nextWakeup()).toEqual({ sec: T0 + 11, nsec: 0 });
    expect(tick(node, 11)).toHaveLength(1);
    expect(node.count("neighbor solicitations sent")).toBe(5n);
  });
});

describe("learning and aging", () => {
  it("does not let a learned address override a configured neighbour, and configuration overrides a learned one", async () => {
    const node = await router();
    node.cli("set ip neighbor eth1 2001:db8:2::2 02:00:00:00:00:ee");
    node.send([solicitation()], { rx: "eth1" });
    expect(node.cli("show ip6 neighbors")).toMatch(/2001:db8:2::2\s+S\s+02:00:00:00:00:ee/);
    node.send([solicitation({ src: "2001:db8:2::3" }, "02:00:00:00:00:d3")], { rx: "eth1" });
    expect(node.cli("show ip6 neighbors")).toMatch(/2001:db8:2::3\s+D/);
    node.cli("set ip neighbor eth1 2001:db8:2::3 02:00:00:00:00:d4");
    expect(node.cli("show ip6 neighbors")).toMatch(/2001:db8:2::3\s+S\s+02:00:00:00:00:d4/);
  });

  it("probes an entry unconfirmed for `age` seconds with unicast solicitations and forgets it when they go unanswered", async () => {
    const node = await router();
    node.cli("set ip neighbor-config ip6 age 10");
    const na = peerAdvertisement(FLAG_OVERRIDE);
    at(node, 0, "eth1", [na]);
    expect(node.cli("show ip6 neighbors")).toMatch(/^\s+0\.0000\s+2001:db8:2::2\s+D/m);
    tick(node, 4);
    expect(node.cli("show ip6 neighbors")).toMatch(/^\s+4\.0000\s+2001:db8:2::2\s+D/m);
    // Aging is not held work: a live run's timer waits for it, a replay's end does not.
    expect(neighbourDiscoveryOf(node.dataplane)!.nextAgingNs()).toBe(BigInt(T0 + 10) * 1_000_000_000n);
    expect(node.dataplane.nextWakeup()).toBeUndefined();
    const probe = tick(node, 10);
    expect(probe).toHaveLength(1);
    // Unicast, to the known MAC and address.
    expect(toHex(probe[0].data.subarray(0, 6))).toBe("0200000000c2");
    expect(toHex(probe[0].data.subarray(14 + 24, 14 + 40))).toBe(toHex(ip6("2001:db8:2::2")));
    expect(tick(node, 11)).toHaveLength(1);
    expect(tick(node, 12)).toHaveLength(1);
    tick(node, 13);
    expect(node.count("unicast neighbor probes sent (entry aged)")).toBe(3n);
    expect(node.cli("show ip6 neighbors").split("\n")).toHaveLength(1);
  });

  it("lets a replay end without aging what it learned (no probes at the end of a capture)", async () => {
    const node = await router();
    const na = peerAdvertisement(FLAG_OVERRIDE);
    at(node, 0, "eth1", [na]);
    expect(node.dataplane.drain()).toBe(true);
    expect(node.dataplane.now).toEqual({ sec: T0, nsec: 0 });
    expect(node.cli("show ip6 neighbors")).toMatch(/2001:db8:2::2\s+D/);
  });

  it("keeps an aged entry whose neighbour answers the probe", async () => {
    const node = await router();
    node.cli("set ip neighbor-config ip6 age 10");
    const na = peerAdvertisement(FLAG_SOLICITED | FLAG_OVERRIDE);
    at(node, 0, "eth1", [na]);
    expect(tick(node, 10)).toHaveLength(1);
    at(node, 10.5, "eth1", [na]);
    tick(node, 14);
    expect(node.cli("show ip6 neighbors")).toMatch(/^\s+3\.5000\s+2001:db8:2::2\s+D/m);
    expect(node.count("unicast neighbor probes sent (entry aged)")).toBe(1n);
  });
});

describe("multicast to the node", () => {
  it("takes multicast on an interface with an address to ip6-local instead of routing it", async () => {
    const node = await router();
    const rs = ethernet("33:33:00:00:00:02", HOST_MAC, udp("2001:db8:1::2", "ff02::2"));
    expect(node.send([rs], { linkType: LINKTYPE_ETHERNET })).toEqual([]);
    expect(node.count("locally addressed: no local stack")).toBe(1n);
  });
});
