// SR policy headend on byte vectors (standards-interop §4.6): what sr-pl-rewrite-encaps and
// sr-pl-rewrite-insert emit equals, octet for octet, what the Linux kernel emits for the same
// segments (V3 encap, V4 inline, V5 encap.red), except that an SRH goes after a hop-by-hop header
// (V7, RFC 8200 order). Linux's vectors were sent by the host itself; the engine forwards, as a
// Linux router does (linux-headend.test.ts compares with one): a router's hop limit decrement
// applies to the header it sends on, the outer one for H.Encaps (the inner packet is left as it
// was), the only one for H.Insert. Debug build: no read or write outside a packet.
import { describe, expect, it } from "vitest";
import { SRH_V3_ENCAP_HEX, SRH_V4_INLINE_HEX, SRH_V5_ENCAP_RED_HEX, SRH_V7_IOAM_INSERT_HEX } from "../../assembly/wire/srh.vectors.js";
import { IPV6_HEADER_LENGTH, IPV6_HOP_LIMIT, IPV6_NEXT_HEADER, PROTO_IPV6 } from "../../assembly/wire/ipv6.layout.js";
import { hex, toHex } from "../support/hex.js";
import { destinationOf, errorCount, innerOf, routedNode, sendIp6, srhFields, withHopLimit, withoutInsertedSrh } from "./sr-packets.js";

const V3 = hex(SRH_V3_ENCAP_HEX);
const V4 = hex(SRH_V4_INLINE_HEX);
const V5 = hex(SRH_V5_ENCAP_RED_HEX);
const V7 = hex(SRH_V7_IOAM_INSERT_HEX);
const SENT_HOP_LIMIT = 0x40; // what the vectors carry
const FORWARDED_HOP_LIMIT = SENT_HOP_LIMIT + 1; // an inserting router's input, to leave with SENT_HOP_LIMIT

const steer = (mode: string, segments: string, prefix: string) => `
set sr encaps source addr 2001:db8:1::2
sr policy add bsid fc00:ff::1 ${segments
  .split(",")
  .map((s) => `next ${s}`)
  .join(" ")} ${mode}
sr steer l3 ${prefix} via bsid fc00:ff::1
`;

