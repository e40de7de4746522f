/* bench-native DIR TIME_MS BATCH... : runs every native baseline kernel at each batch size on the
 * inputs the TypeScript bench wrote into DIR (frames.bin, classify-*.bin, pot.bin, ioam-*.bin).
 * bench-native --check DIR N : runs each kernel once on the first N inputs and prints its results
 * as hex, for the test that checks the baselines against the Wasm kernels.
 * A kernel whose inputs are missing is skipped with a line on stderr. */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every baseline, in the order it runs and prints: its name and the inputs its loader wants (said
 * when they are missing). Each NAME.c defines NAME_load (how many inputs it loaded), NAME_bench
 * (one batch size) and NAME_check. */
#define foreach_baseline(_) \
  _(parse, "frames.bin") \
  _(classify, "classify-frames.bin/classify-table.bin") \
  _(pot, "pot.bin") \
  _(ioam, "ioam-frames.bin/ioam-*.bin") \
  _(fib, "fib-*.bin") \
  _(srv6, "srv6-*.bin") \
  _(flow, "flow-table.bin/flow-keys.bin")

#define _(name, inputs) \
  int name##_load(const char *dir); \
  void name##_bench(int n, double ms); \
  void name##_check(int n);
foreach_baseline(_)
#undef _

struct baseline {
  const char *name;
  const char *inputs;
  int (*load)(const char *dir);
  void (*bench)(int n, double ms);
  void (*check)(int n);
  int loaded;
};

static struct baseline baselines[] = {
#define _(name, inputs) {#name, inputs, name##_load, name##_bench, name##_check, 0},
    foreach_baseline(_)
#undef _
};
#define BASELINE_COUNT ((int)(sizeof baselines / sizeof baselines[0]))

static void load_all(const char *dir) {
  for (int k = 0; k < BASELINE_COUNT; k++) {
    struct baseline *b = &baselines[k];
    b->loaded = b->load(dir) > 0;
    if (!b->loaded) fprintf(stderr, "%s: no %s in %s, skipped\n", b->name, b->inputs, dir);
  }
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "--check") == 0) {
    load_all(argv[2]);
    int n = atoi(argv[3]);
    for (int k = 0; k < BASELINE_COUNT; k++)
      if (baselines[k].loaded) baselines[k].check(n);
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
    for (int k = 0; k < BASELINE_COUNT; k++)
      if (baselines[k].loaded) baselines[k].bench(n, ms);
  }
  return 0;
}
