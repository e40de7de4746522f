// M-Anycast service selection (vpp-ioam-spec §4): the M-Anycast server's configuration and state
// (selection entries, the events it reports to the host each vector, the decisions the host hands
// back, the servers it has chosen among) and the server edge's IOAM cache. Written by the host,
// read and updated in place by the Wasm nodes. Constants only: valid AssemblyScript and TypeScript.

// ---- Root block (one per engine) ----
export const MC_FLAGS = 0; // u32: MC_FLAG_*
export const MC_FLAG_TUNNEL_SELECT = 0x1; // `set ioam ip6 sr-tunnel-select`: the decap override is ip6-ioam-tunnel-select
export const MC_FLAG_CACHE = 0x2; // `set ioam ip6 cache`: the decap override is ip6-ioam-cache
export const MC_WAIT_FOR_RESPONSES = 4; // u32: SYN-ACKs a sprayed SYN waits for
export const MC_LOCALSID = 8; // 16 octets: M's sr_localsid (written into the E2E-ID option of SYNs)
export const MC_SYN_REWRITE_LENGTH = 24; // u32: octets of the SYN hop-by-hop header
export const MC_SYN_CACHE_OPTION = 28; // u32: offset of the E2E-cache option in it
export const MC_SYN_ID_OPTION = 32; // u32: offset of the E2E-ID option in it
export const MC_ENTRIES = 36; // u32: address of the selection entries
export const MC_ENTRY_CAPACITY = 40; // u32
export const MC_FLOW_TABLE = 44; // u32: address of the flow table (5-tuple -> server index)
export const MC_CLIENT_TABLE = 48; // u32: address of the client table ((client prefix, anycast) -> server index); 0: off
export const MC_CLIENT_PREFIX_LENGTH = 52; // u32: bits of the client address that name a client
export const MC_EVENTS = 56; // u32: address of the event ring
export const MC_EVENT_COUNT = 60; // u32: events written in the last vector
export const MC_DECISIONS = 64; // u32: address of the decision ring
export const MC_DECISION_COUNT = 68; // u32: decisions the host queued for the next vector
export const MC_SERVER_COUNT = 72; // u32: servers in the server table
export const MC_ENTRY_FREE_HEAD = 76; // u32: first free selection entry + 1 (0: none)
export const MC_ENTRIES_IN_USE = 80; // u32
export const MC_CACHE_LOCALSID = 96; // 16 octets: the server edge's sr_localsid
export const MC_CACHE_ENTRIES = 112; // u32: address of the cache entries
export const MC_CACHE_CAPACITY = 116; // u32: a power of two
export const MC_CACHE_IN_USE = 120; // u32
export const MC_CACHE_FLAGS = 124; // u32: MC_CACHE_FLAG_*
// A SYN-ACK answering no cached SYN goes on unchanged instead of being dropped (VPP drops it): for
// edges that also serve connections steered past M, e.g. by the TCP service-affinity option.
export const MC_CACHE_FLAG_PASS_UNMATCHED = 0x1;
export const MC_CACHE_TTL_NS = 128; // u64: a cache entry not consumed by then is dead
export const MC_SERVERS = 192; // MC_SERVERS_MAX server records
export const MC_SERVERS_MAX = 64;
export const MC_SYN_REWRITE = MC_SERVERS + MC_SERVERS_MAX * 64; // the SYN hop-by-hop header
export const MC_SYN_REWRITE_MAX = 352; // the largest IOAM rewrite (320) + E2E-cache (8) + E2E-ID (24)
export const MC_ROOT_SIZE = MC_SYN_REWRITE + MC_SYN_REWRITE_MAX;

// ---- A server record: its SID and the segment-list record (srv6/sr.layout.ts LIST_*) that steers
// a packet to it with H.Insert: SRH [original destination, SID], Segments Left 1. ----
export const SERVER_RECORD_SIZE = 64;
export const SERVER_LIST = 0; // the list record: SRH length, first segment (the SID), the SRH

