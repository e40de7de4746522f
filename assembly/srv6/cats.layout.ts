// The computing forwarding table of one End.CATS local SID (draft-du-cats-aggregated-metrics-on-
// egress §4): which local service site each flow goes to. The host (src/host/cats/cats-memory.ts)
// rewrites it in place after every aggregation; sr-localsid reads it. The SID record's
// LOCALSID_NEXT holds the table's address. Constants only: valid AssemblyScript and TypeScript.
// Every field is little-endian u32.
export const CATS_TABLE_SITE_COUNT = 0; // eligible sites behind the buckets (0: none, packets are dropped)
export const CATS_TABLE_BUCKETS = 4; // u32[CATS_BUCKET_COUNT]: the adjacency DPO of each bucket's site

// The flow hash (sr.layout.ts, the same 5-tuple hash SR policies share load with) picks a bucket,
// so every packet of a flow reaches the same site while the table stays the same.
export const CATS_BUCKET_COUNT = 256;
export const CATS_BUCKET_MASK = CATS_BUCKET_COUNT - 1;
export const CATS_TABLE_SIZE = CATS_TABLE_BUCKETS + CATS_BUCKET_COUNT * 4;
