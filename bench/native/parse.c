/* Baseline: the parse kernel in C, the same checks as assembly/kernels/parse.ts, from the same
 * layout constants (layout.h is generated from the assembly layout files at bench time). */
#include "harness.h"
#include "layout.h"
#include <stdio.h>
#include <stdlib.h>

/* SRH TLVs (and, with the fixed sizes below, hop-by-hop and destination options) share the
 * framing: a one-octet Pad1, then type, length, data. Whether the TLVs from p on end exactly at end. */
static inline int tlvs_ok(const uint8_t *p, const uint8_t *end, int pad1, int header_length, int length_at) {
  while (p < end) {
    if (p[0] == pad1) { p++; continue; }
    if (p + header_length > end) return 0;
    p += header_length + p[length_at];
    if (p > end) return 0;
  }
  return 1;
}

/* The data length an option type must have, or -1 when it may have any (as the Wasm kernel's
 * assembly/wire/options.ts checks). */
static inline int fixed_data_length(int type) {
  switch (type) {
  case OPT_ROUTER_ALERT: return ROUTER_ALERT_DATA_LENGTH;
  case OPT_JUMBO: return JUMBO_DATA_LENGTH;
  case OPT_VPP_POT: return VPP_POT_DATA_LENGTH;
  case OPT_VPP_E2E: return VPP_E2E_DATA_LENGTH;
  case OPT_VPP_E2E_ID: return VPP_E2E_ID_DATA_LENGTH;
  case OPT_VPP_E2E_CACHE: return VPP_E2E_CACHE_DATA_LENGTH;
  default: return -1;
  }
}

/* The options' TLVs fit (tlvs_ok) and every option of a fixed size has it. */
static int options_ok(const uint8_t *p, const uint8_t *end) {
  while (p < end) {
    if (p[0] == OPT_PAD1) { p++; continue; }
    if (p + OPTION_HEADER_LENGTH > end) return 0;
    int length = p[OPTION_LENGTH], fixed = fixed_data_length(p[0]);
    p += OPTION_HEADER_LENGTH + length;
    if (p > end || (fixed >= 0 && length != fixed)) return 0;
  }
  return 1;
}

static int srh_ok(const uint8_t *p, int length) {
  int last = p[SRH_LAST_ENTRY];
  int list_end = SRH_FIXED_LENGTH + (last + 1) * SRH_SEGMENT_LENGTH;
  if (list_end > length || p[ROUTING_SEGMENTS_LEFT] > last + 1) return 0;
  return tlvs_ok(p + list_end, p + length, SRH_TLV_PAD1, SRH_TLV_HEADER_LENGTH, SRH_TLV_LENGTH);
}

static int tcp_ok(const uint8_t *p, const uint8_t *end) {
  if (p + TCP_MIN_HEADER_LENGTH > end) return 0;
  int length = (p[TCP_DATA_OFFSET] >> 4) * TCP_DATA_OFFSET_UNIT;
  if (length < TCP_MIN_HEADER_LENGTH || p + length > end) return 0;
  const uint8_t *q = p + TCP_MIN_HEADER_LENGTH, *opt_end = p + length;
  while (q < opt_end) {
    int kind = q[0];
    if (kind == TCP_OPT_EOL) break;
    if (kind == TCP_OPT_NOP) { q++; continue; }
    if (q + 2 > opt_end) return 0;
    int len = q[1];
    if (len < 2 || q + len > opt_end) return 0;
    q += len;
  }
  return 1;
}

