import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nanosecondTicks, TimestampResolution, type SplitTimestamp } from "../../src/host/capture/timestamp-resolution.js";
import { WideUnsigned } from "../../src/host/capture/wide-unsigned.js";

const NS = 1_000_000_000n;

/** BigInt reference: seconds and truncated nanoseconds of `ticks` units of base^-exponent seconds. */
function referenceSplit(ticks: bigint, base: 2 | 10, exponent: number): { tsSec: number; tsNsec: number } {
  const unitsPerSecond = BigInt(base) ** BigInt(exponent);
  return {
    tsSec: Number(ticks / unitsPerSecond),
    tsNsec: Number(((ticks % unitsPerSecond) * NS) / unitsPerSecond),
  };
}

function split(resolution: TimestampResolution, ticks: bigint): SplitTimestamp | undefined {
  const target = { tsSec: -1, tsNsec: -1 };
  const ok = resolution.split(Number(ticks >> 32n), Number(ticks & 0xffff_ffffn), target);
  return ok ? target : undefined;
}

const ticks64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

describe("TimestampResolution.split", () => {
  it("matches a BigInt reference for every decimal resolution 10^0 .. 10^-24", () => {
    fc.assert(
      fc.property(ticks64, fc.integer({ min: 0, max: 24 }), (ticks, exponent) => {
        const expected = referenceSplit(ticks, 10, exponent);
        const actual = split(TimestampResolution.fromTsresol(exponent), ticks);
        if (expected.tsSec > Number.MAX_SAFE_INTEGER) expect(actual).toBeUndefined();
        else expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("matches a BigInt reference for every binary resolution 2^0 .. 2^-80", () => {
    fc.assert(
      fc.property(ticks64, fc.integer({ min: 0, max: 80 }), (ticks, exponent) => {
        const expected = referenceSplit(ticks, 2, exponent);
        const actual = split(TimestampResolution.fromTsresol(0x80 | exponent), ticks);
        if (expected.tsSec > Number.MAX_SAFE_INTEGER) expect(actual).toBeUndefined();
        else expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("splits the common microsecond, nanosecond and 2^-20 cases exactly at the edges", () => {
    const us = TimestampResolution.fromTsresol(6);
    expect(split(us, 1_700_000_000_999_999n)).toEqual({ tsSec: 1_700_000_000, tsNsec: 999_999_000 });
    const ns = TimestampResolution.NANOSECONDS;
    expect(split(ns, 2n ** 64n - 1n)).toEqual({ tsSec: 18_446_744_073, tsNsec: 709_551_615 });
    const binary20 = TimestampResolution.fromTsresol(0x94);
    // 0.5 s + one tick (953.67 ns) → 500000953 ns, truncated.
    expect(split(binary20, (1_700_000_000n << 20n) + (1n << 19n) + 1n)).toEqual({ tsSec: 1_700_000_000, tsNsec: 500_000_953 });
  });

  it("reports seconds beyond 2^53 instead of rounding them", () => {
    expect(split(TimestampResolution.fromTsresol(0), 2n ** 60n)).toBeUndefined();
    expect(split(TimestampResolution.fromTsresol(0), 2n ** 53n - 1n)).toEqual({ tsSec: 2 ** 53 - 1, tsNsec: 0 });
  });

  it("round-trips the tsresol byte", () => {
    expect(TimestampResolution.fromTsresol(0x94).toTsresol()).toBe(0x94);
    expect(TimestampResolution.fromTsresol(9).toTsresol()).toBe(9);
    expect(TimestampResolution.fromTsresol(0x94).describe()).toBe("2^-20 s");
  });
});

describe("nanosecondTicks", () => {
  it("equals tsSec * 1e9 + tsNsec as hi:lo", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 18_446_744_072 }), fc.integer({ min: 0, max: 999_999_999 }), (tsSec, tsNsec) => {
        const ticks = nanosecondTicks(tsSec, tsNsec, new WideUnsigned());
        const expected = BigInt(tsSec) * NS + BigInt(tsNsec);
        expect(ticks).toBeDefined();
        expect((BigInt(ticks!.high32()) << 32n) | BigInt(ticks!.low32())).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("is undefined past 2^64 nanoseconds", () => {
    expect(nanosecondTicks(18_446_744_074, 0, new WideUnsigned())).toBeUndefined();
  });
});

describe("WideUnsigned", () => {
  it("rejects operands it cannot handle exactly", () => {
    const wide = new WideUnsigned().setHiLo(1, 2);
    expect(() => wide.divide(0)).toThrow(RangeError);
    expect(() => wide.multiply(2 ** 33)).toThrow(/operand/);
    expect(() => wide.add(-1)).toThrow(/operand/);
  });
});
