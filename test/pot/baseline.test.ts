// The benchmark's TypeScript baseline (bench/baselines/ts/pot.ts, 16-bit limbs) computes what the
// Wasm code computes, so the benchmark compares like with like.
import { describe, expect, it } from "vitest";
import { limbs, modulus16, mulmodVectorTs, potProfile16, potUpdateVectorTs, potVerifyVectorTs } from "../../bench/baselines/ts/pot.js";
import { seededRandomBelow } from "../../src/host/pot/generate.js";
import { U64_RADIX } from "../../src/host/pot/modular.js";
import type { PotProfileConfig } from "../../src/host/pot/profile.js";
import * as G from "../../assembly/graph/graph.layout.js";

const PAIRS = 20_000;

function value(limbArray: Uint16Array, i: number): bigint {
  let v = 0n;
  for (let k = 3; k >= 0; k--) v = (v << 16n) | BigInt(limbArray[i * 4 + k]);
  return v;
}

describe.each([0x7fff0000fa884685n, 0xffffffbd3f0331n, U64_RADIX - 59n, (1n << 63n) - 25n, 65521n, 97n, 3n])("mulmod modulo %s", (p) => {
  it("matches BigInt", () => {
    const draw = seededRandomBelow(p);
    const [a, b, out] = [new Uint16Array(PAIRS * 4), new Uint16Array(PAIRS * 4), new Uint16Array(PAIRS * 4)];
    for (let i = 0; i < PAIRS; i++) {
      limbs(i < 2 ? p - 1n : draw(p), a, i * 4);
      limbs(i < 1 ? p - 1n : draw(p), b, i * 4);
    }
    mulmodVectorTs(a, b, out, PAIRS, modulus16(p));
    let wrong = -1;
    for (let i = 0; i < PAIRS && wrong < 0; i++) if (value(out, i) !== (value(a, i) * value(b, i)) % p) wrong = i;
    expect(wrong).toBe(-1);
  });
});

describe("update and verify", () => {
  // vpp-ioam-spec §2.9 (a), RND = 0x7fffffffffffffff (≥ p, so the reduction runs).
  const prime = 0x7fff0000fa884685n;
  const node = (secretShare: bigint, lpc: bigint, polynomial2: bigint, validatorKey?: bigint): PotProfileConfig => ({
    id: 0,
    prime,
    secretShare,
    lpc,
    polynomial2,
    bitsInRandom: 63,
    validatorKey,
  });
  const path = [
    node(0x6c22eff0f45ec56dn, 0x7fff0000fa884682n, 0xffb543d4a9cn),
    node(0x564cdbdec4eb625dn, 1n, 0x23f3a227186an),
    node(0x7a08fbfc5b93116dn, 3n, 0x3ff738597cen, 0x7fff0000fa88465dn),
  ];

  it("gives the published CML after each node and verifies", () => {
    const option = new Uint8Array(20);
    const view = new DataView(option.buffer);
    option.set([0x3c, 18]);
    view.setBigUint64(4, 0x7fffffffffffffffn);
    const results = new Int32Array(1);
    const cumulative = path.map((config) => {
      expect(potUpdateVectorTs(option, 0, 1, potProfile16(config, false), 0, results)).toBe(1);
      return view.getBigUint64(12);
    });
    expect(cumulative).toEqual([0x3b910041055d7706n, 0x11e00011775f64c2n, 0x0000ffff0577b952n]);
    expect(potVerifyVectorTs(option, 0, 1, potProfile16(path[2], true), results)).toBe(1);
    view.setBigUint64(12, 0x0000ffff0577b953n);
    expect(potVerifyVectorTs(option, 0, 1, potProfile16(path[2], true), results)).toBe(0);
    expect(results[0]).toBe(G.ERR_POT_OUT_OF_POLICY);
  });

  it("draws the same RND as the Wasm encapsulator", () => {
    const option = new Uint8Array(20);
    option.set([0x3c, 18]);
    potUpdateVectorTs(option, 0, 1, potProfile16(path[0], true), 0xdeadbeef, new Int32Array(1));
    expect(new DataView(option.buffer).getBigUint64(4)).toBe(0x5eadbeef3c6ef35fn);
  });
});

// The update weighs its share by Shoup's product below 2^63 and Montgomery's from there, as the
// Wasm does: both against BigInt, with the largest share, lpc and RND among random ones.
describe.each([0x7fff0000fa884685n, (1n << 63n) - 25n, U64_RADIX - 59n, 0xffffffbd3f0331n, 97n])("update modulo %s", (p) => {
  it("gives CML + lpc·(polynomial2 + RND + share) mod p", () => {
    const draw = seededRandomBelow(p ^ 0x5bd1e995n);
    const updates = 2_000;
    const option = new Uint8Array(20);
    const view = new DataView(option.buffer);
    const results = new Int32Array(1);
    for (let i = 0; i < updates; i++) {
      const edge = i < 4;
      const config: PotProfileConfig = {
        id: 0,
        prime: p,
        secretShare: edge ? p - 1n : draw(p),
        lpc: edge || i % 3 === 0 ? p - 1n : draw(p - 1n) + 1n,
        polynomial2: edge ? p - 1n : draw(p),
        bitsInRandom: 64,
      };
      const random = i === 0 ? U64_RADIX - 1n : i === 1 ? p - 1n : draw(U64_RADIX - 1n) + 1n;
      const cumulative = i === 2 ? U64_RADIX - 1n : draw(U64_RADIX);
      option.set([0x3c, 18, 0, 0]);
      view.setBigUint64(4, random);
      view.setBigUint64(12, cumulative);
      expect(potUpdateVectorTs(option, 0, 1, potProfile16(config, true), 0, results)).toBe(1);
      const share = (config.polynomial2 + random + config.secretShare) % p;
      expect(view.getBigUint64(12)).toBe((cumulative + config.lpc * share) % p);
    }
  });
});
