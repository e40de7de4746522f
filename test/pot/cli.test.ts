// The POT CLI: the VPP iOAM guide's profile lines, `show pot profile` byte for byte as VPP prints
// it (vpp-ioam-spec §7.5), `show ioam pot` (§7.4), and bad lines rejected with their column
// while the previous configuration stays as it was.
import { describe, expect, it } from "vitest";
import { testNode, type TestNode } from "../support/engine.js";
import { potConfigAddress, potProfileList } from "../../src/host/pot/pot-state.js";
import { potKernels } from "../../src/host/pot/pot-kernels.js";
import { OptionImages } from "./pot-engine.js";
import { ethernetIp6, hex, toHex } from "../support/hex.js";
import * as G from "../../assembly/graph/graph.layout.js";

// /work/shared/seeds/004 (VPP iOAM guide), each command as printed there, its wrapped lines joined.
const GUIDE_ENCAP = `set pot profile name example id 0 prime-number 0x7fff0000fa884685 secret_share 0x6c22eff0f45ec56d lpc 0x7fff0000fa884682 polynomial2 0xffb543d4a9c bits-in-random 63`;
const GUIDE_ACTIVE = `set pot profile-active name example ID 0`;
const GUIDE_TRANSIT = `set pot profile name example id 0 prime-number 0x7fff0000fa884685 secret_share 0x564cdbdec4eb625d lpc 0x1 polynomial2 0x23f3a227186a bits-in-random 63`;
const GUIDE_VERIFIER = `set pot profile name example id 0 validate-key 0x7fff0000fa88465d prime-number 0x7fff0000fa884685 secret_share 0x7a08fbfc5b93116d lpc 0x3 polynomial2 0x3ff738597ce bits-in-random 63`;

// §7.5, for the transit profile after 42 packets.
const SHOW_TRANSIT = `Profile list in use  : example
POT Profile at index: 0
                 Id : 0
          Validator : False (0)
       Secret share : 0x564cdbdec4eb625d (6218586935324795485)
       Prime number : 0x7fff0000fa884685 (9223090566081300101)
2nd polynomial(eval) : 0x23f3a227186a (39529304496234)
                 LPC : 0x1 (1)
           Bit mask : 0x7fffffffffffffff (9223372036854775807)

Profile index in use: 0
Pkts passed : 0x2a (42)`;

/** Runs `count` packets announcing profile 0 with a non-zero RND through the node's POT block. */
function updatePackets(node: TestNode, count: number): void {
  const options = new OptionImages(node.engine, count);
  for (let k = 0; k < count; k++) options.set(k, { random: 0x1234567890abcdefn, cumulative: 0n });
  potKernels(node.engine).potUpdateVector(options.address, count, potConfigAddress(node.dataplane), 0, options.results);
}

