// One Proof of Transit profile as configured (`set pot profile`), its consistency checks, and
// its image in engine memory (assembly/pot/pot-profile.layout.ts) with the Montgomery and Shoup
// constants the Wasm update needs, computed here once with exact BigInt arithmetic.
import * as L from "../../../assembly/pot/pot-profile.layout.js";
import { U64_MAX, isPrime64, montgomeryConstants, shoupQuotient, toMontgomery } from "./modular.js";

/** VPP's bits-in-random default and maximum: a mask of all ones. */
export const POT_MAX_BITS = 64;

export interface PotProfileConfig {
  id: number; // 0 or 1
  prime: bigint;
  secretShare: bigint;
  lpc: bigint;
  polynomial2: bigint;
  bitsInRandom: number; // 1..64
  validatorKey?: bigint; // present on the verifier only
}

/** A profile as the engine holds it: the configuration plus what the data path keeps. */
export interface PotProfileState extends PotProfileConfig {
  bitMask: bigint;
  packets: bigint;
  inUse: boolean;
}

/** The values that must lie below the prime, by the name the checks report. */
export type PotResidueField = "secretShare" | "lpc" | "polynomial2" | "validatorKey";

export interface PotProfileProblem {
  field: "prime" | PotResidueField;
  message: string;
}

export function bitMask(bits: number): bigint {
  return (1n << BigInt(Math.min(bits, POT_MAX_BITS))) - 1n;
}

/** What makes a profile unusable, field by field: the update needs an odd prime and residues below it. */
export function potProfileProblems(config: PotProfileConfig): PotProfileProblem[] {
  const { prime } = config;
  if (prime < 3n || prime > U64_MAX || (prime & 1n) === 0n || !isPrime64(prime)) {
    return [{ field: "prime", message: `prime-number 0x${prime.toString(16)} is not an odd prime below 2^64` }];
  }
  const problems: PotProfileProblem[] = [];
  const residues: [PotResidueField, bigint | undefined][] = [
    ["secretShare", config.secretShare],
    ["lpc", config.lpc],
    ["polynomial2", config.polynomial2],
    ["validatorKey", config.validatorKey],
  ];
  for (const [field, value] of residues) {
    if (value !== undefined && value >= prime) {
      problems.push({ field, message: `0x${value.toString(16)} is not below the prime 0x${prime.toString(16)}` });
    }
  }
  if (config.lpc === 0n) problems.push({ field: "lpc", message: "a Lagrange constant is never 0 modulo the prime" });
  return problems;
}

function profileAddress(config: number, id: number): number {
  return config + L.POT_CONFIG_PROFILES + id * L.POT_PROFILE_SIZE;
}

/** Writes a checked profile into its slot of the configuration block at `config` (not in use, no packets). */
export function writePotProfile(view: DataView, config: number, profile: PotProfileConfig): void {
  const at = profileAddress(config, profile.id);
  const { pNegInv, r2, r1 } = montgomeryConstants(profile.prime);
  const u64 = (offset: number, value: bigint) => view.setBigUint64(at + offset, value, true);
  u64(L.POT_PROFILE_PRIME, profile.prime);
  u64(L.POT_PROFILE_P_NEG_INV, pNegInv);
  u64(L.POT_PROFILE_R2, r2);
  u64(L.POT_PROFILE_R1, r1);
  u64(L.POT_PROFILE_R1_SHOUP, shoupQuotient(r1, profile.prime));
  u64(L.POT_PROFILE_SECRET_SHARE, profile.secretShare);
  u64(L.POT_PROFILE_POLYNOMIAL2, profile.polynomial2);
  u64(L.POT_PROFILE_LPC, profile.lpc);
  u64(L.POT_PROFILE_LPC_MONT, toMontgomery(profile.lpc, profile.prime));
  u64(L.POT_PROFILE_LPC_SHOUP, shoupQuotient(profile.lpc, profile.prime));
  u64(L.POT_PROFILE_VALIDATOR_KEY, profile.validatorKey ?? 0n);
  u64(L.POT_PROFILE_BIT_MASK, bitMask(profile.bitsInRandom));
  u64(L.POT_PROFILE_PACKETS, 0n);
  const validator = profile.validatorKey !== undefined ? L.POT_FLAG_VALIDATOR : 0;
  view.setUint32(at + L.POT_PROFILE_FLAGS, L.POT_FLAG_VALID | validator, true);
  view.setUint32(at + L.POT_PROFILE_ID, profile.id, true);
}

/** Zeroes a slot: the profile is gone, and with it its use. */
export function erasePotProfile(view: DataView, config: number, id: number): void {
  const at = profileAddress(config, id);
  for (let offset = 0; offset < L.POT_PROFILE_SIZE; offset += 4) view.setUint32(at + offset, 0, true);
}

export function potProfileFlags(view: DataView, config: number, id: number): number {
  return view.getUint32(profileAddress(config, id) + L.POT_PROFILE_FLAGS, true);
}

export function setPotProfileFlags(view: DataView, config: number, id: number, flags: number): void {
  view.setUint32(profileAddress(config, id) + L.POT_PROFILE_FLAGS, flags, true);
}

/** The profile in slot `id`, or undefined when the slot is not configured. */
export function readPotProfile(view: DataView, config: number, id: number): PotProfileState | undefined {
  const at = profileAddress(config, id);
  const flags = view.getUint32(at + L.POT_PROFILE_FLAGS, true);
  if (!(flags & L.POT_FLAG_VALID)) return undefined;
  const u64 = (offset: number) => view.getBigUint64(at + offset, true);
  const mask = u64(L.POT_PROFILE_BIT_MASK);
  return {
    id: view.getUint32(at + L.POT_PROFILE_ID, true),
    prime: u64(L.POT_PROFILE_PRIME),
    secretShare: u64(L.POT_PROFILE_SECRET_SHARE),
    lpc: u64(L.POT_PROFILE_LPC),
    polynomial2: u64(L.POT_PROFILE_POLYNOMIAL2),
    bitsInRandom: mask.toString(2).replace(/^0$/, "").length,
    validatorKey: flags & L.POT_FLAG_VALIDATOR ? u64(L.POT_PROFILE_VALIDATOR_KEY) : undefined,
    bitMask: mask,
    packets: u64(L.POT_PROFILE_PACKETS),
    inUse: (flags & L.POT_FLAG_IN_USE) !== 0,
  };
}
