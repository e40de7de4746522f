// Profiles from the generator (src/host/pot/generate.ts) verify in the Wasm engine for paths of
// 2 to 10 nodes, over many RNDs, whatever order the nodes add their shares in; a missing node
// or a bad parameter does not slip through.
import { beforeAll, describe, expect, it } from "vitest";
import { loadPotEngine, newProfileList, OptionImages, type PotEngine } from "./pot-engine.js";
import { generatePotProfiles, seededRandomBelow, type GeneratedPotProfiles } from "../../src/host/pot/generate.js";
import { isPrime64, U64_RADIX } from "../../src/host/pot/modular.js";
import type { PotProfileList } from "../../src/host/pot/profile-list.js";
import { bitMask } from "../../src/host/pot/profile.js";

const RANDOMS = 500;

let pot: PotEngine;
beforeAll(async () => {
  pot = await loadPotEngine();
});

/** One profile list per node, as `set pot profile` on each node would leave it. */
function configure(profiles: GeneratedPotProfiles): PotProfileList[] {
  return profiles.nodes.map((node) => {
    const list = newProfileList(pot.engine);
    list.configure("generated", { id: 0, prime: profiles.prime, bitsInRandom: profiles.bits, ...node });
    return list;
  });
}

/** Option images carrying non-zero RNDs drawn under the profile's bit mask. */
function optionsWithRandoms(profiles: GeneratedPotProfiles, seed: bigint): OptionImages {
  const draw = seededRandomBelow(seed);
  const mask = bitMask(profiles.bits);
  const options = new OptionImages(pot.engine, RANDOMS);
  for (let k = 0; k < RANDOMS; k++) options.set(k, { random: (draw(mask) + 1n) & mask || 1n, cumulative: 0n });
  return options;
}

/** Runs the nodes in `order` over the options; returns how many verify at the path's verifier. */
function inPolicy(nodes: PotProfileList[], order: number[], options: OptionImages): number {
  for (const i of order) pot.kernels.potUpdateVector(options.address, options.count, nodes[i].address, 1_700_000_000, options.results);
  return pot.kernels.potVerifyVector(options.address, options.count, nodes[nodes.length - 1].address, options.results);
}

function shuffled(count: number, seed: bigint): number[] {
  const draw = seededRandomBelow(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Number(draw(BigInt(i + 1)));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const pathOrder = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.each([2, 3, 4, 5, 6, 7, 8, 9, 10])("a path of %i nodes", (n) => {
  const profiles = generatePotProfiles({ nodes: n, randomBelow: seededRandomBelow(BigInt(1000 + n)) });

  it("has the generator's shape: prime below 2^63, x = 2..2N, Σ lpc ≡ 1, key only at the verifier", () => {
    expect(isPrime64(profiles.prime) && profiles.prime < 1n << 63n).toBe(true);
    expect(profiles.nodes.map((node) => Number(node.x)).sort((a, b) => a - b)).toEqual(pathOrder(n).map((i) => 2 * (i + 1)));
    expect(profiles.nodes.reduce((sum, node) => sum + node.lpc, 0n) % profiles.prime).toBe(1n);
    expect(profiles.nodes.map((node) => node.role)).toEqual(["encapsulator", ...Array(n - 2).fill("transit"), "verifier"]);
    expect(profiles.nodes.map((node) => node.validatorKey)).toEqual([...Array(n - 1).fill(undefined), profiles.secret]);
  });

  it("verifies every packet the encapsulator starts, with the RND it draws", () => {
    const nodes = configure(profiles);
    nodes[0].activate(0);
    const options = new OptionImages(pot.engine, RANDOMS);
    for (let k = 0; k < RANDOMS; k++) options.set(k, { random: 0n, cumulative: 0n });
    expect(inPolicy(nodes, pathOrder(n), options)).toBe(RANDOMS);
    expect(pot.engine.boundsViolations()).toBe(0);
  });

  it("verifies in any order of the nodes' updates", () => {
    const nodes = configure(profiles);
    for (let trial = 0; trial < 4; trial++) {
      expect(inPolicy(nodes, shuffled(n, BigInt(trial * 31 + n)), optionsWithRandoms(profiles, BigInt(trial)))).toBe(RANDOMS);
    }
  });

  it("fails every packet when one node is skipped or counted twice", () => {
    const nodes = configure(profiles);
    for (let missing = 0; missing < n; missing++) {
      const order = pathOrder(n).filter((i) => i !== missing);
      expect(inPolicy(nodes, order, optionsWithRandoms(profiles, BigInt(missing)))).toBe(0);
      expect(inPolicy(nodes, [...pathOrder(n), missing], optionsWithRandoms(profiles, BigInt(missing)))).toBe(0);
    }
  });
});

describe("generator parameters", () => {
  it("uses a given prime, including one above 2^63 where sums pass 2^64", () => {
    for (const prime of [0x7fff0000fa884685n, U64_RADIX - 59n]) {
      const profiles = generatePotProfiles({ nodes: 4, bits: 64, prime, randomBelow: seededRandomBelow(5n) });
      expect(profiles.prime).toBe(prime);
      expect(profiles.nodes.every((node) => node.secretShare < prime && node.polynomial2 < prime && node.lpc < prime)).toBe(true);
      expect(inPolicy(configure(profiles), pathOrder(4), optionsWithRandoms(profiles, 9n))).toBe(RANDOMS);
    }
  });

  it("finds a prime below 2^bits for 64 bits and for a small field", () => {
    for (const bits of [64, 8]) {
      const profiles = generatePotProfiles({ nodes: 3, bits, randomBelow: seededRandomBelow(BigInt(bits)) });
      expect(profiles.prime < 1n << BigInt(bits) && profiles.prime > 6n && isPrime64(profiles.prime)).toBe(true);
      expect(inPolicy(configure(profiles), pathOrder(3), optionsWithRandoms(profiles, 3n))).toBe(RANDOMS);
    }
  });

  it("is reproducible from a seed and differs between seeds", () => {
    const a = generatePotProfiles({ nodes: 5, randomBelow: seededRandomBelow(42n) });
    expect(generatePotProfiles({ nodes: 5, randomBelow: seededRandomBelow(42n) })).toEqual(a);
    expect(generatePotProfiles({ nodes: 5, randomBelow: seededRandomBelow(43n) }).secret).not.toBe(a.secret);
  });

  it("rejects fewer than 2 nodes, bits outside 1..64, and primes that are not primes or too small", () => {
    expect(() => generatePotProfiles({ nodes: 1 })).toThrow(/at least 2 nodes/);
    expect(() => generatePotProfiles({ nodes: 3, bits: 65 })).toThrow(/bits must be 1..64/);
    expect(() => generatePotProfiles({ nodes: 3, bits: 2 })).toThrow(/use more bits/);
    expect(() => generatePotProfiles({ nodes: 3, prime: 0x7fff0000fa884687n })).toThrow(/must be a prime/);
    expect(() => generatePotProfiles({ nodes: 3, prime: 5n })).toThrow(/must be a prime in \[7/);
  });
});
