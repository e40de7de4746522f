// Every bits-in-random from 1 to 64: the encapsulator's fresh RND is never 0 (the next node reads
// RND 0 as "not stamped yet" and would restart the proof), so every legitimate packet of an
// encapsulator -> transit -> verifier path is in policy.
import { beforeAll, describe, expect, it } from "vitest";
import { loadPotEngine, newProfileList, OptionImages, type PotEngine } from "./pot-engine.js";
import { generatePotProfiles, seededRandomBelow } from "../../src/host/pot/generate.js";

const PACKETS = 1000;
// With 2 bits a zero RND came up about once in four draws: 1000 packets leave no room for luck.
const SMALL_PRIME = 1_000_003n;

let pot: PotEngine;
beforeAll(async () => {
  pot = await loadPotEngine();
});

describe("the encapsulator's RND", () => {
  it.each(Array.from({ length: 64 }, (_, i) => i + 1))("with bits-in-random %i is never 0, and every packet verifies", (bits) => {
    const profiles = generatePotProfiles({ nodes: 3, bits, prime: bits < 24 ? SMALL_PRIME : undefined, randomBelow: seededRandomBelow(BigInt(bits)) });
    const nodes = profiles.nodes.map((node) => {
      const list = newProfileList(pot.engine);
      list.configure("path", { id: 0, prime: profiles.prime, bitsInRandom: bits, ...node });
      return list;
    });
    nodes[0].activate(0);
    const options = new OptionImages(pot.engine, PACKETS);
    for (let k = 0; k < PACKETS; k++) options.set(k, { random: 0n, cumulative: 0n });
    for (const [i, node] of nodes.entries()) {
      pot.kernels.potUpdateVector(options.address, PACKETS, node.address, 1_700_000_000 + i, options.results);
    }
    const randoms = Array.from({ length: PACKETS }, (_, k) => options.get(k).random);
    expect(randoms.filter((r) => r === 0n)).toEqual([]);
    const mask = (1n << BigInt(bits)) - 1n;
    expect(randoms.every((r) => (r & mask) === r)).toBe(true);
    expect(pot.kernels.potVerifyVector(options.address, PACKETS, nodes[2].address, options.results)).toBe(PACKETS);
  });
});
