// The VPP classifier in engine memory: the host writes tables and sessions (src/host/classify/),
// ip6-inacl reads them and counts hits into the sessions. Constants only: valid AssemblyScript
// and TypeScript. Every field is little-endian u32 unless its comment says otherwise.
//
// Root (carved by the Wasm engine at start-up, located by the host through classifierRootAddress())
//   -> table directory: u32 table address per table index (0: free index)
//   -> interface array: u32 input-ACL table index per rx interface (CLASSIFY_NONE: no ACL)
//   -> output interface array: u32 output-ACL table index per tx interface (CLASSIFY_NONE: no ACL)
// Table: header | mask | buckets (u32 each: 1 + first session of the chain, 0: empty) | sessions

/** "No table" / "no next table" / "permit" (continue to ip6-lookup): VPP's ~0. */
export const CLASSIFY_NONE = 0xffffffff;
/** The opaque VPP leaves on a miss (and on a hit of a session without an opaque): bit 31 = decap. */
export const CLASSIFY_MISS_OPAQUE_DEFAULT = 0xffffffff;
/** Classification vectors are 16 octets; a table matches 1..5 of them (VPP's u32x4 vectors). */
export const CLASSIFY_VECTOR_SIZE = 16;
export const CLASSIFY_MATCH_MAX = 5;
/** A next-table chain longer than this is cut (the host refuses cycles; this guards the walk). */
export const CLASSIFY_CHAIN_MAX = 64;

export const ROOT_MISS_OPAQUE = 0; // opaque written into every packet ip6-inacl sees before lookup
export const ROOT_TABLES = 4; // address of the table directory
export const ROOT_TABLE_COUNT = 8; // entries in the directory
export const ROOT_INTERFACE_TABLES = 12; // address of the per-interface array
export const ROOT_INTERFACE_COUNT = 16; // entries in that array
export const ROOT_OUTPUT_INTERFACE_TABLES = 20; // address of the per-interface array of output-ACL tables (by tx interface)
export const ROOT_OUTPUT_INTERFACE_COUNT = 24; // entries in that array
export const ROOT_SIZE = 32;

export const TABLE_SKIP = 0; // vectors skipped before the match
export const TABLE_MATCH = 4; // vectors matched, 1..CLASSIFY_MATCH_MAX
export const TABLE_NEXT_TABLE = 8; // table index tried on a miss, or CLASSIFY_NONE
export const TABLE_MISS_NEXT = 12; // node id for a miss at the end of the chain, or CLASSIFY_NONE
export const TABLE_CURRENT_DATA_FLAG = 16; // 0: classify from the frame start; 1: from the IPv6 header
export const TABLE_CURRENT_DATA_OFFSET = 20; // i32, added to the IPv6 header's offset when the flag is 1
export const TABLE_BUCKET_MASK = 24; // bucket count - 1 (the count is a power of two)
export const TABLE_SESSION_SIZE = 28; // octets per session record
export const TABLE_BUCKETS = 32; // offset of the bucket array from the table start
export const TABLE_SESSIONS = 36; // offset of the session records from the table start
export const TABLE_MASK = 48; // TABLE_MATCH vectors, stored as keys are (below)
export const TABLE_HEADER_SIZE = TABLE_MASK + CLASSIFY_MATCH_MAX * CLASSIFY_VECTOR_SIZE;

export const SESSION_NEXT = 0; // 1 + index of the next session in the same bucket, 0: last
export const SESSION_HIT_NEXT = 4; // node id, or CLASSIFY_NONE: continue to ip6-lookup
export const SESSION_OPAQUE = 8;
export const SESSION_ADVANCE = 12; // i32: moves the IPv6 header offset ("current") on a hit
export const SESSION_HITS = 16; // u64, counted by ip6-inacl
export const SESSION_LAST_HEARD = 24; // u64: engine clock (ns) at the last hit
export const SESSION_KEY = 32; // TABLE_MATCH vectors, already AND-ed with the table mask
export const SESSION_HEADER_SIZE = SESSION_KEY;

// Masks and keys are arrays of u64 words, each holding 8 packet octets read in network order
// (what ld64 returns), stored in the engine's little-endian memory: the host writes each group of
// 8 octets byte-reversed. Lookups then compare and hash whole words without swapping them back.
export const CLASSIFY_WORD_SIZE = 8;

// Bucket hash over the masked words, taken as 32-bit halves (high half first): for each half w,
// h = imul(h ^ w, HASH_MULTIPLIER); h ^= h >>> 16. Then h ^= h >>> 13; h = imul(h, HASH_FINAL);
// h ^= h >>> 16; bucket = h & bucket mask. The host places sessions with the same function.
export const CLASSIFY_HASH_SEED = 0x811c9dc5;
export const CLASSIFY_HASH_MULTIPLIER = 0x9e3779b1;
export const CLASSIFY_HASH_FINAL = 0x85ebca6b;
