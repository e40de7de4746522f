// vpp-ioam-spec §2.9: the three published POT vectors, node by node, through the Wasm update and
// verify kernels of the bounds-checked build; and the §2.3 rules around them (encapsulation,
// fresh RND, profile stamping and auto-switch, missing profiles, short options).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadPotEngine, newProfileList, OptionImages, type PotEngine } from "./pot-engine.js";
import type { PotProfileConfig } from "../../src/host/pot/profile.js";
import type { PotProfileList } from "../../src/host/pot/profile-list.js";
import * as G from "../../assembly/graph/graph.layout.js";

interface Vector {
  name: string;
  prime: bigint;
  bits: number;
  key: bigint;
  nodes: { secretShare: bigint; lpc: bigint; polynomial2: bigint }[];
  runs: { random: bigint; cumulative: bigint[] }[]; // CML after each node
}

const VECTORS: Vector[] = [
  {
    name: "(a) VPP guide, 3 nodes, p = 0x7fff0000fa884685",
    prime: 0x7fff0000fa884685n,
    bits: 63,
    key: 0x7fff0000fa88465dn,
    nodes: [
      { secretShare: 0x6c22eff0f45ec56dn, lpc: 0x7fff0000fa884682n, polynomial2: 0xffb543d4a9cn },
      { secretShare: 0x564cdbdec4eb625dn, lpc: 0x1n, polynomial2: 0x23f3a227186an },
      { secretShare: 0x7a08fbfc5b93116dn, lpc: 0x3n, polynomial2: 0x3ff738597cen },
    ],
    runs: [
      { random: 0x1234567890abcdefn, cumulative: [0x04f6fcd463c139a7n, 0x6d78531f5b7f825dn, 0x1234567890abcdc7n] },
      { random: 0x7fffffffffffffffn, cumulative: [0x3b910041055d7706n, 0x11e00011775f64c2n, 0x0000ffff0577b952n] },
      { random: 0x5a5a5a5a00000001n, cumulative: [0x2c82f1320ad5307bn, 0x5d2b4b5d775f64ben, 0x5a5a5a59ffffffd9n] },
    ],
  },
  {
    name: "(b) CiscoDevNet sample_config.txt, 56 bits",
    prime: 0xffffffbd3f0331n,
    bits: 56,
    key: 0xffffffbd3f032fn,
    nodes: [
      { secretShare: 0x23dc164fa011aan, lpc: 1n, polynomial2: 0x5dc0a0163d348n },
      { secretShare: 0x3fc03a91e02ean, lpc: 3n, polynomial2: 0x1fc0011e554b0n },
      { secretShare: 0xff00b18fe08cen, lpc: 0xffffffbd3f032en, polynomial2: 0x3f00367b145c8n },
    ],
    runs: [{ random: 0xc9554d4442ad67n, cumulative: [0xf30d6d95469259n, 0x60f5615b5b97c9n, 0xc9554d4442ad65n] }],
  },
  {
    name: "(c) small field p = 65521",
    prime: 65521n,
    bits: 16,
    key: 1234n,
    nodes: [
      { secretShare: 4926n, lpc: 65518n, polynomial2: 29524n },
      { secretShare: 7840n, lpc: 1n, polynomial2: 53466n },
      { secretShare: 2724n, lpc: 3n, polynomial2: 11702n },
    ],
    runs: [{ random: 40000n, cumulative: [38734n, 8998n, 41234n] }],
  },
];

let pot: PotEngine;
beforeAll(async () => {
  pot = await loadPotEngine();
});
beforeEach(() => pot.engine.clearErrors());

/** One node's configuration: the vector's profile i as id `id`, the last node holding the key. */
function nodeConfig(vector: Vector, i: number, id = 0): PotProfileList {
  const list = newProfileList(pot.engine);
  const profile: PotProfileConfig = {
    id,
    prime: vector.prime,
    bitsInRandom: vector.bits,
    ...vector.nodes[i],
    ...(i === vector.nodes.length - 1 ? { validatorKey: vector.key } : {}),
  };
  list.configure("example", profile);
  return list;
}

