// Proof of Transit configuration in engine memory: the block the host writes (`set pot profile`,
// `set pot profile-active`) and the Wasm POT code reads, with the state the data path moves on
// (active profile after an auto-switch, packet counters, the random generator).
// Constants only: valid AssemblyScript and TypeScript. All fields little-endian (native Wasm).

// One profile. The host guarantees prime is odd and ≥ 3 and every value below is < prime.
export const POT_PROFILE_PRIME = 0; // u64: p
export const POT_PROFILE_P_NEG_INV = 8; // u64: −p⁻¹ mod 2^64 (Montgomery, R = 2^64)
export const POT_PROFILE_R2 = 16; // u64: R² mod p, turns any factor into Montgomery form
export const POT_PROFILE_SECRET_SHARE = 24; // u64: this node's point on POLY-1
export const POT_PROFILE_POLYNOMIAL2 = 32; // u64: POLY-2 at this node's x, without the constant term
export const POT_PROFILE_LPC = 40; // u64: Lagrange constant, as configured (shown by the CLI)
export const POT_PROFILE_LPC_MONT = 48; // u64: lpc·R mod p, so one Montgomery product gives s·lpc mod p
export const POT_PROFILE_VALIDATOR_KEY = 56; // u64: the secret (POLY-1 at 0), verifier only
export const POT_PROFILE_BIT_MASK = 64; // u64: 2^bits-in-random − 1, applied to a fresh RND
export const POT_PROFILE_PACKETS = 72; // u64: packets updated with this profile (reset on auto-switch)
export const POT_PROFILE_FLAGS = 80; // u32: POT_FLAG_*
export const POT_PROFILE_ID = 84; // u32: 0 or 1, equal to its slot
// u64: ⌊lpc·2^64/p⌋, Shoup's precomputed quotient: s·lpc mod p with one high half (mulmod.ts
// mulConstmod), exact when p < 2^63; the update takes LPC_MONT for the larger primes.
export const POT_PROFILE_LPC_SHOUP = 88;
export const POT_PROFILE_R1 = 96; // u64: R mod p, the other way into Montgomery form (by mulConstmod)
export const POT_PROFILE_R1_SHOUP = 104; // u64: ⌊(R mod p)·2^64/p⌋, its Shoup quotient
export const POT_PROFILE_SIZE = 128;

export const POT_FLAG_VALID = 0x1; // configured
export const POT_FLAG_VALIDATOR = 0x2; // holds the validator key: this node verifies
export const POT_FLAG_IN_USE = 0x4; // the active profile (set by profile-active or auto-switch)

// The block: VPP's profile list has exactly two slots, ids 0 and 1 (the id is one bit of the
// option's byte 3). The list name is host-only. A profile is active when its slot is
// POT_CONFIG_ACTIVE_ID and it carries POT_FLAG_IN_USE (zeroed memory: nothing active).
export const POT_CONFIG_ACTIVE_ID = 0; // u32
export const POT_CONFIG_RANDOM_STATE = 4; // u32: the 32-bit LCG's state, lower half of a fresh RND
export const POT_CONFIG_PROFILES = 64; // POT_PROFILE_COUNT profiles of POT_PROFILE_SIZE octets
export const POT_PROFILE_COUNT = 2;
export const POT_CONFIG_SIZE = POT_CONFIG_PROFILES + POT_PROFILE_COUNT * POT_PROFILE_SIZE;

// RND = (nowSec << 32 | lcg) & bit mask, lcg = state' = MULTIPLIER·state + INCREMENT mod 2^32
// (VPP's random_u32; the lower half is unsigned here, VPP sign-extends it).
export const POT_LCG_MULTIPLIER = 1664525;
export const POT_LCG_INCREMENT = 1013904223;

// The option images potUpdateVector / potVerifyVector work on: one VPP 0x3C option each,
// back to back (type, length 18, then 18 data octets).
export const POT_OPTION_IMAGE_SIZE = 20;
