// pcapng timestamps count ticks of 10^-n or 2^-n seconds in 64 bits; records carry seconds + nanoseconds instead.
import { WideUnsigned } from "./wide-unsigned.js";

const NANOSECONDS_PER_SECOND = 1_000_000_000;
const NANOSECOND_EXPONENT = 9;
const POWER_OF_TWO_FLAG = 0x80;
const EXPONENT_MASK = 0x7f;
// Largest power of ten WideUnsigned divides by in one step.
const MAX_DECIMAL_STEP = 9;

export interface SplitTimestamp {
  tsSec: number;
  tsNsec: number;
}

export class TimestampResolution {
  /** The pcapng default when an interface has no if_tsresol option. */
  static readonly MICROSECONDS = new TimestampResolution(10, 6);
  static readonly NANOSECONDS = new TimestampResolution(10, NANOSECOND_EXPONENT);

  private readonly scratch = new WideUnsigned();

  private constructor(
    readonly base: 2 | 10,
    readonly exponent: number,
  ) {}

  /** Decodes the if_tsresol option byte: the top bit picks base 2, the rest is the negative exponent. */
  static fromTsresol(tsresol: number): TimestampResolution {
    const exponent = tsresol & EXPONENT_MASK;
    return new TimestampResolution((tsresol & POWER_OF_TWO_FLAG) !== 0 ? 2 : 10, exponent);
  }

  toTsresol(): number {
    return this.base === 2 ? POWER_OF_TWO_FLAG | this.exponent : this.exponent;
  }

  describe(): string {
    return `${this.base}^-${this.exponent} s`;
  }

  /**
   * Splits the 64-bit tick count hi:lo into whole seconds and nanoseconds (truncated) written to `target`.
   * Returns false, leaving `target` untouched, when the seconds would not be a safe JavaScript integer.
   */
  split(hi: number, lo: number, target: SplitTimestamp): boolean {
    return this.base === 10 ? this.splitDecimal(hi, lo, target) : this.splitBinary(hi, lo, target);
  }

  private splitDecimal(hi: number, lo: number, target: SplitTimestamp): boolean {
    if (this.exponent <= NANOSECOND_EXPONENT) return splitBySmallPowerOfTen(hi, lo, 10 ** this.exponent, target);
    const ticks = this.scratch.setHiLo(hi, lo);
    // Finer than a nanosecond: drop the sub-nanosecond digits first, then split off the seconds.
    for (let rest = this.exponent - NANOSECOND_EXPONENT; rest > 0; rest -= MAX_DECIMAL_STEP) {
      ticks.divide(10 ** Math.min(rest, MAX_DECIMAL_STEP));
    }
    const nanoseconds = ticks.divide(NANOSECONDS_PER_SECOND);
    if (!ticks.isSafeNumber()) return false;
    target.tsSec = ticks.toNumber();
    target.tsNsec = nanoseconds;
    return true;
  }

  private splitBinary(hi: number, lo: number, target: SplitTimestamp): boolean {
    const ticks = this.scratch.setHiLo(hi, lo);
    ticks.shiftRight(this.exponent);
    if (!ticks.isSafeNumber()) return false;
    const seconds = ticks.toNumber();
    const fraction = this.scratch.setHiLo(fractionHigh(hi, this.exponent), fractionLow(lo, this.exponent));
    target.tsSec = seconds;
    target.tsNsec = fraction.multiply(NANOSECONDS_PER_SECOND).shiftRight(this.exponent).toNumber();
    return true;
  }
}

const TWO_POW_16 = 0x1_0000;
const TWO_POW_32 = 0x1_0000_0000;
// Seconds stay safe integers while the high word's quotient is below 2^(53 - 32).
const SAFE_HIGH_QUOTIENT_LIMIT = 2 ** 21;

/**
 * The per-packet path for the usual 10^-6 and 10^-9 resolutions: long division of hi:lo by `unitsPerSecond`
 * (at most 10^9) in 32 + 16 + 16-bit steps, each below 2^53 so that doubles stay exact.
 */
function splitBySmallPowerOfTen(hi: number, lo: number, unitsPerSecond: number, target: SplitTimestamp): boolean {
  const highQuotient = Math.floor(hi / unitsPerSecond);
  if (highQuotient >= SAFE_HIGH_QUOTIENT_LIMIT) return false;
  const middle = (hi - highQuotient * unitsPerSecond) * TWO_POW_16 + (lo >>> 16);
  const middleQuotient = Math.floor(middle / unitsPerSecond);
  const low = (middle - middleQuotient * unitsPerSecond) * TWO_POW_16 + (lo & 0xffff);
  const lowQuotient = Math.floor(low / unitsPerSecond);
  target.tsSec = highQuotient * TWO_POW_32 + middleQuotient * TWO_POW_16 + lowQuotient;
  target.tsNsec = (low - lowQuotient * unitsPerSecond) * (NANOSECONDS_PER_SECOND / unitsPerSecond);
  return true;
}

/** The bits of the high word below 2^exponent (counted over the whole 64-bit value). */
function fractionHigh(hi: number, exponent: number): number {
  if (exponent <= 32) return 0;
  if (exponent >= 64) return hi;
  return hi % 2 ** (exponent - 32);
}

function fractionLow(lo: number, exponent: number): number {
  return exponent >= 32 ? lo : lo % 2 ** exponent;
}

/** Nanosecond tick count for pcapng writers using if_tsresol 9; undefined when it does not fit 64 bits. */
export function nanosecondTicks(tsSec: number, tsNsec: number, scratch: WideUnsigned): WideUnsigned | undefined {
  const ticks = scratch.setNumber(tsSec).multiply(NANOSECONDS_PER_SECOND).add(tsNsec);
  return ticks.fitsIn64Bits() ? ticks : undefined;
}
