// IPv6 neighbour discovery (RFC 4861) in the engine: the neighbours being resolved, the packets
// held for them, and the events the host reads after each vector to keep its neighbour table (the
// FIB's adjacencies). Constants only: valid AssemblyScript and TypeScript.
//
// Who does what: the Wasm nodes answer solicitations for the node's addresses (the advertisement
// built in place in the solicitation's buffer, as VPP's icmp6-neighbor-solicitation does), report
// what solicitations and advertisements teach, and, when ip6-rewrite meets an adjacency whose
// neighbour is unknown, hold the packet and solicit the neighbour. The host turns the reports into
// dynamic neighbours (src/host/nd/), which completes the adjacency, and hands the held packets back
// to ip6-rewrite; it also ages its entries by asking the engine to probe them.

// RFC 4861 §10: RETRANS_TIMER 1 s, MAX_MULTICAST_SOLICIT and MAX_UNICAST_SOLICIT 3.
export const ND_RETRANS_NS = 1_000_000_000;
export const ND_MAX_SOLICIT = 3;
// Neighbours resolved at once. A packet for a further unknown neighbour is dropped and counted.
export const ND_PENDING_MAX = 128;
// Packets held per neighbour while it is resolved (Linux queues up to unres_qlen_bytes, some 100
// packets; VPP holds none and drops them). A burst beyond this is dropped and counted.
export const ND_HOLD_MAX = 16;

// A pending resolution.
export const ND_STATE_FREE = 0;
export const ND_STATE_INCOMPLETE = 1; // multicast solicitations to the solicited-node address, packets held
export const ND_STATE_PROBE = 2; // unicast solicitations to a known neighbour whose entry aged
export const ND_P_STATE = 0; // u8
export const ND_P_SENT = 1; // u8: solicitations sent so far
export const ND_P_HELD = 2; // u8: packets held (park slots below)
export const ND_P_INTERFACE = 4; // u16: where the neighbour is
export const ND_P_MAC = 6; // 6 octets: the neighbour's MAC (probes only)
export const ND_P_ADDRESS = 16; // 16 octets
export const ND_P_NEXT_DUE = 32; // u64: engine time of the next solicitation (or of giving up)
export const ND_P_SLOTS = 40; // u16 x ND_HOLD_MAX: the held packets' park slots
export const ND_P_SIZE = 72;

// Events for the host, reset at the start of every vector.
export const ND_EVENT_LEARNED_NS = 1; // a solicitation's source link-layer address
export const ND_EVENT_LEARNED_NA = 2; // an advertisement's target link-layer address
export const ND_EVENT_CONFIRMED = 3; // an advertisement without a link-layer address: the neighbour is there
export const ND_EVENT_FAILED = 4; // no answer to ND_MAX_SOLICIT solicitations (held packets dropped)
export const ND_EVENT_PROBE_FAILED = 5; // no answer to the probes of an aged entry
export const ND_EVENT_KIND = 0; // u8
export const ND_EVENT_FLAGS = 1; // u8: the advertisement's R, S, O bits (ND_NA_FLAG_* >> 24)
export const ND_EVENT_INTERFACE = 2; // u16
export const ND_EVENT_MAC = 4; // 6 octets
export const ND_EVENT_ADDRESS = 16; // 16 octets
export const ND_EVENT_SIZE = 32;
export const ND_EVENTS_MAX = 256;

// The root block the host finds with ndRootAddress().
export const ND_ROOT_EVENT_COUNT = 0; // u32: events of the last vector
export const ND_ROOT_EVENTS = 4; // u32: address of the event array
export const ND_ROOT_PENDING = 8; // u32: address of the pending table
export const ND_ROOT_HOST_ADDRESS = 16; // 16 octets the host writes before ndResolved / ndProbe
export const ND_ROOT_HOST_MAC = 32; // 6 octets the host writes before ndProbe
export const ND_ROOT_SIZE = 64;