describe("H.Encaps and H.Encaps.Red as Linux builds them", () => {
  it("encap with 2 segments equals Linux's V3 (outer TC/flow label/hop limit from the inner packet)", async () => {
    const node = await routedNode(steer("encap", "fc00:b::1,2001:db8:2::2", "2001:db8:9::/64"));
    const [out] = sendIp6(node, [innerOf(V3)]);
    expect(toHex(out)).toBe(toHex(withHopLimit(V3, SENT_HOP_LIMIT - 1)));
    expect(errorCount(node, "SR: Encaps packets")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("encap.red with 2 segments equals Linux's V5, with the inner flow label copied as the kernel does", async () => {
    const node = await routedNode(steer("encap.red", "fc00:b::1,2001:db8:2::2", "2001:db8:9::/64"));
    const [out] = sendIp6(node, [innerOf(V5)]);
    // srh.vectors.ts writes V5's outer header with a zero flow label; the kernel copies the inner
    // one (seg6_make_flowlabel with seg6_flowlabel = 0), as the seg6EncapRed capture shows and the
    // Linux differential test checks. Every other octet is V5's.
    const expected = withHopLimit(V5, SENT_HOP_LIMIT - 1);
    expected.set(innerOf(V5).subarray(0, 4), 0);
    expect(toHex(out)).toBe(toHex(expected));
    expect(srhFields(out)).toMatchObject({ segmentsLeft: 1, lastEntry: 0, segments: ["2001:db8:2::2"] });
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("encap.red with 1 segment adds no SRH: plain IPv6-in-IPv6 to the segment", async () => {
    const node = await routedNode(steer("encap.red", "fc00:b::6", "2001:db8:9::/64"));
    const inner = innerOf(V3);
    const [out] = sendIp6(node, [inner]);
    expect(out.length).toBe(IPV6_HEADER_LENGTH + inner.length);
    expect(out[IPV6_NEXT_HEADER]).toBe(PROTO_IPV6);
    expect(destinationOf(out)).toBe("fc00:b::6");
    expect(toHex(innerOf(out))).toBe(toHex(inner));
    expect(out[IPV6_HOP_LIMIT]).toBe(inner[IPV6_HOP_LIMIT] - 1);
  });

  it("lists 3 segments last-first, LE = SL = 2, the first segment as destination", async () => {
    const node = await routedNode(steer("encap", "fc00:1::1,fc00:2::2,fc00:3::3", "2001:db8:9::/64"));
    const [out] = sendIp6(node, [innerOf(V3)]);
    expect(destinationOf(out)).toBe("fc00:1::1");
    expect(srhFields(out)).toEqual({ at: 40, nextHeader: 41, segmentsLeft: 2, lastEntry: 2, segments: ["fc00:3::3", "fc00:2::2", "fc00:1::1"] });
  });
});

describe("H.Insert and H.Insert.Red", () => {
  it("insert with 1 segment equals Linux's inline V4 (Segment List[0] = the original destination)", async () => {
    const node = await routedNode(steer("insert", "fc00:b::1", "2001:db8:2::/64"));
    const [out] = sendIp6(node, [withHopLimit(withoutInsertedSrh(V4), FORWARDED_HOP_LIMIT)]);
    expect(toHex(out)).toBe(SRH_V4_INLINE_HEX);
    expect(errorCount(node, "SR: SRH inserted packets")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("goes after an existing hop-by-hop header (V7), where Linux's inline mode wrongly puts it in front", async () => {
    const node = await routedNode(steer("insert", "fc00:b::1", "2001:db8:2::/64"));
    const [out] = sendIp6(node, [withHopLimit(withoutInsertedSrh(V7), FORWARDED_HOP_LIMIT)]);
    expect(toHex(out)).toBe(SRH_V7_IOAM_INSERT_HEX);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("insert.red leaves the first segment out of the list: LE = n - 1, SL = n", async () => {
    const node = await routedNode(steer("insert.red", "fc00:1::1,fc00:2::2", "2001:db8:2::/64"));
    const [out] = sendIp6(node, [withoutInsertedSrh(V4)]);
    expect(destinationOf(out)).toBe("fc00:1::1");
    expect(srhFields(out)).toEqual({ at: 40, nextHeader: 17, segmentsLeft: 2, lastEntry: 1, segments: ["2001:db8:2::2", "fc00:2::2"] });
    expect(toHex(out.subarray(40 + 40))).toBe(toHex(withoutInsertedSrh(V4).subarray(40)));
  });

  it("a packet to the binding SID itself has arrived there: the SRH lists the policy's segments only", async () => {
    const node = await routedNode(steer("insert", "fc00:1::1,fc00:2::2", "2001:db8:2::/64"));
    const toBsid = withoutInsertedSrh(V4);
    toBsid.set(hex("fc0000ff000000000000000000000001"), 24);
    const [out] = sendIp6(node, [toBsid]);
    expect(destinationOf(out)).toBe("fc00:1::1");
    expect(srhFields(out)).toEqual({ at: 40, nextHeader: 17, segmentsLeft: 1, lastEntry: 1, segments: ["fc00:2::2", "fc00:1::1"] });
    expect(out.length).toBe(toBsid.length + 40);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("insert.red of one segment to the binding SID needs no SRH: only the destination changes", async () => {
    const node = await routedNode(steer("insert.red", "fc00:1::1", "2001:db8:2::/64"));
    const toBsid = withoutInsertedSrh(V4);
    toBsid.set(hex("fc0000ff000000000000000000000001"), 24);
    const [out] = sendIp6(node, [toBsid]);
    const expected = withHopLimit(toBsid, toBsid[IPV6_HOP_LIMIT] - 1);
    expected.set(hex("fc000001000000000000000000000001"), 24);
    expect(toHex(out)).toBe(toHex(expected));
  });
});
