// Baseline: Proof of Transit arithmetic and the 0x3C update/verify in plain TypeScript, without
// BigInt per operation: a u64 is four little-endian 16-bit limbs (a limb product and its carries
// stay exact in a double), multiplied by Montgomery's method with R = 2^64 (the product by
// columns, then REDC one 16-bit limb at a time): the same reduction and the same constants as the
// Wasm code; the update's product by its constant lpc is Shoup's when p < 2^63, as the Wasm's is
// (mulConstmod). BigInt appears only when a profile is set up. Allocation-free per operation: results
// go to caller arrays and module scratch. What limits it: each REDC round's quotient needs the
// previous round's low limb, a chain of double↔integer conversions that Wasm's i64 does not have.
import { ERR_NONE, ERR_POT_BAD_LENGTH, ERR_POT_IN_POLICY, ERR_POT_NO_PROFILE, ERR_POT_OUT_OF_POLICY } from "../../../assembly/graph/graph.layout.js";
import * as V from "../../../assembly/wire/vpp-ioam.layout.js";
import { OPTION_LENGTH } from "../../../assembly/wire/options.layout.js";
import { POT_LCG_INCREMENT, POT_LCG_MULTIPLIER, POT_OPTION_IMAGE_SIZE } from "../../../assembly/pot/pot-profile.layout.js";
import { montgomeryConstants, shoupExact, shoupQuotient, toMontgomery } from "../../../src/host/pot/modular.js";
import { bitMask } from "../../../src/host/pot/profile.js";
import type { PotProfileConfig } from "../../../src/host/pot/profile.js";

const LIMBS = 4;
const LIMB = 65536;
const INV_LIMB = 1 / LIMB; // exact: multiplying by it is an exact shift, and much cheaper than dividing

/** A value's limbs, for set-up and checks. */
export function limbs(value: bigint, into = new Uint16Array(LIMBS), at = 0): Uint16Array {
  for (let k = 0; k < LIMBS; k++) into[at + k] = Number((value >> BigInt(16 * k)) & 0xffffn);
  return into;
}

export interface Modulus16 {
  p: Uint16Array;
  pNegInv16: number; // −p⁻¹ mod 2^16: REDC clears one 16-bit limb at a time
  r2: Uint16Array;
  shoup: boolean; // p < 2^63: products by a constant take Shoup's method, as the Wasm's do
  r1: Uint16Array; // R mod p
  r1Shoup: Uint16Array; // ⌊(R mod p)·2^64/p⌋
}

export function modulus16(p: bigint): Modulus16 {
  const { pNegInv, r2, r1 } = montgomeryConstants(p);
  return { p: limbs(p), pNegInv16: Number(pNegInv & 0xffffn), r2: limbs(r2), shoup: shoupExact(p), r1: limbs(r1), r1Shoup: limbs(shoupQuotient(r1, p)) };
}

/** Writes t (five limbs, t < 2p) minus p if t ≥ p, else t, to out. */
function subtractIfAtLeast(t0: number, t1: number, t2: number, t3: number, t4: number, p: Uint16Array, out: Uint16Array, oi: number): void {
  const atLeast = t4 !== 0 || (t3 !== p[3] ? t3 > p[3] : t2 !== p[2] ? t2 > p[2] : t1 !== p[1] ? t1 > p[1] : t0 >= p[0]);
  if (!atLeast) {
    out[oi] = t0;
    out[oi + 1] = t1;
    out[oi + 2] = t2;
    out[oi + 3] = t3;
    return;
  }
  let d = t0 - p[0];
  out[oi] = d & 0xffff;
  d = t1 - p[1] + (d >> 16); // d >> 16 is 0 or −1: the borrow
  out[oi + 1] = d & 0xffff;
  d = t2 - p[2] + (d >> 16);
  out[oi + 2] = d & 0xffff;
  d = t3 - p[3] + (d >> 16);
  out[oi + 3] = d & 0xffff;
}

/** The low 16 bits of a non-negative integer below 2^53, in double arithmetic: `&` on values past
 * 2^31 and `%` on doubles both leave V8's fast path. */
function low16(x: number): number {
  return (x - Math.floor(x * INV_LIMB) * LIMB) | 0;
}

/**
 * out = a·b·2^−64 mod p for any a and b < p: the 8-limb product by columns (each column < 2^36,
 * exact in a double), then four REDC rounds that each clear the lowest limb with q·p.
 */
