// Exact arithmetic modulo an odd p in [3, 2^64) on u64, for Proof of Transit. Wasm has no
// 64×64→128 multiply in Node 20, so the high half of a product comes from umulh (four 32-bit
// partial products) and the reduction is Montgomery's with R = 2^64: no division, no float
// estimate, exact for every input (VPP's math64.h is exact only when one factor is < p).
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

/** a·b mod p for any u64 a, b: two Montgomery steps, the first bringing b in with r2 = R² mod p. */
@inline export function mulmod(a: u64, b: u64, p: u64, pNegInv: u64, r2: u64): u64 {
  return montmul(a, montmul(b, r2, p, pNegInv), p, pNegInv);
}
