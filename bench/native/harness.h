/* Shared by the native baselines: packets in one buffer at a fixed stride, as in the Wasm engine,
 * and a timer that runs one kernel at one batch size and prints ns/packet as a JSON line. */
#ifndef MANYCAST_BENCH_HARNESS_H
#define MANYCAST_BENCH_HARNESS_H
#include <stdint.h>
#include <stddef.h>

#define BUFFER_STRIDE 10240
#define BUFFER_HEADROOM 256

struct vector {
  uint8_t *mem;          /* count * BUFFER_STRIDE bytes */
  uint32_t offsets[1024];
  uint16_t lengths[1024];
  int count;
};

typedef int (*kernel_fn)(struct vector *v, int n, void *state);

/* Runs kernel over batches of n packets for about `ms` milliseconds; prints {"kernel",...}. */
void bench_kernel(const char *name, kernel_fn fn, struct vector *v, int n, void *state, double ms);

/* Loads the frames the TypeScript bench wrote: u16 length (little-endian) + bytes, repeated. */
int load_frames(const char *path, struct vector *v, int count);

static inline uint16_t be16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }
#endif
