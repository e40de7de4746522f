// Exact modular arithmetic on BigInt for configuration time (never per packet): primality of
// 64-bit moduli, inverses, and the Montgomery and Shoup constants the Wasm POT code needs (R = 2^64).

/** R, the Montgomery radix: one past the largest u64. */
export const U64_RADIX = 1n << 64n;
export const U64_MAX = U64_RADIX - 1n;

/** x mod m in [0, m), also for negative x. */
export function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

export function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n % m;
  let b = mod(base, m);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

/** a⁻¹ mod m by the extended Euclidean algorithm; throws when gcd(a, m) ≠ 1. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError(`${a} has no inverse modulo ${m}`);
  return mod(s0, m);
}

// Miller-Rabin with the first twelve primes as bases is exact for every n < 3.3·10^24 (Sorenson
// and Webster 2015), which covers all of u64.
const WITNESSES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];

/** Exact primality for 0 ≤ n < 2^64. */
export function isPrime64(n: bigint): boolean {
  if (n < 0n || n > U64_MAX) throw new RangeError(`${n} is not a 64-bit unsigned integer`);
  if (n < 2n) return false;
  for (const p of WITNESSES) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  return WITNESSES.every((a) => passesRound(a, d, s, n));
}

/** One Miller-Rabin round: n − 1 = d·2^s; true when witness a does not prove n composite. */
function passesRound(a: bigint, d: bigint, s: number, n: bigint): boolean {
  let x = modPow(a, d, n);
  if (x === 1n || x === n - 1n) return true;
  for (let i = 1; i < s; i++) {
    x = (x * x) % n;
    if (x === n - 1n) return true;
  }
  return false;
}

/** The smallest prime above `n` and below `limit` (≤ 2^64), if there is one. */
export function nextPrimeBelow(n: bigint, limit: bigint): bigint | undefined {
  for (let candidate = n + 1n; candidate < limit; candidate++) {
    if (isPrime64(candidate)) return candidate;
  }
  return undefined;
}

export interface MontgomeryConstants {
  /** −p⁻¹ mod 2^64. */
  pNegInv: bigint;
  /** R² mod p. */
  r2: bigint;
  /** R mod p: x·r1 mod p is x's Montgomery form, the way in by Shoup's product (shoupExact). */
  r1: bigint;
}

/** Constants for an odd modulus p < 2^64. */
export function montgomeryConstants(p: bigint): MontgomeryConstants {
  return { pNegInv: U64_RADIX - modInverse(p, U64_RADIX), r2: (U64_RADIX * U64_RADIX) % p, r1: U64_RADIX % p };
}

/** x·R mod p: the Montgomery form of x. */
export function toMontgomery(x: bigint, p: bigint): bigint {
  return (x * U64_RADIX) % p;
}

/**
 * ⌊b·2^64/p⌋ for b < p: Shoup's precomputed quotient, with which one high half gives a·b mod p
 * (assembly/pot/mulmod.ts mulConstmod, exact for p < 2^63). Below 2^64 because b < p.
 */
export function shoupQuotient(b: bigint, p: bigint): bigint {
  return (b * U64_RADIX) / p;
}

/** Whether Shoup's product is exact modulo p: p < 2^63 (assembly/pot/mulmod.ts shoupExact says why). */
export function shoupExact(p: bigint): boolean {
  return p < 1n << 63n;
}
