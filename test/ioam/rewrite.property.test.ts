// Every RFC 9197 hop-by-hop header manycast can be configured to emit is one Linux accepts:
// the IOAM option at a 4n offset, NodeLen equal to what the trace type implies (Linux drops the
// packet otherwise), RemainingLen covering exactly the node data, legal padding to 8n.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildRewrite } from "../../src/host/ioam/rewrite.js";
import { rfcNodeLength } from "../../src/host/ioam/trace-sizes.js";
import { TRACE_DATA_MAX } from "../../assembly/wire/ioam.layout.js";

// Linux's encap accepts bits 0-11 and 22 (ioam6_iptunnel.c); the CLI refuses the others.
const ENCAP_BITS = [...Array.from({ length: 12 }, (_, b) => 0x800000 >>> b), 0x000002];

/** Linux's own acceptance rules for one HBH (net/ipv6/exthdrs.c + ioam6.c), as a checker. */
function linuxProblems(hbh: Uint8Array, traceType: number): string[] {
  const problems: string[] = [];
  if (hbh.length % 8 !== 0 || (hbh[1] + 1) * 8 !== hbh.length) problems.push("header length");
  let p = 2;
  let padRun = 0;
  while (p < hbh.length) {
    const type = hbh[p];
    if (type === 0) {
      padRun++;
      p++;
      if (padRun > 7) problems.push("padding run > 7");
      continue;
    }
    const length = hbh[p + 1];
    if (type === 1) {
      padRun += 2 + length;
      if (padRun > 7) problems.push("padding run > 7");
      if (hbh.subarray(p + 2, p + 2 + length).some((b) => b !== 0)) problems.push("PadN content");
    } else {
      padRun = 0;
      if (type === 0x31) {
        if (p % 4 !== 0) problems.push(`IOAM option at offset ${p}`);
        const word = (hbh[p + 6] << 8) | hbh[p + 7];
        if (word >> 11 !== rfcNodeLength(traceType)) problems.push("NodeLen");
        if (2 + 8 + (word & 0x7f) * 4 !== length) problems.push("RemainingLen vs option length");
        const type24 = (hbh[p + 8] << 16) | (hbh[p + 9] << 8) | hbh[p + 10];
        if (type24 !== traceType) problems.push("trace type");
      }
    }
    p += 2 + length;
  }
  if (p !== hbh.length) problems.push("options overrun the header");
  return problems;
}

describe("RFC 9197 rewrites", () => {
  it("are always accepted by Linux's rules", () => {
    fc.assert(
      fc.property(
        fc.subarray(ENCAP_BITS, { minLength: 1 }),
        fc.integer({ min: 1, max: TRACE_DATA_MAX / 4 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.boolean(),
        (bits, words, namespace, pot) => {
          const traceType = bits.reduce((a, b) => a | b, 0);
          const profile = { namespace, traceType, dataOctets: words * 4 };
          const hbh = buildRewrite({ trace: profile, pot, seqno: false });
          expect(typeof hbh).not.toBe("string");
          expect(linuxProblems(hbh as Uint8Array, traceType)).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("the checker itself rejects what Linux rejects", () => {
    const good = buildRewrite({ trace: { namespace: 123, traceType: 0x800000, dataOctets: 12 }, pot: false, seqno: false }) as Uint8Array;
    expect(linuxProblems(good, 0x800000)).toEqual([]);
    const wrongNodeLen = good.slice();
    wrongNodeLen[10] = 0x10;
    expect(linuxProblems(wrongNodeLen, 0x800000)).toContain("NodeLen");
    const misaligned = Uint8Array.from([good[0], good[1], ...good.slice(4), 0, 0]);
    expect(linuxProblems(misaligned, 0x800000)).toContain("IOAM option at offset 2");
  });
});
