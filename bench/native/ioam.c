/* Baseline: the IOAM hop-by-hop work in C, the same steps as the Wasm nodes (assembly/graph/
 * add-hop-by-hop.ts, hop-by-hop.ts, pop-hop-by-hop.ts, assembly/ioam/{vpp,rfc}-trace.ts) on the same
 * IOAM and POT configuration blocks the engine holds after its CLI config (dumped from its memory;
 * layouts via layout.h). encap = insert the rewrite in the headroom + the node's own hop (trace
 * slot, POT start); transit = the option walk; decap = POT verify + header removal. Counters are kept
 * per reason as the Wasm nodes keep theirs. Inputs: ioam-frames.bin and ioam-<variant>.bin =
 * u32 rx_if | u32 tx_if | u32 sec | u32 nsec | u32 size | IOAM block | u32 size | POT block. */
#include "harness.h"
#include "layout.h"
#include "pot.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ioam {
  char name[32];
  uint32_t rx_if, tx_if, sec, nsec;
  uint8_t config[IOAM_CONFIG_SIZE];
  uint8_t pot_block[POT_CONFIG_SIZE];
  uint8_t *pot; /* pot_block or NULL */
  struct vector v;
  uint16_t l3[1024];
  uint16_t hbh[1024];
  uint8_t *transit_input; /* packet bytes of the encapsulated vector, packet i at i * BUFFER_STRIDE */
  uint64_t counters[ERROR_COUNT];
};

#define WALK_OK 0
#define WALK_HANDLER_FAILED (-1)

static uint32_t vpp_slot_size(uint32_t type) {
  return VPP_TRACE_SLOT_SIZES[type & VPP_TRACE_TYPE_MASK];
}

static uint32_t vpp_timestamp(uint32_t tsp, uint32_t sec, uint32_t nsec) {
  uint64_t ns = (uint64_t)sec * 1000000000u + nsec;
  if (tsp == 0) return sec;
  if (tsp == 1) return (uint32_t)(ns / 1000000);
  if (tsp == 2) return (uint32_t)(ns / 1000);
  return (uint32_t)ns;
}

static int vpp_trace_update(uint8_t *option, const struct ioam *s, uint32_t hop_limit) {
  const uint8_t *config = s->config;
  if (!(le32(config + IOAM_FLAGS) & IOAM_FLAG_VPP_TRACE_PROFILE)) return ERR_TRACE_NO_PROFILE;
  uint32_t type = option[VPP_TRACE_TYPE];
  if (type & VPP_TRACE_BIT_LOOPBACK_REPLY) return ERR_TRACE_LOOPBACK_REPLY;
  uint32_t left = option[VPP_TRACE_ELTS_LEFT];
  if (left == 0) return ERR_TRACE_NO_SPACE;
  uint32_t slot_size = vpp_slot_size(type);
  uint32_t slot = left - 1;
  const uint8_t *option_end = option + OPTION_DATA + option[OPTION_LENGTH];
  uint8_t *p = option + VPP_TRACE_DATA + slot * slot_size;
  if (slot_size == 0 || p + slot_size > option_end) return ERR_TRACE_BAD_ELTS;
  option[VPP_TRACE_ELTS_LEFT] = (uint8_t)slot;
  if (type & VPP_TRACE_BIT_NODE_ID) {
    put_be32(p, (hop_limit << 24) | (le32(config + VPP_PROFILE_NODE_ID) & 0xffffff));
    p += 4;
  }
  if (type & (VPP_TRACE_BIT_INGRESS_IF | VPP_TRACE_BIT_EGRESS_IF)) {
    uint32_t ingress = type & VPP_TRACE_BIT_INGRESS_IF ? (s->rx_if & 0xffff) << 16 : 0;
    uint32_t egress = type & VPP_TRACE_BIT_EGRESS_IF ? s->tx_if & 0xffff : 0;
    put_be32(p, ingress | egress);
    p += 4;
  }
  if (type & VPP_TRACE_BIT_TIMESTAMP) {
    put_be32(p, vpp_timestamp(config[VPP_PROFILE_TSP], s->sec, s->nsec));
    p += 4;
  }
  if (type & VPP_TRACE_BIT_APP_DATA) put_be32(p, le32(config + VPP_PROFILE_APP_DATA));
  return ERR_TRACE_UPDATED;
}

