/* bench-native FRAMES_FILE TIME_MS BATCH... : runs every native baseline kernel at each batch size. */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>

int parse_vector(struct vector *v, int n, void *state);

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s FRAMES_FILE TIME_MS BATCH...\n", argv[0]);
    return 2;
  }
  static struct vector v;
  if (load_frames(argv[1], &v, 1024) <= 0) {
    fprintf(stderr, "%s: no frames\n", argv[1]);
    return 1;
  }
  double ms = atof(argv[2]);
  static uint16_t l4[1024];
  for (int a = 3; a < argc; a++) {
    int n = atoi(argv[a]);
    if (n < 1 || n > v.count) continue;
    if (parse_vector(&v, n, l4) != n) {
      fprintf(stderr, "parse baseline rejected a benchmark frame\n");
      return 1;
    }
    bench_kernel("parse", parse_vector, &v, n, l4, ms);
  }
  return 0;
}
