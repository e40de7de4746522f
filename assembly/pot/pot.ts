// Proof of Transit on VPP's option 0x3C (vpp-ioam-spec §2.3–2.6): the per-packet update every
// node on the path does (ip6-hop-by-hop) and the verifier's check (ip6-pop-hop-by-hop). The
// option lives in packet memory and is touched only through the bounds-checked accessors; the
// configuration block (pot-profile.layout.ts) is engine memory the host filled.
// Nothing here allocates. Counting: potUpdate counts ERR_POT_UPDATED itself on success (returning
// ERR_NONE); every other id these return is for the caller to count.
import { ld64x2, ld8, st64, st8 } from "../engine/bytes";
import { countError } from "../engine/vector";
import { OPTION_LENGTH } from "../wire/options.layout";
import {
  VPP_POT_CUMULATIVE,
  VPP_POT_DATA_LENGTH,
  VPP_POT_PROFILE_INDEX,
  VPP_POT_PROFILE_INDEX_MASK,
  VPP_POT_RANDOM,
} from "../wire/vpp-ioam.layout";
import {
  ERR_NONE,
  ERR_POT_BAD_LENGTH,
  ERR_POT_IN_POLICY,
  ERR_POT_NO_PROFILE,
  ERR_POT_OUT_OF_POLICY,
  ERR_POT_UPDATED,
} from "../graph/graph.layout";
import {
  POT_CONFIG_ACTIVE_ID,
  POT_CONFIG_PROFILES,
  POT_CONFIG_RANDOM_STATE,
  POT_FLAG_IN_USE,
  POT_FLAG_VALID,
  POT_FLAG_VALIDATOR,
  POT_LCG_INCREMENT,
  POT_LCG_MULTIPLIER,
  POT_PROFILE_BIT_MASK,
  POT_PROFILE_COUNT,
  POT_PROFILE_FLAGS,
  POT_PROFILE_LPC,
  POT_PROFILE_LPC_MONT,
  POT_PROFILE_LPC_SHOUP,
  POT_PROFILE_PACKETS,
  POT_PROFILE_POLYNOMIAL2,
  POT_PROFILE_PRIME,
  POT_PROFILE_P_NEG_INV,
  POT_PROFILE_SECRET_SHARE,
  POT_PROFILE_SIZE,
  POT_PROFILE_VALIDATOR_KEY,
} from "./pot-profile.layout";
import { addmod, montmul, mulConstmod, reduce, shoupExact } from "./mulmod";

/** The engine's POT configuration block, set once by the host; used when a caller passes 0. */
export let potConfig: usize = 0;

export function setPotConfig(address: usize): void {
  potConfig = address;
}

@inline function profileAt(config: usize, id: u32): usize {
  return config + POT_CONFIG_PROFILES + <usize>id * POT_PROFILE_SIZE;
}

@inline function hasFlag(profile: usize, flag: u32): bool {
  return (load<u32>(profile, POT_PROFILE_FLAGS) & flag) != 0;
}

/**
 * The active profile's address, or 0 when none is in use or it lacks one of the `also` flags
 * (tested with POT_FLAG_IN_USE in one go: the verifier's check asks for POT_FLAG_VALIDATOR).
 */
@inline function activeProfile(config: usize, also: u32 = 0): usize {
  const id = load<u32>(config, POT_CONFIG_ACTIVE_ID);
  if (id >= <u32>POT_PROFILE_COUNT) return 0;
  const profile = profileAt(config, id);
  const wanted = POT_FLAG_IN_USE | also;
  if ((load<u32>(profile, POT_PROFILE_FLAGS) & wanted) != wanted) return 0;
  return profile;
}

/** The configuration block a caller's `config` names: 0 means the engine's (setPotConfig). */
@inline export function potBlock(config: usize): usize {
  return config != 0 ? config : potConfig;
}