function montmul(a: Uint16Array, ai: number, b: Uint16Array, bi: number, m: Modulus16, out: Uint16Array, oi: number): void {
  const a0 = a[ai],
    a1 = a[ai + 1],
    a2 = a[ai + 2],
    a3 = a[ai + 3];
  const b0 = b[bi],
    b1 = b[bi + 1],
    b2 = b[bi + 2],
    b3 = b[bi + 3];
  const p = m.p,
    p0 = p[0],
    p1 = p[1],
    p2 = p[2],
    p3 = p[3],
    n = m.pNegInv16;
  const t0 = a0 * b0;
  let t1 = a0 * b1 + a1 * b0;
  let t2 = a0 * b2 + a1 * b1 + a2 * b0;
  let t3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  let t4 = a1 * b3 + a2 * b2 + a3 * b1;
  let t5 = a2 * b3 + a3 * b2;
  let t6 = a3 * b3;
  let q = Math.imul(low16(t0), n) & 0xffff;
  t1 += q * p1 + (t0 + q * p0) * INV_LIMB; // t0 + q·p0 ≡ 0 mod 2^16: the shift is exact
  t2 += q * p2;
  t3 += q * p3;
  q = Math.imul(low16(t1), n) & 0xffff;
  t2 += q * p1 + (t1 + q * p0) * INV_LIMB;
  t3 += q * p2;
  t4 += q * p3;
  q = Math.imul(low16(t2), n) & 0xffff;
  t3 += q * p1 + (t2 + q * p0) * INV_LIMB;
  t4 += q * p2;
  t5 += q * p3;
  q = Math.imul(low16(t3), n) & 0xffff;
  t4 += q * p1 + (t3 + q * p0) * INV_LIMB;
  t5 += q * p2;
  t6 += q * p3;
  // t4..t6 plus carries are the result (< 2p): normalize to 16-bit limbs.
  t5 += Math.floor(t4 * INV_LIMB);
  t6 += Math.floor(t5 * INV_LIMB);
  const t7 = Math.floor(t6 * INV_LIMB);
  subtractIfAtLeast(low16(t4), low16(t5), low16(t6), low16(t7), (t7 * INV_LIMB) | 0, p, out, oi);
}

/** The low 16 bits of an integer in (−2^53, 2^53), also a negative one (floor rounds down). */
function low16Signed(x: number): number {
  return x - Math.floor(x * INV_LIMB) * LIMB;
}

/**
 * out = a·b mod p for any a and a constant b < p < 2^63, with bShoup = ⌊b·2^64/p⌋: Shoup's
 * method, as mulmod.ts mulConstmod. q is the high half of a·bShoup (every column carried, each
 * < 2^35), then a·b − q·p on the low four limbs only (signed columns, borrows carried down as
 * floor), which is the remainder itself: it lies in [0, 2p) and 2p < 2^64.
 */
function mulConstmod(a: Uint16Array, ai: number, b: Uint16Array, bShoup: Uint16Array, p: Uint16Array, out: Uint16Array, oi: number): void {
  const a0 = a[ai],
    a1 = a[ai + 1],
    a2 = a[ai + 2],
    a3 = a[ai + 3];
  const s0 = bShoup[0],
    s1 = bShoup[1],
    s2 = bShoup[2],
    s3 = bShoup[3];
  let c = a0 * s0;
  c = a0 * s1 + a1 * s0 + Math.floor(c * INV_LIMB);
  c = a0 * s2 + a1 * s1 + a2 * s0 + Math.floor(c * INV_LIMB);
  c = a0 * s3 + a1 * s2 + a2 * s1 + a3 * s0 + Math.floor(c * INV_LIMB);
  c = a1 * s3 + a2 * s2 + a3 * s1 + Math.floor(c * INV_LIMB);
  const q0 = low16(c);
  c = a2 * s3 + a3 * s2 + Math.floor(c * INV_LIMB);
  const q1 = low16(c);
  c = a3 * s3 + Math.floor(c * INV_LIMB);
  const q2 = low16(c);
  const q3 = Math.floor(c * INV_LIMB); // the product is below 2^128: this is the last limb
  const b0 = b[0],
    b1 = b[1],
    b2 = b[2],
    b3 = b[3];
  const p0 = p[0],
    p1 = p[1],
    p2 = p[2],
    p3 = p[3];
  let d = a0 * b0 - q0 * p0;
  const r0 = low16Signed(d);
  d = a0 * b1 + a1 * b0 - q0 * p1 - q1 * p0 + Math.floor(d * INV_LIMB);
  const r1 = low16Signed(d);
  d = a0 * b2 + a1 * b1 + a2 * b0 - q0 * p2 - q1 * p1 - q2 * p0 + Math.floor(d * INV_LIMB);
  const r2 = low16Signed(d);
  d = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 - q0 * p3 - q1 * p2 - q2 * p1 - q3 * p0 + Math.floor(d * INV_LIMB);
  subtractIfAtLeast(r0, r1, r2, low16Signed(d), 0, p, out, oi);
}