describe.each(VECTORS.map((v) => [v.name, v] as const))("%s", (_, vector) => {
  it("gives the published CML after every node and verifies at the last", () => {
    const nodes = vector.nodes.map((_, i) => nodeConfig(vector, i));
    const options = new OptionImages(pot.engine, vector.runs.length);
    vector.runs.forEach((run, k) => options.set(k, { random: run.random, cumulative: 0n }));
    nodes.forEach((node, i) => {
      expect(pot.kernels.potUpdateVector(options.address, options.count, node.address, 0, options.results)).toBe(options.count);
      vector.runs.forEach((run, k) => expect(options.get(k)).toEqual({ random: run.random, cumulative: run.cumulative[i], profileIndex: 0, length: 18 }));
    });
    const verifier = nodes[nodes.length - 1];
    expect(pot.kernels.potVerifyVector(options.address, options.count, verifier.address, options.results)).toBe(options.count);
    const counts = pot.engine.errorCounts();
    expect(counts[G.ERR_POT_UPDATED]).toBe(BigInt(nodes.length * options.count));
    expect(counts[G.ERR_POT_IN_POLICY]).toBe(BigInt(options.count));
    expect(pot.engine.boundsViolations()).toBe(0);
  });

  it("is out of policy when any one node holds a wrong share", () => {
    vector.nodes.forEach((_, wrong) => {
      const nodes = vector.nodes.map((_, i) =>
        nodeConfig({ ...vector, nodes: vector.nodes.map((n, j) => (j === wrong ? { ...n, secretShare: (n.secretShare + 1n) % vector.prime } : n)) }, i),
      );
      const options = new OptionImages(pot.engine, vector.runs.length);
      vector.runs.forEach((run, k) => options.set(k, { random: run.random, cumulative: 0n }));
      for (const node of nodes) pot.kernels.potUpdateVector(options.address, options.count, node.address, 0, options.results);
      expect(pot.kernels.potVerifyVector(options.address, options.count, nodes[nodes.length - 1].address, options.results)).toBe(0);
      vector.runs.forEach((_, k) => expect(options.result(k)).toBe(G.ERR_POT_OUT_OF_POLICY));
    });
    expect(pot.engine.boundsViolations()).toBe(0);
  });
});

describe("the encapsulator (RND == 0)", () => {
  const vector = VECTORS[0];
  const NOW = 0xdeadbeef;
  // The LCG from state 0: 0x3c6ef35f, 0x47502932, 0xd1ccf6e9 (top bit set: VPP would sign-extend it).
  const LOWER = [0x3c6ef35fn, 0x47502932n, 0xd1ccf6e9n];

  it("draws RND = seconds ‖ LCG, masked, without sign extension; stamps its profile id; the path verifies", () => {
    const encap = nodeConfig(vector, 0, 1);
    encap.activate(1);
    const options = new OptionImages(pot.engine, 3);
    for (let k = 0; k < 3; k++) options.set(k, { random: 0n, cumulative: 0x1111n, profileIndex: 0 });
    expect(pot.kernels.potUpdateVector(options.address, 3, encap.address, NOW, options.results)).toBe(3);
    const mask = (1n << 63n) - 1n;
    LOWER.forEach((lower, k) => {
      expect(options.get(k).random).toBe(((BigInt(NOW) << 32n) | lower) & mask);
      expect(options.get(k).profileIndex).toBe(1);
    });
    // Transit and verifier have only profile 1 and switch to it on the first packet.
    const rest = [nodeConfig(vector, 1, 1), nodeConfig(vector, 2, 1)];
    for (const node of rest) expect(pot.kernels.potUpdateVector(options.address, 3, node.address, NOW, options.results)).toBe(3);
    expect(pot.kernels.potVerifyVector(options.address, 3, rest[1].address, options.results)).toBe(3);
    expect(rest.map((node) => node.activeId())).toEqual([1, 1]);
    expect(rest.map((node) => node.snapshot().profiles[1]!.packets)).toEqual([3n, 3n]);
    expect(pot.engine.boundsViolations()).toBe(0);
  });

  it("without an active profile counts 'no profile' and leaves the option alone", () => {
    const encap = nodeConfig(vector, 0); // configured, never made active
    const options = new OptionImages(pot.engine, 1);
    options.set(0, { random: 0n, cumulative: 7n });
    expect(pot.kernels.potUpdateVector(options.address, 1, encap.address, NOW, options.results)).toBe(0);
    expect(options.result(0)).toBe(G.ERR_POT_NO_PROFILE);
    expect(options.get(0)).toEqual({ random: 0n, cumulative: 7n, profileIndex: 0, length: 18 });
    expect(pot.engine.errorCounts()[G.ERR_POT_NO_PROFILE]).toBe(1n);
  });
});

