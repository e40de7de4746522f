// ip6-lookup, ip6-rewrite and ip6-local on byte vectors, configured through VPP's CLI: forwarding
// rewrites exactly the hop limit and the MACs, every drop has its reason, local delivery is
// counted, and with no FIB the engine stays a bump in the wire.
import { describe, expect, it } from "vitest";
import { LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { toHex } from "../support/hex.js";
import {
  echoRequest,
  ethernet,
  fibNode,
  ip6,
  ip6Packet,
  PROTO_HOP_BY_HOP,
  PROTO_ICMPV6,
  PROTO_UDP,
  udp,
  upperChecksumValid,
  withUpperChecksum,
  type FibNode,
} from "./fib-node.js";

const CONFIG = `
set int ip address pcap0 2001:db8:1::1/64
set int ip address eth1 2001:db8:2::1/64
set int mac address eth1 02:00:00:00:00:b1
set ip neighbor eth1 2001:db8:2::2 02:00:00:00:00:c2
set ip neighbor pcap0 2001:db8:1::2 02:00:00:00:00:a2
ip route add 2001:db8:9::/48 via 2001:db8:2::2
ip route add 2001:db8:7::/48 via 2001:db8:2::7
ip route add 2001:db8:66::/48 drop
`;

// The frame as the host 2001:db8:1::2 (02:..:a2) sends it to this node's pcap0 (02:fe:00:00:00:01).
const PCAP0_MAC = "02:fe:00:00:00:01";
const HOST_MAC = "02:00:00:00:00:a2";
const fromHost = (packet: Uint8Array, vlan?: number) => ethernet(PCAP0_MAC, HOST_MAC, packet, vlan);

async function router(): Promise<FibNode> {
  const node = await fibNode("debug");
  node.cli(CONFIG);
  return node;
}

/** `packet` as this node forwards it: hop limit one less, nothing else changed. */
function decremented(packet: Uint8Array): Uint8Array {
  const out = packet.slice();
  out[7] -= 1;
  return out;
}

describe("ip6-rewrite", () => {
  it("decrements the hop limit and writes the neighbour's and the interface's MACs, byte for byte", async () => {
    const node = await router();
    const packet = udp("2001:db8:1::2", "2001:db8:9::5", 64);
    const sent = node.send([fromHost(packet)]);
    expect(sent).toHaveLength(1);
    expect(sent[0].iface).toBe("eth1");
    expect(toHex(sent[0].data)).toBe(toHex(ethernet("02:00:00:00:00:c2", "02:00:00:00:00:b1", decremented(packet))));
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("keeps VLAN tags and rewrites only the MACs around them", async () => {
    const node = await router();
    const packet = udp("2001:db8:1::2", "2001:db8:9::5", 2);
    const [out] = node.send([fromHost(packet, 0x0123)]);
    expect(toHex(out.data)).toBe(toHex(ethernet("02:00:00:00:00:c2", "02:00:00:00:00:b1", decremented(packet), 0x0123)));
    expect(out.data[out.data.length - packet.length + 7]).toBe(1);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("writes no link header on raw-IP links", async () => {
    const node = await router();
    const packet = udp("2001:db8:1::2", "2001:db8:9::5", 64);
    const [out] = node.send([packet], { linkType: LINKTYPE_RAW });
    expect(out.iface).toBe("eth1");
    expect(toHex(out.data)).toBe(toHex(decremented(packet)));
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("drops hop limits 1 and 0 as 'hop limit exceeded' and answers with ICMPv6 Time Exceeded from the receiving interface", async () => {
    const node = await router();
    const expired = [udp("2001:db8:1::2", "2001:db8:9::5", 1), udp("2001:db8:1::2", "2001:db8:9::6", 0)];
    const sent = node.send(expired.map((p) => fromHost(p)));
    expect(node.count("hop limit exceeded")).toBe(2n);
    expect(node.count("ICMPv6 time exceeded sent")).toBe(2n);
    expect(sent.map((s) => s.iface)).toEqual(["pcap0", "pcap0"]);
    sent.forEach((s, k) => {
      const error = s.data.subarray(14);
      expect(toHex(s.data.subarray(0, 14))).toBe(toHex(ethernet(HOST_MAC, PCAP0_MAC, new Uint8Array(0)).subarray(0, 14)));
      expect(error[6]).toBe(PROTO_ICMPV6);
      expect(error[7]).toBe(64);
      expect(toHex(error.subarray(8, 24))).toBe(toHex(ip6("2001:db8:1::1")));
      expect(toHex(error.subarray(24, 40))).toBe(toHex(ip6("2001:db8:1::2")));
      expect([...error.subarray(40, 48)].filter((_, i) => i !== 2 && i !== 3)).toEqual([3, 0, 0, 0, 0, 0]);
      expect(toHex(error.subarray(48))).toBe(toHex(expired[k]));
      expect((error[4] << 8) | error[5]).toBe(8 + expired[k].length);
      expect(upperChecksumValid(error, 2)).toBe(true);
    });
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("cuts the invoking packet so the Time Exceeded fits in 1280 octets", async () => {
    const node = await router();
    const big = udp("2001:db8:1::2", "2001:db8:9::5", 1, 1400);
    const [out] = node.send([fromHost(big)]);
    const error = out.data.subarray(14);
    expect(error.length).toBe(1280);
    expect(toHex(error.subarray(48))).toBe(toHex(big.subarray(0, 1280 - 48)));
    expect(upperChecksumValid(error, 2)).toBe(true);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("sends no Time Exceeded about an ICMPv6 error, to a multicast source, or without an interface address", async () => {
    const node = await router();
    const icmpError = withUpperChecksum(
      ip6Packet({ src: "2001:db8:1::2", dst: "2001:db8:9::5", hopLimit: 1, nextHeader: PROTO_ICMPV6, payload: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0) }),
      40,
      PROTO_ICMPV6,
      2,
    );
    const multicastSource = udp("ff02::1", "2001:db8:9::5", 1);
    expect(node.send([fromHost(icmpError), fromHost(multicastSource)])).toEqual([]);
    expect(node.count("ICMPv6 time exceeded not sent: RFC 4443 forbids it (multicast, unspecified source or an ICMPv6 error)")).toBe(2n);
    node.cli("set int ip address del pcap0 all");
    expect(node.send([fromHost(udp("2001:db8:1::2", "2001:db8:9::5", 1))])).toEqual([]);
    expect(node.count("ICMPv6 time exceeded not sent: no IPv6 address on the receiving interface")).toBe(1n);
    expect(node.count("hop limit exceeded")).toBe(3n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("holds packets to a neighbour it does not know and solicits it, and sends them once the neighbour is configured", async () => {
    const node = await router();
    const viaUnknown = udp("2001:db8:1::2", "2001:db8:7::1");
    const onLink = udp("2001:db8:1::2", "2001:db8:2::99");
    const solicitations = node.send([fromHost(viaUnknown), fromHost(onLink)]);
    // One neighbour solicitation per unknown neighbour (ICMPv6 type 135), nothing forwarded yet.
    expect(solicitations.map((s) => [s.iface, s.data[14 + 40]])).toEqual([
      ["eth1", 135],
      ["eth1", 135],
    ]);
    expect(node.count("neighbour not resolved: to ip6-discover-neighbor")).toBe(2n);
    expect(node.count("packets held awaiting neighbor resolution")).toBe(2n);
    node.cli("set ip neighbor eth1 2001:db8:2::7 02:00:00:00:00:c7\nset ip6 neighbor eth1 2001:db8:2::99 02:00:00:00:00:99");
    const released = node.poll(1_700_000_000, 1);
    expect(released.map((s) => toHex(s.data.subarray(0, 12)))).toEqual(["0200000000c7" + "0200000000b1", "020000000099" + "0200000000b1"]);
    const sent = node.send([fromHost(viaUnknown), fromHost(onLink)]);
    expect(sent.map((s) => toHex(s.data.subarray(0, 12)))).toEqual(["0200000000c7" + "0200000000b1", "020000000099" + "0200000000b1"]);
    node.cli("set ip neighbor del eth1 2001:db8:2::7");
    expect(node.send([fromHost(viaUnknown)]).map((s) => s.data[14 + 40])).toEqual([135]);
    expect(node.count("neighbour not resolved: to ip6-discover-neighbor")).toBe(3n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("follows a changed interface MAC without touching the routes", async () => {
    const node = await router();
    node.cli("set interface mac address eth1 0200.0000.00b9");
    const [out] = node.send([fromHost(udp("2001:db8:1::2", "2001:db8:9::5"))]);
    expect(toHex(out.data.subarray(6, 12))).toBe("0200000000b9");
  });
});

describe("ip6-lookup", () => {
  it("drops destinations no prefix covers, and drop routes, as 'no route to destination'", async () => {
    const node = await router();
    expect(node.send([fromHost(udp("2001:db8:1::2", "2001:db8:ffff::1")), fromHost(udp("2001:db8:1::2", "2001:db8:66::1"))])).toEqual([]);
    expect(node.count("no route to destination")).toBe(2n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("sends a routed packet with a hop-by-hop header through ip6-hop-by-hop before ip6-rewrite", async () => {
    const node = await router();
    const hbh = Uint8Array.of(PROTO_UDP, 0, 1, 4, 0, 0, 0, 0); // next header UDP, PadN(4)
    const inner = udp("2001:db8:1::2", "2001:db8:9::5").subarray(40);
    const packet = withUpperChecksum(
      ip6Packet({ src: "2001:db8:1::2", dst: "2001:db8:9::5", nextHeader: PROTO_HOP_BY_HOP, payload: Uint8Array.from([...hbh, ...inner]) }),
      48,
      PROTO_UDP,
      6,
    );
    node.dataplane.engine.clearNodeStatistics();
    const [out] = node.send([fromHost(packet)]);
    expect(toHex(out.data.subarray(14))).toBe(toHex(decremented(packet)));
    const stats = node.engine.nodeStatistics();
    expect(stats[10].packets).toBe(1n); // ip6-hop-by-hop
    expect(stats[12].packets).toBe(1n); // ip6-rewrite
  });

  it("stays a bump in the wire, byte for byte, when no route or address is configured", async () => {
    const node = await fibNode("debug");
    node.cli("set int mac address pcap0 02:00:00:00:00:01");
    const frames = [fromHost(udp("2001:db8:1::2", "2001:db8:9::5", 1)), fromHost(echoRequest("2001:db8:1::2", "2001:db8:1::1"))];
    const sent = node.send(frames);
    expect(sent.map((s) => toHex(s.data))).toEqual(frames.map(toHex));
    expect(sent.every((s) => s.iface === "pcap0")).toBe(true);
    expect(node.count("no FIB: forwarded back out of the receiving interface")).toBe(2n);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});

describe("ip6-local", () => {
  it("counts packets to its own addresses and drops them: no local stack", async () => {
    const node = await router();
    expect(node.send([fromHost(udp("2001:db8:1::2", "2001:db8:1::1")), fromHost(udp("2001:db8:1::2", "2001:db8:2::1"))])).toEqual([]);
    expect(node.count("ip6 local packets")).toBe(2n);
    expect(node.count("locally addressed: no local stack")).toBe(2n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("answers an Echo Request to an interface address with the Echo Reply, routed back", async () => {
    const node = await router();
    const request = echoRequest("2001:db8:1::2", "2001:db8:2::1", 9);
    const [out] = node.send([fromHost(request)]);
    expect(out.iface).toBe("pcap0");
    const reply = out.data.subarray(14);
    expect(toHex(out.data.subarray(0, 12))).toBe("0200000000a2" + "02fe00000001");
    expect(toHex(reply.subarray(8, 24))).toBe(toHex(request.subarray(24, 40)));
    expect(toHex(reply.subarray(24, 40))).toBe(toHex(request.subarray(8, 24)));
    expect(reply[7]).toBe(64);
    expect(reply[40]).toBe(129);
    expect(toHex(reply.subarray(44))).toBe(toHex(request.subarray(44)));
    expect(upperChecksumValid(reply, 2)).toBe(true);
    expect(node.count("ICMPv6 echo replies sent")).toBe(1n);
    expect(node.count("ip6 local packets")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});

describe("interface-output", () => {
  // Runs of packets leaving by one interface are handled once a run (its state and MTU read when it
  // starts, its counters added when it ends): a vector that changes interface at every packet, with
  // drops inside runs, must leave and count exactly as one packet at a time would.
  const toEth1 = (data: number) => fromHost(udp("2001:db8:1::2", "2001:db8:9::5", 64, data));
  const toPcap0 = (data: number) => fromHost(udp("2001:db8:1::5", "2001:db8:1::2", 64, data));
  const txLine = (shown: string, what: string) => Number(new RegExp(`${what}\\s+(\\d+)$`, "m").exec(shown)?.[1] ?? 0);

  it("sends interleaved runs in order, drops what exceeds the MTU or meets a down interface, counted per interface", async () => {
    const node = await router();
    node.cli("set interface mtu packet 1280 eth1\nset interface mtu packet 9000 pcap0");
    // A UDP packet of 48 + data octets: 1232 fits eth1's MTU of 1280, 1233 does not.
    const vector = [toEth1(12), toPcap0(12), toEth1(1233), toEth1(1232), toPcap0(20), toPcap0(9000 - 48 + 1), toEth1(12)];
    const sent = node.send(vector);
    expect(sent.map((s) => [s.iface, s.data.length])).toEqual([
      ["eth1", 14 + 60],
      ["pcap0", 14 + 60],
      ["eth1", 14 + 1280],
      ["pcap0", 14 + 68],
      ["eth1", 14 + 60],
    ]);
    expect(node.count("packet longer than the interface MTU", "interface-output")).toBe(2n);
    expect(node.count("packets transmitted", "interface-output")).toBe(5n);
    const eth1 = node.cli("show interface eth1");
    expect([txLine(eth1, "tx packets"), txLine(eth1, "tx bytes"), txLine(eth1, "tx-error")]).toEqual([3, 74 + 1294 + 74, 1]);
    const pcap0 = node.cli("show interface pcap0");
    expect([txLine(pcap0, "tx packets"), txLine(pcap0, "tx bytes"), txLine(pcap0, "tx-error")]).toEqual([2, 74 + 82, 1]);

    node.cli("set interface state eth1 down");
    expect(node.send([toEth1(12), toPcap0(12), toEth1(12), toPcap0(12)]).map((s) => s.iface)).toEqual(["pcap0", "pcap0"]);
    expect(node.count("interface is down", "interface-output")).toBe(2n);
    expect(txLine(node.cli("show interface eth1"), "tx-error")).toBe(3);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});
