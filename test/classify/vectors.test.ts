// vpp-ioam-spec §6.1-§6.3: what skip, match and the stored mask are for each mask form, how a
// session key is cut from a match image, and which opaque a session gets.
import { beforeEach, describe, expect, it } from "vitest";
import { Arguments } from "../../src/host/vpp-cli/arguments.js";
import { tokenize } from "../../src/host/vpp-cli/tokens.js";
import { parseSpec, type SpecMode } from "../../src/host/vpp-cli/commands/classify-spec.js";
import { maskVectors, sessionKey } from "../../src/host/classify/vectors.js";
import { classifyNode, type ClassifyNode } from "./classify-node.js";
import { hex, toHex } from "../support/hex.js";

function image(text: string, mode: SpecMode): Uint8Array {
  const args = new Arguments(tokenize(text), text.length + 1);
  const bytes = parseSpec(args, mode);
  args.end();
  return bytes;
}

const zeros = (n: number) => "00".repeat(n);
const ones = (n: number) => "ff".repeat(n);

describe("mask images and skip/match (§6.1, §6.3 worked offsets)", () => {
  const cases: [string, number, number, string][] = [
    ["l3 ip6 dst", 2, 2, zeros(6) + ones(16) + zeros(10)],
    ["l3 ip6 src", 1, 2, zeros(6) + ones(16) + zeros(10)],
    ["l3 ip6 proto", 1, 1, zeros(4) + "ff" + zeros(11)],
    [`hex ${"0".repeat(76)}${"f".repeat(32)}`, 2, 2, zeros(6) + ones(16) + zeros(10)],
    ["l3 ip6 hop_limit", 1, 1, zeros(5) + "ff" + zeros(10)],
    ["l3 ip6 version traffic-class flow-label", 0, 2, zeros(14) + ones(4) + zeros(14)],
    ["l3 ip6 payload_length", 1, 1, zeros(2) + "ffff" + zeros(12)],
    ["l2 src dst proto", 0, 1, ones(14) + zeros(2)],
    ["l2 none l3 ip6 dst", 1, 2, zeros(8) + ones(16) + zeros(8)],
    ["l3 ip4 src dst", 1, 2, zeros(10) + ones(8) + zeros(14)],
    ["l3 ip4 proto", 1, 1, zeros(7) + "ff" + zeros(8)],
    ["l3 ip6 proto l4 dst_port", 1, 3, zeros(4) + "ff" + zeros(11) + zeros(16) + zeros(8) + "ffff" + zeros(6)],
  ];

  it.each(cases)("mask %s -> skip %i match %i", (spec, skip, match, mask) => {
    const vectors = maskVectors(image(spec, "mask"))!;
    expect({ skip: vectors.skip, match: vectors.match, mask: toHex(vectors.mask) }).toEqual({ skip, match, mask });
  });

  it("finds no vectors in an all-zero mask", () => {
    expect(maskVectors(image("hex 0000", "mask"))).toBeUndefined();
  });

  it("puts the traffic class and flow label across the first IPv6 word", () => {
    expect(toHex(image("l2 none l3 ip6 traffic-class", "mask").subarray(0, 4))).toBe("0ff00000");
    expect(toHex(image("l2 none l3 ip6 flow-label", "mask").subarray(0, 4))).toBe("000fffff");
    expect(toHex(image("l2 none l3 ip6 version 6 traffic_class 0xa5 flow_label 0x12345", "match").subarray(0, 4))).toBe("6a512345");
  });

  it("lets a later group replace an earlier one of the same kind", () => {
    expect(toHex(image("hex ff hex 00ff", "mask"))).toBe("00ff");
    expect(maskVectors(image("l3 ip6 src l3 ip6 dst", "mask"))!.skip).toBe(2);
  });
});

