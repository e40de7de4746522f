// The IPv6 FIB as the host writes it into engine memory and ip6-lookup / ip6-rewrite read it.
// Constants only: valid AssemblyScript and TypeScript (host writer, Wasm reader, benchmark baselines).
//
// Longest-prefix match: one open-addressing hash table per populated prefix length, probed from
// the longest populated length down; the first hit is the longest match. This is VPP's own ip6-fib
// design (one hash per non-empty prefix length, searched in descending order): updates touch one
// slot, 100,000 prefixes cost 100,000 slots and no per-level node memory, and a lookup costs one
// probe per populated length longer than the match, a handful in real tables (/128 hosts, /64
// subnets, /48 sites, /32 and shorter aggregates, /0). A multibit trie would bound the probes by the
// stride count but costs memory per node and rebuilds on inserts; binary search on lengths
// (Waldvogel) needs markers that make deletes non-local.
//
// Root block (allocated by the Wasm module at start, address from fibRootAddress()):
export const FIB_ROOT_MISS_DPO = 0; // u32: what a lookup that matches nothing returns (DPO_NONE until a FIB is configured)
export const FIB_ROOT_LENGTH_COUNT = 4; // u32: how many prefix lengths hold prefixes
export const FIB_ROOT_ADJACENCIES = 8; // u32: address of the adjacency array
export const FIB_ROOT_ADJACENCY_COUNT = 12; // u32: entries in it
export const FIB_ROOT_INTERFACES = 16; // u32: address of one FIB_INTERFACE_* record per interface
export const FIB_ROOT_INTERFACE_COUNT = 20; // u32: entries in it
export const FIB_ROOT_LENGTHS = 24; // u8 x FIB_PREFIX_LENGTHS: the populated lengths, longest first
export const FIB_ROOT_TABLES = 160; // FIB_TABLE_REF_SIZE x FIB_PREFIX_LENGTHS, indexed by prefix length
export const FIB_PREFIX_LENGTHS = 129; // /0 ... /128
// Load-balance objects (a route with several paths): u32 record address per index, and how many.
export const FIB_ROOT_LOAD_BALANCES = FIB_ROOT_TABLES + 8 * FIB_PREFIX_LENGTHS;
export const FIB_ROOT_LOAD_BALANCE_COUNT = FIB_ROOT_LOAD_BALANCES + 4;
// Per FIB (index), the fields of the flow hash that picks a load-balance bucket: FLOW_HASH_* bits.
export const FIB_ROOT_FLOW_HASH = FIB_ROOT_LOAD_BALANCE_COUNT + 4; // u8 x FIB_TABLES_MAX
export const FIB_TABLES_MAX = 255; // IPv6 FIBs (VPP's tables: table 0 and `ip6 table add N`); a descriptor names one in an octet, + 1
export const FIB_ROOT_SIZE = FIB_ROOT_FLOW_HASH + FIB_TABLES_MAX;

// Per prefix length: where its hash table is.
export const FIB_TABLE_SLOTS = 0; // u32: address of the slot array (0: never populated)
export const FIB_TABLE_SLOT_MASK = 4; // u32: slot count - 1 (slot count is a power of two)
export const FIB_TABLE_REF_SIZE = 8;

// A slot: the prefix's four address words with the host bits cleared, each the big-endian value of
// its 4 octets (so masking is a shift), the DPO and the FIB (index) the prefix is in: every FIB
// shares the per-length tables, as VPP's IPv6 forwarding hash shares one for all its FIBs, each
// with its own hash seed. DPO 0 (DPO_NONE) marks an empty slot: no route carries DPO_NONE. Linear
// probing; the host keeps every table at most half full, so a probe run always ends at an empty
// slot, and deletes shift the run back (no tombstones).
export const FIB_SLOT_KEY = 0; // u32 x 4
export const FIB_SLOT_DPO = 16; // u32
export const FIB_SLOT_FIB = 20; // u32
export const FIB_SLOT_SIZE = 32; // two slots per cache line, none straddling
export const FIB_SLOT_SHIFT = 5;
export const FIB_MAX_LOAD_NUMERATOR = 1; // count <= slots * 1/2
export const FIB_MAX_LOAD_DENOMINATOR = 2;

// The key hash: a multiply-xorshift over the four words, in 32-bit arithmetic that the host
// (Math.imul) and the Wasm compute identically.
export const FIB_HASH_SEED = 0x9e3779b9; // FIB 0's; FIB f's is FIB_HASH_SEED + f * FIB_HASH_FIB_STEP
export const FIB_HASH_FIB_STEP = 0x6a09e667;
export const FIB_HASH_MULTIPLIER = 0x85ebca6b;
export const FIB_HASH_FINAL = 0xc2b2ae35;
export const FIB_ADDRESS_WORDS = 4;

// An adjacency: where ip6-rewrite sends a packet and the link-layer header it writes.
export const FIB_ADJ_TX_INTERFACE = 0; // u16
export const FIB_ADJ_FLAGS = 2; // u16: FIB_ADJ_FLAG_* below
export const FIB_ADJ_DST_MAC = 4; // 6 octets: the neighbour's MAC (valid when complete)
export const FIB_ADJ_SRC_MAC = 10; // 6 octets: the tx interface's MAC
export const FIB_ADJ_NEXT_HOP = 16; // 16 octets: the next hop (all-zero for a glean adjacency)
export const FIB_ADJ_SIZE = 32;
export const FIB_ADJ_FLAG_COMPLETE = 0x0001; // the neighbour is known: the rewrite can be written

// Per interface: the IPv6 address the node sources what it originates from there (ICMPv6 errors,
// neighbour solicitations; all-zero: the interface has none) and the interface's MAC (the source of
// what ND builds; ip6-rewrite takes it from the adjacency).
export const FIB_INTERFACE_ADDRESS = 0; // 16 octets
export const FIB_INTERFACE_MAC = 16; // 6 octets
export const FIB_INTERFACE_SIZE = 32;

// A load-balance object: the flow hash picks one of its buckets, each a DPO (an adjacency, a drop,
// or another load balance, whose bucket the next LB_BUCKET_BITS of the hash pick: VPP's two stages
// for a route recursing through routes with several paths).
export const LB_BUCKET_MASK = 0; // u32: buckets - 1
export const LB_BUCKETS = 4; // u32 DPO per bucket
export const LB_BUCKET_BITS = 6;
export const LB_BUCKET_COUNT = 1 << LB_BUCKET_BITS;
export const LB_RECORD_SIZE = LB_BUCKETS + 4 * LB_BUCKET_COUNT;
export const LB_DEPTH_MAX = 4; // deeper recursion is a drop
