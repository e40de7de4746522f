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

/* Per-iteration samples (ns/packet), each iteration at least 4096 packets; the median is reported
 * (on a shared machine a preempted sample says nothing about the kernel), the mean too. */
#define MAX_SAMPLES 200000
static double samples[MAX_SAMPLES];

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void report(const char *name, int n, int count, double total_ns, long packets, const char *extra) {
  qsort(samples, (size_t)count, sizeof samples[0], compare_doubles);
  double median = count ? (count % 2 ? samples[count / 2] : (samples[count / 2 - 1] + samples[count / 2]) / 2) : 0;
  double mean = packets ? total_ns / (double)packets : 0;
  printf("{\"kernel\":\"%s\",\"impl\":\"c\",\"batch\":%d,\"nsPerPacket\":%.4f,\"meanNsPerPacket\":%.4f,\"bestNsPerPacket\":%.4f,\"samples\":%d%s}\n",
         name, n, median, mean, count ? samples[0] : 0, count, extra);
  fflush(stdout);
}

void bench_kernel(const char *name, kernel_fn fn, struct vector *v, int n, void *state, double ms) {
  int reps = 4096 / n > 0 ? 4096 / n : 1;
  /* warm-up */
  double warm = now_ns() + ms * 1e6 / 4;
  while (now_ns() < warm) for (int r = 0; r < reps; r++) bench_sink += fn(v, n, state);
  int count = 0;
  long packets = 0;
  double total = 0;
  double stop = now_ns() + ms * 1e6;
  while (now_ns() < stop && count < MAX_SAMPLES) {
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) bench_sink += fn(v, n, state);
    double elapsed = now_ns() - t0;
    samples[count++] = elapsed / ((double)reps * n);
    total += elapsed;
    packets += (long)reps * n;
  }
  report(name, n, count, total, packets, "");
}

/* The cost of an empty timed interval: the median of 201 means over 1000 intervals each. */
static double timer_overhead_ns(void) {
  static double overhead = -1;
  if (overhead >= 0) return overhead;
  double means[201];
  for (int k = 0; k < 201; k++) {
    double sum = 0;
    for (int i = 0; i < 1000; i++) {
      double t0 = now_ns();
      sum += now_ns() - t0;
    }
    means[k] = sum / 1000;
  }
  qsort(means, 201, sizeof means[0], compare_doubles);
  overhead = means[100];
  return overhead;
}

void bench_phased(const char *name, kernel_fn prepare, kernel_fn timed, struct vector *v, int n, void *state, double ms) {
  int reps = 4096 / n > 0 ? 4096 / n : 1;
  double overhead = timer_overhead_ns();
  double warm = now_ns() + ms * 1e6 / 4;
  while (now_ns() < warm) {
    bench_sink += prepare(v, n, state);
    bench_sink += timed(v, n, state);
  }
  int count = 0;
  long packets = 0;
  double total = 0;
  double stop = now_ns() + ms * 1e6;
  while (now_ns() < stop && count < MAX_SAMPLES) {
    double sum = 0;
    for (int r = 0; r < reps; r++) {
      bench_sink += prepare(v, n, state);
      double t0 = now_ns();
      bench_sink += timed(v, n, state);
      sum += now_ns() - t0 - overhead;
    }
    if (sum < 0) sum = 0;
    samples[count++] = sum / ((double)reps * n);
    total += sum;
    packets += (long)reps * n;
  }
  char extra[96];
  snprintf(extra, sizeof extra, ",\"method\":\"phased\",\"timerOverheadNs\":%.2f", overhead);
  report(name, n, count, total, packets, extra);
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