/** VPP's pot_profile_set_active: the old profile leaves use, the new one starts counting afresh. */
function switchActive(config: usize, id: u32): usize {
  const old = activeProfile(config);
  if (old) store<u32>(old, load<u32>(old, POT_PROFILE_FLAGS) & ~POT_FLAG_IN_USE, POT_PROFILE_FLAGS);
  const profile = profileAt(config, id);
  store<u32>(profile, load<u32>(profile, POT_PROFILE_FLAGS) | POT_FLAG_IN_USE, POT_PROFILE_FLAGS);
  store<u32>(config, id, POT_CONFIG_ACTIVE_ID);
  store<u64>(profile, 0, POT_PROFILE_PACKETS);
  return profile;
}

/**
 * The profile a packet announces (byte 3, the whole byte), made active if it is not; 0 when it
 * names no valid profile. Every packet of a path announces the active one: the switch is out of line.
 */
@inline function announcedProfile(config: usize, announced: u32): usize {
  // Nested tests, not one `&&`, which Binaryen folded into a value TurboFan materialised.
  if (announced == load<u32>(config, POT_CONFIG_ACTIVE_ID)) {
    const active = activeProfile(config);
    if (active != 0) return active;
  }
  return switchToAnnounced(config, announced);
}

@inline function switchToAnnounced(config: usize, announced: u32): usize {
  if (announced >= <u32>POT_PROFILE_COUNT || !hasFlag(profileAt(config, announced), POT_FLAG_VALID)) return 0;
  return switchActive(config, announced);
}

/**
 * A fresh RND: Unix seconds above, the LCG's next output below (unsigned: no sign extension),
 * masked, and never 0: the next node reads RND 0 as "not stamped yet", becomes the encapsulator
 * itself and the proof restarts there (with 2 bits-in-random, one packet in four). A zero draw is
 * drawn again. The LCG's low k bits run through all 2^k values once per 2^k draws, so two zeros
 * never follow each other: the second draw is non-zero.
 */
function freshRandom(config: usize, profile: usize, nowSec: u32): u64 {
  const mask = load<u64>(profile, POT_PROFILE_BIT_MASK);
  let state = load<u32>(config, POT_CONFIG_RANDOM_STATE);
  let rnd: u64 = 0;
  do {
    state = <u32>POT_LCG_MULTIPLIER * state + <u32>POT_LCG_INCREMENT;
    rnd = ((<u64>nowSec << 32) | <u64>state) & mask;
  } while (rnd == 0 && mask != 0);
  store<u32>(config, state, POT_CONFIG_RANDOM_STATE);
  return rnd;
}

/**
 * CML + lpc·(polynomial2 + RND + secret share) mod p, in VPP's order (§2.5). RND and CML come
 * from the packet and may be ≥ p; the profile's values are < p.
 */
@inline export function potCumulative(profile: usize, cumulative: u64, random: u64): u64 {
  const p = load<u64>(profile, POT_PROFILE_PRIME);
  const withRandom = addmod(load<u64>(profile, POT_PROFILE_POLYNOMIAL2), reduce(random, p), p);
  const share = addmod(withRandom, load<u64>(profile, POT_PROFILE_SECRET_SHARE), p);
  return addmod(reduce(cumulative, p), lpcProduct(profile, share, p), p);
}

/**
 * a·lpc mod p for any u64 a, with the profile's prime p already loaded. Shoup's product needs
 * p < 2^63 (mulConstmod says why): the larger primes the host accepts take Montgomery's, with
 * two high halves. The test is on p itself, so no flag can disagree with it, and every packet
 * of a profile goes the same way.
 */
@inline export function lpcProduct(profile: usize, a: u64, p: u64): u64 {
  return shoupExact(p)
    ? mulConstmod(a, load<u64>(profile, POT_PROFILE_LPC), load<u64>(profile, POT_PROFILE_LPC_SHOUP), p)
    : montmul(a, load<u64>(profile, POT_PROFILE_LPC_MONT), p, load<u64>(profile, POT_PROFILE_P_NEG_INV));
}

@inline function optionTooShort(option: usize): bool {
  return ld8(option + OPTION_LENGTH) < <u32>VPP_POT_DATA_LENGTH;
}

