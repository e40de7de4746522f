/* bench-native DIR TIME_MS BATCH... : runs every native baseline kernel at each batch size on the
 * inputs the TypeScript bench wrote into DIR (frames.bin, classify-*.bin, pot.bin, ioam-*.bin).
 * bench-native --check DIR N : runs each kernel once on the first N inputs and prints its results
 * as hex, for the test that checks the baselines against the Wasm kernels.
 * A kernel whose inputs are missing is skipped with a line on stderr. */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parse_vector(struct vector *v, int n, void *state);
int classify_load(const char *dir);
void classify_bench(int n, double ms);
void classify_check(int n);
int pot_load(const char *dir);
void pot_bench(int n, double ms);
void pot_check(int n);
int ioam_load(const char *dir);
void ioam_bench(int n, double ms);
void ioam_check(int n);
/* FIB longest-prefix match (fib.c) */
int fib_load(const char *dir);
void fib_bench(int n, double ms);
void fib_check(int n);
/* SRv6 headend and End (srv6.c) */
int srv6_load(const char *dir);
void srv6_bench(int n, double ms);
void srv6_check(int n);
/* flow-table lookup (flow.c) */
int flow_load(const char *dir);
void flow_bench(int n, double ms);
void flow_check(int n);

static struct vector parse_frames;
static uint16_t l4[1024];
static int have_parse, have_classify, have_pot, have_ioam;
static int have_fib;
static int have_srv6;
static int have_flow;

static void load_all(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/frames.bin", dir);
  have_parse = load_frames(path, &parse_frames, 1024) > 0;
  have_classify = classify_load(dir) > 0;
  have_pot = pot_load(dir) > 0;
  have_ioam = ioam_load(dir) > 0;
  if (!have_parse) fprintf(stderr, "parse: no frames.bin in %s, skipped\n", dir);
  if (!have_classify) fprintf(stderr, "classify: no classify-frames.bin/classify-table.bin in %s, skipped\n", dir);
  if (!have_pot) fprintf(stderr, "pot: no pot.bin in %s, skipped\n", dir);
  if (!have_ioam) fprintf(stderr, "ioam: no ioam-frames.bin/ioam-*.bin in %s, skipped\n", dir);
  have_fib = fib_load(dir) > 0;
  if (!have_fib) fprintf(stderr, "fib: no fib-*.bin in %s, skipped\n", dir);
  have_srv6 = srv6_load(dir) > 0;
  if (!have_srv6) fprintf(stderr, "srv6: no srv6-*.bin in %s, skipped\n", dir);
  have_flow = flow_load(dir) > 0;
  if (!have_flow) fprintf(stderr, "flow: no flow-table.bin/flow-keys.bin in %s, skipped\n", dir);
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "--check") == 0) {
    load_all(argv[2]);
    int n = atoi(argv[3]);
    if (have_parse) {
      int m = n < parse_frames.count ? n : parse_frames.count;
      parse_vector(&parse_frames, m, l4);
      print_check("parse", (const uint8_t *)l4, (size_t)m * 2);
    }
    if (have_classify) classify_check(n);
    if (have_pot) pot_check(n);
    if (have_ioam) ioam_check(n);
    if (have_fib) fib_check(n);
    if (have_srv6) srv6_check(n);
    if (have_flow) flow_check(n);
    return 0;
  }
  if (argc < 4) {
    fprintf(stderr, "usage: %s DIR TIME_MS BATCH... | %s --check DIR N\n", argv[0], argv[0]);
    return 2;
  }
  load_all(argv[1]);
  double ms = atof(argv[2]);
  for (int a = 3; a < argc; a++) {
    int n = atoi(argv[a]);
    if (n < 1) continue;
    if (have_parse && n <= parse_frames.count) {
      if (parse_vector(&parse_frames, n, l4) != n) {
        fprintf(stderr, "parse baseline rejected a benchmark frame\n");
        return 1;
      }
      bench_kernel("parse", parse_vector, &parse_frames, n, l4, ms);
    }
    if (have_classify) classify_bench(n, ms);
    if (have_pot) pot_bench(n, ms);
    if (have_ioam) ioam_bench(n, ms);
    if (have_fib) fib_bench(n, ms);
    if (have_srv6) srv6_bench(n, ms);
    if (have_flow) flow_bench(n, ms);
  }
  return 0;
}
