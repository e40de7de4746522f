// Exact arithmetic modulo an odd p in [3, 2^64) on u64, for Proof of Transit. Wasm has no
// 64×64→128 multiply in Node 20, so the high half of a product comes from umulh (four 32-bit
// partial products) and the reduction is Montgomery's with R = 2^64: no division, no float
// estimate, exact for every input (VPP's math64.h is exact only when one factor is < p). A
// product by a per-profile constant takes Shoup's method instead when p < 2^63 (mulConstmod).
// Nothing here allocates; every function is a handful of i64 instructions.

/** High 64 bits of the 128-bit product a·b. The one place to swap in i64.mul_wide_u once V8 has it. */
@inline export function umulh(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff;
  const aHi = a >> 32;
  const bLo = b & 0xffffffff;
  const bHi = b >> 32;
  const lowCross = aLo * bHi;
  const highCross = aHi * bLo;
  // Three terms below 2^32 each: the sum cannot overflow, and its top half is the carry.
  const middle = ((aLo * bLo) >> 32) + (lowCross & 0xffffffff) + (highCross & 0xffffffff);
  return aHi * bHi + (lowCross >> 32) + (highCross >> 32) + (middle >> 32);
}

/**
 * (a + b) mod p for a, b < p. a + b ≥ p exactly when a ≥ p − b, which cannot wrap (b < p), and
 * a − (p − b) is then the sum less p: no carry to test when p > 2^63 lets a + b pass 2^64 (the
 * sum's two tests, `sum < a || sum >= p`, were two flags materialised, or-ed and tested again).
 */
@inline export function addmod(a: u64, b: u64, p: u64): u64 {
  const room = p - b;
  return a >= room ? a - room : a + b;
}

/** a mod p for any u64 a: packet fields (RND, CML) may hold values ≥ p. */
@inline export function reduce(a: u64, p: u64): u64 {
  return a < p ? a : a % p;
}

/**
 * a·b·R⁻¹ mod p (R = 2^64) for any u64 a and bMont < p, with pNegInv = −p⁻¹ mod 2^64. With
 * bMont = b·R mod p this is a·b mod p. REDC: m = lo(a·bMont)·pNegInv makes a·bMont + m·p a
 * multiple of R, and t = (a·bMont + m·p)/R < 2p. The low halves cancel to 0 with a carry out
 * exactly when lo(a·bMont) ≠ 0; t itself may pass 2^64 when p > 2^63, so it is reduced without
 * being formed.
 */
@inline export function montmul(a: u64, bMont: u64, p: u64, pNegInv: u64): u64 {
  const lo = a * bMont;
  const m = lo * pNegInv;
  const hi = umulh(a, bMont);
  const mpHi = umulh(m, p) + <u64>(lo != 0); // ≤ p: cannot wrap
  // hi < p (bMont < p), so t = hi + mpHi < 2p, reduced as addmod does (mpHi may equal p).
  const room = p - mpHi;
  return hi >= room ? hi - room : hi + mpHi;
}

/**
 * Whether mulConstmod is exact modulo p: p < 2^63 (said there), the sign bit clear, which
 * TurboFan tests in one instruction (an unsigned compare with 2^63 loads the constant first).
 */
@inline export function shoupExact(p: u64): bool {
  return <i64>p >= 0;
}

/**
 * a·b mod p for any u64 a and a constant b < p, with bShoup = ⌊b·2^64/p⌋ (Shoup's method, NTT
 * libraries' MulModPrecon): one high half where montmul takes two. q = umulh(a, bShoup) is the
 * quotient ⌊a·b/p⌋ or one less (a·bShoup/2^64 > a·b/p − a/2^64 > a·b/p − 1), so the remainder
 * a·b − q·p lies in [0, 2p). Exact only when 2p ≤ 2^64, i.e. p < 2^63 (p is odd): then the
 * remainder fits a u64 and the low halves' wrapping difference is it. For p ≥ 2^63 it may pass
 * 2^64 and is lost: callers take montmul there.
 */
@inline export function mulConstmod(a: u64, b: u64, bShoup: u64, p: u64): u64 {
  const q = umulh(a, bShoup);
  const r = a * b - q * p;
  return r >= p ? r - p : r;
}

/** a·b mod p for any u64 a, b: two Montgomery steps, the first bringing b in with r2 = R² mod p. */
@inline export function mulmod(a: u64, b: u64, p: u64, pNegInv: u64, r2: u64): u64 {
  return montmul(a, montmul(b, r2, p, pNegInv), p, pNegInv);
}

/**
 * mulmod for p < 2^63 (mulConstmod's bound): b comes into Montgomery form as b·(R mod p) by
 * Shoup's product with r1 = R mod p and r1Shoup = ⌊r1·2^64/p⌋, one high half fewer.
 */
@inline export function mulmodBelow63(a: u64, b: u64, p: u64, pNegInv: u64, r1: u64, r1Shoup: u64): u64 {
  return montmul(a, mulConstmod(b, r1, r1Shoup, p), p, pNegInv);
}
