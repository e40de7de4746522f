// Edge-to-edge sequence numbers (VPP option 0x1D): numbered per IOAM flow at the encapsulator,
// analysed for loss, reordering and duplicates at the decapsulator.
import { describe, expect, it } from "vitest";
import { ethernetIp6, hex } from "../support/hex.js";
import { testNode } from "../support/engine.js";
import * as G from "../../assembly/graph/graph.layout.js";

function echo(seq: number): Uint8Array {
  const ip6 = "6000000000103a40 db050000000000000000000000000002 db060000000000000000000000000006";
  return ethernetIp6(hex(`${ip6} 800000001234${seq.toString(16).padStart(4, "0")} 6d616e7963617374`));
}

const CLASSIFY = (next: string, flow: string) => `
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ${next} table-index 0 match l3 ip6 dst db06::6 ${flow}
set int input acl intfc pcap0 ip6-table 0
`;

/** Offset of the 0x1D option's sequence number in a frame carrying trace 0x09 x2 then E2E. */
function sequenceOf(frame: Uint8Array): number {
  const hbh = 14 + 40;
  let p = hbh + 2;
  while (frame[p] !== 0x1d) p += frame[p] === 0 ? 1 : 2 + frame[p + 1];
  return new DataView(frame.buffer, frame.byteOffset).getUint32(p + 4);
}

describe("E2E sequence numbers", () => {
  it("numbers each flow's packets from 1 and accounts loss, reordering and duplicates", async () => {
    const encap = await testNode();
    encap.cli(`${CLASSIFY("ip6-add-hop-by-hop", "ioam-encap flowA")}
set ioam-trace profile trace-type 0x09 trace-elts 2 node-id 0x1
set ioam rewrite trace seqno`);
    const numbered = encap.send(Array.from({ length: 10 }, (_, i) => echo(i)));
    expect(numbered.map(sequenceOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(encap.engine.errorCounts()[G.ERR_E2E_SEQUENCE_INSERTED]).toBe(10n);
    expect(encap.cli("show ioam e2e")).toBe("Flow name: flowA\nSeqNo Data:\n  Current Seq. Number : 10");

    const decap = await testNode();
    decap.cli(`${CLASSIFY("ip6-lookup", "ioam-decap flowA")}
set ioam-trace profile trace-type 0x09 trace-elts 2 node-id 0x2`);
    // 4 is lost, 6 and 7 swap places, 9 arrives twice.
    const arrivals = [1, 2, 3, 5, 7, 6, 8, 9, 9, 10].map((n) => numbered[n - 1]);
    const out = decap.send(arrivals);
    expect(out).toHaveLength(10);
    expect(out.every((f) => f[14 + 6] === 58)).toBe(true); // options removed
    expect(decap.cli("show ioam e2e")).toBe(
      [
        "Flow name: flowA",
        "SeqNo Data:",
        "  Highest SeqNo : 10",
        "  Packets received : 10",
        "  Lost packets : 1",
        "  Reordered packets : 1",
        "  Duplicate packets : 1",
      ].join("\n"),
    );
    expect(decap.engine.boundsViolations()).toBe(0);
  });

  it("the decapsulator finds the option after, between and before runs of Pad1 of any length", async () => {
    // The pop walk skips a Pad1 run up to 8 octets at a time: runs of 10 and 3 before the option,
    // 11 after it (running into the header's end), and a PadN, must all land on the option.
    const icmp = "800000001234 0001";
    const ip6 = "6000000000200040 db050000000000000000000000000002 db060000000000000000000000000006";
    const e2e = (seq: number) => `1d06 0000 ${seq.toString(16).padStart(8, "0")}`;
    const hbhs = [`3a02 ${"00".repeat(10)} ${e2e(1)} 0102 0000`, `3a02 ${"00".repeat(3)} ${e2e(2)} ${"00".repeat(11)}`];
    const decap = await testNode();
    decap.cli(`${CLASSIFY("ip6-lookup", "ioam-decap flowA")}
set ioam-trace profile trace-type 0x09 trace-elts 2 node-id 0x2`);
    const out = decap.send(hbhs.map((hbh) => ethernetIp6(hex(`${ip6} ${hbh} ${icmp}`))));
    expect(out).toEqual([1, 2].map(() => ethernetIp6(hex(`6000000000083a40 db050000000000000000000000000002 db060000000000000000000000000006 ${icmp}`))));
    expect(decap.engine.errorCounts()[G.ERR_E2E_SEQUENCE_ANALYSED]).toBe(2n);
    expect(decap.cli("show ioam e2e")).toContain("  Packets received : 2\n  Lost packets : 0");
    expect(decap.engine.boundsViolations()).toBe(0);
  });

  it("a transit node leaves the sequence number alone", async () => {
    const encap = await testNode();
    encap.cli(`${CLASSIFY("ip6-add-hop-by-hop", "ioam-encap f")}
set ioam-trace profile trace-type 0x09 trace-elts 2 node-id 0x1
set ioam rewrite trace seqno`);
    const [numbered] = encap.send([echo(1)]);
    const transit = await testNode();
    transit.cli("set ioam-trace profile trace-type 0x09 trace-elts 2 node-id 0x2");
    const [passed] = transit.send([numbered]);
    expect(sequenceOf(passed)).toBe(1);
  });
});
