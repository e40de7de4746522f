// The SRv6 CLI: the M-Anycast guide's `sr` lines as printed (vpp-ioam-spec §5, seeds/000), VPP's
// current spellings, the show outputs laid out as VPP's, and every malformed or impossible line
// rejected at the right column with nothing changed.
import { beforeEach, describe, expect, it } from "vitest";
import type { TestNode } from "../support/engine.js";
import { destinationOf, routedNode, sendIp6, srhFields } from "./sr-packets.js";
import { hex } from "../support/hex.js";
import { END, expectRefusedAt } from "../support/cli-problems.js";

// The guide's lines, trailing spaces included.
const GUIDE = `    sr policy add bsid db11::2 next db07::1 insert spray
    sr policy mod add sl bsid db11::2 next db08::1  
    sr policy mod add sl bsid db11::2 next db09::1  
    sr steer l3 db06::/64 via sr policy bsid db11::2
    sr localsid address db0a::2 behavior end
    sr localsid address db07::1 behavior end psp`;

const GUIDE_POLICIES = `SR policies:
[0].-\tBSID: db11::2
\tBehavior: SRH insertion
\tType: Spray
\tFIB table: 0
\tSegment Lists:
  \t[0].- < db07::1 > weight: 1
  \t[1].- < db08::1 > weight: 1
  \t[2].- < db09::1 > weight: 1
-----------`;

const GUIDE_STEERING = `SR steering policies:
Traffic\t\tSR policy BSID
L3 db06::/64\tdb11::2`;

const GUIDE_LOCALSIDS = `SRv6 - My LocalSID Table:
=========================
\tAddress: \tdb0a::2
\tBehavior: \tEnd
\tGood traffic: \t[0 packets : 0 bytes]
\tBad traffic:  \t[0 packets : 0 bytes]
--------------------
\tAddress: \tdb07::1
\tBehavior: \tEnd
\tPSP: \tTrue
\tGood traffic: \t[0 packets : 0 bytes]
\tBad traffic:  \t[0 packets : 0 bytes]
--------------------`;

const SHOWS = "show sr policies\nshow sr steering-policies\nshow sr localsids\nshow ip6 fib";

describe("the M-Anycast guide's SRv6 lines", () => {
  it("parse unchanged and show as VPP shows them", async () => {
    const node = await routedNode(GUIDE);
    expect(node.cli("show sr policies")).toBe(GUIDE_POLICIES);
    expect(node.cli("show sr steering-policies")).toBe(GUIDE_STEERING);
    expect(node.cli("show sr steering policies")).toBe(GUIDE_STEERING);
    expect(node.cli("show sr localsids")).toBe(GUIDE_LOCALSIDS);
  });

  it("spray a SYN for db06::6 to the three servers (M's lines; db07::1 is a SID of the first server's node)", async () => {
    const node = await routedNode(GUIDE.split("\n").slice(0, -1).join("\n"));
    const syn = hex(`6000000000140640 20010db8000100000000000000000002 db060000000000000000000000000006
      9c40 0050 00000001 00000000 5002 0000 0000 0000`);
    const out = sendIp6(node, [syn]);
    expect(out.map(destinationOf)).toEqual(["db07::1", "db08::1", "db09::1"]);
    expect(out.map((p) => srhFields(p).segments[0])).toEqual(["db06::6", "db06::6", "db06::6"]);
  });
});

