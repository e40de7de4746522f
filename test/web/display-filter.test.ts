// The page's display filters (web/src/worker/display-filter.ts) keep exactly the frames tshark's
// -Y keeps for the same filter, on the kernel's capture; bad filters are refused with a column.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeWith, NEEDS } from "../support/requirements.js";
import { openCapture } from "../../src/browser/index.js";
import { Decoder } from "../../src/host/decode/index.js";
import { compileFilter, FilterError } from "../../web/src/worker/display-filter.js";

const SAMPLE = join(import.meta.dirname, "..", "..", "examples", "sample.pcapng");

const FILTERS = [
  "ipv6.opt.ioam.trace.node.id == 0x000002",
  "ipv6.opt.ioam.trace.node.id == 1",
  "ipv6.opt.ioam.trace.node.id != 0x000001",
  "ipv6.routing.srh.addr == 2001:db8:2::2 && ipv6.routing.segleft == 0",
  "ipv6.dst == 2001:0db8:0002:0000:0000:0000:0000:0002",
  "tcp.flags.syn == 1 || icmpv6.type == 1",
  "!icmpv6 && !tcp",
  "tcp.len > 1000",
  "ipv6.hlim <= 63",
  "ipv6.opt.ioam.trace.ns",
  "(udp || tcp) and not ipv6.routing.srh.addr",
];

describeWith(NEEDS.tshark, "display filters against tshark -Y", () => {
  const decoder = new Decoder({ tree: false });
  const frames = [...openCapture(readFileSync(SAMPLE)).records()].map((r) => {
    const frame = decoder.decode(r.data, r.linkType, { originalLength: r.originalLength, timestamp: { sec: r.tsSec, nsec: r.tsNsec } });
    return { number: frame.number, fields: frame.fields, protocols: frame.protocols.split(":") };
  });

  for (const filter of FILTERS) {
    it(filter, () => {
      const expected = execFileSync("tshark", ["-r", SAMPLE, "-Y", filter, "-T", "fields", "-e", "frame.number"], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map(Number);
      const predicate = compileFilter(filter)!;
      expect(frames.filter((f) => predicate(f)).map((f) => f.number)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    });
  }

  it("refuses unknown fields and dangling operators, naming the column", () => {
    expect(() => compileFilter("ipv6.nosuch == 1")).toThrow(FilterError);
    expect(() => compileFilter("ipv6.nosuch == 1")).toThrow(/column 1: "ipv6.nosuch"/);
    expect(() => compileFilter("ipv6.hlim ==")).toThrow(/a value is missing/);
    expect(() => compileFilter("(tcp")).toThrow(/"\)" is missing/);
    expect(compileFilter("   ")).toBeUndefined();
  });
});
