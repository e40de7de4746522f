/* Baseline: the flow-table lookup in C on a byte copy of the engine's table (layout flow.layout.ts
 * via layout.h; written by bench/suites/flow.ts), the same algorithm as assembly/flow/table.ts:
 * the multiply-xorshift hash of the ten big-endian key words, linear probing over
 * FLOW_PROBE_WINDOW 48-octet slots ending at the first EMPTY slot and passing tombstones, the most
 * discriminating words compared first, a hit refreshing the last-seen time, an idle flow met on the
 * way expired (leaving a tombstone). The same pool of key records as the Wasm and TypeScript runs, n per call, walked round. */
#include "harness.h"
#include "layout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLOW_POOL 65536
#define FLOW_BENCH_NOW 1000u
#define SLOT_WORDS (FLOW_SLOT_SIZE / 4)

struct flow_bench {
  uint8_t *table;  /* header, then the slots */
  uint32_t slot_mask, idle_timeout;
  uint8_t *keys;   /* FLOW_POOL key records */
  uint32_t results[FLOW_POOL];
  int at;          /* next pool key */
};

static struct flow_bench flows;
static int flows_loaded;

static inline uint32_t mix(uint32_t h, uint32_t w) {
  h = (h ^ w) * (uint32_t)FLOW_HASH_MULTIPLIER;
  return h ^ (h >> 15);
}

static uint32_t lookup(struct flow_bench *f, const uint8_t *key, uint32_t now) {
  uint32_t w[9];
  for (int k = 0; k < 4; k++) w[k] = be32(key + FLOW_KEY_SRC + 4 * k);
  for (int k = 0; k < 4; k++) w[4 + k] = be32(key + FLOW_KEY_DST + 4 * k);
  w[8] = be32(key + FLOW_KEY_PORTS);
  uint32_t proto = key[FLOW_KEY_PROTO];
  uint32_t h = (uint32_t)FLOW_HASH_SEED;
  for (int k = 0; k < 9; k++) h = mix(h, w[k]);
  h = mix(h, proto);
  h = (h ^ (h >> 13)) * (uint32_t)FLOW_HASH_FINAL;
  h ^= h >> 16;
  uint8_t *slots = f->table + FLOW_TABLE_HEADER_SIZE;
  for (uint32_t p = 0; p < FLOW_PROBE_WINDOW; p++) {
    uint8_t *slot = slots + (size_t)((h + p) & f->slot_mask) * FLOW_SLOT_SIZE;
    if (slot[FLOW_SLOT_STATE] == FLOW_STATE_EMPTY) return FLOW_MISS;
    /* the ports and the source's last word first (the most discriminating), then the rest */
    if (le32(slot + FLOW_SLOT_PORTS) == w[8] && le32(slot + FLOW_SLOT_SRC + 12) == w[3] &&
        memcmp(slot + FLOW_SLOT_SRC, w, 36) == 0 && slot[FLOW_SLOT_PROTO] == proto && slot[FLOW_SLOT_STATE] == FLOW_STATE_USED) {
      if (now - le32(slot + FLOW_SLOT_LAST_SEEN) > f->idle_timeout) {
        slot[FLOW_SLOT_STATE] = FLOW_STATE_DELETED;
        put_le32(f->table + FLOW_TABLE_SIZE, le32(f->table + FLOW_TABLE_SIZE) - 1);
        return FLOW_MISS;
      }
      put_le32(slot + FLOW_SLOT_LAST_SEEN, now);
      return le32(slot + FLOW_SLOT_CHOICE);
    }
  }
  return FLOW_MISS;
}

static int flow_kernel(struct vector *v, int n, void *state) {
  (void)v;
  struct flow_bench *f = state;
  for (int i = 0; i < n; i++) f->results[i] = lookup(f, f->keys + (size_t)(f->at + i) * FLOW_KEY_SIZE, FLOW_BENCH_NOW);
  f->at = (f->at + n) % FLOW_POOL;
  return (int)f->results[0];
}

/* flow-table.bin: the engine's table (little-endian words, as on this host); flow-keys.bin: the pool. */
int flow_load(const char *dir) {
  size_t size, pool_size;
  flows.table = load_file(dir, "flow-table.bin", &size);
  flows.keys = load_file(dir, "flow-keys.bin", &pool_size);
  if (!flows.table || !flows.keys || size < FLOW_TABLE_HEADER_SIZE || pool_size != (size_t)FLOW_POOL * FLOW_KEY_SIZE) return 0;
  flows.slot_mask = le32(flows.table + FLOW_TABLE_SLOT_MASK);
  flows.idle_timeout = le32(flows.table + FLOW_TABLE_IDLE_TIMEOUT);
  if (size != FLOW_TABLE_HEADER_SIZE + ((size_t)flows.slot_mask + 1) * FLOW_SLOT_SIZE) return 0;
  flows_loaded = 1;
  return 1;
}

void flow_bench(int n, double ms) {
  if (flows_loaded) bench_kernel("flow-lookup-1m", flow_kernel, NULL, n, &flows, ms);
}

void flow_check(int n) {
  if (!flows_loaded) return;
  flows.at = 0;
  flow_kernel(NULL, n, &flows);
  print_check("flow-lookup-1m", (const uint8_t *)flows.results, (size_t)n * 4);
}
