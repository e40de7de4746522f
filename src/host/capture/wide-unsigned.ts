// Exact unsigned arithmetic up to 96 bits without BigInt, so 64-bit pcapng timestamps cost no allocation per packet.
// Limbs are 16 bits wide so that limb * (multiplier or divisor up to 2^32) + carry stays below 2^53.

const LIMB_BITS = 16;
const LIMB_BASE = 1 << LIMB_BITS;
const LIMB_COUNT = 6;
const TWO_POW_32 = 2 ** 32;
const MAX_SMALL_OPERAND = TWO_POW_32;
// The top limb that keeps the whole value at or below Number.MAX_SAFE_INTEGER (2^53 - 1).
const SAFE_TOP_LIMB_INDEX = 3;
const SAFE_TOP_LIMB_LIMIT = 2 ** (53 - 3 * LIMB_BITS);

export class WideUnsigned {
  private readonly limbs = new Float64Array(LIMB_COUNT);

  setHiLo(hi: number, lo: number): this {
    const limbs = this.limbs;
    limbs[0] = lo & 0xffff;
    limbs[1] = lo >>> LIMB_BITS;
    limbs[2] = hi & 0xffff;
    limbs[3] = hi >>> LIMB_BITS;
    limbs[4] = 0;
    limbs[5] = 0;
    return this;
  }

  /** `value` must be a safe non-negative integer. */
  setNumber(value: number): this {
    let rest = value;
    for (let i = 0; i < LIMB_COUNT; i++) {
      this.limbs[i] = rest % LIMB_BASE;
      rest = Math.floor(rest / LIMB_BASE);
    }
    return this;
  }

  /** `multiplier` must be an integer in [0, 2^32]. Overflow past 96 bits is not detected: callers stay below it. */
  multiply(multiplier: number): this {
    checkSmallOperand(multiplier);
    let carry = 0;
    for (let i = 0; i < LIMB_COUNT; i++) {
      const product = this.limbs[i]! * multiplier + carry;
      this.limbs[i] = product % LIMB_BASE;
      carry = Math.floor(product / LIMB_BASE);
    }
    return this;
  }

  /** `addend` must be an integer in [0, 2^32]. */
  add(addend: number): this {
    checkSmallOperand(addend);
    let carry = addend;
    for (let i = 0; i < LIMB_COUNT && carry !== 0; i++) {
      const sum = this.limbs[i]! + carry;
      this.limbs[i] = sum % LIMB_BASE;
      carry = Math.floor(sum / LIMB_BASE);
    }
    return this;
  }

  /** Replaces the value by its quotient and returns the remainder; `divisor` must be an integer in [1, 2^32]. */
  divide(divisor: number): number {
    checkSmallOperand(divisor);
    if (divisor === 0) throw new RangeError("WideUnsigned: division by zero");
    let remainder = 0;
    for (let i = LIMB_COUNT - 1; i >= 0; i--) {
      const current = remainder * LIMB_BASE + this.limbs[i]!;
      const quotient = Math.floor(current / divisor);
      this.limbs[i] = quotient;
      remainder = current - quotient * divisor;
    }
    return remainder;
  }

  /** Replaces the value by floor(value / 2^bits). */
  shiftRight(bits: number): this {
    let rest = bits;
    while (rest >= LIMB_BITS) {
      this.divide(LIMB_BASE);
      rest -= LIMB_BITS;
    }
    if (rest > 0) this.divide(2 ** rest);
    return this;
  }

  isSafeNumber(): boolean {
    const limbs = this.limbs;
    return limbs[5] === 0 && limbs[4] === 0 && limbs[SAFE_TOP_LIMB_INDEX]! < SAFE_TOP_LIMB_LIMIT;
  }

  /** Exact only when isSafeNumber(). */
  toNumber(): number {
    let value = 0;
    for (let i = LIMB_COUNT - 1; i >= 0; i--) value = value * LIMB_BASE + this.limbs[i]!;
    return value;
  }

  fitsIn64Bits(): boolean {
    return this.limbs[4] === 0 && this.limbs[5] === 0;
  }

  high32(): number {
    return this.limbs[3]! * LIMB_BASE + this.limbs[2]!;
  }

  low32(): number {
    return this.limbs[1]! * LIMB_BASE + this.limbs[0]!;
  }
}

function checkSmallOperand(operand: number): void {
  if (!Number.isInteger(operand) || operand < 0 || operand > MAX_SMALL_OPERAND) {
    throw new RangeError(`WideUnsigned: operand ${operand} is not an integer in [0, 2^32]`);
  }
}
