// IOAM in IPv6 options (RFC 9486 §3) carrying RFC 9197 data.
//  option type 0x31 | opt data len | reserved (8) | IOAM option-type (8) | IOAM data ...
export const IOAM_RESERVED = 2; // from the option start
export const IOAM_OPTION_TYPE = 3;
export const IOAM_DATA = 4;
export const IOAM_OPTION_HEADER_LENGTH = 4;
// RFC 9486: every IOAM option starts at a 4n offset from the extension header start.
export const IOAM_ALIGNMENT = 4;

export const IOAM_TYPE_PREALLOC_TRACE = 0;
export const IOAM_TYPE_INCREMENTAL_TRACE = 1;
export const IOAM_TYPE_POT = 2;
export const IOAM_TYPE_E2E = 3;
export const IOAM_TYPE_DEX = 4;

// Trace option header (RFC 9197 §4.4.1), offsets from the start of the IOAM data.
//  namespace-id (16) | nodelen (5) flags (4) remaining-len (7) | trace-type (24) | reserved (8)
export const TRACE_NAMESPACE = 0;
export const TRACE_NODELEN_FLAGS_REMLEN = 2;
export const TRACE_TYPE = 4; // 24 bits in the high three octets of the 32-bit word
export const TRACE_RESERVED = 7;
export const TRACE_HEADER_LENGTH = 8;
export const TRACE_NODELEN_SHIFT = 11;
export const TRACE_FLAGS_SHIFT = 7;
export const TRACE_FLAGS_MASK = 0x0f;
export const TRACE_FLAG_OVERFLOW = 0x8; // O, within the 4-bit flags value
export const TRACE_FLAG_LOOPBACK = 0x4;
export const TRACE_FLAG_ACTIVE = 0x2;
export const TRACE_FLAG_RESERVED = 0x1;
export const TRACE_REMLEN_MASK = 0x7f;
export const TRACE_WORD = 4; // NodeLen and RemainingLen count 4-octet words
// Linux IOAM6_TRACE_DATA_SIZE_MAX: what fits in one IPv6 option after the headers.
export const TRACE_DATA_MAX = 244;

// Trace-type bits (bit 0 is the most significant of the 24-bit field).
export const TRACE_BIT_HOPLIM_NODE_ID = 0x800000;
export const TRACE_BIT_IF_IDS = 0x400000;
export const TRACE_BIT_TS_SECONDS = 0x200000;
export const TRACE_BIT_TS_FRACTION = 0x100000;
export const TRACE_BIT_TRANSIT_DELAY = 0x080000;
export const TRACE_BIT_NS_DATA = 0x040000;
export const TRACE_BIT_QUEUE_DEPTH = 0x020000;
export const TRACE_BIT_CHECKSUM_COMPLEMENT = 0x010000;
export const TRACE_BIT_HOPLIM_NODE_ID_WIDE = 0x008000;
export const TRACE_BIT_IF_IDS_WIDE = 0x004000;
export const TRACE_BIT_NS_DATA_WIDE = 0x002000;
export const TRACE_BIT_BUFFER_OCCUPANCY = 0x001000;
export const TRACE_BITS_UNDEFINED = 0x000ffc; // bits 12..21, 4 octets each
export const TRACE_BIT_OSS = 0x000002; // opaque state snapshot, variable length
export const TRACE_BIT_RESERVED = 0x000001;
// The octets each trace-type bit adds to one node's data, bit 0 (mask 0x800000) first: the one
// definition of NodeLen (Linux ioam6.c, after the 2026 fix: bits 8-10 two words, bits 0-7 and
// 11-21 one word). Bit 22, the Opaque State Snapshot, is variable (a header word plus the schema)
// and counted apart; bit 23 is reserved and adds nothing. The Wasm writer, the host, the decoder
// and the benchmark baselines all derive their sizes from this list.
export const TRACE_BIT_OCTETS = [4, 4, 4, 4, 4, 4, 4, 4, 8, 8, 8, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0];
export const TRACE_TYPE_BITS = 24;
export const OSS_HEADER_LENGTH = 4; // length (8, words) | schema id (24)

// POT (RFC 9197 §4.5): namespace (16) | pot type (8) | flags (8) | random (64) | cumulative (64)
export const POT_NAMESPACE = 0;
export const POT_TYPE = 2;
export const POT_FLAGS = 3;
export const POT_RANDOM = 4;
export const POT_CUMULATIVE = 12;
export const POT_LENGTH = 20;

// E2E (RFC 9197 §4.6): namespace (16) | e2e type (16) | data
export const E2E_NAMESPACE = 0;
export const E2E_TYPE = 2;
export const E2E_HEADER_LENGTH = 4;

// DEX (RFC 9326): namespace (16) | flags (8) | extension flags (8) | trace type (24) | reserved
export const DEX_NAMESPACE = 0;
export const DEX_FLAGS = 2;
export const DEX_EXTENSION_FLAGS = 3;
export const DEX_TRACE_TYPE = 4;
export const DEX_HEADER_LENGTH = 8;

// Inside a node: hop limit (8) then the 24-bit or 56-bit node id.
export const TRACE_NODE_ID = 1;
export const TRACE_WIDE_NODE_ID_LENGTH = 7;
// The opaque state snapshot header: length (8, words) then the 24-bit schema id.
export const OSS_SCHEMA_ID = 1;
// E2E type bits (16-bit bitmap, bit 0 first) and DEX extension flags.
export const E2E_BIT_SEQ64 = 0x8000;
export const E2E_BIT_SEQ32 = 0x4000;
export const E2E_BIT_TS_SECONDS = 0x2000;
export const E2E_BIT_TS_FRACTION = 0x1000;
export const E2E_BITS_UNDEFINED = 0x0fff;
export const DEX_EXT_FLOW_ID = 0x80;
export const DEX_EXT_SEQUENCE = 0x40;
// The short interface word: ingress (16) then egress (16); the wide one: two 32-bit ids.
export const TRACE_NODE_EGRESS_ID = 2;
export const TRACE_NODE_EGRESS_ID_WIDE = 4;
