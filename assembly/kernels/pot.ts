// Proof of Transit kernels over arrays in engine memory, for tests and benchmarks: one call per
// array, so no u64 and no per-element call crosses the JS/Wasm boundary.
import { openWindow } from "../engine/bytes";
import { countError } from "../engine/vector";
import { ERR_NONE, ERR_POT_IN_POLICY } from "../graph/graph.layout";
import {
  POT_OPTION_IMAGE_SIZE,
  POT_PROFILE_PRIME,
  POT_PROFILE_P_NEG_INV,
  POT_PROFILE_R1,
  POT_PROFILE_R1_SHOUP,
  POT_PROFILE_R2,
} from "../pot/pot-profile.layout";
import { addmod, montmul, mulmod, mulmodBelow63, shoupExact } from "../pot/mulmod";
import { lpcProduct, potBlock, potUpdate, potVerifyIn } from "../pot/pot";

// The arithmetic kernels take their modulus constants (p, −p⁻¹ mod 2^64, R² mod p, R mod p and
// its Shoup quotient) from a profile block, and read u64 arrays a and b of n elements, writing out[i].

export function potMulmodVector(profile: usize, a: usize, b: usize, out: usize, n: i32): void {
  const p = load<u64>(profile, POT_PROFILE_PRIME);
  const pNegInv = load<u64>(profile, POT_PROFILE_P_NEG_INV);
  const end = (<usize>n) << 3;
  // One test a vector: Shoup's step is exact only below 2^63 (mulConstmod says why).
  if (shoupExact(p)) {
    const r1 = load<u64>(profile, POT_PROFILE_R1);
    const r1Shoup = load<u64>(profile, POT_PROFILE_R1_SHOUP);
    for (let k: usize = 0; k < end; k += 8) {
      store<u64>(out + k, mulmodBelow63(load<u64>(a + k), load<u64>(b + k), p, pNegInv, r1, r1Shoup));
    }
    return;
  }
  const r2 = load<u64>(profile, POT_PROFILE_R2);
  for (let k: usize = 0; k < end; k += 8) {
    store<u64>(out + k, mulmod(load<u64>(a + k), load<u64>(b + k), p, pNegInv, r2));
  }
}

/** out[i] = a[i]·bMont[i]·2^−64 mod p. */
export function potMontmulVector(profile: usize, a: usize, bMont: usize, out: usize, n: i32): void {
  const p = load<u64>(profile, POT_PROFILE_PRIME);
  const pNegInv = load<u64>(profile, POT_PROFILE_P_NEG_INV);
  for (let k: usize = 0, end = (<usize>n) << 3; k < end; k += 8) {
    store<u64>(out + k, montmul(load<u64>(a + k), load<u64>(bMont + k), p, pNegInv));
  }
}

/** out[i] = a[i]·lpc mod p for any u64 a[i]: the product potUpdate takes (Shoup or Montgomery by p). */
export function potLpcProductVector(profile: usize, a: usize, out: usize, n: i32): void {
  const p = load<u64>(profile, POT_PROFILE_PRIME);
  for (let k: usize = 0, end = (<usize>n) << 3; k < end; k += 8) {
    store<u64>(out + k, lpcProduct(profile, load<u64>(a + k), p));
  }
}

export function potAddmodVector(profile: usize, a: usize, b: usize, out: usize, n: i32): void {
  const p = load<u64>(profile, POT_PROFILE_PRIME);
  for (let k: usize = 0, end = (<usize>n) << 3; k < end; k += 8) {
    store<u64>(out + k, addmod(load<u64>(a + k), load<u64>(b + k), p));
  }
}

// The option kernels run potUpdate / potVerify on n option images of POT_OPTION_IMAGE_SIZE
// octets back to back, each inside its own bounds-check window as a packet would be, store each
// result (an error id, ERR_NONE for an update) in results[i] (i32) and count it as
// ip6-hop-by-hop / ip6-pop-hop-by-hop do (potUpdate counts its successes itself).

/** Returns how many options were updated. */
export function potUpdateVector(options: usize, n: i32, config: usize, nowSec: u32, results: usize): i32 {
  let updated = 0;
  for (let i = 0; i < n; i++) {
    const option = options + <usize>i * POT_OPTION_IMAGE_SIZE;
    openWindow(option, option + POT_OPTION_IMAGE_SIZE, option, option + POT_OPTION_IMAGE_SIZE);
    const result = potUpdate(option, config, nowSec);
    store<i32>(results + ((<usize>i) << 2), result);
    if (result == ERR_NONE) updated++;
    else countError(result);
  }
  return updated;
}

/** Returns how many options were in policy. */
export function potVerifyVector(options: usize, n: i32, config: usize, results: usize): i32 {
  const block = potBlock(config);
  let inPolicy = 0;
  let option = options;
  for (let i = 0; i < n; i++, option += POT_OPTION_IMAGE_SIZE) {
    openWindow(option, option + POT_OPTION_IMAGE_SIZE, option, option + POT_OPTION_IMAGE_SIZE);
    const result = potVerifyIn(option, block);
    store<i32>(results + ((<usize>i) << 2), result);
    countError(result);
    if (result == ERR_POT_IN_POLICY) inPolicy++;
  }
  return inPolicy;
}