static const uint8_t *find_namespace(const uint8_t *config, uint32_t id) {
  uint32_t count = le32(config + NAMESPACE_COUNT);
  for (uint32_t i = 0; i < count; i++) {
    const uint8_t *entry = config + NAMESPACE_TABLE + (size_t)i * NAMESPACE_ENTRY_SIZE;
    if ((uint32_t)(entry[NAMESPACE_ID] | (entry[NAMESPACE_ID + 1] << 8)) == id) return entry;
  }
  return NULL;
}

/* The interface's IOAM record (ioam6_enabled, ioam6_id, ioam6_id_wide), NULL past the table. */
static inline const uint8_t *ioam_interface(const uint8_t *config, uint32_t if_index) {
  return if_index < IOAM6_INTERFACES_MAX ? config + IOAM6_INTERFACES + (size_t)if_index * IOAM6_INTERFACE_SIZE : NULL;
}

static inline uint32_t interface_id(const uint8_t *config, uint32_t if_index) {
  const uint8_t *record = ioam_interface(config, if_index);
  return record ? le32(record + IOAM6_INTERFACE_ID) & 0xffff : IOAM6_DEFAULT_INTERFACE_ID;
}

static inline uint32_t interface_id_wide(const uint8_t *config, uint32_t if_index) {
  const uint8_t *record = ioam_interface(config, if_index);
  return record ? le32(record + IOAM6_INTERFACE_ID_WIDE) : IOAM6_DEFAULT_INTERFACE_ID_WIDE;
}

static inline int ioam_enabled_on(const uint8_t *config, uint32_t if_index) {
  const uint8_t *record = ioam_interface(config, if_index);
  return record && (le32(record + IOAM6_INTERFACE_FLAGS) & IOAM6_INTERFACE_ENABLED);
}

static int rfc_trace_update(uint8_t *option, const struct ioam *s, uint32_t hop_limit) {
  const uint8_t *config = s->config;
  uint32_t option_length = option[OPTION_LENGTH];
  if (option_length < 2) return ERR_RFC_TRACE_TRUNCATED;
  if (option[IOAM_OPTION_TYPE] != IOAM_TYPE_PREALLOC_TRACE) return ERR_NONE;
  if (option_length < 2 + TRACE_HEADER_LENGTH) return ERR_RFC_TRACE_TRUNCATED;
  uint8_t *trace = option + IOAM_DATA;
  uint32_t word = be16(trace + TRACE_NODELEN_FLAGS_REMLEN);
  uint32_t remaining = word & TRACE_REMLEN_MASK;
  uint32_t node_len = word >> TRACE_NODELEN_SHIFT;
  if (2 + TRACE_HEADER_LENGTH + remaining * TRACE_WORD > option_length) return ERR_RFC_TRACE_TRUNCATED;
  uint32_t type = be32(trace + TRACE_TYPE) >> 8;
  if (node_len != (uint32_t)__builtin_popcount(type & TRACE_ONE_WORD_BITS) + 2 * (uint32_t)__builtin_popcount(type & TRACE_TWO_WORD_BITS)) {
    return ERR_RFC_TRACE_BAD_NODELEN;
  }
  const uint8_t *ns = find_namespace(config, be16(trace + TRACE_NAMESPACE));
  if (!ns) return ERR_RFC_TRACE_UNKNOWN_NAMESPACE;
  if ((word >> TRACE_FLAGS_SHIFT) & TRACE_FLAG_OVERFLOW) return ERR_RFC_TRACE_OVERFLOW;
  uint32_t snapshot_words = type & TRACE_BIT_OSS ? 1 : 0;
  uint32_t needed = node_len + snapshot_words;
  if (remaining == 0 || remaining < needed) {
    put_be16(trace + TRACE_NODELEN_FLAGS_REMLEN, word | (TRACE_FLAG_OVERFLOW << TRACE_FLAGS_SHIFT));
    return ERR_RFC_TRACE_OVERFLOW;
  }
  uint8_t *p = trace + TRACE_HEADER_LENGTH + (remaining - needed) * TRACE_WORD;
  uint32_t node_id = le32(config + IOAM6_NODE_ID) & 0xffffff;
  if (type & TRACE_BIT_HOPLIM_NODE_ID) { put_be32(p, (hop_limit << 24) | node_id); p += 4; }
  if (type & TRACE_BIT_IF_IDS) {
    put_be32(p, (interface_id(config, s->rx_if) << 16) | interface_id(config, s->tx_if));
    p += 4;
  }
  if (type & TRACE_BIT_TS_SECONDS) { put_be32(p, s->sec); p += 4; }
  if (type & TRACE_BIT_TS_FRACTION) { put_be32(p, s->nsec / 1000); p += 4; }
  if (type & TRACE_BIT_TRANSIT_DELAY) { put_be32(p, 0xffffffff); p += 4; }
  if (type & TRACE_BIT_NS_DATA) { put_be32(p, le32(ns + NAMESPACE_DATA)); p += 4; }
  /* Queue depth: packets queued for the sending interface, none in these kernels. */
  if (type & TRACE_BIT_QUEUE_DEPTH) { put_be32(p, 0); p += 4; }
  if (type & TRACE_BIT_CHECKSUM_COMPLEMENT) { put_be32(p, 0xffffffff); p += 4; }
  if (type & TRACE_BIT_HOPLIM_NODE_ID_WIDE) {
    put_be64(p, ((uint64_t)hop_limit << 56) | (le64(config + IOAM6_NODE_ID_WIDE) & 0x00ffffffffffffffull));
    p += 8;
  }
  if (type & TRACE_BIT_IF_IDS_WIDE) {
    put_be32(p, interface_id_wide(config, s->rx_if));
    put_be32(p + 4, interface_id_wide(config, s->tx_if));
    p += 8;
  }
  if (type & TRACE_BIT_NS_DATA_WIDE) { put_be64(p, le64(ns + NAMESPACE_DATA_WIDE)); p += 8; }
  if (type & TRACE_BIT_BUFFER_OCCUPANCY) { put_be32(p, 0xffffffff); p += 4; }
  for (int undefined_bits = __builtin_popcount(type & TRACE_BITS_UNDEFINED); undefined_bits > 0; undefined_bits--) {
    put_be32(p, 0xffffffff);
    p += 4;
  }
  /* The benchmark's namespaces have no schema (its data lives outside the IOAM block). */
  if (snapshot_words) put_be32(p, 0x00ffffff);
  put_be16(trace + TRACE_NODELEN_FLAGS_REMLEN, word - needed);
  return ERR_RFC_TRACE_UPDATED;
}

