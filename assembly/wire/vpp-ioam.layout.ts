// VPP's pre-standard IOAM options (FDio/vpp src/vnet/ip/ip6_hop_by_hop_packet.h and
// src/plugins/ioam/*). Offsets are from the start of the option (its type octet).
// Trace 0x3B: type | len | ioam trace type (8) | data list elts left (8) | elements
export const VPP_TRACE_TYPE = 2;
export const VPP_TRACE_ELTS_LEFT = 3;
export const VPP_TRACE_DATA = 4;
export const VPP_TRACE_BIT_NODE_ID = 0x01; // hop limit (8) + node id (24)
export const VPP_TRACE_BIT_INGRESS_IF = 0x02; // ingress (16) + egress (16) share one word
export const VPP_TRACE_BIT_EGRESS_IF = 0x04;
export const VPP_TRACE_BIT_TIMESTAMP = 0x08;
export const VPP_TRACE_BIT_APP_DATA = 0x10;
export const VPP_TRACE_BIT_LOOPBACK = 0x20;
export const VPP_TRACE_BIT_LOOPBACK_REPLY = 0x40;
export const VPP_TRACE_TYPE_MASK = 0x7f; // VPP's TRACE_TYPE_MASK: the bits above are not trace fields
// A slot, the one definition of its size and order: one 4-octet word per entry below, written in
// this order and present when any of the entry's trace-type bits is set (node id; the interface
// word, ingress half for 0x02 and egress half for 0x04; timestamp; app data). Loopback (0x20) and
// loopback reply (0x40) are flags and take no room. Every slot size, in the Wasm writer, the
// host, the decoder and the benchmark baselines, is derived from this list (VPP's own size table,
// trace_util.h, disagrees with what its writer stores for 0x0b, 0x0d, 0x0f, 0x13, 0x15, 0x17,
// 0x19 and 0x1b, and allocates nothing for types without the node id).
export const VPP_TRACE_SLOT_WORDS = [0x01, 0x06, 0x08, 0x10];

// POT 0x3C: type | len | pot type (8, always 0) | reserved (4) profile index (4) | random (64) | cumulative (64)
export const VPP_POT_TYPE = 2;
export const VPP_POT_PROFILE_INDEX = 3;
export const VPP_POT_PROFILE_INDEX_MASK = 0x0f;
export const VPP_POT_RANDOM = 4;
export const VPP_POT_CUMULATIVE = 12;
export const VPP_POT_DATA_LENGTH = 18;

// E2E 0x1D: type | len | e2e type (8) | reserved (8) | sequence number (32)
export const VPP_E2E_TYPE = 2;
export const VPP_E2E_RESERVED = 3;
export const VPP_E2E_SEQUENCE = 4;
export const VPP_E2E_DATA_LENGTH = 6;

// E2E-ID 0x1E (M-Anycast): type | len | e2e type (8) = 1 | reserved (40) | node address (128)
export const VPP_E2E_ID_TYPE = 2;
export const VPP_E2E_ID_RESERVED = 3;
export const VPP_E2E_ID_ADDRESS = 8;
export const VPP_E2E_ID_DATA_LENGTH = 22;

// E2E-cache 0x1F (M-Anycast): type | len | e2e type (8) = 2 | pool id (8) | pool index (32, little-endian in VPP)
export const VPP_E2E_CACHE_TYPE = 2;
export const VPP_E2E_CACHE_POOL_ID = 3;
export const VPP_E2E_CACHE_POOL_INDEX = 4;
export const VPP_E2E_CACHE_DATA_LENGTH = 6;

// Every trace field VPP writes is one 32-bit word.
export const VPP_TRACE_WORD = 4;
// The interface word of a trace slot: ingress (16) then egress (16).
export const VPP_TRACE_EGRESS_IF = 2;
