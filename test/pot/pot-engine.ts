// The debug (bounds-checked) engine with its POT kernels, and helpers that place profiles and
// option images in its memory for the POT tests.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { potKernels, type PotKernels } from "../../src/host/pot/pot-kernels.js";
import { writePotProfile, type PotProfileConfig } from "../../src/host/pot/profile.js";
import { PotProfileList } from "../../src/host/pot/profile-list.js";
import * as L from "../../assembly/pot/pot-profile.layout.js";
import * as V from "../../assembly/wire/vpp-ioam.layout.js";
import { OPT_VPP_POT } from "../../assembly/wire/options.layout.js";

/**
 * A test-only export: out[i] = a[i]·lpc mod p for any u64 a[i], the product the update weighs its
 * share by (Shoup's below 2^63, Montgomery's above). Outside PotKernels, so the benchmarks still
 * load engines built before it.
 */
export interface PotTestKernels extends PotKernels {
  potLpcProductVector(profile: number, a: number, out: number, n: number): void;
}

export interface PotEngine {
  engine: WasmEngine;
  kernels: PotTestKernels;
}

export async function loadPotEngine(): Promise<PotEngine> {
  const engine = await WasmEngine.load(readFileSync(engineWasmPath("debug")));
  const lpc = engine.componentExports<Pick<PotTestKernels, "potLpcProductVector">>(["potLpcProductVector"]);
  return { engine, kernels: { ...potKernels(engine), ...lpc } };
}

/** A new configuration block holding `profiles` (by their ids), none in use. */
export function configBlock(engine: WasmEngine, ...profiles: PotProfileConfig[]): number {
  const config = engine.allocate(L.POT_CONFIG_SIZE);
  for (const profile of profiles) writePotProfile(engine.memoryView(), config, profile);
  return config;
}

/** A profile list of its own (one node's configuration) in the engine's memory. */
export function newProfileList(engine: WasmEngine): PotProfileList {
  return new PotProfileList(engine, engine.allocate(L.POT_CONFIG_SIZE));
}

/** Address of profile `id` in a block: the arithmetic kernels read their modulus from it. */
export function profileAddress(config: number, id = 0): number {
  return config + L.POT_CONFIG_PROFILES + id * L.POT_PROFILE_SIZE;
}

export interface OptionImage {
  random: bigint;
  cumulative: bigint;
  profileIndex?: number; // byte 3
  length?: number; // option data length, 18 unless testing a short one
}

/** n option images back to back in engine memory, plus an i32 result per option. */
export class OptionImages {
  readonly address: number;
  readonly results: number;

  constructor(
    private readonly engine: WasmEngine,
    readonly count: number,
  ) {
    this.address = engine.allocate(count * L.POT_OPTION_IMAGE_SIZE);
    this.results = engine.allocate(count * 4);
  }

  private at(i: number): number {
    return this.address + i * L.POT_OPTION_IMAGE_SIZE;
  }

  set(i: number, image: OptionImage): void {
    const view = this.engine.memoryView();
    const at = this.at(i);
    view.setUint8(at, OPT_VPP_POT);
    view.setUint8(at + 1, image.length ?? V.VPP_POT_DATA_LENGTH);
    view.setUint8(at + V.VPP_POT_TYPE, 0);
    view.setUint8(at + V.VPP_POT_PROFILE_INDEX, image.profileIndex ?? 0);
    view.setBigUint64(at + V.VPP_POT_RANDOM, image.random);
    view.setBigUint64(at + V.VPP_POT_CUMULATIVE, image.cumulative);
  }

  get(i: number): Required<OptionImage> {
    const view = this.engine.memoryView();
    const at = this.at(i);
    return {
      random: view.getBigUint64(at + V.VPP_POT_RANDOM),
      cumulative: view.getBigUint64(at + V.VPP_POT_CUMULATIVE),
      profileIndex: view.getUint8(at + V.VPP_POT_PROFILE_INDEX),
      length: view.getUint8(at + 1),
    };
  }

  /** Puts option i's octets as a packet carried them from another node. */
  put(i: number, bytes: Uint8Array): void {
    this.engine.memory.set(bytes, this.at(i));
  }

  /** The 20 octets of option i, as the packet carries them. */
  bytes(i: number): Uint8Array {
    return this.engine.memory.slice(this.at(i), this.at(i) + L.POT_OPTION_IMAGE_SIZE);
  }

  result(i: number): number {
    return this.engine.memoryView().getInt32(this.results + i * 4, true);
  }
}
