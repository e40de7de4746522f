/* Baseline: Proof of Transit in C, the same algorithm as assembly/pot/{mulmod,pot}.ts (Montgomery
 * with R = 2^64; the update's product by its constant lpc by Shoup's method when p < 2^63, with
 * the profile's precomputed quotient; VPP's 0x3C update and the verifier's check) on the same profile blocks the engine
 * holds (dumped from its memory, layout pot-profile.layout.ts via layout.h). The differences:
 * C has a 64x64->128 multiply (unsigned __int128, one `mul` on x86-64), where Wasm builds the high
 * half from four 32-bit partial products (umulh); and each "less p" step is written in the form
 * fastest for gcc (measured: addmod comparing with p - b, as the Wasm does, made pot-update 8.96 ->
 * 4.90 ns; montmul's last step with the sum's carry, which gcc reads from the flags, is 2.59 ns a
 * mulmod where the Wasm's form gave 3.72). The same results either way. */
#include "harness.h"
#include "layout.h"
#include "pot.h"
#include <stdlib.h>
#include <string.h>

static inline uint64_t umulh(uint64_t a, uint64_t b) {
  return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

static inline uint64_t addmod(uint64_t a, uint64_t b, uint64_t p) {
  uint64_t room = p - b;
  return a >= room ? a - room : a + b;
}

static inline uint64_t reduce(uint64_t a, uint64_t p) { return a < p ? a : a % p; }

static inline uint64_t montmul(uint64_t a, uint64_t b_mont, uint64_t p, uint64_t p_neg_inv) {
  uint64_t lo = a * b_mont;
  uint64_t m = lo * p_neg_inv;
  uint64_t hi = umulh(a, b_mont);
  uint64_t mp_hi = umulh(m, p) + (lo != 0);
  uint64_t t = hi + mp_hi;
  return t < hi || t >= p ? t - p : t;
}

/* Shoup's a*b mod p for a constant b < p and b_shoup = floor(b * 2^64 / p): exact for p < 2^63
 * (the remainder a*b - q*p is below 2p, so it fits a u64), as mulmod.ts's mulConstmod. */
static inline uint64_t mul_constmod(uint64_t a, uint64_t b, uint64_t b_shoup, uint64_t p) {
  uint64_t q = umulh(a, b_shoup);
  uint64_t r = a * b - q * p;
  return r >= p ? r - p : r;
}

/* Whether mul_constmod is exact modulo p: p < 2^63, as mulmod.ts's shoupExact. */
static inline int shoup_exact(uint64_t p) { return p < (1ull << 63); }

static inline uint64_t lpc_product(const uint8_t *profile, uint64_t a, uint64_t p) {
  return shoup_exact(p)
    ? mul_constmod(a, le64(profile + POT_PROFILE_LPC), le64(profile + POT_PROFILE_LPC_SHOUP), p)
    : montmul(a, le64(profile + POT_PROFILE_LPC_MONT), p, le64(profile + POT_PROFILE_P_NEG_INV));
}

static inline uint64_t mulmod(uint64_t a, uint64_t b, uint64_t p, uint64_t p_neg_inv, uint64_t r2) {
  return montmul(a, montmul(b, r2, p, p_neg_inv), p, p_neg_inv);
}

/* mulmod for p < 2^63: b into Montgomery form as b * (R mod p) by Shoup's product, as mulmod.ts's mulmodBelow63. */
static inline uint64_t mulmod_below63(uint64_t a, uint64_t b, uint64_t p, uint64_t p_neg_inv, uint64_t r1, uint64_t r1_shoup) {
  return montmul(a, mul_constmod(b, r1, r1_shoup, p), p, p_neg_inv);
}

void pot_mulmod_vector(const uint8_t *profile, const uint64_t *a, const uint64_t *b, uint64_t *out, int n) {
  uint64_t p = le64(profile + POT_PROFILE_PRIME);
  uint64_t p_neg_inv = le64(profile + POT_PROFILE_P_NEG_INV);
  if (shoup_exact(p)) {
    uint64_t r1 = le64(profile + POT_PROFILE_R1), r1_shoup = le64(profile + POT_PROFILE_R1_SHOUP);
    for (int i = 0; i < n; i++) out[i] = mulmod_below63(a[i], b[i], p, p_neg_inv, r1, r1_shoup);
    return;
  }
  uint64_t r2 = le64(profile + POT_PROFILE_R2);
  for (int i = 0; i < n; i++) out[i] = mulmod(a[i], b[i], p, p_neg_inv, r2);
}

static inline uint8_t *profile_at(uint8_t *config, uint32_t id) {
  return config + POT_CONFIG_PROFILES + (size_t)id * POT_PROFILE_SIZE;
}

static inline int has_flag(const uint8_t *profile, uint32_t flag) {
  return (le32(profile + POT_PROFILE_FLAGS) & flag) != 0;
}

static uint8_t *active_profile(uint8_t *config) {
  uint32_t id = le32(config + POT_CONFIG_ACTIVE_ID);
  if (id >= POT_PROFILE_COUNT) return NULL;
  uint8_t *profile = profile_at(config, id);
  return has_flag(profile, POT_FLAG_IN_USE) ? profile : NULL;
}

static uint8_t *switch_active(uint8_t *config, uint32_t id) {
  uint8_t *old = active_profile(config);
  if (old) put_le32(old + POT_PROFILE_FLAGS, le32(old + POT_PROFILE_FLAGS) & ~(uint32_t)POT_FLAG_IN_USE);
  uint8_t *profile = profile_at(config, id);
  put_le32(profile + POT_PROFILE_FLAGS, le32(profile + POT_PROFILE_FLAGS) | POT_FLAG_IN_USE);
  put_le32(config + POT_CONFIG_ACTIVE_ID, id);
  put_le64(profile + POT_PROFILE_PACKETS, 0);
  return profile;
}

/* Never 0 (the next node would take the packet as not stamped yet): a zero draw is drawn again. */
static uint64_t fresh_random(uint8_t *config, const uint8_t *profile, uint32_t now_sec) {
  uint64_t mask = le64(profile + POT_PROFILE_BIT_MASK);
  uint32_t state = le32(config + POT_CONFIG_RANDOM_STATE);
  uint64_t rnd;
  do {
    state = (uint32_t)POT_LCG_MULTIPLIER * state + (uint32_t)POT_LCG_INCREMENT;
    rnd = (((uint64_t)now_sec << 32) | state) & mask;
  } while (rnd == 0 && mask != 0);
  put_le32(config + POT_CONFIG_RANDOM_STATE, state);
  return rnd;
}

static inline uint64_t pot_cumulative(const uint8_t *profile, uint64_t cumulative, uint64_t random) {
  uint64_t p = le64(profile + POT_PROFILE_PRIME);
  uint64_t with_random = addmod(le64(profile + POT_PROFILE_POLYNOMIAL2), reduce(random, p), p);
  uint64_t share = addmod(with_random, le64(profile + POT_PROFILE_SECRET_SHARE), p);
  return addmod(reduce(cumulative, p), lpc_product(profile, share, p), p);
}

int pot_update(uint8_t *option, uint8_t *config, uint32_t now_sec, uint64_t *counters) {
  if (option[OPTION_LENGTH] < VPP_POT_DATA_LENGTH) return ERR_POT_BAD_LENGTH;
  if (!config) return ERR_POT_NO_PROFILE;
  uint64_t random = be64(option + VPP_POT_RANDOM);
  uint8_t *profile = active_profile(config);
  if (random == 0) {
    if (!profile) return ERR_POT_NO_PROFILE;
    option[VPP_POT_PROFILE_INDEX] = (uint8_t)(le32(config + POT_CONFIG_ACTIVE_ID) & VPP_POT_PROFILE_INDEX_MASK);
  } else {
    uint32_t announced = option[VPP_POT_PROFILE_INDEX];
    if (!profile || announced != le32(config + POT_CONFIG_ACTIVE_ID)) {
      if (announced >= POT_PROFILE_COUNT || !has_flag(profile_at(config, announced), POT_FLAG_VALID)) return ERR_POT_NO_PROFILE;
      profile = switch_active(config, announced);
    }
  }
  put_le64(profile + POT_PROFILE_PACKETS, le64(profile + POT_PROFILE_PACKETS) + 1);
  uint64_t rnd = random, cumulative = 0;
  if (rnd == 0) {
    rnd = fresh_random(config, profile, now_sec);
    put_be64(option + VPP_POT_RANDOM, rnd);
  } else {
    cumulative = be64(option + VPP_POT_CUMULATIVE);
  }
  put_be64(option + VPP_POT_CUMULATIVE, pot_cumulative(profile, cumulative, rnd));
  counters[ERR_POT_UPDATED]++;
  return ERR_NONE;
}

int pot_verify(const uint8_t *option, uint8_t *config) {
  if (!config || option[OPTION_LENGTH] < VPP_POT_DATA_LENGTH) return ERR_POT_OUT_OF_POLICY;
  const uint8_t *profile = active_profile(config);
  if (!profile || !has_flag(profile, POT_FLAG_VALIDATOR)) return ERR_POT_OUT_OF_POLICY;
  uint64_t random = be64(option + VPP_POT_RANDOM);
  uint64_t cumulative = be64(option + VPP_POT_CUMULATIVE);
  uint64_t key = le64(profile + POT_PROFILE_VALIDATOR_KEY);
  if (cumulative == random + key) return ERR_POT_IN_POLICY;
  uint64_t p = le64(profile + POT_PROFILE_PRIME);
  return cumulative == addmod(reduce(random, p), key, p) ? ERR_POT_IN_POLICY : ERR_POT_OUT_OF_POLICY;
}

/* ---- the benchmark: pot.bin = u32 n | transit block | verifier block | a[n] | b[n] | update images | verify images ---- */

static struct {
  int n;
  uint8_t transit[POT_CONFIG_SIZE];
  uint8_t verifier[POT_CONFIG_SIZE];
  uint64_t *a, *b, *out;
  uint8_t *update, *verify;
  int32_t *results;
  uint64_t counters[ERROR_COUNT];
} pot;

int pot_load(const char *dir) {
  size_t size;
  uint8_t *bytes = load_file(dir, "pot.bin", &size);
  if (!bytes || size < 4) return 0;
  int n = (int)le32(bytes);
  size_t want = 4 + 2 * (size_t)POT_CONFIG_SIZE + (size_t)n * (16 + 2 * POT_OPTION_IMAGE_SIZE);
  if (size != want) return 0;
  const uint8_t *p = bytes + 4;
  pot.n = n;
  memcpy(pot.transit, p, POT_CONFIG_SIZE);
  p += POT_CONFIG_SIZE;
  memcpy(pot.verifier, p, POT_CONFIG_SIZE);
  p += POT_CONFIG_SIZE;
  pot.a = malloc((size_t)n * 8);
  pot.b = malloc((size_t)n * 8);
  pot.out = malloc((size_t)n * 8);
  memcpy(pot.a, p, (size_t)n * 8);
  p += (size_t)n * 8;
  memcpy(pot.b, p, (size_t)n * 8);
  p += (size_t)n * 8;
  pot.update = malloc((size_t)n * POT_OPTION_IMAGE_SIZE);
  pot.verify = malloc((size_t)n * POT_OPTION_IMAGE_SIZE);
  memcpy(pot.update, p, (size_t)n * POT_OPTION_IMAGE_SIZE);
  p += (size_t)n * POT_OPTION_IMAGE_SIZE;
  memcpy(pot.verify, p, (size_t)n * POT_OPTION_IMAGE_SIZE);
  pot.results = malloc((size_t)n * 4);
  free(bytes);
  return n;
}

static int mulmod_kernel(struct vector *v, int n, void *state) {
  (void)v;
  (void)state;
  pot_mulmod_vector(pot.transit + POT_CONFIG_PROFILES, pot.a, pot.b, pot.out, n);
  return (int)pot.out[0];
}

static int update_kernel(struct vector *v, int n, void *state) {
  (void)v;
  (void)state;
  int updated = 0;
  for (int i = 0; i < n; i++) {
    int result = pot_update(pot.update + (size_t)i * POT_OPTION_IMAGE_SIZE, pot.transit, 0, pot.counters);
    pot.results[i] = result;
    if (result == ERR_NONE) updated++;
    else pot.counters[result]++;
  }
  return updated;
}

static int verify_kernel(struct vector *v, int n, void *state) {
  (void)v;
  (void)state;
  int in_policy = 0;
  for (int i = 0; i < n; i++) {
    int result = pot_verify(pot.verify + (size_t)i * POT_OPTION_IMAGE_SIZE, pot.verifier);
    pot.results[i] = result;
    pot.counters[result]++;
    if (result == ERR_POT_IN_POLICY) in_policy++;
  }
  return in_policy;
}

void pot_bench(int n, double ms) {
  if (n > pot.n) return;
  bench_kernel("pot-mulmod", mulmod_kernel, NULL, n, NULL, ms);
  bench_kernel("pot-update", update_kernel, NULL, n, NULL, ms);
  bench_kernel("pot-verify", verify_kernel, NULL, n, NULL, ms);
}

void pot_check(int n) {
  if (n > pot.n) n = pot.n;
  mulmod_kernel(NULL, n, NULL);
  print_check("pot-mulmod", (const uint8_t *)pot.out, (size_t)n * 8);
  update_kernel(NULL, n, NULL);
  print_check("pot-update", pot.update, (size_t)n * POT_OPTION_IMAGE_SIZE);
  verify_kernel(NULL, n, NULL);
  print_check("pot-verify", (const uint8_t *)pot.results, (size_t)n * 4);
}
