// Local SIDs on byte vectors (RFC 8986 §4, standards-interop §4.3–4.6): End (V2 -> what Linux's
// End made of it), PSP, End.X, End.DX6 and End.DT6 with and without an SRH, hop-by-hop options
// and SRH TLVs carried through, and every malformed or unprocessable packet dropped with its
// reason and counted against its SID. Debug build: no read or write outside a packet.
import { describe, expect, it } from "vitest";
import {
  SRH_V2_AFTER_END_HEX,
  SRH_V2_SENT_HEX,
  SRH_V3_ENCAP_HEX,
  SRH_V5_ENCAP_RED_HEX,
  SRH_V6_HMAC_HEX,
  SRH_V7_IOAM_INSERT_HEX,
} from "../../assembly/wire/srh.vectors.js";
import { EXT_NEXT_HEADER, IPV6_DST, IPV6_HEADER_LENGTH, IPV6_HOP_LIMIT, IPV6_NEXT_HEADER, PROTO_ICMPV6, PROTO_IPV6 } from "../../assembly/wire/ipv6.layout.js";
import { ROUTING_SEGMENTS_LEFT, SRH_LAST_ENTRY } from "../../assembly/wire/srh.layout.js";
import { hex, toHex } from "../support/hex.js";
import { destinationOf, errorCount, innerOf, routedNode, sendIp6, srhFields, withHopLimit } from "./sr-packets.js";

const V2 = hex(SRH_V2_SENT_HEX);
const V3 = hex(SRH_V3_ENCAP_HEX);
const V7 = hex(SRH_V7_IOAM_INSERT_HEX);
const SID_END = "fc00:b::1";
const SID_ADDRESS = hex("fc00000b000000000000000000000001");
const OTHER_MAC = "02:00:00:00:00:03";

function withDestination(packet: Uint8Array, address: Uint8Array): Uint8Array {
  const copy = packet.slice();
  copy.set(address, IPV6_DST);
  return copy;
}

function withSegmentsLeft(packet: Uint8Array, at: number, left: number): Uint8Array {
  const copy = packet.slice();
  copy[at + ROUTING_SEGMENTS_LEFT] = left;
  return copy;
}

/** ICMPv6 echo with SRH [2001:db8:2::2, middle, fc00:b::1], SL 2, to fc00:b::1. */
const THREE_SEGMENTS = (middle: string) =>
  hex(`6000000000482b40 20010db8000100000000000000000002 fc00000b000000000000000000000001
       3a06040202000000 20010db8000200000000000000000002 ${middle} fc00000b000000000000000000000001
       80009d4e1234000172732d70726f6265`);

/** IPv6-in-IPv6 without an SRH, as H.Encaps.Red of one segment makes it. */
function plainTunnel(inner: Uint8Array, destination: Uint8Array): Uint8Array {
  const outer = V3.slice(0, IPV6_HEADER_LENGTH);
  outer[IPV6_NEXT_HEADER] = PROTO_IPV6;
  new DataView(outer.buffer).setUint16(4, inner.length);
  outer.set(destination, IPV6_DST);
  const packet = new Uint8Array(outer.length + inner.length);
  packet.set(outer);
  packet.set(inner, outer.length);
  return packet;
}