/** out = (a + b) mod p for a, b < p. */
function addmod(a: Uint16Array, ai: number, b: Uint16Array, bi: number, p: Uint16Array, out: Uint16Array, oi: number): void {
  const s0 = a[ai] + b[bi];
  const s1 = a[ai + 1] + b[bi + 1] + (s0 >>> 16);
  const s2 = a[ai + 2] + b[bi + 2] + (s1 >>> 16);
  const s3 = a[ai + 3] + b[bi + 3] + (s2 >>> 16);
  subtractIfAtLeast(s0 & 0xffff, s1 & 0xffff, s2 & 0xffff, s3 & 0xffff, s3 >>> 16, p, out, oi);
}

function below(a: Uint16Array, ai: number, p: Uint16Array): boolean {
  let k = LIMBS - 1;
  while (k > 0 && a[ai + k] === p[k]) k--;
  return a[ai + k] < p[k];
}

const ONE = limbs(1n);
const scratch = new Uint16Array(LIMBS);

/** x mod p in place, for packet values that may be ≥ p: (x·R²)·R⁻¹·R⁻¹ by two Montgomery steps. */
function reduce(x: Uint16Array, xi: number, m: Modulus16): void {
  if (below(x, xi, m.p)) return;
  montmul(x, xi, m.r2, 0, m, scratch, 0);
  montmul(scratch, 0, ONE, 0, m, x, xi);
}

/** out[i] = a[i]·b[i] mod p over n values of four limbs each. */
export function mulmodVectorTs(a: Uint16Array, b: Uint16Array, out: Uint16Array, n: number, m: Modulus16): void {
  // b comes into Montgomery form as b·(R mod p) by Shoup's product below 2^63, else as b·R²·R⁻¹.
  if (m.shoup) {
    for (let i = 0; i < n * LIMBS; i += LIMBS) {
      mulConstmod(b, i, m.r1, m.r1Shoup, m.p, scratch, 0);
      montmul(a, i, scratch, 0, m, out, i);
    }
    return;
  }
  for (let i = 0; i < n * LIMBS; i += LIMBS) {
    montmul(b, i, m.r2, 0, m, scratch, 0);
    montmul(a, i, scratch, 0, m, out, i);
  }
}

/** For comparison: the same products with BigInt, as plain TypeScript would write them (allocates). */
export function mulmodVectorBigInt(a: BigUint64Array, b: BigUint64Array, out: BigUint64Array, n: number, p: bigint): void {
  for (let i = 0; i < n; i++) out[i] = (a[i] * b[i]) % p;
}

/** One node's POT profile in limbs, with the state the update moves on. */
export interface PotProfile16 {
  id: number;
  modulus: Modulus16;
  secretShare: Uint16Array;
  polynomial2: Uint16Array;
  lpcMont: Uint16Array;
  lpc: Uint16Array;
  lpcShoup: Uint16Array;
  key: Uint16Array;
  mask: Uint16Array;
  active: boolean;
  packets: number;
  lcg: number;
}

export function potProfile16(config: PotProfileConfig, active: boolean): PotProfile16 {
  return {
    id: config.id,
    modulus: modulus16(config.prime),
    secretShare: limbs(config.secretShare),
    polynomial2: limbs(config.polynomial2),
    lpcMont: limbs(toMontgomery(config.lpc, config.prime)),
    lpc: limbs(config.lpc),
    lpcShoup: limbs(shoupQuotient(config.lpc, config.prime)),
    key: limbs(config.validatorKey ?? 0n),
    mask: limbs(bitMask(config.bitsInRandom)),
    active,
    packets: 0,
    lcg: 0,
  };
}

const random = new Uint16Array(LIMBS);
const cumulative = new Uint16Array(LIMBS);
const sum = new Uint16Array(LIMBS);

function readBig(m: Uint8Array, at: number, into: Uint16Array): void {
  for (let k = 0; k < LIMBS; k++) into[k] = (m[at + 6 - 2 * k] << 8) | m[at + 7 - 2 * k];
}