describe("classify table: left-to-right skip/match (§6.1)", () => {
  let node: ClassifyNode;
  beforeEach(async () => {
    node = await classifyNode();
  });

  const table = (line: string) => {
    node.cli(line);
    const t = node.classifier.tables().at(-1)!;
    return { skip: t.skip, match: t.match, mask: toHex(t.mask) };
  };

  it("takes skip/match from the mask", () => {
    expect(table("classify table mask l3 ip6 dst")).toEqual({ skip: 2, match: 2, mask: zeros(6) + ones(16) + zeros(10) });
  });

  it("accepts the stripped hex form only with an explicit skip after it", () => {
    const stripped = "000000000000ffffffffffffffffffffffffffffffff00000000000000000000";
    expect(table(`classify table mask hex ${stripped} skip 2 match 2`)).toEqual({ skip: 2, match: 2, mask: stripped });
    // Without the explicit skip the same digits classify bytes 6..21: the Ethernet source and type.
    expect(table(`classify table mask hex ${stripped}`)).toEqual({ skip: 0, match: 2, mask: stripped });
  });

  it("lets the mask override a skip/match given before it", () => {
    expect(table("classify table skip 5 match 4 mask l3 ip6 dst")).toEqual({ skip: 2, match: 2, mask: zeros(6) + ones(16) + zeros(10) });
  });

  it("pads or truncates the mask to an explicit match", () => {
    const guide = "000000000000ffffffffffffffff0000";
    expect(table(`classify table mask hex ${guide} buckets 2 skip 2 match 1`)).toEqual({ skip: 2, match: 1, mask: guide });
    expect(table("classify table mask l3 ip6 dst match 1")).toEqual({ skip: 2, match: 1, mask: zeros(6) + ones(10) });
    expect(table(`classify table mask hex ${guide} match 2`)).toEqual({ skip: 0, match: 2, mask: guide + zeros(16) });
  });
});

describe("session keys (§6.2)", () => {
  const dstTable = maskVectors(image("l3 ip6 dst", "mask"))!;

  it("cuts the key from the image aligned at byte 0 and masks it", () => {
    const key = sessionKey(image("l3 ip6 dst db06::06", "match"), dstTable);
    expect(toHex(key)).toBe(zeros(6) + "db060000000000000000000000000006" + zeros(10));
  });

  it("gives the same key for the hex form of the whole image", () => {
    const key = sessionKey(image(`hex ${zeros(38)}db060000000000000000000000000006`, "match"), dstTable);
    expect(toHex(key)).toBe(zeros(6) + "db060000000000000000000000000006" + zeros(10));
  });

  it("turns a src session in a dst table into 'dst == ::' (the pitfall)", () => {
    const key = sessionKey(image("l3 ip6 src 2001:db8::1", "match"), dstTable);
    expect(toHex(key)).toBe(zeros(32));
  });

  it("ignores match values the mask does not cover and pads short images with zeros", () => {
    const key = sessionKey(image("l3 ip6 dst db06::6 hop_limit 9 proto tcp", "match"), dstTable);
    expect(toHex(key)).toBe(zeros(6) + "db060000000000000000000000000006" + zeros(10));
    const guideTable = { skip: 2, mask: hex("000000000000ffffffffffffffff0000") };
    expect(toHex(sessionKey(image(`hex ${zeros(38)}db06`, "match"), guideTable))).toBe(zeros(6) + "db06" + zeros(8));
  });
});

describe("session opaque (§6.2)", () => {
  it("defaults to 0xFFFFFFFF; ioam-encap/decap make a new flow record each; opaque-index is explicit", async () => {
    const node = await classifyNode();
    node.cli(`classify table mask l3 ip6 dst
classify session table-index 0 match l3 ip6 dst db06::1
classify session table-index 0 match l3 ip6 dst db06::2 ioam-encap anycast
classify session table-index 0 match l3 ip6 dst db06::3 ioam-decap anycast
classify session table-index 0 match l3 ip6 dst db06::4 ioam-encap anycast-response
classify session table-index 0 match l3 ip6 dst db06::5 opaque-index 100
classify session table-index 0 match l3 ip6 dst db06::6 ioam-decap x opaque-index 7`);
    const opaques = node.classifier.table(0)!.sessions.map((s) => s.opaque);
    expect(opaques).toEqual([0xffffffff, 0, 0x80000001, 2, 100, 7]);
    expect(node.classifier.flowRecords()).toEqual([
      { name: "anycast", decap: false },
      { name: "anycast", decap: true },
      { name: "anycast-response", decap: false },
      { name: "x", decap: true },
    ]);
  });
});
