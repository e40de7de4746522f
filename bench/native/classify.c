/* Baseline: the classifier lookup in C on the very table the engine holds (its bytes dumped from
 * Wasm memory; layout classify.layout.ts via layout.h): masked 64-bit words of the packet from
 * skip*16, the bucket hash over their 32-bit halves, the bucket's session chain. Like the Wasm
 * kernel it reads no octet past the packet (those count as zero). */
#include "harness.h"
#include "layout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
  uint8_t *table; /* 8-aligned copy of the table block */
  struct vector v;
  int n;
  int32_t session[1024];
} cls;

static inline uint32_t hash_half(uint32_t h, uint32_t half) {
  h = (h ^ half) * (uint32_t)CLASSIFY_HASH_MULTIPLIER;
  return h ^ (h >> 16);
}

static inline uint32_t hash_finish(uint32_t h) {
  h = (h ^ (h >> 13)) * (uint32_t)CLASSIFY_HASH_FINAL;
  return h ^ (h >> 16);
}

static uint64_t clipped_word(const uint8_t *pkt, int length, int offset) {
  uint64_t word = 0;
  for (int j = 0; j < CLASSIFY_WORD_SIZE; j++) {
    int at = offset + j;
    word <<= 8;
    if (at >= 0 && at < length) word |= pkt[at];
  }
  return word;
}

/* Index of the matching session, or -1. `l3` is the IPv6 header's offset (tables with current-data-flag 1). */
static int find_session(const uint8_t *t, const uint8_t *pkt, int length, int l3) {
  int words = (int)le32(t + TABLE_MATCH) * (CLASSIFY_VECTOR_SIZE / CLASSIFY_WORD_SIZE);
  int offset = (int)le32(t + TABLE_SKIP) * CLASSIFY_VECTOR_SIZE;
  if (le32(t + TABLE_CURRENT_DATA_FLAG)) offset += l3 + (int32_t)le32(t + TABLE_CURRENT_DATA_OFFSET);
  int inside = offset >= 0 && offset + words * CLASSIFY_WORD_SIZE <= length;
  const uint8_t *mask = t + TABLE_MASK;
  uint64_t masked[CLASSIFY_MATCH_MAX * 2];
  uint32_t h = (uint32_t)CLASSIFY_HASH_SEED;
  for (int w = 0; w < words; w++) {
    int at = offset + w * CLASSIFY_WORD_SIZE;
    uint64_t octets = inside ? be64(pkt + at) : clipped_word(pkt, length, at);
    uint64_t word = octets & le64(mask + (size_t)w * CLASSIFY_WORD_SIZE);
    masked[w] = word;
    h = hash_half(hash_half(h, (uint32_t)(word >> 32)), (uint32_t)word);
  }
  uint32_t bucket = hash_finish(h) & le32(t + TABLE_BUCKET_MASK);
  const uint8_t *sessions = t + le32(t + TABLE_SESSIONS);
  size_t session_size = le32(t + TABLE_SESSION_SIZE);
  uint32_t next = le32(t + le32(t + TABLE_BUCKETS) + ((size_t)bucket << 2));
  while (next) {
    const uint8_t *s = sessions + (size_t)(next - 1) * session_size;
    int w = 0;
    while (w < words && le64(s + SESSION_KEY + (size_t)w * CLASSIFY_WORD_SIZE) == masked[w]) w++;
    if (w == words) return (int)(next - 1);
    next = le32(s + SESSION_NEXT);
  }
  return -1;
}

static int classify_kernel(struct vector *v, int n, void *state) {
  (void)state;
  int hits = 0;
  for (int i = 0; i < n; i++) {
    int s = find_session(cls.table, v->mem + v->offsets[i], v->lengths[i], ETHERNET_HEADER_LENGTH);
    cls.session[i] = s;
    if (s >= 0) hits++;
  }
  return hits;
}

int classify_load(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/classify-frames.bin", dir);
  if (load_frames(path, &cls.v, 1024) <= 0) return 0;
  size_t size;
  uint8_t *table = load_file(dir, "classify-table.bin", &size);
  if (!table || size < TABLE_HEADER_SIZE) return 0;
  cls.table = aligned_alloc(64, (size + 63) & ~(size_t)63);
  memcpy(cls.table, table, size);
  free(table);
  cls.n = cls.v.count;
  return cls.n;
}

void classify_bench(int n, double ms) {
  if (n > cls.n) return;
  bench_kernel("classify", classify_kernel, &cls.v, n, NULL, ms);
}

void classify_check(int n) {
  if (n > cls.n) n = cls.n;
  classify_kernel(&cls.v, n, NULL);
  print_check("classify", (const uint8_t *)cls.session, (size_t)n * 4);
}