describe("the VPP iOAM guide's configuration", () => {
  it("parses on the encapsulator, with the docs' 'ID', and makes profile 0 active", async () => {
    const node = await testNode();
    node.cli(`${GUIDE_ENCAP}\n${GUIDE_ACTIVE}`);
    expect(potProfileList(node.dataplane).activeId()).toBe(0);
    expect(node.cli("show pot profile")).toContain("Profile index in use: 0\nPkts passed : 0x0 (0)");
  });

  it("shows the transit profile exactly as VPP does after 42 packets", async () => {
    const node = await testNode();
    node.cli(GUIDE_TRANSIT);
    expect(node.cli("show pot profile")).toBe(SHOW_TRANSIT.replace(/Profile index in use: 0\n.*$/s, "Profile index in use: None"));
    updatePackets(node, 42);
    expect(node.cli("show pot profile")).toBe(SHOW_TRANSIT);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("shows the verifier's key, and that it decapsulates", async () => {
    const node = await testNode();
    node.cli(GUIDE_VERIFIER);
    updatePackets(node, 1);
    const shown = node.cli("show pot profile");
    expect(shown).toContain(
      `          Validator : True (1)\n         Secret key : 0x7fff0000fa88465d (9223090566081300061)\n       Secret share : 0x7a08fbfc5b93116d`,
    );
    expect(shown.endsWith("Pkts passed : 0x1 (1)\n  This is Decap node.  ")).toBe(true);
  });

  it("updates the POT option of a packet crossing the transit node's graph", async () => {
    const node = await testNode();
    node.cli(GUIDE_TRANSIT);
    // IPv6 + HBH (0x3C after the encapsulator of §2.9 (a): RND, CML; PadN 2) + ICMPv6 echo.
    const packet = (cumulative: string) =>
      ethernetIp6(
        hex(`6000000000280040 20010db8000100000000000000000002 20010db8000200000000000000000002
        3a02 3c12 0000 1234567890abcdef ${cumulative} 0100 80009d4e1234000172732d70726f6265`),
      );
    const [out] = node.send([packet("04f6fcd463c139a7")]);
    expect(toHex(out)).toBe(toHex(packet("6d78531f5b7f825d")));
    expect(node.cli("show ioam pot")).toBe(
      [
        " Pkts with ip6 hop-by-hop pot options - 1",
        " Pkts with ip6 hop-by-hop pot options but no profile set - 0",
        " Pkts with POT in Policy - 0",
        " Pkts with POT out of Policy - 0",
      ].join("\n"),
    );
    expect(node.engine.boundsViolations()).toBe(0);
  });
});

describe("show pot profile", () => {
  it("prints values of 2^63 and above as negative decimals, as VPP's %Ld does", async () => {
    const node = await testNode();
    node.cli("set pot profile name big id 1 prime-number 0xffffffffffffffc5 secret_share 0xffffffffffffff00 lpc 0x1 bits-in-random 64");
    const shown = node.cli("show pot profile");
    expect(shown).toContain("POT Profile at index: 1\n                 Id : 1");
    expect(shown).toContain("       Secret share : 0xffffffffffffff00 (-256)");
    expect(shown).toContain("       Prime number : 0xffffffffffffffc5 (-59)");
    expect(shown).toContain("2nd polynomial(eval) : 0x0 (0)");
    expect(shown).toContain("           Bit mask : 0xffffffffffffffff (-1)");
  });

  it("says when nothing is configured, also after clear pot profile", async () => {
    const node = await testNode();
    expect(node.cli("show pot profile")).toBe("POT Profiles not configured");
    node.cli(GUIDE_TRANSIT);
    node.cli("clear pot profile");
    expect(node.cli("show pot profile")).toBe("POT Profiles not configured");
  });
});

describe("set pot profile", () => {
  it("accepts Python 2's L suffix, validator-key, and words in any order", async () => {
    const node = await testNode();
    node.cli(
      "set pot profile bits-in-random 56 lpc 0xffffffbd3f032eL polynomial2 0x3f00367b145c8L validator-key 0xffffffbd3f032fL " +
        "secret_share 0xff00b18fe08ceL prime-number 0xffffffbd3f0331L id 1 name sample",
    );
    const profile = potProfileList(node.dataplane).snapshot().profiles[1]!;
    expect(profile).toMatchObject({ id: 1, prime: 0xffffffbd3f0331n, lpc: 0xffffffbd3f032en, polynomial2: 0x3f00367b145c8n, validatorKey: 0xffffffbd3f032fn });
    expect(profile.bitMask).toBe((1n << 56n) - 1n);
  });

  it("keeps the other slot under the same list name and starts afresh under another", async () => {
    const node = await testNode();
    node.cli(`${GUIDE_TRANSIT}\n${GUIDE_TRANSIT.replace("id 0", "id 1")}`);
    expect(
      potProfileList(node.dataplane)
        .snapshot()
        .profiles.map((p) => p?.id),
    ).toEqual([0, 1]);
    node.cli(GUIDE_TRANSIT.replace("name example", "name other"));
    const { name, profiles } = potProfileList(node.dataplane).snapshot();
    expect([name, profiles.map((p) => p?.id)]).toEqual(["other", [0, undefined]]);
  });

  // Each bad line, the word the error must point at (its last occurrence; "" for the line's end) and the message.
  const BAD_LINES: [string, string, RegExp][] = [
    [`${GUIDE_TRANSIT} colour blue`, "colour", /expected one of name, id, .*found 'colour'/],
    [GUIDE_TRANSIT.replace("name example ", ""), "", /expected 'name <profile list name>', found end of line/],
    [GUIDE_TRANSIT.replace("id 0 ", ""), "", /expected 'id <0\|1>', found end of line/],
    [GUIDE_TRANSIT.replace("id 0", "id 2"), "2 prime-number", /profile id 2 is out of range 0..1/],
    [GUIDE_TRANSIT.replace("lpc 0x1 ", ""), "", /expected 'lpc 0x<hex>', found end of line/],
    [GUIDE_TRANSIT.replace("0x7fff0000fa884685", "0x7fff0000fa884687"), "0x7fff0000fa884687", /is not an odd prime/],
    [GUIDE_TRANSIT.replace("0x7fff0000fa884685", "0x2"), "0x2 ", /is not an odd prime/],
    [GUIDE_TRANSIT.replace("0x564cdbdec4eb625d", "0x7fff0000fa884685"), "0x7fff0000fa884685", /is not below the prime/],
    [GUIDE_TRANSIT.replace("0x23f3a227186a", "0xffffffffffffffff"), "0xffffffffffffffff", /is not below the prime/],
    [GUIDE_TRANSIT.replace("lpc 0x1", "lpc 0x0"), "0x0", /Lagrange constant is never 0/],
    [GUIDE_TRANSIT.replace("0x564cdbdec4eb625d", "564cdbdec4eb625d"), "564cdbdec4eb625d", /expected secret_share as 0x<hex>, found '564cdbdec4eb625d'/],
    [GUIDE_TRANSIT.replace("0x564cdbdec4eb625d", "0x1564cdbdec4eb625d"), "0x1564cdbdec4eb625d", /does not fit in 64 bits/],
    [GUIDE_TRANSIT.replace("bits-in-random 63", "bits-in-random 65"), "65", /bits-in-random 65 is out of range 1..64/],
    [`${GUIDE_TRANSIT} lpc 0x3`, "lpc", /'lpc' given twice/],
  ];

  it.each(BAD_LINES)("rejects '%s' at '%s' and changes nothing", async (line, at, message) => {
    const column = at === "" ? line.length + 1 : line.lastIndexOf(at) + 1;
    const node = await testNode();
    node.cli(GUIDE_VERIFIER.replace("id 0", "id 1"));
    const before = node.cli("show pot profile");
    const [problem, ...more] = node.problems(line);
    expect(more).toHaveLength(0);
    expect(problem.message).toMatch(message);
    expect(problem.column).toBe(column);
    expect(node.cli("show pot profile")).toBe(before);
  });

  it("refuses to reconfigure the profile in use until it is cleared", async () => {
    const node = await testNode();
    node.cli(`${GUIDE_ENCAP}\n${GUIDE_ACTIVE}`);
    const before = node.cli("show pot profile");
    const [problem] = node.problems(GUIDE_TRANSIT);
    expect([problem.column, problem.message]).toEqual([33, "profile 0 of list 'example' is in use: clear pot profile first"]);
    expect(node.cli("show pot profile")).toBe(before);
    node.cli(`clear pot profile 0\n${GUIDE_TRANSIT}`);
    expect(node.cli("show pot profile")).toContain("0x564cdbdec4eb625d");
  });
});

describe("set pot profile-active and clear pot profile", () => {
  it("name the list or the profile that is missing, at the name", async () => {
    const node = await testNode();
    node.cli(GUIDE_TRANSIT);
    expect(node.problems("set pot profile-active name other id 0").map((p) => [p.column, p.message])).toEqual([
      [29, "other list is not enabled, profile in use example"],
    ]);
    expect(node.problems("set pot profile-active name example id 1").map((p) => [p.column, p.message])).toEqual([[29, "Profile 1 not defined in example"]]);
    expect(node.problems("set pot profile-active name example").map((p) => p.message)).toEqual(["expected 'id' or 'ID', found end of line"]);
    expect(potProfileList(node.dataplane).activeId()).toBeUndefined();
  });

  it("clears one slot, or all of them and the list name", async () => {
    const node = await testNode();
    node.cli(`${GUIDE_TRANSIT}\n${GUIDE_TRANSIT.replace("id 0", "id 1")}\nset pot profile-active name example id 1`);
    node.cli("clear pot profile 1");
    const list = potProfileList(node.dataplane);
    expect([list.listName, list.snapshot().profiles.map((p) => p?.id), list.activeId()]).toEqual(["example", [0, undefined], undefined]);
    expect(node.problems("clear pot profile 2").map((p) => p.column)).toEqual([19]);
    node.cli("clear pot profile all");
    expect([list.listName, list.snapshot().profiles]).toEqual(["", [undefined, undefined]]);
  });
});

describe("show ioam pot", () => {
  it("reads the engine's POT counters", async () => {
    const node = await testNode();
    node.engine.countError(G.ERR_POT_UPDATED, 54n);
    node.engine.countError(G.ERR_POT_NO_PROFILE, 2n);
    node.engine.countError(G.ERR_POT_IN_POLICY, 50n);
    node.engine.countError(G.ERR_POT_OUT_OF_POLICY, 4n);
    expect(node.cli("show ioam pot")).toBe(
      [
        " Pkts with ip6 hop-by-hop pot options - 54",
        " Pkts with ip6 hop-by-hop pot options but no profile set - 2",
        " Pkts with POT in Policy - 50",
        " Pkts with POT out of Policy - 4",
      ].join("\n"),
    );
  });
});
