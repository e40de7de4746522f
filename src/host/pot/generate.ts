// POT profiles for a path of N nodes: the mathematics of CiscoDevNet's pot_config.py
// (vpp-ioam-spec §2.8) in exact BigInt arithmetic, without its retry bug (a retry there appends
// to the coefficient lists; here every attempt draws afresh). Shamir secret sharing over GF(p):
// POLY-1 (secret S at 0) and POLY-2 (its constant term is the per-packet RND) of degree N−1;
// node i at x_i gets POLY-1(x_i), POLY-2(x_i) without the constant, and the Lagrange constant
// lpc_i = Π_{j≠i} −x_j / (x_i − x_j), so that Σ lpc_i·f(x_i) = f(0) for both polynomials.
import { U64_MAX, isPrime64, mod, modInverse, nextPrimeBelow } from "./modular.js";

/** A uniform integer in [0, bound), for 1 ≤ bound ≤ 2^64. */
export type RandomBelow = (bound: bigint) => bigint;

export type PotRole = "encapsulator" | "transit" | "verifier";

export interface PotGeneratorOptions {
  nodes: number; // ≥ 2, in path order: encapsulator, transits, verifier
  bits?: number; // bits-in-random, 1..64; without a prime, p < 2^bits
  prime?: bigint;
  randomBelow?: RandomBelow;
}

export interface GeneratedNode {
  role: PotRole;
  x: bigint;
  secretShare: bigint;
  polynomial2: bigint;
  lpc: bigint;
  validatorKey?: bigint; // the verifier's: S
}

export interface GeneratedPotProfiles {
  prime: bigint;
  bits: number;
  secret: bigint;
  nodes: GeneratedNode[];
}

export const DEFAULT_POT_BITS = 63;
const PRIME_ATTEMPTS = 100;

export function generatePotProfiles(options: PotGeneratorOptions): GeneratedPotProfiles {
  const { nodes } = options;
  const bits = options.bits ?? DEFAULT_POT_BITS;
  const randomBelow = options.randomBelow ?? cryptoRandomBelow;
  if (!Number.isInteger(nodes) || nodes < 2) throw new RangeError(`a path needs at least 2 nodes, not ${nodes}`);
  if (!Number.isInteger(bits) || bits < 1 || bits > 64) throw new RangeError(`bits must be 1..64, not ${bits}`);
  // The x values 2, 4, …, 2N must be distinct and non-zero modulo p.
  const smallestPrime = BigInt(2 * nodes + 1);
  const { prime, poly1, poly2 } =
    options.prime === undefined ? drawWithPrime(nodes, bits, smallestPrime, randomBelow) : drawForPrime(nodes, options.prime, smallestPrime, randomBelow);
  const xs = shuffle(
    Array.from({ length: nodes }, (_, i) => BigInt(2 * (i + 1))),
    randomBelow,
  );
  const secret = poly1[0];
  return {
    prime,
    bits,
    secret,
    nodes: xs.map((x, i) => {
      const role: PotRole = i === 0 ? "encapsulator" : i === nodes - 1 ? "verifier" : "transit";
      return {
        role,
        x,
        secretShare: evaluate(poly1, x, prime),
        polynomial2: mod(evaluate(poly2, x, prime) - poly2[0], prime),
        lpc: lagrangeAtZero(xs, i, prime),
        ...(role === "verifier" ? { validatorKey: secret } : {}),
      };
    }),
  };
}

/** The generator's way: coefficients in [1, 2^bits], p the next prime above them, p < 2^bits. */
function drawWithPrime(nodes: number, bits: number, smallestPrime: bigint, randomBelow: RandomBelow) {
  const limit = 1n << BigInt(bits);
  for (let attempt = 0; attempt < PRIME_ATTEMPTS; attempt++) {
    const poly1 = coefficients(nodes, limit, randomBelow);
    const poly2 = coefficients(nodes, limit, randomBelow);
    const largest = [...poly1, ...poly2].reduce((a, b) => (a > b ? a : b));
    const prime = nextPrimeBelow(largest > smallestPrime ? largest : smallestPrime - 1n, limit);
    if (prime !== undefined) return { prime, poly1, poly2 };
  }
  throw new RangeError(`no prime below 2^${bits} above ${2 * nodes} coefficients in ${PRIME_ATTEMPTS} draws: use more bits`);
}

/** With a given prime: coefficients uniform in [1, p − 1]. */
function drawForPrime(nodes: number, prime: bigint, smallestPrime: bigint, randomBelow: RandomBelow) {
  if (prime > U64_MAX || prime < smallestPrime || !isPrime64(prime)) {
    throw new RangeError(`prime 0x${prime.toString(16)} must be a prime in [${smallestPrime}, 2^64) for ${nodes} nodes`);
  }
  return { prime, poly1: coefficients(nodes, prime - 1n, randomBelow), poly2: coefficients(nodes, prime - 1n, randomBelow) };
}

/** `count` coefficients uniform in [1, max]. */
function coefficients(count: number, max: bigint, randomBelow: RandomBelow): bigint[] {
  return Array.from({ length: count }, () => randomBelow(max) + 1n);
}

/** Σ c_k·x^k mod p (Horner). */
function evaluate(coefficients: bigint[], x: bigint, p: bigint): bigint {
  return coefficients.reduceRight((acc, c) => (acc * x + c) % p, 0n);
}

function lagrangeAtZero(xs: bigint[], i: number, p: bigint): bigint {
  let numerator = 1n;
  let denominator = 1n;
  xs.forEach((xj, j) => {
    if (j === i) return;
    numerator = (numerator * mod(-xj, p)) % p;
    denominator = (denominator * mod(xs[i] - xj, p)) % p;
  });
  return (numerator * modInverse(denominator, p)) % p;
}

/** Fisher–Yates. */
function shuffle<T>(items: T[], randomBelow: RandomBelow): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Number(randomBelow(BigInt(i + 1)));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Uniform integers in [0, bound) from a source of uniform 64-bit words, by rejection. */
export function randomBelowFrom(next64: () => bigint): RandomBelow {
  return (bound) => {
    if (bound < 1n || bound > U64_MAX + 1n) throw new RangeError(`random bound ${bound} is outside 1..2^64`);
    const span = U64_MAX + 1n;
    const unbiasedLimit = span - (span % bound);
    for (;;) {
      const word = next64();
      if (word < unbiasedLimit) return word % bound;
    }
  };
}

/** The platform's cryptographic generator (Web Crypto, in browsers and Node). */
export const cryptoRandomBelow: RandomBelow = randomBelowFrom(() => {
  const word = new BigUint64Array(1);
  globalThis.crypto.getRandomValues(word);
  return word[0];
});

/** A reproducible generator (SplitMix64) for `--seed`: the same seed gives the same profiles. */
export function seededRandomBelow(seed: bigint): RandomBelow {
  let state = BigInt.asUintN(64, seed);
  return randomBelowFrom(() => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  });
}
