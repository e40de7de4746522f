/* Baseline: the SRv6 per-packet work in C, the same algorithms as assembly/srv6 and
 * bench/baselines/ts/srv6.ts (flow hash and bucket choice, H.Insert after any hop-by-hop header
 * with the binding SID consumed, H.Encaps, End with PSP), on the packets and policies
 * bench/suites/srv6.ts wrote (layout.h from the same layout files). Phased: before each timed run
 * the batch is put back as parsed. */
#include "harness.h"
#include "layout.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PACKETS 1024
#define MAX_LISTS 8
#define SRH_MAX (SRH_FIXED_LENGTH + (SR_SEGMENTS_MAX + 1) * SRH_SEGMENT_LENGTH)

struct sr_list {
  uint8_t first_segment[16];
  uint8_t srh[SRH_MAX];
  uint32_t srh_length;
  uint8_t srh_to_bsid[SRH_MAX]; /* H.Insert of a packet addressed to the BSID */
  uint32_t srh_to_bsid_length;
};

struct sr_policy {
  int inserting;
  uint8_t bsid[16];
  uint8_t source[16];
  struct sr_list lists[MAX_LISTS];
  uint32_t buckets[SR_BUCKET_COUNT];
};

/* Packets as parsed, with what the engine's descriptors record (offsets from the packet start). */
struct sr_packets {
  struct vector v;
  uint16_t headroom[MAX_PACKETS], l3[MAX_PACKETS], hbh[MAX_PACKETS], routing[MAX_PACKETS], l4[MAX_PACKETS];
  uint8_t l4_proto[MAX_PACKETS], fragmented[MAX_PACKETS];
};

struct sr_state {
  struct sr_packets now, saved;
  const struct sr_policy *policy;
  int psp;
};

static struct sr_policy policies[2]; /* insert, encaps */
static struct sr_packets headend_input, endpoint_input;
static int loaded;

static inline uint32_t mix(uint32_t h, uint32_t w) {
  h = (h ^ w) * (uint32_t)SPREAD_HASH_MULTIPLIER;
  return h ^ (h >> 15);
}

static uint32_t flow_hash(const struct sr_packets *p, int i) {
  const uint8_t *pkt = p->v.mem + p->v.offsets[i];
  const uint8_t *ip = pkt + p->l3[i];
  uint32_t h = (uint32_t)SPREAD_HASH_SEED;
  for (int k = 0; k < 8; k++) h = mix(h, be32(ip + IPV6_SRC + 4 * k));
  uint32_t proto = p->l4_proto[i];
  h = mix(h, proto);
  if (p->l4[i] && !p->fragmented[i] && (proto == PROTO_TCP || proto == PROTO_UDP)) h = mix(h, be32(pkt + p->l4[i]));
  h = (h ^ (h >> 13)) * (uint32_t)SPREAD_HASH_FINAL;
  return h ^ (h >> 16);
}

/* Moves the packet's first `at` octets `by` octets into the headroom (by < 0: back out of it). */
static void move_front(struct sr_packets *p, int i, uint32_t at, int by) {
  uint8_t *s = p->v.mem + p->v.offsets[i];
  memmove(s - by, s, at);
  p->v.offsets[i] -= (uint32_t)by;
  p->headroom[i] = (uint16_t)(p->headroom[i] - by);
  p->v.lengths[i] = (uint16_t)(p->v.lengths[i] + by);
  if (p->routing[i] >= at) p->routing[i] = (uint16_t)(p->routing[i] + by);
  if (p->l4[i] >= at) p->l4[i] = (uint16_t)(p->l4[i] + by);
}

static inline void add_payload(uint8_t *ip, int by) { put_be16(ip + IPV6_PAYLOAD_LENGTH, (uint32_t)(be16(ip + IPV6_PAYLOAD_LENGTH) + by)); }

