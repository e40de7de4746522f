/* Baseline: the FIB longest-prefix match in C on a byte copy of the engine's tables (layout
 * fib.layout.ts via layout.h; written by bench/suites/fib.ts): per populated prefix length, longest
 * first, the address masked to the length, the multiply-xorshift hash of its four big-endian words,
 * linear probing over 32-octet slots. The same pool of addresses as the Wasm and TypeScript runs,
 * n per call, walked round. */
#include "harness.h"
#include "layout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIB_POOL 65536
#define SLOT_WORDS (FIB_SLOT_SIZE / 4)
#define DPO_WORD (FIB_SLOT_DPO / 4)

struct fib {
  const char *kernel;
  int loaded;
  uint32_t miss_dpo;
  int length_count;
  uint8_t lengths[FIB_PREFIX_LENGTHS];
  uint32_t *tables[FIB_PREFIX_LENGTHS];
  uint32_t slot_masks[FIB_PREFIX_LENGTHS];
  uint8_t *addresses; /* FIB_POOL * 16 */
  uint32_t results[FIB_POOL];
  int at; /* next pool address */
};

static struct fib fibs[2] = {{.kernel = "fib-lookup-1k"}, {.kernel = "fib-lookup-100k"}};
static const char *files[2] = {"fib-1k", "fib-100k"};

static inline uint32_t mask_word(uint32_t length, uint32_t word) {
  int bits = (int)length - (int)(word * 32);
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffffu;
  return 0xffffffffu << (32 - bits);
}

static inline uint32_t mix(uint32_t h, uint32_t w) {
  h = (h ^ w) * (uint32_t)FIB_HASH_MULTIPLIER;
  return h ^ (h >> 15);
}

static uint32_t lookup(const struct fib *f, const uint8_t *address) {
  uint32_t a0 = be32(address), a1 = be32(address + 4), a2 = be32(address + 8), a3 = be32(address + 12);
  for (int k = 0; k < f->length_count; k++) {
    uint32_t length = f->lengths[k];
    uint32_t k0 = a0 & mask_word(length, 0), k1 = a1 & mask_word(length, 1);
    uint32_t k2 = a2 & mask_word(length, 2), k3 = a3 & mask_word(length, 3);
    uint32_t h = mix(mix(mix(mix((uint32_t)FIB_HASH_SEED, k0), k1), k2), k3);
    h = (h ^ (h >> 13)) * (uint32_t)FIB_HASH_FINAL;
    h ^= h >> 16;
    const uint32_t *table = f->tables[length];
    uint32_t slot_mask = f->slot_masks[length];
    for (uint32_t s = h & slot_mask;; s = (s + 1) & slot_mask) {
      const uint32_t *slot = table + (size_t)s * SLOT_WORDS;
      uint32_t dpo = slot[DPO_WORD];
      if (dpo == 0) break;
      /* FIB 0, as the Wasm kernel looks up (its seed is FIB_HASH_SEED). */
      if (slot[0] == k0 && slot[1] == k1 && slot[2] == k2 && slot[3] == k3 && slot[FIB_SLOT_FIB / 4] == 0) return dpo;
    }
  }
  return f->miss_dpo;
}

static int fib_kernel(struct vector *v, int n, void *state) {
  (void)v;
  struct fib *f = state;
  for (int i = 0; i < n; i++) f->results[i] = lookup(f, f->addresses + (size_t)(f->at + i) * 16);
  f->at = (f->at + n) % FIB_POOL;
  return (int)f->results[0];
}

/* <file>.bin: u32 miss DPO, u32 length count, then per length u32 length, u32 slots, the slots. */
static int load_one(const char *dir, struct fib *f, const char *file) {
  char name[256];
  size_t size, pool_size;
  snprintf(name, sizeof name, "%s.bin", file);
  uint8_t *bytes = load_file(dir, name, &size);
  snprintf(name, sizeof name, "%s-addresses.bin", file);
  uint8_t *pool = load_file(dir, name, &pool_size);
  if (!bytes || !pool || size < 8 || pool_size != (size_t)FIB_POOL * 16) return 0;
  f->miss_dpo = le32(bytes);
  f->length_count = (int)le32(bytes + 4);
  size_t at = 8;
  for (int k = 0; k < f->length_count; k++) {
    uint32_t length = le32(bytes + at), slots = le32(bytes + at + 4);
    at += 8;
    f->lengths[k] = (uint8_t)length;
    f->tables[length] = aligned_alloc(64, (size_t)slots * FIB_SLOT_SIZE);
    memcpy(f->tables[length], bytes + at, (size_t)slots * FIB_SLOT_SIZE); /* little-endian words, as on this host */
    f->slot_masks[length] = slots - 1;
    at += (size_t)slots * FIB_SLOT_SIZE;
  }
  free(bytes);
  f->addresses = pool;
  f->loaded = 1;
  return 1;
}

int fib_load(const char *dir) {
  int loaded = 0;
  for (int k = 0; k < 2; k++) loaded += load_one(dir, &fibs[k], files[k]);
  return loaded;
}

void fib_bench(int n, double ms) {
  for (int k = 0; k < 2; k++) {
    if (fibs[k].loaded) bench_kernel(fibs[k].kernel, fib_kernel, NULL, n, &fibs[k], ms);
  }
}

void fib_check(int n) {
  for (int k = 0; k < 2; k++) {
    if (!fibs[k].loaded) continue;
    fibs[k].at = 0;
    fib_kernel(NULL, n, &fibs[k]);
    print_check(fibs[k].kernel, (const uint8_t *)fibs[k].results, (size_t)n * 4);
  }
}
