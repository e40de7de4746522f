// The Wasm modular arithmetic (assembly/pot/mulmod.ts) against BigInt, one million random pairs
// per prime through the array kernels, plus the operands at the edges of each range. Two test
// files share the primes between them, so the two workers split the work.
import { beforeAll, describe, expect, it } from "vitest";
import { loadPotEngine, configBlock, profileAddress, type PotEngine } from "./pot-engine.js";
import { isPrime64, U64_RADIX } from "../../src/host/pot/modular.js";

const PAIRS = 1_000_000;

let pot: PotEngine;
let a: number;
let b: number;
let out: number;

function u64s(address: number): BigUint64Array {
  return new BigUint64Array(pot.engine.memory.buffer, address, PAIRS);
}

/** xorshift32: fast, seeded, so a failure can be reproduced. */
function words(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/**
 * Fills `address` with values below `bound` (or any u64 when bound is 2^64): random values of the
 * bound's bit length, folded below it by one subtraction, with the extremes first.
 */
function fillBelow(address: number, bound: bigint, seed: number): void {
  const next = words(seed);
  const bits = bound.toString(2).length - (bound === U64_RADIX ? 1 : 0);
  const values = new Uint32Array(pot.engine.memory.buffer, address, PAIRS * 2);
  const top = bits >= 64 ? 0xffffffff : bits > 32 ? 2 ** (bits - 32) - 1 : 0;
  const low = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  const boundHi = Number(bound >> 32n);
  const boundLo = Number(bound & 0xffffffffn);
  for (let i = 0; i < PAIRS * 2; i += 2) {
    let lo = (next() & low) >>> 0;
    let hi = (next() & top) >>> 0;
    if (bound !== U64_RADIX && (hi > boundHi || (hi === boundHi && lo >= boundLo))) {
      const borrow = lo < boundLo ? 1 : 0;
      lo = (lo - boundLo + (borrow ? 2 ** 32 : 0)) >>> 0;
      hi = (hi - boundHi - borrow) >>> 0;
    }
    values[i] = lo;
    values[i + 1] = hi;
  }
  const edges = [0n, 1n, bound - 1n, bound - 2n, bound >> 1n, (bound >> 1n) + 1n].filter((v) => v >= 0n && v < bound);
  const array = u64s(address);
  edges.forEach((v, i) => {
    array[i] = v;
    array[PAIRS - 1 - i] = v;
  });
}

/** Index of the first wrong result, or -1. */
function firstMismatch(expected: (x: bigint, y: bigint) => bigint): number {
  const xs = u64s(a);
  const ys = u64s(b);
  const rs = u64s(out);
  for (let i = 0; i < PAIRS; i++) {
    if (rs[i] !== expected(xs[i], ys[i])) return i;
  }
  return -1;
}

function report(i: number): string {
  return i < 0 ? "all exact" : `a=0x${u64s(a)[i].toString(16)} b=0x${u64s(b)[i].toString(16)} gave 0x${u64s(out)[i].toString(16)}`;
}

export function arithmeticSuite(primes: bigint[]): void {
  beforeAll(async () => {
    pot = await loadPotEngine();
    a = pot.engine.allocate(PAIRS * 8);
    b = pot.engine.allocate(PAIRS * 8);
    out = pot.engine.allocate(PAIRS * 8);
  });

  describe.each(primes.map((p) => [`0x${p.toString(16)}`, p] as const))("modulo %s", (_, p) => {
    let profile: number;
    beforeAll(() => {
      expect(isPrime64(p)).toBe(true);
      profile = profileAddress(configBlock(pot.engine, { id: 0, prime: p, secretShare: 0n, lpc: 1n, polynomial2: 0n, bitsInRandom: 64 }));
    });

    it("mulmod is exact for a, b < p", () => {
      fillBelow(a, p, 0x9e3779b9 ^ Number(p & 0xffffn));
      fillBelow(b, p, 0x7f4a7c15 ^ Number(p & 0xffffn));
      pot.kernels.potMulmodVector(profile, a, b, out, PAIRS);
      expect(report(firstMismatch((x, y) => (x * y) % p))).toBe("all exact");
    });

    it("montmul gives a·b·2^-64 mod p for any u64 a and b < p", () => {
      fillBelow(a, U64_RADIX, 0x1234567 ^ Number(p & 0xffffn));
      fillBelow(b, p, 0x89abcdef ^ Number(p & 0xffffn));
      pot.kernels.potMontmulVector(profile, a, b, out, PAIRS);
      // r·2^64 ≡ a·b (mod p), with r < p.
      const xs = u64s(a);
      const ys = u64s(b);
      const rs = u64s(out);
      let bad = -1;
      for (let i = 0; i < PAIRS && bad < 0; i++) {
        if (rs[i] >= p || ((rs[i] << 64n) - xs[i] * ys[i]) % p !== 0n) bad = i;
      }
      expect(report(bad)).toBe("all exact");
    });

    // The update's share·lpc: Shoup's product below 2^63, Montgomery's from there (pot.ts lpcProduct).
    it.each([
      ["1", 1n],
      ["p − 1", p - 1n],
      ["a random residue", 0x9e3779b97f4a7c15n % p || 1n],
    ])(`a·lpc mod p for any u64 a, lpc = %s (${p < 1n << 63n ? "Shoup" : "Montgomery"})`, (_, lpc) => {
      const lpcProfile = profileAddress(configBlock(pot.engine, { id: 0, prime: p, secretShare: 0n, lpc, polynomial2: 0n, bitsInRandom: 64 }));
      fillBelow(a, U64_RADIX, 0x3c6ef372 ^ Number(p & 0xffffn) ^ Number(lpc & 0xffffn));
      // The largest share and the first values past it, beside fillBelow's 2^64 − 1 and 2^63.
      u64s(a).set(
        [p - 1n, p, p + 1n, 2n * p - 1n].filter((v) => v < U64_RADIX),
        6,
      );
      pot.kernels.potLpcProductVector(lpcProfile, a, out, PAIRS);
      u64s(b).fill(lpc);
      expect(report(firstMismatch((x, y) => (x * y) % p))).toBe("all exact");
    });

    it("addmod is exact for a, b < p, also where a + b passes 2^64", () => {
      fillBelow(a, p, 0x2545f491 ^ Number(p & 0xffffn));
      fillBelow(b, p, 0x5851f42d ^ Number(p & 0xffffn));
      pot.kernels.potAddmodVector(profile, a, b, out, PAIRS);
      expect(report(firstMismatch((x, y) => (x + y) % p))).toBe("all exact");
    });
  });
}
