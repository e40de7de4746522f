/* Proof of Transit in C (pot.c), shared with the IOAM baseline (ioam.c). */
#ifndef MANYCAST_BENCH_POT_H
#define MANYCAST_BENCH_POT_H
#include <stdint.h>

/* VPP's 0x3C update on the option at `option` (its type octet) with the profile block `config`:
 * returns ERR_NONE after counting ERR_POT_UPDATED in counters, or the reason (not counted). */
int pot_update(uint8_t *option, uint8_t *config, uint32_t now_sec, uint64_t *counters);
/* The verifier's check: ERR_POT_IN_POLICY or ERR_POT_OUT_OF_POLICY. */
int pot_verify(const uint8_t *option, uint8_t *config);
void pot_mulmod_vector(const uint8_t *profile, const uint64_t *a, const uint64_t *b, uint64_t *out, int n);

int pot_load(const char *dir);
void pot_bench(int n, double ms);
void pot_check(int n);
#endif