static int parse_one(const uint8_t *start, int length, uint16_t *l4) {
  if (length < ETHERNET_HEADER_LENGTH) return 0;
  int type_at = ETHERNET_TYPE;
  for (int tags = 0; tags < VLAN_MAX_TAGS; tags++) {
    int type = be16(start + type_at);
    if (type != ETHERTYPE_VLAN && type != ETHERTYPE_QINQ) break;
    if (type_at + VLAN_TAG_LENGTH + 2 > length) return 0;
    type_at += VLAN_TAG_LENGTH;
  }
  if (be16(start + type_at) != ETHERTYPE_IPV6) return 0;
  const uint8_t *ip = start + type_at + 2;
  int available = (int)(start + length - ip);
  if (available < IPV6_HEADER_LENGTH || (ip[0] >> 4) != IPV6_VERSION) return 0;
  int payload = be16(ip + IPV6_PAYLOAD_LENGTH);
  int nh = ip[IPV6_NEXT_HEADER];
  if ((payload == 0 && nh == PROTO_HOP_BY_HOP) || payload + IPV6_HEADER_LENGTH > available) return 0;
  const uint8_t *end = ip + IPV6_HEADER_LENGTH + payload;
  const uint8_t *p = ip + IPV6_HEADER_LENGTH;
  int fragment = 0;
  for (int hops = 1;; hops++) {
    if (hops > EXT_MAX_CHAIN) return 0;
    if (nh == PROTO_HOP_BY_HOP || nh == PROTO_DEST_OPTIONS || nh == PROTO_ROUTING) {
      if (nh == PROTO_HOP_BY_HOP && hops != 1) return 0;
      if (p + EXT_MIN_LENGTH > end) return 0;
      int len = (p[EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;
      if (p + len > end) return 0;
      if (nh == PROTO_ROUTING) {
        if (p[ROUTING_TYPE] == ROUTING_TYPE_SRH && !srh_ok(p, len)) return 0;
      } else if (!options_ok(p + OPTION_HEADER_LENGTH, p + len)) return 0;
      nh = p[EXT_NEXT_HEADER];
      p += len;
      continue;
    }
    if (nh == PROTO_FRAGMENT) {
      if (p + FRAGMENT_HEADER_LENGTH > end) return 0;
      fragment = 1;
      int non_first = (be16(p + FRAGMENT_OFFSET_FLAGS) & FRAGMENT_OFFSET_MASK) != 0;
      nh = p[EXT_NEXT_HEADER];
      p += FRAGMENT_HEADER_LENGTH;
      if (non_first) return 1;
      continue;
    }
    if (nh == PROTO_AH) {
      if (p + EXT_MIN_LENGTH > end) return 0;
      int len = (p[EXT_LENGTH] + AH_LENGTH_BIAS) * AH_LENGTH_UNIT;
      if (p + len > end) return 0;
      nh = p[EXT_NEXT_HEADER];
      p += len;
      continue;
    }
    break;
  }
  *l4 = (uint16_t)(p - start);
  if (fragment) return 1;
  if (nh == PROTO_TCP) return tcp_ok(p, end);
  if (nh == PROTO_UDP) {
    if (p + UDP_HEADER_LENGTH > end) return 0;
    int len = be16(p + UDP_LENGTH);
    return len >= UDP_HEADER_LENGTH && p + len <= end;
  }
  if (nh == PROTO_ICMPV6) return p + 4 <= end;
  return 1;
}

static int parse_vector(struct vector *v, int n, void *state) {
  uint16_t *l4 = state;
  int clean = 0;
  for (int i = 0; i < n; i++) clean += parse_one(v->mem + v->offsets[i], v->lengths[i], &l4[i]);
  return clean;
}

static struct vector frames;
static uint16_t l4[1024];

int parse_load(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/frames.bin", dir);
  return load_frames(path, &frames, 1024);
}

void parse_bench(int n, double ms) {
  if (n > frames.count) return;
  if (parse_vector(&frames, n, l4) != n) {
    fprintf(stderr, "parse baseline rejected a benchmark frame\n");
    exit(1);
  }
  bench_kernel("parse", parse_vector, &frames, n, l4, ms);
}

void parse_check(int n) {
  int m = n < frames.count ? n : frames.count;
  parse_vector(&frames, m, l4);
  print_check("parse", (const uint8_t *)l4, (size_t)m * 2);
}