// ---- Selection entries (M, one per intercepted SYN) ----
export const ENTRY_STATE = 0; // u8: ENTRY_*
export const ENTRY_EXPECTED = 1; // u8: responses it waits for
export const ENTRY_HELD = 2; // u8: SYN-ACKs parked for it
export const ENTRY_RESPONSES = 3; // u8: responses counted (SYN-ACKs and RSTs)
export const ENTRY_CLIENT_PORT = 4; // u16
export const ENTRY_ANYCAST_PORT = 6; // u16
export const ENTRY_ACK = 8; // u32: the acknowledgement number a response must carry (SYN seq + 1)
export const ENTRY_WINNER = 12; // u32: server index chosen (ENTRY_DECIDED)
export const ENTRY_CREATED_NS = 16; // u64
export const ENTRY_CLIENT = 24; // 16 octets
export const ENTRY_ANYCAST = 40; // 16 octets
export const ENTRY_NEXT_FREE = 56; // u32: free-list link (index + 1)
export const ENTRY_SLOTS = 64; // ENTRY_SLOTS_MAX x u16: park slots of the held SYN-ACKs
export const ENTRY_SLOTS_MAX = 16;
export const ENTRY_SIZE = 96;
export const ENTRY_FREE = 0;
export const ENTRY_COLLECTING = 1;
export const ENTRY_DECIDED = 2;
// What the E2E-cache option carries when no entry was made (VPP writes 0, a live index: §4.3).
export const ENTRY_NONE = 0xffffffff;

// ---- Events (Wasm -> host), reset every vector ----
export const EVENT_KIND = 0; // u8: EVENT_*
export const EVENT_EXPECTED = 1; // u8: for EVENT_CREATED
export const EVENT_SLOT = 2; // u16: park slot of a held SYN-ACK
export const EVENT_ENTRY = 4; // u32
export const EVENT_TIME_NS = 8; // u64: engine time
export const EVENT_PACKET = 16; // u32: address of the held packet's first octet (EVENT_RESPONSE)
export const EVENT_PACKET_LENGTH = 20; // u16
export const EVENT_L3 = 22; // u16: its IPv6 header offset
export const EVENT_HBH = 24; // u16: its hop-by-hop header offset
export const EVENT_SERVER = 28; // u32: server index of the responder (EVENT_RESPONSE, EVENT_RESET)
export const EVENT_SIZE = 32;
export const EVENTS_MAX = 2048;
export const EVENT_CREATED = 1; // a SYN was intercepted: an entry waits for responses
export const EVENT_RESPONSE = 2; // a SYN-ACK is held for the entry
export const EVENT_RESET = 3; // a server answered with an RST: a response that cannot win
export const EVENT_DECIDED = 4; // the host's decision was carried out (EVENT_SERVER: the winner)
export const EVENT_CREATE_FAILED = 5; // pool full: the SYN went out without state

// ---- Decisions (host -> Wasm), consumed at the start of the next vector ----
export const DECISION_KIND = 0; // u8: DECISION_*
export const DECISION_SLOT = 2; // u16: the winning park slot (DECISION_FORGET: the server index)
export const DECISION_ENTRY = 4; // u32
export const DECISION_SIZE = 8;
export const DECISIONS_MAX = 2048;
export const DECISION_CHOOSE = 1; // forward SYN-ACK DECISION_SLOT, RST the servers of the others
export const DECISION_RELEASE = 2; // free the entry (RST any SYN-ACK still held)
// Free the entry of a SYN steered to server DECISION_SLOT that got no answer, and forget that server
// for its connection and its client (where they still have it), so the client's next SYN is sprayed.
export const DECISION_FORGET = 3;

// ---- Server-edge cache entries (E_i, one per SYN seen, consumed by its SYN-ACK) ----
export const CACHE_STATE = 0; // u8: 0 free, 1 in use
export const CACHE_HBH_LENGTH = 2; // u16
export const CACHE_SEQ = 4; // u32: the SYN-ACK's acknowledgement number (SYN seq + 1)
export const CACHE_CREATED_NS = 8; // u64
export const CACHE_SRC = 16; // 16 octets: the SYN's source (the client)
export const CACHE_DST = 32; // 16 octets: the SYN's destination (the anycast address)
export const CACHE_NEXT_HOP = 48; // 16 octets: the E2E-ID address (M's sr_localsid)
export const CACHE_SRC_PORT = 64; // u16
export const CACHE_DST_PORT = 66; // u16
export const CACHE_ID_OFFSET = 68; // u16: the E2E-ID address's offset in the cached header
export const CACHE_HBH = 72; // the hop-by-hop header as the SYN had it here
export const CACHE_HBH_MAX = 440;
export const CACHE_ENTRY_SIZE = CACHE_HBH + CACHE_HBH_MAX; // 512
// Linear probing for a key within this many entries of its home.
export const CACHE_PROBE_WINDOW = 8;
