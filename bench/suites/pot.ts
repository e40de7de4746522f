// Proof of Transit in Wasm against the BigInt-free TypeScript baseline (16-bit limbs, the same
// Montgomery method) and the C one (bench/native/pot.c, a 128-bit multiply): 64-bit mulmod, the
// transit node's 0x3C update and the verifier's check, per operation; plus mulmod with BigInt
// ("pot-mulmod-bigint") for comparison. One fixture of the largest batch size serves every batch
// (a batch of n uses the first n values) and is written for the C harness, so all three work on the
// same values; each must produce the same bytes before it is timed.
import { POT_CONFIG_PROFILES, POT_CONFIG_SIZE, POT_OPTION_IMAGE_SIZE } from "../../assembly/pot/pot-profile.layout.js";
import * as V from "../../assembly/wire/vpp-ioam.layout.js";
import { OPT_VPP_POT } from "../../assembly/wire/options.layout.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { potKernels, type PotKernels } from "../../src/host/pot/pot-kernels.js";
import { PotProfileList } from "../../src/host/pot/profile-list.js";
import { seededRandomBelow } from "../../src/host/pot/generate.js";
import type { PotProfileConfig } from "../../src/host/pot/profile.js";
import {
  limbs,
  modulus16,
  mulmodVectorBigInt,
  mulmodVectorTs,
  potProfile16,
  potUpdateVectorTs,
  potVerifyVectorTs,
  type Modulus16,
  type PotProfile16,
} from "../baselines/ts/pot.js";
import { measure, type Measurement } from "../measure.js";
import { writeNativeInput } from "../native.js";

// vpp-ioam-spec §2.9 (a): the transit node and the verifier of the VPP guide's 3-node profile.
const PRIME = 0x7fff0000fa884685n;
const TRANSIT: PotProfileConfig = { id: 0, prime: PRIME, secretShare: 0x564cdbdec4eb625dn, lpc: 1n, polynomial2: 0x23f3a227186an, bitsInRandom: 63 };
const VERIFIER: PotProfileConfig = {
  id: 0,
  prime: PRIME,
  secretShare: 0x7a08fbfc5b93116dn,
  lpc: 3n,
  polynomial2: 0x3ff738597cen,
  bitsInRandom: 63,
  validatorKey: 0x7fff0000fa88465dn,
};

function sameBytes(kernel: string, batch: number, wasm: Uint8Array, ts: Uint8Array): void {
  if (wasm.length !== ts.length || wasm.some((b, i) => b !== ts[i]))
    throw new Error(`${kernel} at batch ${batch}: the TypeScript baseline disagrees with Wasm`);
}

/** A profile list of its own in the engine, with `profile` configured and, if asked, active. */
function engineProfile(engine: WasmEngine, profile: PotProfileConfig, active: boolean): PotProfileList {
  const list = new PotProfileList(engine, engine.allocate(POT_CONFIG_SIZE));
  list.configure("bench", profile);
  if (active) list.activate(profile.id);
  return list;
}

/** n option images (RND ≠ 0, CML from `cumulative(rnd)`) in engine memory, with a TS copy. */
function optionImages(engine: WasmEngine, n: number, draw: (below: bigint) => bigint, cumulative: (random: bigint, i: number) => bigint) {
  const address = engine.allocate(n * POT_OPTION_IMAGE_SIZE);
  const view = engine.memoryView();
  for (let i = 0; i < n; i++) {
    const at = address + i * POT_OPTION_IMAGE_SIZE;
    const random = draw((1n << 63n) - 1n) + 1n;
    view.setUint8(at, OPT_VPP_POT);
    view.setUint8(at + 1, V.VPP_POT_DATA_LENGTH);
    view.setBigUint64(at + V.VPP_POT_RANDOM, random);
    view.setBigUint64(at + V.VPP_POT_CUMULATIVE, cumulative(random, i));
  }
  const bytes = (count = n) => engine.memory.subarray(address, address + count * POT_OPTION_IMAGE_SIZE);
  return { address, bytes, copy: bytes().slice(), results: engine.allocate(n * 4) };
}

export interface PotFixture {
  n: number;
  kernels: PotKernels;
  transit: PotProfileList;
  verifier: PotProfileList;
  modulusProfile: number; // the transit list's profile 0: p and its Montgomery constants
  a: number;
  b: number;
  out: number;
  a16: Uint16Array;
  b16: Uint16Array;
  out16: Uint16Array;
  a64: BigUint64Array;
  b64: BigUint64Array;
  out64: BigUint64Array;
  modulus: Modulus16;
  transitTs: PotProfile16;
  verifierTs: PotProfile16;
  update: ReturnType<typeof optionImages>;
  updateResults: Int32Array;
  verify: ReturnType<typeof optionImages>;
  verifyResults: Int32Array;
  /** pot.bin for the C harness: u32 n | transit block | verifier block | a | b | update images | verify images. */
  nativeInput: Uint8Array;
}

