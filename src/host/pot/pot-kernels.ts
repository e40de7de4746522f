// The engine's Proof of Transit entry points (assembly/index.ts): the configuration-block setter
// and the array kernels tests and benchmarks run. Addresses and counts only cross the boundary.
import type { WasmEngine } from "../engine/wasm-engine.js";

export interface PotKernels {
  /** Makes `address` the block the graph's POT handlers use. */
  setPotConfig(address: number): void;
  /** out[i] = a[i]·b[i] mod p; p and its constants come from the profile at `profile`. */
  potMulmodVector(profile: number, a: number, b: number, out: number, n: number): void;
  /** out[i] = a[i]·bMont[i]·2^−64 mod p. */
  potMontmulVector(profile: number, a: number, bMont: number, out: number, n: number): void;
  /** out[i] = (a[i] + b[i]) mod p for a[i], b[i] < p. */
  potAddmodVector(profile: number, a: number, b: number, out: number, n: number): void;
  /** Updates n 20-octet option images; results[i] (i32) gets the error id. Returns how many updated. */
  potUpdateVector(options: number, n: number, config: number, nowSec: number, results: number): number;
  /** Verifies n option images; results[i] gets in/out of policy. Returns how many in policy. */
  potVerifyVector(options: number, n: number, config: number, results: number): number;
}

const KERNEL_NAMES: (keyof PotKernels)[] = ["setPotConfig", "potMulmodVector", "potMontmulVector", "potAddmodVector", "potUpdateVector", "potVerifyVector"];

/** The POT exports of the engine's instance. */
export function potKernels(engine: WasmEngine): PotKernels {
  return engine.componentExports<PotKernels>(KERNEL_NAMES);
}
