// Proof of Transit in Wasm against the BigInt-free TypeScript baseline (16-bit limbs, the same
// Montgomery method): 64-bit mulmod, the transit node's 0x3C update and the verifier's check, per
// operation; plus mulmod with BigInt ("pot-mulmod-bigint") for comparison. Every implementation
// starts from the same values and must produce the same bytes before it is timed.
import { POT_CONFIG_PROFILES, POT_CONFIG_SIZE, POT_OPTION_IMAGE_SIZE } from "../../assembly/pot/pot-profile.layout.js";
import * as V from "../../assembly/wire/vpp-ioam.layout.js";
import { OPT_VPP_POT } from "../../assembly/wire/options.layout.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { potKernels } from "../../src/host/pot/pot-kernels.js";
import { PotProfileList } from "../../src/host/pot/profile-list.js";
import { seededRandomBelow } from "../../src/host/pot/generate.js";
import type { PotProfileConfig } from "../../src/host/pot/profile.js";
import { limbs, modulus16, mulmodVectorBigInt, mulmodVectorTs, potProfile16, potUpdateVectorTs, potVerifyVectorTs } from "../baselines/ts/pot.js";
import { measure, type Measurement } from "../measure.js";

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

const draw = seededRandomBelow(0x9070n);

function sameBytes(kernel: string, batch: number, wasm: Uint8Array, ts: Uint8Array): void {
  if (wasm.length !== ts.length || wasm.some((b, i) => b !== ts[i])) throw new Error(`${kernel} at batch ${batch}: the TypeScript baseline disagrees with Wasm`);
}

/** A profile list of its own in the engine, with `profile` configured and, if asked, active. */
function engineProfile(engine: WasmEngine, profile: PotProfileConfig, active: boolean): PotProfileList {
  const list = new PotProfileList(engine, engine.allocate(POT_CONFIG_SIZE));
  list.configure("bench", profile);
  if (active) list.activate(profile.id);
  return list;
}

/** n option images in transit (RND ≠ 0), CML from `cumulative(rnd)`, in engine memory and as a copy. */
function optionImages(engine: WasmEngine, n: number, cumulative: (random: bigint, i: number) => bigint) {
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
  const bytes = () => engine.memory.subarray(address, address + n * POT_OPTION_IMAGE_SIZE);
  return { address, bytes, copy: bytes().slice(), results: engine.allocate(n * 4) };
}

export async function potSuite(engine: WasmEngine, batches: number[], timeMs: number): Promise<Measurement[]> {
  const kernels = potKernels(engine);
  const results: Measurement[] = [];
  const transit = engineProfile(engine, TRANSIT, true);
  const verifier = engineProfile(engine, VERIFIER, true);
  const transitTs = potProfile16(TRANSIT, true);
  const verifierTs = potProfile16(VERIFIER, true);
  const modulus = modulus16(PRIME);
  const modulusProfile = transit.address + POT_CONFIG_PROFILES; // profile 0 holds p and its constants

  for (const batch of batches) {
    // mulmod: out[i] = a[i]·b[i] mod p
    const a = engine.allocate(batch * 8);
    const b = engine.allocate(batch * 8);
    const out = engine.allocate(batch * 8);
    const a16 = new Uint16Array(batch * 4);
    const b16 = new Uint16Array(batch * 4);
    const out16 = new Uint16Array(batch * 4);
    const [a64, b64, out64] = [new BigUint64Array(batch), new BigUint64Array(batch), new BigUint64Array(batch)];
    const view = engine.memoryView();
    for (let i = 0; i < batch; i++) {
      const [x, y] = [draw(PRIME), draw(PRIME)];
      view.setBigUint64(a + i * 8, x, true);
      view.setBigUint64(b + i * 8, y, true);
      limbs(x, a16, i * 4);
      limbs(y, b16, i * 4);
      [a64[i], b64[i]] = [x, y];
    }
    kernels.potMulmodVector(modulusProfile, a, b, out, batch);
    mulmodVectorTs(a16, b16, out16, batch, modulus);
    mulmodVectorBigInt(a64, b64, out64, batch, PRIME);
    sameBytes("pot-mulmod", batch, engine.memory.slice(out, out + batch * 8), new Uint8Array(out16.buffer));
    sameBytes("pot-mulmod-bigint", batch, engine.memory.slice(out, out + batch * 8), new Uint8Array(out64.buffer));
    results.push(await measure("pot-mulmod", "wasm", batch, () => kernels.potMulmodVector(modulusProfile, a, b, out, batch), timeMs));
    results.push(await measure("pot-mulmod", "ts", batch, () => mulmodVectorTs(a16, b16, out16, batch, modulus), timeMs));
    results.push(await measure("pot-mulmod-bigint", "ts", batch, () => mulmodVectorBigInt(a64, b64, out64, batch, PRIME), timeMs));

    // update: a transit node adds its share to every option, over and over
    const update = optionImages(engine, batch, () => draw(PRIME));
    const updateResults = new Int32Array(batch);
    kernels.potUpdateVector(update.address, batch, transit.address, 0, update.results);
    potUpdateVectorTs(update.copy, 0, batch, transitTs, 0, updateResults);
    sameBytes("pot-update", batch, update.bytes(), update.copy);
    results.push(await measure("pot-update", "wasm", batch, () => kernels.potUpdateVector(update.address, batch, transit.address, 0, update.results), timeMs));
    results.push(await measure("pot-update", "ts", batch, () => potUpdateVectorTs(update.copy, 0, batch, transitTs, 0, updateResults), timeMs));

    // verify: every other option in policy
    const key = VERIFIER.validatorKey!;
    const verify = optionImages(engine, batch, (random, i) => (i % 2 ? draw(PRIME) : (random + key) % PRIME));
    const verifyResults = new Int32Array(batch);
    const inPolicy = kernels.potVerifyVector(verify.address, batch, verifier.address, verify.results);
    if (potVerifyVectorTs(verify.copy, 0, batch, verifierTs, verifyResults) !== inPolicy || inPolicy !== Math.ceil(batch / 2)) {
      throw new Error(`pot-verify at batch ${batch}: Wasm and the TypeScript baseline disagree`);
    }
    results.push(await measure("pot-verify", "wasm", batch, () => kernels.potVerifyVector(verify.address, batch, verifier.address, verify.results), timeMs));
    results.push(await measure("pot-verify", "ts", batch, () => potVerifyVectorTs(verify.copy, 0, batch, verifierTs, verifyResults), timeMs));
  }
  return results;
}
