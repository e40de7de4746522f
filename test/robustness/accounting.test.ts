// The replay summary adds up: in + copies made = out + dropped + held. A spray's copies are
// shown as copies, copies the vector had no descriptor for are no packets dropped, and a reply
// built in place of the packet that caused it (ICMPv6 Time Exceeded) is a reply, not a drop.
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { manycast, scratchDir, writeFrames } from "../support/cli.js";
import { ethernetIp6, hex } from "../support/hex.js";
import { ROUTED, withHopLimit } from "../srv6/sr-packets.js";

function syn(sport: number): Uint8Array {
  const packet = hex("6000000000140640 20010db8000100000000000000000002 db060000000000000000000000000006 00000050 00000001 00000000 5002ffff 00000000");
  packet[40] = sport >> 8;
  packet[41] = sport & 0xff;
  return packet;
}

const lists = ["db07::1", "db08::1", "db09::1", "db0a::1", "db0b::1", "db0c::1", "db0d::1", "db0e::1"];
const SPRAY8 = [
  ROUTED,
  `sr policy add bsid db11::2 next ${lists[0]} insert spray`,
  ...lists.slice(1).map((sid) => `sr policy mod add sl bsid db11::2 next ${sid}`),
  "sr steer l3 db06::/64 via sr policy bsid db11::2",
].join("\n");

function replay(tag: string, config: string, packets: Uint8Array[]) {
  const dir = scratchDir(tag);
  const conf = join(dir, "node.conf");
  writeFileSync(conf, config);
  const input = join(dir, "in.pcap");
  writeFrames(input, packets.map(ethernetIp6), 1_700_000_000, 0);
  return manycast(["replay", "-c", conf, "--in", input, "--out", join(dir, "out.pcap"), "-q"]);
}

describe("replay accounting", () => {
  it("shows an 8-way spray of 256 SYNs as 768 copies made and 1024 not made, nothing dropped", () => {
    const run = replay(
      "spray8",
      SPRAY8,
      Array.from({ length: 256 }, (_, k) => syn(1000 + k)),
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/packets in\s+256\n\s*packets out\s+1024\n\s*packets dropped\s+0\n/);
    expect(run.stdout).toMatch(/copies made\s+768\s/);
    expect(run.stdout).toMatch(
      /copies not made\s+1024\s+\(no packet lost: the vector had no free descriptor for them\)\n\s+1024\s+sr-pl-rewrite-insert: spray copy not made/,
    );
    expect(run.stdout).not.toContain("unaccounted");
  });

  it("shows ICMPv6 Time Exceeded replies as replies, not as drops", () => {
    const run = replay("hop-limit", ROUTED, [withHopLimit(syn(1), 1), withHopLimit(syn(2), 1), syn(3)]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/packets in\s+3\n\s*packets out\s+3\n\s*packets dropped\s+0\n/);
    expect(run.stdout).toMatch(/replies\s+2\s.*\n\s+2\s+ip6-rewrite: ICMPv6 time exceeded sent/);
    expect(run.stdout).not.toContain("unaccounted");
  });
});
