/* Shared by the native baselines: packets in one buffer at a fixed stride, as in the Wasm engine,
 * and timers that run one kernel at one batch size and print ns/packet as a JSON line. */
#ifndef MANYCAST_BENCH_HARNESS_H
#define MANYCAST_BENCH_HARNESS_H
#include <stdint.h>
#include <stddef.h>
#include "layout.h"

/* The engine's buffer geometry (descriptor.layout.ts): every baseline's packets start where the
 * engine's do, with the same headroom to push headers into. */
#define BUFFER_STRIDE BUFFER_SIZE

struct vector {
  uint8_t *mem;          /* count * BUFFER_STRIDE bytes */
  uint32_t offsets[1024];
  uint16_t lengths[1024];
  int count;
};

typedef int (*kernel_fn)(struct vector *v, int n, void *state);

/* Runs kernel over batches of n packets for about `ms` milliseconds; prints {"kernel",...}. */
void bench_kernel(const char *name, kernel_fn fn, struct vector *v, int n, void *state, double ms);

/* For kernels that change their packets: each repetition runs `prepare` (untimed), then `timed`,
 * which alone is timed (clock_gettime around it, the empty interval's cost subtracted). */
void bench_phased(const char *name, kernel_fn prepare, kernel_fn timed, struct vector *v, int n, void *state, double ms);

/* Loads the frames the TypeScript bench wrote: u16 length (little-endian) + bytes, repeated. */
int load_frames(const char *path, struct vector *v, int count);

/* The whole file, or NULL (with *size 0) when it cannot be read. */
uint8_t *load_file(const char *dir, const char *name, size_t *size);

/* Prints {"kernel":name,"check":"<hex>"} for the correctness test. */
void print_check(const char *name, const uint8_t *bytes, size_t n);

static inline uint16_t be16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }
static inline uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline void put_be16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put_be32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline uint64_t be64(const uint8_t *p) {
  uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}
static inline void put_be64(uint8_t *p, uint64_t v) {
  v = __builtin_bswap64(v);
  __builtin_memcpy(p, &v, 8);
}
/* Engine memory is little-endian (Wasm); so are the config blocks the bench dumps from it. */
static inline uint32_t le32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }
static inline uint64_t le64(const uint8_t *p) { uint64_t v; __builtin_memcpy(&v, p, 8); return v; }
static inline void put_le32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void put_le64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
#endif