describe("VPP's other spellings", () => {
  let node: TestNode;
  beforeEach(async () => {
    node = await routedNode("sr policy add bsid fc00::1 next fc00:1::1 next fc00:1::2 weight 2 encap v6src 2001:db8::5");
  });

  it("mod bsid ... add sl / mod sl index ... weight / del sl index, and the index forms", () => {
    node.cli("sr policy mod bsid fc00::1 add sl next fc00:2::1 weight 3");
    node.cli("sr policy mod index 0 mod sl index 1 weight 7");
    node.cli("sr policy add bsid fc00::2 next fc00:3::1 insert.red");
    node.cli("sr steer l3 2001:db8:77::/48 via sr_policy index 1");
    expect(node.cli("show sr policies")).toBe(`SR policies:
[0].-\tBSID: fc00::1
\tBehavior: Encapsulation
\tEncapSrcIP: 2001:db8::5
\tType: Default
\tFIB table: 0
\tSegment Lists:
  \t[0].- < fc00:1::1, fc00:1::2 > weight: 2
  \t[1].- < fc00:2::1 > weight: 7
-----------
[1].-\tBSID: fc00::2
\tBehavior: SRH insertion (reduced SRH)
\tType: Default
\tFIB table: 0
\tSegment Lists:
  \t[2].- < fc00:3::1 > weight: 1
-----------`);
    node.cli("sr policy mod del sl bsid fc00::1 index 0");
    expect(node.cli("show sr policies")).toContain("\tSegment Lists:\n  \t[1].- < fc00:2::1 > weight: 7\n-----------");
    node.cli("sr policy mod bsid fc00::1 add sl next fc00:4::4");
    expect(node.cli("show sr policies")).toContain("  \t[0].- < fc00:4::4 > weight: 1\n");
  });

  it("deletes steering, policies and local SIDs, and indices are reused as in VPP's pools", () => {
    node.cli("sr steer l3 2001:db8:77::/48 via bsid fc00::1\nsr localsid address fc00:b::1 behavior end.dt6 0");
    node.cli("sr steer del l3 2001:db8:77::/48 via bsid fc00::1\nsr policy del bsid fc00::1\nsr localsid del address fc00:b::1");
    expect(node.cli(SHOWS)).not.toMatch(/fc00::1|fc00:b::1|2001:db8:77::/);
    node.cli("sr policy add bsid fc00::9 next fc00:9::9");
    expect(node.cli("show sr policies")).toContain("[0].-\tBSID: fc00::9");
    expect(node.cli("show sr policies")).toContain("[0].- < fc00:9::9 > weight: 1");
  });

  it("set sr encaps source addr changes the source of policies without v6src", async () => {
    const fresh = await routedNode("sr policy add bsid fc00::1 next fc00:1::1\nsr steer l3 2001:db8:9::/64 via bsid fc00::1");
    expect(fresh.cli("show sr policies")).toContain("\tEncapSrcIP: ::\n");
    fresh.cli("set sr encaps source addr 2001:db8:1::1");
    expect(fresh.cli("show sr policies")).toContain("\tEncapSrcIP: 2001:db8:1::1\n");
    const udp = hex("6000000000081140 20010db8000100000000000000000002 20010db8000900000000000000000001 a3e1270f00080000");
    const [out] = sendIp6(fresh, [udp]);
    expect(out.subarray(8, 24)).toEqual(hex("20010db8000100000000000000000001"));
  });

  it("End.X and End.DX6 show their interface and next hop; clear sr localsid-counters zeroes the counters", async () => {
    node.cli("sr localsid address fc00:b::1 behavior end.dx6 pcap0 2001:db8:1::2\nsr localsid address fc00:b::2 behavior end.x pcap0 2001:db8:1::2 psp");
    const shown = node.cli("show sr localsids");
    expect(shown).toContain(
      "\tAddress: \tfc00:b::1/128\n\tBehavior: \tDX6 (Endpoint with decapsulation and IPv6 cross-connect)\n\tIface:  \tpcap0\n\tNext hop: \t2001:db8:1::2\n",
    );
    expect(shown).toContain("\tBehavior: \tX (Endpoint with Layer-3 cross-connect)\n\tIface:  \tpcap0\n\tNext hop: \t2001:db8:1::2\n\tPSP: \tTrue\n");
    const toSid = hex("6000000000081140 20010db8000100000000000000000002 fc00000b000000000000000000000002 a3e1270f00080000");
    sendIp6(node, [toSid]);
    expect(node.cli("show sr localsids")).toContain("\tBad traffic:  \t[1 packets : 48 bytes]");
    node.cli("clear sr localsid-counters");
    expect(node.cli("show sr localsids")).not.toContain("[1 packets");
  });
});

