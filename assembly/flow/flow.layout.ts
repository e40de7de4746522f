// The flow table (assembly/flow/table.ts): IPv6 5-tuple -> choice (a server or policy index),
// last-seen time and flags. Open addressing with linear probing over a power-of-two number of
// 48-octet slots carved once; a key lives within FLOW_PROBE_WINDOW slots of its hash. Shared by
// AssemblyScript, the host wrapper and the benchmarks' TypeScript and C baselines.

// Table header, at the table's address; the slots follow at FLOW_TABLE_HEADER_SIZE.
export const FLOW_TABLE_SLOT_MASK = 0; // u32: capacity - 1 (capacity is a power of two)
export const FLOW_TABLE_IDLE_TIMEOUT = 4; // u32: seconds without traffic after which a flow expires
export const FLOW_TABLE_SIZE = 8; // u32: slots in use
export const FLOW_TABLE_SWEEP_CURSOR = 12; // u32: the next slot the incremental sweep visits
// This table's own counts (the engine's flow-table counters add up every table): u32 each.
export const FLOW_TABLE_INSERTS = 16;
export const FLOW_TABLE_EVICTIONS = 20;
export const FLOW_TABLE_EXPIRATIONS = 24;
export const FLOW_TABLE_REMOVALS = 28;
export const FLOW_TABLE_HEADER_SIZE = 64;

// A slot. The key is ten 32-bit words, each the network-order (big-endian) value of four octets:
// source address, destination address, (source port << 16 | destination port), protocol.
export const FLOW_SLOT_SRC = 0; // 4 x u32
export const FLOW_SLOT_DST = 16; // 4 x u32
export const FLOW_SLOT_PORTS = 32; // u32: source port << 16 | destination port (0 without ports)
export const FLOW_SLOT_PROTO = 36; // u8
export const FLOW_SLOT_STATE = 37; // u8: FLOW_STATE_*
export const FLOW_SLOT_FLAGS = 38; // u8: the caller's flags, stored with the choice
export const FLOW_SLOT_CHOICE = 40; // u32
export const FLOW_SLOT_LAST_SEEN = 44; // u32: engine clock seconds of the last insert or lookup hit
export const FLOW_SLOT_SIZE = 48;
// Slot states. EMPTY: never used since the table was carved; a probe stops there, since no key
// lives beyond an EMPTY slot of its window (a slot never goes back to EMPTY). DELETED (a tombstone):
// its flow was removed, expired or evicted; a probe goes on past it, and an insert may reuse it.
export const FLOW_STATE_EMPTY = 0;
export const FLOW_STATE_USED = 1;
export const FLOW_STATE_DELETED = 2;

// Linear probing: a key is found, inserted or evicted within this many slots of its home slot.
export const FLOW_PROBE_WINDOW = 16;

// A key record in the arrays the host passes (insert, lookup, remove by key), in packet order:
// source address, destination address, source port, destination port, protocol, three octets pad.
export const FLOW_KEY_SRC = 0;
export const FLOW_KEY_DST = 16;
export const FLOW_KEY_PORTS = 32; // source port then destination port, network order
export const FLOW_KEY_PROTO = 36;
export const FLOW_KEY_SIZE = 40;

// What a lookup writes for a packet or key with no live flow.
export const FLOW_MISS = 0xffffffff;

// The key hash: multiply-xorshift over the ten key words, then a final avalanche.
export const FLOW_HASH_SEED = 0x9e3779b9;
export const FLOW_HASH_MULTIPLIER = 0x85ebca6b;
export const FLOW_HASH_FINAL = 0xc2b2ae35;

// The benchmark's table: 2^21 slots holds one million flows at half load.
export const FLOW_BENCH_FLOWS = 1_000_000;
export const FLOW_BENCH_CAPACITY = 2_097_152;