export function potFixture(engine: WasmEngine, n: number): PotFixture {
  const draw = seededRandomBelow(0x9070n);
  const kernels = potKernels(engine);
  const transit = engineProfile(engine, TRANSIT, true);
  const verifier = engineProfile(engine, VERIFIER, true);
  const [a, b, out] = [engine.allocate(n * 8), engine.allocate(n * 8), engine.allocate(n * 8)];
  const [a16, b16, out16] = [new Uint16Array(n * 4), new Uint16Array(n * 4), new Uint16Array(n * 4)];
  const [a64, b64, out64] = [new BigUint64Array(n), new BigUint64Array(n), new BigUint64Array(n)];
  const view = engine.memoryView();
  for (let i = 0; i < n; i++) {
    const [x, y] = [draw(PRIME), draw(PRIME)];
    view.setBigUint64(a + i * 8, x, true);
    view.setBigUint64(b + i * 8, y, true);
    limbs(x, a16, i * 4);
    limbs(y, b16, i * 4);
    [a64[i], b64[i]] = [x, y];
  }
  const update = optionImages(engine, n, draw, () => draw(PRIME));
  const key = VERIFIER.validatorKey!;
  const verify = optionImages(engine, n, draw, (random, i) => (i % 2 ? draw(PRIME) : (random + key) % PRIME));
  const memory = engine.memory;
  const header = new Uint8Array(4);
  new DataView(header.buffer).setUint32(0, n, true);
  const nativeInput = new Uint8Array(
    Buffer.concat([
      header,
      memory.slice(transit.address, transit.address + POT_CONFIG_SIZE),
      memory.slice(verifier.address, verifier.address + POT_CONFIG_SIZE),
      memory.slice(a, a + n * 8),
      memory.slice(b, b + n * 8),
      update.bytes(),
      verify.bytes(),
    ]),
  );
  return {
    n,
    kernels,
    transit,
    verifier,
    modulusProfile: transit.address + POT_CONFIG_PROFILES,
    a,
    b,
    out,
    a16,
    b16,
    out16,
    a64,
    b64,
    out64,
    modulus: modulus16(PRIME),
    transitTs: potProfile16(TRANSIT, true),
    verifierTs: potProfile16(VERIFIER, true),
    update,
    updateResults: new Int32Array(n),
    verify,
    verifyResults: new Int32Array(n),
    nativeInput,
  };
}

export async function potSuite(engine: WasmEngine, batches: number[], timeMs: number): Promise<Measurement[]> {
  const f = potFixture(engine, Math.max(...batches));
  writeNativeInput("pot.bin", f.nativeInput);
  const { kernels } = f;
  const results: Measurement[] = [];
  for (const batch of batches) {
    kernels.potMulmodVector(f.modulusProfile, f.a, f.b, f.out, batch);
    mulmodVectorTs(f.a16, f.b16, f.out16, batch, f.modulus);
    mulmodVectorBigInt(f.a64, f.b64, f.out64, batch, PRIME);
    const wasmOut = engine.memory.slice(f.out, f.out + batch * 8);
    sameBytes("pot-mulmod", batch, wasmOut, new Uint8Array(f.out16.buffer, 0, batch * 8));
    sameBytes("pot-mulmod-bigint", batch, wasmOut, new Uint8Array(f.out64.buffer, 0, batch * 8));
    results.push(await measure("pot-mulmod", "wasm", batch, () => kernels.potMulmodVector(f.modulusProfile, f.a, f.b, f.out, batch), timeMs));
    results.push(await measure("pot-mulmod", "ts", batch, () => mulmodVectorTs(f.a16, f.b16, f.out16, batch, f.modulus), timeMs));
    results.push(await measure("pot-mulmod-bigint", "ts", batch, () => mulmodVectorBigInt(f.a64, f.b64, f.out64, batch, PRIME), timeMs));

    // update: a transit node adds its share to every option, over and over (both start from the
    // options as the last batch's runs left them in Wasm)
    f.update.copy.set(f.update.bytes());
    kernels.potUpdateVector(f.update.address, batch, f.transit.address, 0, f.update.results);
    potUpdateVectorTs(f.update.copy, 0, batch, f.transitTs, 0, f.updateResults);
    sameBytes("pot-update", batch, f.update.bytes(), f.update.copy);
    results.push(
      await measure("pot-update", "wasm", batch, () => kernels.potUpdateVector(f.update.address, batch, f.transit.address, 0, f.update.results), timeMs),
    );
    results.push(await measure("pot-update", "ts", batch, () => potUpdateVectorTs(f.update.copy, 0, batch, f.transitTs, 0, f.updateResults), timeMs));

    // verify: every other option in policy
    const inPolicy = kernels.potVerifyVector(f.verify.address, batch, f.verifier.address, f.verify.results);
    if (potVerifyVectorTs(f.verify.copy, 0, batch, f.verifierTs, f.verifyResults) !== inPolicy || inPolicy !== Math.ceil(batch / 2)) {
      throw new Error(`pot-verify at batch ${batch}: Wasm and the TypeScript baseline disagree`);
    }
    results.push(
      await measure("pot-verify", "wasm", batch, () => kernels.potVerifyVector(f.verify.address, batch, f.verifier.address, f.verify.results), timeMs),
    );
    results.push(await measure("pot-verify", "ts", batch, () => potVerifyVectorTs(f.verify.copy, 0, batch, f.verifierTs, f.verifyResults), timeMs));
  }
  return results;
}