function writeBig(m: Uint8Array, at: number, from: Uint16Array): void {
  for (let k = 0; k < LIMBS; k++) {
    m[at + 6 - 2 * k] = from[k] >>> 8;
    m[at + 7 - 2 * k] = from[k] & 0xff;
  }
}

const isZero = (x: Uint16Array) => (x[0] | x[1] | x[2] | x[3]) === 0;

/** The 0x3C update on n option images back to back in `m` from `options` (one profile; see pot.ts). */
export function potUpdateVectorTs(m: Uint8Array, options: number, n: number, profile: PotProfile16, nowSec: number, results: Int32Array): number {
  let updated = 0;
  const { modulus } = profile;
  for (let i = 0; i < n; i++) {
    const o = options + i * POT_OPTION_IMAGE_SIZE;
    let result = ERR_NONE;
    readBig(m, o + V.VPP_POT_RANDOM, random);
    if (m[o + OPTION_LENGTH] < V.VPP_POT_DATA_LENGTH) result = ERR_POT_BAD_LENGTH;
    else if (isZero(random) ? !profile.active : m[o + V.VPP_POT_PROFILE_INDEX] !== profile.id) result = ERR_POT_NO_PROFILE;
    if (result === ERR_NONE) {
      if (!profile.active) {
        profile.active = true;
        profile.packets = 0;
      }
      profile.packets++;
      if (isZero(random)) {
        m[o + V.VPP_POT_PROFILE_INDEX] = profile.id & V.VPP_POT_PROFILE_INDEX_MASK;
        // Never 0 (the next node would take the packet as not stamped yet): a zero draw is drawn again.
        do {
          profile.lcg = (Math.imul(POT_LCG_MULTIPLIER, profile.lcg) + POT_LCG_INCREMENT) >>> 0;
          random[0] = profile.lcg & profile.mask[0];
          random[1] = (profile.lcg >>> 16) & profile.mask[1];
          random[2] = nowSec & profile.mask[2];
          random[3] = (nowSec >>> 16) & profile.mask[3];
        } while (isZero(random) && !isZero(profile.mask));
        writeBig(m, o + V.VPP_POT_RANDOM, random);
        cumulative.fill(0);
      } else {
        readBig(m, o + V.VPP_POT_CUMULATIVE, cumulative);
      }
      reduce(random, 0, modulus);
      reduce(cumulative, 0, modulus);
      addmod(profile.polynomial2, 0, random, 0, modulus.p, sum, 0);
      addmod(sum, 0, profile.secretShare, 0, modulus.p, sum, 0);
      if (modulus.shoup) mulConstmod(sum, 0, profile.lpc, profile.lpcShoup, modulus.p, sum, 0);
      else montmul(sum, 0, profile.lpcMont, 0, modulus, sum, 0);
      addmod(cumulative, 0, sum, 0, modulus.p, cumulative, 0);
      writeBig(m, o + V.VPP_POT_CUMULATIVE, cumulative);
      updated++;
    }
    results[i] = result;
  }
  return updated;
}

/** The verifier's check on n option images: CML == RND + key (wrapping) or (RND + key) mod p. */
export function potVerifyVectorTs(m: Uint8Array, options: number, n: number, profile: PotProfile16, results: Int32Array): number {
  let inPolicy = 0;
  for (let i = 0; i < n; i++) {
    const o = options + i * POT_OPTION_IMAGE_SIZE;
    let ok = false;
    if (profile.active && m[o + OPTION_LENGTH] >= V.VPP_POT_DATA_LENGTH) {
      readBig(m, o + V.VPP_POT_RANDOM, random);
      readBig(m, o + V.VPP_POT_CUMULATIVE, cumulative);
      let carry = 0;
      ok = true;
      for (let k = 0; k < LIMBS; k++) {
        const s = random[k] + profile.key[k] + carry;
        carry = s >>> 16;
        if ((s & 0xffff) !== cumulative[k]) ok = false;
      }
      if (!ok) {
        reduce(random, 0, profile.modulus);
        addmod(random, 0, profile.key, 0, profile.modulus.p, sum, 0);
        ok = sum[0] === cumulative[0] && sum[1] === cumulative[1] && sum[2] === cumulative[2] && sum[3] === cumulative[3];
      }
    }
    results[i] = ok ? ERR_POT_IN_POLICY : ERR_POT_OUT_OF_POLICY;
    if (ok) inPolicy++;
  }
  return inPolicy;
}
