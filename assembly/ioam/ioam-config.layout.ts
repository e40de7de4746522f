// The IOAM configuration block the host writes into engine memory and the Wasm nodes read:
// the VPP trace profile, the RFC 9197 trace profile, the IOAM namespaces this node knows, the
// hop-by-hop rewrite that ip6-add-hop-by-hop inserts, and the trace export ring.
// Constants only: valid AssemblyScript and TypeScript.

// Flags (u32 at IOAM_FLAGS)
export const IOAM_FLAGS = 0;
export const IOAM_FLAG_VPP_TRACE_PROFILE = 0x2;
export const IOAM_FLAG_RFC_TRACE_PROFILE = 0x4;
export const IOAM_FLAG_EXPORT = 0x8;

// VPP trace profile (`set ioam-trace profile trace-type ... trace-elts ... trace-tsp ... node-id ... app-data ...`)
export const VPP_PROFILE_TRACE_TYPE = 4; // u8
export const VPP_PROFILE_ELTS = 5; // u8
export const VPP_PROFILE_TSP = 6; // u8: 0 s, 1 ms, 2 us, 3 ns
export const VPP_PROFILE_NODE_ID = 8; // u32
export const VPP_PROFILE_APP_DATA = 12; // u32

// This node's IOAM identity for RFC 9197 traces, as Linux's sysctls hold it (`set ioam6 node-id`):
// net.ipv6.ioam6_id (24 bits, default 0xFFFFFF) and net.ipv6.ioam6_id_wide (56 bits).
export const RFC_PROFILE_NAMESPACE = 16; // u16: the RFC profile's namespace (shown, not used by the data plane)
export const IOAM6_NODE_ID = 20; // u32, 24 bits used
export const IOAM6_NODE_ID_WIDE = 32; // u64, 56 bits used

// Namespaces (`set ioam6 namespace ID [data 0x..] [wide 0x..] [schema SID]`): a node fills only the
// traces of a namespace it knows, encapsulating or transit, as Linux does.
export const NAMESPACE_COUNT = 48; // u32
export const NAMESPACE_TABLE = 64;
export const NAMESPACE_ID = 0; // u16
export const NAMESPACE_DATA = 4; // u32
export const NAMESPACE_DATA_WIDE = 8; // u64
// The schema bound to the namespace (`set ioam6 schema`), written for trace bit 22 (Opaque State
// Snapshot): SCHEMA_WORDS = 0 when none (Linux then writes 00 FF FF FF), else 1 + its data words.
export const NAMESPACE_SCHEMA_WORDS = 16; // u32
export const NAMESPACE_SCHEMA_HEADER = 20; // u32: length in words (8) | schema id (24), as sent
export const NAMESPACE_SCHEMA_DATA = 24; // u32: address of the data, zero-padded to 4n
export const NAMESPACE_ENTRY_SIZE = 32;
export const NAMESPACE_MAX = 64;
// Linux's IOAM6_MAX_SCHEMA_DATA_LEN: 255 words.
export const SCHEMA_DATA_MAX = 1020;

// Per interface, as Linux's net.ipv6.conf.IF.ioam6_enabled / ioam6_id / ioam6_id_wide
// (`set interface ioam6 IF ...`): whether RFC 9197 traces arriving on it are processed, and the ids
// traces carry for it (defaults 0xFFFF and 0xFFFFFFFF, every value settable, 0xFFFFFFFF included).
export const IOAM6_INTERFACES = NAMESPACE_TABLE + NAMESPACE_MAX * NAMESPACE_ENTRY_SIZE;
export const IOAM6_INTERFACE_FLAGS = 0; // u32: IOAM6_INTERFACE_ENABLED
export const IOAM6_INTERFACE_ID = 4; // u32, 16 bits used
export const IOAM6_INTERFACE_ID_WIDE = 8; // u32
export const IOAM6_INTERFACE_SIZE = 16;
export const IOAM6_INTERFACES_MAX = 256; // interfaces past it have IOAM off and the default ids
export const IOAM6_INTERFACE_ENABLED = 0x1;
export const IOAM6_DEFAULT_INTERFACE_ID = 0xffff;
export const IOAM6_DEFAULT_INTERFACE_ID_WIDE = 0xffffffff;

// The hop-by-hop header template inserted by ip6-add-hop-by-hop (its next header is filled per packet).
export const REWRITE_LENGTH = 52; // u32
export const REWRITE_BYTES = IOAM6_INTERFACES + IOAM6_INTERFACES_MAX * IOAM6_INTERFACE_SIZE;
export const REWRITE_MAX = 320; // the largest trace + POT + E2E header is 288 octets

// Trace export: one record per packet decapsulated while export is on, reset every vector.
export const EXPORT_COUNT = 56; // u32: records written in the last vector
export const EXPORT_RING = 60; // u32: address of the record ring
export const EXPORT_RECORD_TS_SEC = 0; // u64: the packet's receive time, seconds
export const EXPORT_RECORD_RX_IF = 8; // u16
export const EXPORT_RECORD_HBH_LENGTH = 10; // u16: octets of hop-by-hop header copied
export const EXPORT_RECORD_TS_NSEC = 12; // u32
export const EXPORT_RECORD_SRC = 16; // 16 octets: IPv6 source
export const EXPORT_RECORD_DST = 32; // 16 octets: IPv6 destination
export const EXPORT_RECORD_HBH = 48; // the whole hop-by-hop header
export const EXPORT_RECORD_SIZE = EXPORT_RECORD_HBH + 2048; // an HBH is at most 2048 octets
export const EXPORT_RECORDS_MAX = 1024;

export const IOAM_CONFIG_SIZE = REWRITE_BYTES + REWRITE_MAX;

// Edge-to-edge sequence numbers (VPP option 0x1D), one record per IOAM flow: the classifier
// opaque of `ioam-encap NAME` / `ioam-decap NAME` sessions (bit 31 aside) names the flow.
export const E2E_FLOWS_MAX = 1024;
export const E2E_NEXT_SEQUENCE = 0; // u32: last number the encapsulator sent
export const E2E_HIGHEST = 4; // u32: highest number the decapsulator saw
export const E2E_RECEIVED = 8; // u64
export const E2E_LOST = 16; // u64
export const E2E_REORDERED = 24; // u64
export const E2E_DUPLICATES = 32; // u64
export const E2E_WINDOW = 40; // u64: bit k = highest - k was seen
export const E2E_FLOW_SIZE = 48;
export const E2E_WINDOW_BITS = 64;
// VPP: opaque 0x7FFFFFFF means "no sequence numbers for this flow".
export const E2E_BYPASS_FLOW = 0x7fffffff;