describe("End", () => {
  it("turns V2 into exactly what Linux's End made of it (SL 0, DA = Segment List[0], hop limit - 1)", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end`);
    const [out] = sendIp6(node, [V2]);
    expect(toHex(out)).toBe(SRH_V2_AFTER_END_HEX);
    expect(node.cli("show sr localsids")).toContain("\tGood traffic: \t[1 packets : 96 bytes]");
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("with PSP removes the SRH when Segments Left reaches 0", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end psp`);
    const [out] = sendIp6(node, [V2]);
    const after = hex(SRH_V2_AFTER_END_HEX);
    expect(out[IPV6_NEXT_HEADER]).toBe(PROTO_ICMPV6);
    expect(out.length).toBe(V2.length - 40);
    expect(toHex(out.subarray(8, 40))).toBe(toHex(after.subarray(8, 40)));
    expect(toHex(out.subarray(40))).toBe(toHex(V2.subarray(80)));
    expect(node.cli("show sr localsids")).toContain("\tPSP: \tTrue");
  });

  it("with PSP keeps an SRH that still has segments left, and advances it", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end psp`);
    const [out] = sendIp6(node, [THREE_SEGMENTS("fc00000c000000000000000000000001")]);
    expect(srhFields(out)).toMatchObject({ segmentsLeft: 1, lastEntry: 2 });
    expect(destinationOf(out)).toBe("fc00:c::1");
  });

  it("keeps a hop-by-hop header and its IOAM option, before the SRH (V7)", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end`);
    const [out] = sendIp6(node, [V7]);
    expect(toHex(out.subarray(40, 72))).toBe(toHex(V7.subarray(40, 72)));
    expect(srhFields(out)).toMatchObject({ at: 72, segmentsLeft: 0 });
    expect(destinationOf(out)).toBe("2001:db8:2::2");
  });

  it("with PSP after a hop-by-hop header: the hop-by-hop header now names what followed the SRH", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end psp`);
    const [out] = sendIp6(node, [V7]);
    expect(out.length).toBe(V7.length - 40);
    expect(out[IPV6_HEADER_LENGTH + EXT_NEXT_HEADER]).toBe(PROTO_ICMPV6);
    expect(toHex(out.subarray(41, 72))).toBe(toHex(V7.subarray(41, 72)));
    expect(toHex(out.subarray(72))).toBe(toHex(V7.subarray(112)));
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("carries SRH TLVs (Linux's HMAC, V6) untouched: only Segments Left, the DA and the hop limit change", async () => {
    const v6 = hex(SRH_V6_HMAC_HEX);
    const node = await routedNode(`sr localsid address ${SID_END} behavior end`);
    const [out] = sendIp6(node, [v6]);
    const expected = withSegmentsLeft(withHopLimit(v6, 63), 40, 0);
    expected.set(v6.subarray(48, 64), IPV6_DST);
    expect(toHex(out)).toBe(toHex(expected));
  });

  it("accepts a reduced SRH (V5: LE 0, SL 1) and ends with Segment List[0]", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end`);
    const [out] = sendIp6(node, [hex(SRH_V5_ENCAP_RED_HEX)]);
    expect(srhFields(out)).toMatchObject({ segmentsLeft: 0, lastEntry: 0 });
    expect(destinationOf(out)).toBe("2001:db8:2::2");
  });

  it("processes consecutive local SIDs of this node one after the other", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end\nsr localsid address fc00:b::2 behavior end`);
    const chained = V2.slice();
    chained.set(hex("fc00000b000000000000000000000002"), 48); // Segment List[0]: the second SID, then...
    const [out] = sendIp6(node, [chained]);
    // ...which finds SL 0: nothing more to do there.
    expect(out).toBeUndefined();
    expect(errorCount(node, "(SR-Error) No more segments")).toBe(1n);
    const [through] = sendIp6(node, [THREE_SEGMENTS("fc00000b000000000000000000000002")]);
    expect(srhFields(through)).toMatchObject({ segmentsLeft: 0, lastEntry: 2 });
    expect(destinationOf(through)).toBe("2001:db8:2::2");
    expect(through[IPV6_HOP_LIMIT]).toBe(63);
  });
});

describe("End.X", () => {
  const ADJACENT = `
set interface ip address pcap1 2001:db8:3::1/64
set ip neighbor pcap1 2001:db8:3::2 ${OTHER_MAC}
`;

  it("forwards to its adjacency instead of looking the new destination up", async () => {
    const node = await routedNode(`${ADJACENT}sr localsid address ${SID_END} behavior end.x pcap1 2001:db8:3::2`);
    const frames = node.send([hex(`020000000002 020000000001 86dd ${SRH_V2_SENT_HEX}`)]);
    expect(frames.length).toBe(1);
    expect(toHex(frames[0].subarray(0, 6))).toBe(OTHER_MAC.replaceAll(":", ""));
    expect(toHex(frames[0].subarray(14))).toBe(SRH_V2_AFTER_END_HEX);
    expect(node.cli("show sr localsids")).toContain("X (Endpoint with Layer-3 cross-connect)\n\tIface:  \tpcap1\n\tNext hop: \t2001:db8:3::2");
  });

  it("with PSP removes the SRH at Segments Left 0", async () => {
    const node = await routedNode(`${ADJACENT}sr localsid address ${SID_END} behavior end.x pcap1 2001:db8:3::2 psp`);
    const [out] = sendIp6(node, [V2]);
    expect(out[IPV6_NEXT_HEADER]).toBe(PROTO_ICMPV6);
    expect(out.length).toBe(V2.length - 40);
  });
});

describe("End.DX6 and End.DT6", () => {
  const inner = innerOf(V3);
  const SID_DECAP = hex("fc00000b000000000000000000000006");

  it("End.DT6 decapsulates an SRH packet with SL 0 and looks the inner packet up (hop limit - 1)", async () => {
    const node = await routedNode("sr localsid address fc00:b::6 behavior end.dt6 0");
    const atEnd = withDestination(withSegmentsLeft(V3, 40, 0), SID_DECAP);
    const [out] = sendIp6(node, [atEnd]);
    expect(toHex(out)).toBe(toHex(withHopLimit(inner, inner[IPV6_HOP_LIMIT] - 1)));
    expect(errorCount(node, "End.DX6/End.DT6: inner IPv6 packet decapsulated")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("End.DT6 decapsulates IPv6-in-IPv6 without an SRH", async () => {
    const node = await routedNode("sr localsid address fc00:b::6 behavior end.dt6 0");
    const [out] = sendIp6(node, [plainTunnel(inner, SID_DECAP)]);
    expect(toHex(out)).toBe(toHex(withHopLimit(inner, inner[IPV6_HOP_LIMIT] - 1)));
  });

  it("End.DX6 sends the inner packet to its adjacency", async () => {
    const node = await routedNode(`
set interface ip address pcap1 2001:db8:3::1/64
set ip neighbor pcap1 2001:db8:3::2 ${OTHER_MAC}
sr localsid address fc00:b::6 behavior end.dx6 pcap1 2001:db8:3::2`);
    const frames = node.send([hex(`020000000002 020000000001 86dd ${toHex(plainTunnel(inner, SID_DECAP))}`)]);
    expect(toHex(frames[0].subarray(0, 6))).toBe(OTHER_MAC.replaceAll(":", ""));
    expect(toHex(frames[0].subarray(14))).toBe(toHex(withHopLimit(inner, inner[IPV6_HOP_LIMIT] - 1)));
  });

  it("drops with segments left > 0, without an inner IPv6 packet, or with a malformed one, counted per SID", async () => {
    const node = await routedNode("sr localsid address fc00:b::6 behavior end.dt6 0");
    const early = withDestination(V3, SID_DECAP); // SL 1
    const udp = withDestination(inner, SID_DECAP); // next header 17
    const broken = plainTunnel(inner, SID_DECAP);
    broken[IPV6_HEADER_LENGTH] = 0x45; // inner version 4
    expect(sendIp6(node, [early, udp, broken])).toEqual([]);
    expect(errorCount(node, "(SR-Error) Decaps not available (segments left > 0)")).toBe(1n);
    expect(errorCount(node, "(SR-Error) No inner IP header")).toBe(1n);
    expect(errorCount(node, "decapsulated inner IPv6 packet malformed")).toBe(1n);
    const bytes = early.length + udp.length + broken.length;
    expect(node.cli("show sr localsids")).toContain(`\tBad traffic:  \t[3 packets : ${bytes} bytes]`);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});

describe("packets End cannot process", () => {
  it("drops SL 0 at End (Linux drops it silently) and a packet without an SRH, with reasons", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end`);
    const done = withDestination(withSegmentsLeft(V2, 40, 0), SID_ADDRESS);
    const plain = withDestination(innerOf(V3), SID_ADDRESS);
    expect(sendIp6(node, [done, plain])).toEqual([]);
    expect(errorCount(node, "(SR-Error) No more segments")).toBe(1n);
    expect(errorCount(node, "(SR-Error) No SR header")).toBe(1n);
    expect(node.cli("show sr localsids")).toContain("\tBad traffic:  \t[2 packets : ");
  });

  it("drops malformed SRHs before any SID sees them, each with its reason", async () => {
    const node = await routedNode(`sr localsid address ${SID_END} behavior end`);
    const pastList = withSegmentsLeft(V2, 40, 3); // SL > LE + 1
    const lastEntryPastHeader = V2.slice();
    lastEntryPastHeader[40 + SRH_LAST_ENTRY] = 2;
    const tlvPastEnd = hex(SRH_V6_HMAC_HEX);
    tlvPastEnd[40 + 8 + 32 + 1] = 0x30; // HMAC TLV length past the header
    const truncated = V2.slice(0, 40 + 12);
    new DataView(truncated.buffer).setUint16(4, 12);
    expect(sendIp6(node, [pastList, lastEntryPastHeader, tlvPastEnd, truncated])).toEqual([]);
    expect(errorCount(node, "SRH segments left past the segment list")).toBe(1n);
    expect(errorCount(node, "SRH last entry past the header")).toBe(1n);
    expect(errorCount(node, "SRH TLV length past the header")).toBe(1n);
    expect(errorCount(node, "extension header length past the end of the packet")).toBe(1n);
    expect(node.cli("show sr localsids")).toContain("\tGood traffic: \t[0 packets : 0 bytes]");
    expect(node.engine.boundsViolations()).toBe(0);
  });
});
