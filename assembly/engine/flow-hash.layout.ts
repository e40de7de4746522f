// The flow hash that spreads flows over the paths of a route (load balance), the segment lists of
// an SR policy and CATS service sites: which fields it takes and its constants, for the Wasm and the
// benchmark baselines alike. Constants only: valid AssemblyScript and TypeScript.
//   h = imul(h ^ w, SPREAD_HASH_MULTIPLIER); h ^= h >>> 15    for each 32-bit word w taken,
// from h = SPREAD_HASH_SEED, then h ^= h >>> 13; h = imul(h, SPREAD_HASH_FINAL); h ^= h >>> 16.
export const SPREAD_HASH_SEED = 0x2545f491;
export const SPREAD_HASH_MULTIPLIER = 0x9e3779b1;
export const SPREAD_HASH_FINAL = 0x85ebca6b;

// Fields (VPP's flow-hash config words): source and destination address, the upper-layer
// protocol, and the TCP/UDP source and destination ports (left out of fragments).
export const FLOW_HASH_SRC = 0x01;
export const FLOW_HASH_DST = 0x02;
export const FLOW_HASH_PROTO = 0x04;
export const FLOW_HASH_SPORT = 0x08;
export const FLOW_HASH_DPORT = 0x10;
export const FLOW_HASH_DEFAULT = 0x1f; // VPP's IP_FLOW_HASH_DEFAULT: all five