/**
 * Updates the POT option at `option` (its type octet) as VPP's 0x3C handler does (§2.3): the
 * node is the encapsulator iff RND == 0; it stamps the active profile's id, draws RND and starts
 * CML at 0. Other nodes switch to the profile the packet announces in byte 3 (the whole byte:
 * a non-zero reserved nibble matches no profile). Then CML := update(CML, RND).
 * `config` 0 means the engine's block (setPotConfig). Returns ERR_NONE after counting
 * ERR_POT_UPDATED, or the reason for the caller to count: ERR_POT_BAD_LENGTH or
 * ERR_POT_NO_PROFILE (option unchanged in both cases).
 */
@inline export function potUpdate(option: usize, config: usize, nowSec: u32): i32 {
  const block = potBlock(config);
  if (optionTooShort(option)) return ERR_POT_BAD_LENGTH;
  if (block == 0) return ERR_POT_NO_PROFILE;
  // RND and CML are adjacent: one load and one byte swap for both (potVerifyIn reads them alike).
  const fields = ld64x2(option + VPP_POT_RANDOM);
  const random = i64x2.extract_lane(fields, 0);
  let profile: usize;
  if (random == 0) {
    profile = activeProfile(block);
    if (!profile) return ERR_POT_NO_PROFILE;
    st8(option + VPP_POT_PROFILE_INDEX, load<u32>(block, POT_CONFIG_ACTIVE_ID) & VPP_POT_PROFILE_INDEX_MASK);
  } else {
    profile = announcedProfile(block, ld8(option + VPP_POT_PROFILE_INDEX));
    if (!profile) return ERR_POT_NO_PROFILE;
  }
  store<u64>(profile, load<u64>(profile, POT_PROFILE_PACKETS) + 1, POT_PROFILE_PACKETS);
  let rnd = random;
  let cumulative: u64 = 0;
  if (rnd == 0) {
    rnd = freshRandom(block, profile, nowSec);
    st64(option + VPP_POT_RANDOM, rnd);
  } else {
    cumulative = i64x2.extract_lane(fields, 1);
  }
  st64(option + VPP_POT_CUMULATIVE, potCumulative(profile, cumulative, rnd));
  countError(ERR_POT_UPDATED);
  return ERR_NONE;
}

/**
 * The verifier's check (§2.6) with this node's active profile: in policy iff the profile holds
 * the validator key and CML == RND + key (u64 wrap-around, as VPP also accepts) or
 * CML == (RND + key) mod p. No active validator profile, or an option too short to hold RND and
 * CML, is out of policy. Returns ERR_POT_IN_POLICY or ERR_POT_OUT_OF_POLICY, for the caller to count.
 * `config` 0 means the engine's block (setPotConfig).
 */
@inline export function potVerify(option: usize, config: usize): i32 {
  return potVerifyIn(option, potBlock(config));
}

/** potVerify with the block already resolved (potBlock): a vector's caller resolves it once. */
@inline export function potVerifyIn(option: usize, block: usize): i32 {
  // Two tests, not one `||`: Binaryen folds that into a value TurboFan materialises and tests again.
  if (block == 0) return ERR_POT_OUT_OF_POLICY;
  if (optionTooShort(option)) return ERR_POT_OUT_OF_POLICY;
  const profile = activeProfile(block, POT_FLAG_VALIDATOR);
  if (!profile) return ERR_POT_OUT_OF_POLICY;
  // RND and CML are adjacent: one load and one byte swap for both.
  if (VPP_POT_CUMULATIVE != VPP_POT_RANDOM + 8) ERROR("potVerify reads RND and CML as one 16-octet field");
  const fields = ld64x2(option + VPP_POT_RANDOM);
  const random = i64x2.extract_lane(fields, 0);
  const cumulative = i64x2.extract_lane(fields, 1);
  const key = load<u64>(profile, POT_PROFILE_VALIDATOR_KEY);
  if (cumulative == random + key) return ERR_POT_IN_POLICY;
  const p = load<u64>(profile, POT_PROFILE_PRIME);
  return cumulative == addmod(reduce(random, p), key, p) ? ERR_POT_IN_POLICY : ERR_POT_OUT_OF_POLICY;
}
