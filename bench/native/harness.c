#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Keeps the compiler from discarding kernel results. */
volatile int bench_sink;

void bench_kernel(const char *name, kernel_fn fn, struct vector *v, int n, void *state, double ms) {
  int reps = 4096 / n > 0 ? 4096 / n : 1;
  /* warm-up */
  for (int r = 0; r < reps * 4; r++) bench_sink += fn(v, n, state);
  double best = 1e300;
  double deadline = now_ns() + ms * 1e6;
  do {
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) bench_sink += fn(v, n, state);
    double per = (now_ns() - t0) / ((double)reps * n);
    /* the mean of many samples is reported below; keep the best too for stability checks */
    if (per < best) best = per;
  } while (now_ns() < deadline);
  double t0 = now_ns();
  long packets = 0;
  double stop = t0 + ms * 1e6;
  while (now_ns() < stop) {
    for (int r = 0; r < reps; r++) bench_sink += fn(v, n, state);
    packets += (long)reps * n;
  }
  double mean = (now_ns() - t0) / (double)packets;
  printf("{\"kernel\":\"%s\",\"impl\":\"c\",\"batch\":%d,\"nsPerPacket\":%.4f,\"bestNsPerPacket\":%.4f}\n", name, n, mean, best);
  fflush(stdout);
}

static double timer_overhead_ns(void) {
  static double overhead = -1;
  if (overhead >= 0) return overhead;
  double sum = 0;
  const int samples = 200000;
  for (int i = 0; i < samples; i++) {
    double t0 = now_ns();
    sum += now_ns() - t0;
  }
  overhead = sum / samples;
  return overhead;
}

void bench_phased(const char *name, kernel_fn prepare, kernel_fn timed, struct vector *v, int n, void *state, double ms) {
  int reps = 4096 / n > 0 ? 4096 / n : 1;
  double overhead = timer_overhead_ns();
  for (int r = 0; r < reps * 4; r++) {
    bench_sink += prepare(v, n, state);
    bench_sink += timed(v, n, state);
  }
  double timed_ns = 0;
  long packets = 0;
  double stop = now_ns() + ms * 1e6;
  while (now_ns() < stop) {
    for (int r = 0; r < reps; r++) {
      bench_sink += prepare(v, n, state);
      double t0 = now_ns();
      bench_sink += timed(v, n, state);
      timed_ns += now_ns() - t0 - overhead;
    }
    packets += (long)reps * n;
  }
  double mean = timed_ns > 0 ? timed_ns / (double)packets : 0;
  printf("{\"kernel\":\"%s\",\"impl\":\"c\",\"batch\":%d,\"nsPerPacket\":%.4f,\"method\":\"phased\",\"timerOverheadNs\":%.2f}\n", name, n, mean, overhead);
  fflush(stdout);
}

int load_frames(const char *path, struct vector *v, int count) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  v->mem = calloc((size_t)count, BUFFER_STRIDE);
  v->count = 0;
  while (v->count < count) {
    uint8_t len[2];
    if (fread(len, 1, 2, f) != 2) break;
    uint16_t n = (uint16_t)(len[0] | (len[1] << 8));
    uint32_t off = (uint32_t)v->count * BUFFER_STRIDE + BUFFER_HEADROOM;
    if (fread(v->mem + off, 1, n, f) != n) break;
    v->offsets[v->count] = off;
    v->lengths[v->count] = n;
    v->count++;
  }
  fclose(f);
  return v->count;
}

uint8_t *load_file(const char *dir, const char *name, size_t *size) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  *size = 0;
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long length = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *bytes = malloc(length > 0 ? (size_t)length : 1);
  if (length > 0 && fread(bytes, 1, (size_t)length, f) != (size_t)length) {
    free(bytes);
    fclose(f);
    return NULL;
  }
  fclose(f);
  *size = (size_t)length;
  return bytes;
}

void print_check(const char *name, const uint8_t *bytes, size_t n) {
  printf("{\"kernel\":\"%s\",\"check\":\"", name);
  for (size_t i = 0; i < n; i++) printf("%02x", bytes[i]);
  printf("\"}\n");
  fflush(stdout);
}