static int insert(struct sr_packets *p, int i, const struct sr_policy *policy, const struct sr_list *list) {
  uint8_t *s = p->v.mem + p->v.offsets[i];
  uint32_t hbh = p->hbh[i];
  uint32_t at = hbh ? hbh + ((uint32_t)s[hbh + EXT_LENGTH] + 1) * EXT_LENGTH_UNIT : (uint32_t)p->l3[i] + IPV6_HEADER_LENGTH;
  int to_bsid = memcmp(s + p->l3[i] + IPV6_DST, policy->bsid, 16) == 0;
  const uint8_t *srh = to_bsid ? list->srh_to_bsid : list->srh;
  uint32_t length = to_bsid ? list->srh_to_bsid_length : list->srh_length;
  if (p->headroom[i] < length) return 0;
  move_front(p, i, at, (int)length);
  s = p->v.mem + p->v.offsets[i];
  uint8_t *ip = s + p->l3[i];
  if (length) {
    uint8_t *previous = hbh ? s + hbh : ip + IPV6_NEXT_HEADER;
    memcpy(s + at, srh, length);
    s[at] = *previous;
    *previous = PROTO_ROUTING;
    if (!to_bsid) memcpy(s + at + SRH_SEGMENT_LIST, ip + IPV6_DST, 16);
    add_payload(ip, (int)length);
    p->routing[i] = (uint16_t)at;
  }
  memcpy(ip + IPV6_DST, list->first_segment, 16);
  return 1;
}

static int encapsulate(struct sr_packets *p, int i, const struct sr_policy *policy, const struct sr_list *list) {
  uint32_t added = IPV6_HEADER_LENGTH + list->srh_length;
  if (p->headroom[i] < added) return 0;
  uint32_t l3 = p->l3[i];
  move_front(p, i, l3, (int)added);
  uint8_t *outer = p->v.mem + p->v.offsets[i] + l3;
  uint8_t *inner = outer + added;
  memcpy(outer, inner, 4);
  put_be16(outer + IPV6_PAYLOAD_LENGTH, added + be16(inner + IPV6_PAYLOAD_LENGTH));
  outer[IPV6_NEXT_HEADER] = list->srh_length ? PROTO_ROUTING : PROTO_IPV6;
  outer[IPV6_HOP_LIMIT] = inner[IPV6_HOP_LIMIT];
  memcpy(outer + IPV6_SRC, policy->source, 16);
  memcpy(outer + IPV6_DST, list->first_segment, 16);
  if (list->srh_length) {
    memcpy(outer + IPV6_HEADER_LENGTH, list->srh, list->srh_length);
    outer[IPV6_HEADER_LENGTH] = PROTO_IPV6;
  }
  p->hbh[i] = 0;
  p->routing[i] = (uint16_t)(list->srh_length ? l3 + IPV6_HEADER_LENGTH : 0);
  p->l4[i] = (uint16_t)(l3 + added);
  p->l4_proto[i] = PROTO_IPV6;
  p->fragmented[i] = 0;
  return 1;
}

static int headend_kernel(struct vector *v, int n, void *state) {
  (void)v;
  struct sr_state *st = state;
  int rewritten = 0;
  for (int i = 0; i < n; i++) {
    const struct sr_list *list = &st->policy->lists[st->policy->buckets[flow_hash(&st->now, i) & SR_BUCKET_MASK]];
    rewritten += st->policy->inserting ? insert(&st->now, i, st->policy, list) : encapsulate(&st->now, i, st->policy, list);
  }
  return rewritten;
}

static uint8_t *next_header_field_before(uint8_t *ip, const uint8_t *target) {
  uint8_t *field = ip + IPV6_NEXT_HEADER;
  for (uint8_t *at = ip + IPV6_HEADER_LENGTH; at < target;) {
    uint8_t type = *field;
    field = at;
    if (type == PROTO_FRAGMENT) at += FRAGMENT_HEADER_LENGTH;
    else if (type == PROTO_AH) at += ((size_t)at[1] + AH_LENGTH_BIAS) * AH_LENGTH_UNIT;
    else at += ((size_t)at[1] + 1) * EXT_LENGTH_UNIT;
  }
  return field;
}