// [command, where the error points (the last word of the first occurrence of that text; END: just
// past the line), message part]
const CASES: [string, string | typeof END, string][] = [
  ["sr policy add next fc00:1::1", END, "No SR policy BSID specified"],
  ["sr policy add bsid fc00::7", END, "No Segment List specified"],
  ["sr policy add bsid fc00::7 next fc00::zz", "fc00::zz", "expected a segment (IPv6 address), found 'fc00::zz'"],
  ["sr policy add bsid fc00::1 next fc00:1::1", "fc00::1", "There is already a FIB entry for the BindingSID address"],
  ["sr policy add bsid fc00:b::1 next fc00:1::1", "fc00:b::1", "fc00:b::1 is already a local SID"],
  ["sr policy add bsid fc00::7 next fc00:1::1 tef", "tef", "TEF policies are not supported"],
  ["sr policy add bsid fc00::7 next fc00:1::1 fib-table 3", "fib-table 3", "The specified FIB table does not exist."],
  ["sr policy add bsid fc00::7 next fc00:1::1 weight 0", "weight 0", "a weight 0 is out of range"],
  [`sr policy add bsid fc00::7${" next fc00:1::1".repeat(8)} next fc00:9::9`, "fc00:9::9", "a segment list holds at most 8 segments"],
  ["sr policy add bsid fc00::7 next fc00:1::1 frob", "frob", "expected one of bsid, next, weight"],
  ["sr policy mod bsid fc00::9 add sl next fc00:2::2", "fc00::9", "The requested SR policy could not be located"],
  ["sr policy mod bsid fc00::1 next fc00:2::2", END, "No SL modification specified"],
  ["sr policy mod bsid fc00::1 add sl", END, "No Segment List specified"],
  ["sr policy mod bsid fc00::1 del sl", "del", "No Segment List index specified"],
  ["sr policy mod bsid fc00::1 del sl index 0", "index 0", "The selected SR policy only contains ONE segment list"],
  ["sr policy mod bsid fc00::1 del sl index 5", "index 5", "It is not associated with that SR policy"],
  ["sr policy mod bsid fc00::1 mod sl index 0", END, "No new weight for the SL specified"],
  ["sr policy mod bsid fc00::1 mod sl index 3 weight 2", "index 3", "The given SL is not associated with such SR policy"],
  ["sr policy mod add bsid fc00::1 next fc00:2::2", "bsid", "expected 'sl'"],
  ["sr policy del bsid fc00::1", "fc00::1", "the SR policy still steers l3 2001:db8:9::/64: delete the steering first"],
  ["sr policy del", END, "No SR policy BSID or index specified"],
  ["sr policy del index 4", "index 4", "The requested SR policy could not be located"],
  ["sr steer l3 2001:db8:9::/64 via bsid fc00::9", "fc00::9", "The requested SR policy could not be located"],
  ["sr steer l3 2001:db8:9:: via bsid fc00::1", "2001:db8:9::", "expected an IPv6 prefix ADDR/LEN"],
  ["sr steer l2 pcap0 via bsid fc00::1", "l2", "L2 steering is not supported"],
  ["sr steer l3 fc00:b::1/128 via bsid fc00::1", "fc00:b::1/128", "fc00:b::1 is already a local SID"],
  ["sr steer del l3 2001:db8:8::/64 via bsid fc00::1", "2001:db8:8::/64", "no steering of l3 2001:db8:8::/64 via this SR policy"],
  ["sr steer l3 2001:db8:9::/64 bsid fc00::1", "bsid", "expected 'via'"],
  ["sr localsid address fc00:b::2", END, "SRv6 LocalSID behavior is mandatory."],
  ["sr localsid behavior end", END, "SRv6 LocalSID address is mandatory."],
  ["sr localsid address fc00:b::1 behavior end", "fc00:b::1", "fc00:b::1 is already a local SID"],
  ["sr localsid address fc00::1 behavior end", "fc00::1", "fc00::1 is already the BSID of an SR policy"],
  ["sr localsid address fc00:b::2 behavior end.dt6 5", "end.dt6 5", "no IPv6 table 5: ip6 table add 5 first"],
  ["sr localsid address fc00:b::2 behavior end.dx6 pcap0 2001:db8:1::2 psp", "psp", "Error: SRv6 PSP only compatible with End and End.X"],
  ["sr localsid address fc00:b::2 behavior end.t 5", "end.t", "behavior end.t is not supported"],
  ["sr localsid address fc00:b::2 behavior end.x pcap0", END, "expected a next hop (IPv6 address), found end of line"],
  ["sr localsid address fc00:b::2 behavior frob", "frob", "expected a behavior (end, end.x, end.dx6, end.dt6, end.cats), found 'frob'"],
  ["sr localsid prefix fc00:b::/64 behavior end", "prefix", "local SID prefixes are not supported"],
  ["sr localsid del address fc00:b::9", "fc00:b::9", "no local SID at this address"],
  ["set sr encaps source addr", END, "expected an IPv6 address, found end of line"],
  ["set sr encaps source addr 10.0.0.1", "10.0.0.1", "only IPv6 is supported, found '10.0.0.1'"],
  ["show sr policies now", "now", "expected end of line"],
];

describe("rejected SRv6 commands", () => {
  let node: TestNode;
  beforeEach(async () => {
    node = await routedNode(`
sr policy add bsid fc00::1 next fc00:1::1
sr steer l3 2001:db8:9::/64 via bsid fc00::1
sr localsid address fc00:b::1 behavior end`);
  });

  it.each(CASES)("%s", (command, at, message) => {
    const before = node.cli(SHOWS);
    const interfaces = node.dataplane.interfaces.all().length;
    expectRefusedAt(node.problems(command), command, at, message);
    expect(node.cli(SHOWS)).toBe(before);
    expect(node.dataplane.interfaces.all().length).toBe(interfaces);
  });
});