describe("transit profile selection", () => {
  const vector = VECTORS[2];

  it("switches to the profile byte 3 announces and restarts its packet count", () => {
    const node = nodeConfig(vector, 1, 0);
    node.configure("example", { ...node.snapshot().profiles[0]!, id: 1, validatorKey: undefined });
    const options = new OptionImages(pot.engine, 4);
    [0, 0, 1, 0].forEach((id, k) => options.set(k, { random: 40000n, cumulative: 0n, profileIndex: id }));
    pot.kernels.potUpdateVector(options.address, 4, node.address, 0, options.results);
    expect(node.activeId()).toBe(0);
    const { profiles } = node.snapshot();
    expect([profiles[0]!.packets, profiles[1]!.packets]).toEqual([1n, 1n]); // 0,0 → 1 → 0 again: reset
    expect(profiles[1]!.inUse).toBe(false);
  });

  it("counts 'no profile' for an unconfigured id or a non-zero reserved nibble", () => {
    const node = nodeConfig(vector, 1, 0);
    const options = new OptionImages(pot.engine, 2);
    options.set(0, { random: 40000n, cumulative: 5n, profileIndex: 1 });
    options.set(1, { random: 40000n, cumulative: 5n, profileIndex: 0x10 });
    expect(pot.kernels.potUpdateVector(options.address, 2, node.address, 0, options.results)).toBe(0);
    expect([options.result(0), options.result(1)]).toEqual([G.ERR_POT_NO_PROFILE, G.ERR_POT_NO_PROFILE]);
    expect(options.get(0).cumulative).toBe(5n);
    expect(pot.engine.errorCounts()[G.ERR_POT_NO_PROFILE]).toBe(2n);
  });

  it("rejects an option shorter than 18 octets of data without touching it", () => {
    const node = nodeConfig(vector, 1, 0);
    const options = new OptionImages(pot.engine, 1);
    options.set(0, { random: 40000n, cumulative: 5n, length: 17 });
    expect(pot.kernels.potUpdateVector(options.address, 1, node.address, 0, options.results)).toBe(0);
    expect(options.result(0)).toBe(G.ERR_POT_BAD_LENGTH);
    expect(options.get(0).cumulative).toBe(5n);
    expect(pot.engine.boundsViolations()).toBe(0);
  });
});

describe("verification (§2.6)", () => {
  const vector = VECTORS[0];
  const p = vector.prime;

  function verify(list: PotProfileList, random: bigint, cumulative: bigint): number {
    const options = new OptionImages(pot.engine, 1);
    options.set(0, { random, cumulative });
    pot.kernels.potVerifyVector(options.address, 1, list.address, options.results);
    return options.result(0);
  }

  function activeVerifier(): PotProfileList {
    const list = nodeConfig(vector, 2);
    list.activate(0);
    return list;
  }

  it("accepts (RND + key) mod p and the unreduced RND + key, rejects anything else", () => {
    const verifier = activeVerifier();
    const random = 0x7ffffffffffffff0n; // ≥ p: RND + key ≠ (RND + key) mod p, and no u64 wrap
    expect(verify(verifier, random, (random + vector.key) % p)).toBe(G.ERR_POT_IN_POLICY);
    expect(verify(verifier, random, random + vector.key)).toBe(G.ERR_POT_IN_POLICY);
    expect(verify(verifier, random, (random + vector.key + 1n) % p)).toBe(G.ERR_POT_OUT_OF_POLICY);
    const wrapping = 0xfffffffffffffff0n; // RND + key passes 2^64: the wrapped sum is accepted
    expect(verify(verifier, wrapping, BigInt.asUintN(64, wrapping + vector.key))).toBe(G.ERR_POT_IN_POLICY);
    expect(verify(verifier, wrapping, (wrapping + vector.key) % p)).toBe(G.ERR_POT_IN_POLICY);
  });

  it("is out of policy without a validator key, without an active profile, or on a short option", () => {
    const transit = nodeConfig(vector, 1);
    transit.activate(0);
    expect(verify(transit, 1n, 1n + vector.key)).toBe(G.ERR_POT_OUT_OF_POLICY);
    expect(verify(nodeConfig(vector, 2), 1n, 1n + vector.key)).toBe(G.ERR_POT_OUT_OF_POLICY);
    const options = new OptionImages(pot.engine, 1);
    options.set(0, { random: 1n, cumulative: 1n + vector.key, length: 16 });
    expect(pot.kernels.potVerifyVector(options.address, 1, activeVerifier().address, options.results)).toBe(0);
    expect(pot.engine.boundsViolations()).toBe(0);
  });
});