static int end_kernel(struct vector *v, int n, void *state) {
  (void)v;
  struct sr_state *st = state;
  struct sr_packets *p = &st->now;
  int processed = 0;
  for (int i = 0; i < n; i++) {
    uint32_t r = p->routing[i];
    uint8_t *s = p->v.mem + p->v.offsets[i];
    uint8_t *srh = s + r;
    if (!r || srh[ROUTING_TYPE] != ROUTING_TYPE_SRH || srh[ROUTING_SEGMENTS_LEFT] == 0) continue;
    uint32_t left = srh[ROUTING_SEGMENTS_LEFT] - 1u;
    uint8_t *ip = s + p->l3[i];
    srh[ROUTING_SEGMENTS_LEFT] = (uint8_t)left;
    memcpy(ip + IPV6_DST, srh + SRH_SEGMENT_LIST + left * SRH_SEGMENT_LENGTH, 16);
    if (st->psp && left == 0) {
      int length = ((int)srh[EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;
      *next_header_field_before(ip, srh) = srh[EXT_NEXT_HEADER];
      add_payload(ip, -length);
      p->routing[i] = 0;
      move_front(p, i, r, -length);
    }
    processed++;
  }
  return processed;
}

/* Puts the batch back as parsed: each packet's buffer (headroom included) and its parse state. */
static int restore(struct vector *v, int n, void *state) {
  (void)v;
  struct sr_state *st = state;
  struct sr_packets *now = &st->now;
  const struct sr_packets *saved = &st->saved;
  for (int i = 0; i < n; i++) {
    size_t base = (size_t)i * BUFFER_STRIDE;
    memcpy(now->v.mem + base, saved->v.mem + base, BUFFER_HEADROOM + saved->v.lengths[i]);
    now->v.offsets[i] = saved->v.offsets[i];
    now->v.lengths[i] = saved->v.lengths[i];
    now->headroom[i] = saved->headroom[i];
    now->l3[i] = saved->l3[i];
    now->hbh[i] = saved->hbh[i];
    now->routing[i] = saved->routing[i];
    now->l4[i] = saved->l4[i];
    now->l4_proto[i] = saved->l4_proto[i];
    now->fragmented[i] = saved->fragmented[i];
  }
  return n;
}

/* srv6-policies.bin: per policy (insert, then encaps): u32 inserting, bsid, source, u32 list count,
 * per list first segment, u32 + SRH, u32 + SRH to the BSID; then SR_BUCKET_COUNT u32 list indices. */
static int load_policies(const uint8_t *b, size_t size) {
  size_t at = 0;
  for (int k = 0; k < 2; k++) {
    struct sr_policy *policy = &policies[k];
    if (at + 40 > size) return 0;
    policy->inserting = (int)le32(b + at);
    memcpy(policy->bsid, b + at + 4, 16);
    memcpy(policy->source, b + at + 20, 16);
    uint32_t lists = le32(b + at + 36);
    at += 40;
    if (lists > MAX_LISTS) return 0;
    for (uint32_t l = 0; l < lists; l++) {
      struct sr_list *list = &policy->lists[l];
      memcpy(list->first_segment, b + at, 16);
      list->srh_length = le32(b + at + 16);
      if (list->srh_length > SRH_MAX) return 0;
      memcpy(list->srh, b + at + 20, list->srh_length);
      at += 20 + list->srh_length;
      list->srh_to_bsid_length = le32(b + at);
      if (list->srh_to_bsid_length > SRH_MAX) return 0;
      memcpy(list->srh_to_bsid, b + at + 4, list->srh_to_bsid_length);
      at += 4 + list->srh_to_bsid_length;
    }
    for (int s = 0; s < SR_BUCKET_COUNT; s++) policy->buckets[s] = le32(b + at + 4 * (size_t)s);
    at += 4 * SR_BUCKET_COUNT;
  }
  return at == size;
}

/* <name>-frames.bin (load_frames) and <name>-state.bin: per packet six u16: l3, hbh, routing, l4, l4 protocol, fragmented. */
static int load_packets(const char *dir, const char *name, struct sr_packets *p) {
  char path[4096], file[256];
  snprintf(path, sizeof path, "%s/%s-frames.bin", dir, name);
  if (load_frames(path, &p->v, MAX_PACKETS) <= 0) return 0;
  size_t size;
  snprintf(file, sizeof file, "%s-state.bin", name);
  uint8_t *state = load_file(dir, file, &size);
  if (!state || size != (size_t)p->v.count * 12) return 0;
  for (int i = 0; i < p->v.count; i++) {
    const uint8_t *s = state + (size_t)i * 12;
    p->headroom[i] = BUFFER_HEADROOM;
    p->l3[i] = (uint16_t)(s[0] | s[1] << 8);
    p->hbh[i] = (uint16_t)(s[2] | s[3] << 8);
    p->routing[i] = (uint16_t)(s[4] | s[5] << 8);
    p->l4[i] = (uint16_t)(s[6] | s[7] << 8);
    p->l4_proto[i] = s[8];
    p->fragmented[i] = s[10];
  }
  free(state);
  return 1;
}

int srv6_load(const char *dir) {
  size_t size;
  uint8_t *bytes = load_file(dir, "srv6-policies.bin", &size);
  loaded = bytes && load_policies(bytes, size) && load_packets(dir, "srv6-headend", &headend_input) && load_packets(dir, "srv6-endpoint", &endpoint_input);
  free(bytes);
  return loaded;
}

struct sr_kernel {
  const char *name;
  const struct sr_packets *input;
  int policy; /* -1: End */
  int psp;
};

static const struct sr_kernel kernels[] = {
  {"srv6-h-insert", &headend_input, 0, 0},
  {"srv6-h-encaps", &headend_input, 1, 0},
  {"srv6-end", &endpoint_input, -1, 0},
  {"srv6-end-psp", &endpoint_input, -1, 1},
};

static struct sr_state state;
static uint8_t *work; /* the packets the kernels change; the inputs stay as loaded */

static void prepare(const struct sr_kernel *k) {
  if (!work) work = calloc(MAX_PACKETS, BUFFER_STRIDE);
  state.saved = *k->input;
  state.now = *k->input;
  state.now.v.mem = work;
  memcpy(work, k->input->v.mem, (size_t)k->input->v.count * BUFFER_STRIDE);
  state.policy = k->policy >= 0 ? &policies[k->policy] : NULL;
  state.psp = k->psp;
}

void srv6_bench(int n, double ms) {
  if (!loaded) return;
  for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
    if (n > kernels[k].input->v.count) continue;
    prepare(&kernels[k]);
    bench_phased(kernels[k].name, restore, kernels[k].policy >= 0 ? headend_kernel : end_kernel, NULL, n, &state, ms);
  }
}

/* The packets after one run, each as u16 length (little-endian) + bytes. */
void srv6_check(int n) {
  if (!loaded) return;
  for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
    int m = n < kernels[k].input->v.count ? n : kernels[k].input->v.count;
    prepare(&kernels[k]);
    (kernels[k].policy >= 0 ? headend_kernel : end_kernel)(NULL, m, &state);
    size_t total = 0;
    for (int i = 0; i < m; i++) total += 2u + state.now.v.lengths[i];
    uint8_t *out = malloc(total), *at = out;
    for (int i = 0; i < m; i++) {
      uint16_t length = state.now.v.lengths[i];
      at[0] = (uint8_t)length;
      at[1] = (uint8_t)(length >> 8);
      memcpy(at + 2, state.now.v.mem + state.now.v.offsets[i], length);
      at += 2u + length;
    }
    print_check(kernels[k].name, out, total);
    free(out);
  }
}