static inline int handler_failed(int reason) {
  return reason == ERR_TRACE_NO_PROFILE || reason == ERR_POT_NO_PROFILE || reason == ERR_POT_BAD_LENGTH;
}

static int walk_options(struct ioam *s, int i, int encapsulating) {
  uint8_t *pkt = s->v.mem + s->v.offsets[i];
  uint8_t *hbh = pkt + s->hbh[i];
  const uint8_t *end = hbh + ((size_t)hbh[EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;
  uint32_t hop_limit = pkt[s->l3[i] + IPV6_HOP_LIMIT];
  /* As the engine: a receiving node records its hop limit minus one; the encapsulating node, a
   * bump in the wire here, the one the packet leaves with. */
  uint32_t rfc_hop_limit = encapsulating ? hop_limit : (hop_limit - 1) & 0xff;
  uint8_t *p = hbh + OPTION_HEADER_LENGTH;
  while (p < end) {
    uint32_t type = p[0];
    if (type == OPT_PAD1) { p++; continue; }
    uint8_t *next = p + OPTION_DATA + p[OPTION_LENGTH];
    int reason = ERR_NONE;
    if (type == OPT_VPP_TRACE) reason = vpp_trace_update(p, s, hop_limit);
    else if (type == OPT_VPP_POT) reason = s->pot ? pot_update(p, s->pot, s->sec, s->counters) : ERR_POT_NO_PROFILE;
    else if (type == OPT_IOAM) {
      if ((p - hbh) % IOAM_ALIGNMENT != 0) return ERR_RFC_IOAM_MISALIGNED;
      reason = !encapsulating && !ioam_enabled_on(s->config, s->rx_if) ? ERR_RFC_TRACE_DISABLED : rfc_trace_update(p, s, rfc_hop_limit);
      if (reason == ERR_RFC_TRACE_BAD_NODELEN || reason == ERR_RFC_TRACE_TRUNCATED) return reason;
    } else if (type != OPT_PADN && (type & OPTION_ACTION_MASK) != OPTION_ACTION_SKIP) return ERR_HBH_UNKNOWN_DROP;
    if (reason != ERR_NONE) s->counters[reason]++;
    if (handler_failed(reason)) return WALK_HANDLER_FAILED;
    p = next;
  }
  return WALK_OK;
}

static int hop_by_hop(struct ioam *s, int i, int encapsulating) {
  int walk = walk_options(s, i, encapsulating);
  if (walk > WALK_OK) {
    s->counters[walk]++;
    return 0;
  }
  s->counters[walk == WALK_HANDLER_FAILED ? ERR_HBH_FORMAT : ERR_HBH_PROCESSED]++;
  return 1;
}

static int transit_kernel(struct vector *v, int n, void *state) {
  (void)v;
  struct ioam *s = state;
  int forwarded = 0;
  for (int i = 0; i < n; i++) if (s->hbh[i] && hop_by_hop(s, i, 0)) forwarded++;
  return forwarded;
}

static int encap_kernel(struct vector *v, int n, void *state) {
  struct ioam *s = state;
  uint32_t length = le32(s->config + REWRITE_LENGTH);
  const uint8_t *rewrite = s->config + REWRITE_BYTES;
  int added = 0;
  for (int i = 0; i < n; i++) {
    if (length == 0) { s->counters[ERR_ADD_HBH_NO_REWRITE]++; continue; }
    if (s->hbh[i]) { s->counters[ERR_ADD_HBH_HAS_HBH]++; hop_by_hop(s, i, 1); continue; }
    uint32_t start = v->offsets[i];
    if (start - (uint32_t)i * BUFFER_STRIDE < length) { s->counters[ERR_ADD_HBH_NO_ROOM]++; continue; }
    uint32_t l3 = s->l3[i];
    uint32_t at = l3 + IPV6_HEADER_LENGTH;
    uint8_t *moved = v->mem + start - length;
    memmove(moved, moved + length, at);
    v->offsets[i] = start - length;
    v->lengths[i] = (uint16_t)(v->lengths[i] + length);
    uint8_t *gap = moved + at;
    memcpy(gap, rewrite, length);
    uint8_t *ip = moved + l3;
    gap[EXT_NEXT_HEADER] = ip[IPV6_NEXT_HEADER];
    ip[IPV6_NEXT_HEADER] = PROTO_HOP_BY_HOP;
    put_be16(ip + IPV6_PAYLOAD_LENGTH, be16(ip + IPV6_PAYLOAD_LENGTH) + length);
    s->hbh[i] = (uint16_t)at;
    s->counters[ERR_ADD_HBH_ADDED]++;
    added++;
    hop_by_hop(s, i, 1);
  }
  return added;
}

static int decap_kernel(struct vector *v, int n, void *state) {
  struct ioam *s = state;
  int removed = 0;
  for (int i = 0; i < n; i++) {
    uint32_t hbh_offset = s->hbh[i];
    if (!hbh_offset) { s->counters[ERR_POP_HBH_NONE]++; continue; }
    uint8_t *start = v->mem + v->offsets[i];
    uint8_t *hbh = start + hbh_offset;
    uint32_t length = ((uint32_t)hbh[EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;
    const uint8_t *end = hbh + length;
    for (const uint8_t *p = hbh + OPTION_HEADER_LENGTH; p < end;) {
      if (p[0] == OPT_PAD1) { p++; continue; }
      if (p[0] == OPT_VPP_POT) s->counters[pot_verify(p, s->pot)]++;
      p += OPTION_DATA + p[OPTION_LENGTH];
    }
    uint8_t *ip = start + s->l3[i];
    ip[IPV6_NEXT_HEADER] = hbh[EXT_NEXT_HEADER];
    put_be16(ip + IPV6_PAYLOAD_LENGTH, be16(ip + IPV6_PAYLOAD_LENGTH) - length);
    memmove(start + length, start, hbh_offset);
    v->offsets[i] += length;
    v->lengths[i] = (uint16_t)(v->lengths[i] - length);
    s->hbh[i] = 0;
    s->counters[ERR_POP_HBH_REMOVED]++;
    removed++;
  }
  return removed;
}

static int restore_transit_input(struct vector *v, int n, void *state) {
  struct ioam *s = state;
  for (int i = 0; i < n; i++) memcpy(v->mem + v->offsets[i], s->transit_input + (size_t)i * BUFFER_STRIDE, v->lengths[i]);
  return 0;
}

static void snapshot_transit_input(struct ioam *s) {
  if (!s->transit_input) s->transit_input = malloc((size_t)s->v.count * BUFFER_STRIDE);
  for (int i = 0; i < s->v.count; i++) memcpy(s->transit_input + (size_t)i * BUFFER_STRIDE, s->v.mem + s->v.offsets[i], s->v.lengths[i]);
}

static struct ioam variants[3];
static int variant_count;
static const char *const variant_names[] = {"vpp", "vpp-pot", "rfc"};

int ioam_load(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/ioam-frames.bin", dir);
  for (int k = 0; k < 3; k++) {
    char file[64];
    snprintf(file, sizeof file, "ioam-%s.bin", variant_names[k]);
    size_t size;
    uint8_t *bytes = load_file(dir, file, &size);
    if (!bytes) continue;
    struct ioam *s = &variants[variant_count];
    memset(s, 0, sizeof *s);
    if (size < 24 || le32(bytes + 16) != IOAM_CONFIG_SIZE || size < 24 + IOAM_CONFIG_SIZE) {
      fprintf(stderr, "%s: IOAM block size differs from layout.h (rebuild the bench)\n", file);
      free(bytes);
      continue;
    }
    snprintf(s->name, sizeof s->name, "%s", variant_names[k]);
    s->rx_if = le32(bytes);
    s->tx_if = le32(bytes + 4);
    s->sec = le32(bytes + 8);
    s->nsec = le32(bytes + 12);
    memcpy(s->config, bytes + 20, IOAM_CONFIG_SIZE);
    uint32_t pot_size = le32(bytes + 20 + IOAM_CONFIG_SIZE);
    if (pot_size == POT_CONFIG_SIZE && size >= 24 + IOAM_CONFIG_SIZE + POT_CONFIG_SIZE) {
      memcpy(s->pot_block, bytes + 24 + IOAM_CONFIG_SIZE, POT_CONFIG_SIZE);
      s->pot = s->pot_block;
    }
    free(bytes);
    if (load_frames(path, &s->v, 1024) <= 0) return 0;
    for (int i = 0; i < s->v.count; i++) s->l3[i] = ETHERNET_HEADER_LENGTH;
    variant_count++;
  }
  return variant_count;
}

static void kernel_name(char *out, size_t size, const char *step, const struct ioam *s) {
  snprintf(out, size, "ioam-%s-%.31s", step, s->name);
}

void ioam_bench(int n, double ms) {
  for (int k = 0; k < variant_count; k++) {
    struct ioam *s = &variants[k];
    if (n > s->v.count) continue;
    char name[64];
    /* from plain packets: encapsulate once, then transit (restoring its input), encap, decap */
    if (!s->hbh[0]) encap_kernel(&s->v, n, s);
    snapshot_transit_input(s);
    kernel_name(name, sizeof name, "transit", s);
    bench_phased(name, restore_transit_input, transit_kernel, &s->v, n, s, ms);
    kernel_name(name, sizeof name, "encap", s);
    bench_phased(name, decap_kernel, encap_kernel, &s->v, n, s, ms);
    decap_kernel(&s->v, n, s);
    kernel_name(name, sizeof name, "decap", s);
    bench_phased(name, encap_kernel, decap_kernel, &s->v, n, s, ms);
  }
}

/* One pass of each step on the first n packets from their plain form: encap, transit, decap. */
void ioam_check(int n) {
  for (int k = 0; k < variant_count; k++) {
    struct ioam *s = &variants[k];
    int m = n < s->v.count ? n : s->v.count;
    char name[64];
    const char *steps[] = {"encap", "transit", "decap"};
    kernel_fn fns[] = {encap_kernel, transit_kernel, decap_kernel};
    for (int step = 0; step < 3; step++) {
      fns[step](&s->v, m, s);
      size_t total = 0;
      for (int i = 0; i < m; i++) total += s->v.lengths[i];
      uint8_t *out = malloc(total + 1);
      size_t at = 0;
      for (int i = 0; i < m; i++) {
        memcpy(out + at, s->v.mem + s->v.offsets[i], s->v.lengths[i]);
        at += s->v.lengths[i];
      }
      kernel_name(name, sizeof name, steps[step], s);
      print_check(name, out, total);
      free(out);
    }
  }
}
