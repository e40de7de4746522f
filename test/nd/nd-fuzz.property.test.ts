// Property: whatever a neighbour solicitation's or advertisement's bytes, a router answering and
// learning (debug build, bounds-checked) never traps, never reads or writes outside the packet it
// processes, and every other packet of the vector still leaves exactly as it did without the mutant
// (answered, forwarded), with at most one frame more or less for the mutant itself.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mutate, mutation } from "../support/mutations.js";
import { toHex } from "../support/hex.js";
import { ethernet, fibNode, udp } from "../fib/fib-node.js";
import { FLAG_OVERRIDE, FLAG_SOLICITED, multicastMac, NA_TYPE, ndFrame, NS_TYPE, solicitedNode } from "./nd-packets.js";

const CONFIG = `
set int ip address pcap0 2001:db8:1::1/64
set int mac address pcap0 02:00:00:00:00:a1
set ip neighbor pcap0 2001:db8:1::2 02:00:00:00:00:a2
ip route add 2001:db8:9::/48 via 2001:db8:1::2
`;
const ME = "02:00:00:00:00:a1";

const SEEDS = [
  ndFrame(multicastMac(solicitedNode("2001:db8:1::1")), "02:00:00:00:00:b3", {
    type: NS_TYPE,
    src: "2001:db8:1::3",
    dst: solicitedNode("2001:db8:1::1"),
    target: "2001:db8:1::1",
    linkAddress: "02:00:00:00:00:b3",
  }),
  ndFrame(ME, "02:00:00:00:00:b4", { type: NS_TYPE, src: "2001:db8:1::4", dst: "2001:db8:1::1", target: "2001:db8:1::1", linkAddress: "02:00:00:00:00:b4" }),
  ndFrame(multicastMac(solicitedNode("2001:db8:1::1")), "02:00:00:00:00:b5", {
    type: NS_TYPE,
    src: "::",
    dst: solicitedNode("2001:db8:1::1"),
    target: "2001:db8:1::1",
  }),
  ndFrame(ME, "02:00:00:00:00:b6", {
    type: NA_TYPE,
    src: "2001:db8:1::6",
    dst: "2001:db8:1::1",
    target: "2001:db8:1::6",
    flags: FLAG_SOLICITED | FLAG_OVERRIDE,
    linkAddress: "02:00:00:00:00:b6",
  }),
  ndFrame("33:33:00:00:00:01", "02:00:00:00:00:b7", { type: NA_TYPE, src: "2001:db8:1::7", dst: "ff02::1", target: "2001:db8:1::7", flags: FLAG_OVERRIDE }),
  ethernet(ME, "02:00:00:00:00:a2", udp("2001:db8:1::2", "2001:db8:9::5")),
];

function isSubsequence(needle: string[], haystack: string[]): boolean {
  let at = 0;
  for (const item of haystack) if (at < needle.length && item === needle[at]) at++;
  return at === needle.length;
}

describe("neighbour discovery under random mutations (debug build, bounds-checked)", () => {
  it("never traps, never touches outside the packet, leaves the rest of the vector as it was", async () => {
    const node = await fibNode("debug");
    node.cli(CONFIG);
    const baseline = node.send(SEEDS).map((s) => toHex(s.data));
    expect(baseline).toHaveLength(4); // three advertisements and the forwarded datagram
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.nat({ max: SEEDS.length }),
        (seedIndex, steps, position) => {
          const mutant = mutate(SEEDS[seedIndex], steps);
          const vector = SEEDS.slice();
          vector.splice(position, 0, mutant);
          const sent = node.send(vector).map((s) => toHex(s.data));
          expect(node.engine.boundsViolations()).toBe(0);
          expect(isSubsequence(baseline, sent), `${sent.length} frames out`).toBe(true);
          expect(sent.length).toBeLessThanOrEqual(baseline.length + 1);
        },
      ),
      { numRuns: 1500, seed: 20261207 },
    );
  });
});
