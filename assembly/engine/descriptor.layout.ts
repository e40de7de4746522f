// Packet descriptor: one 64-octet record per packet in Wasm linear memory, written by the host
// for received packets and by nodes for packets they create. Shared by AssemblyScript and the host.
export const DESC_BUFFER = 0; // u32: index of the buffer holding the packet
export const DESC_DATA_OFFSET = 4; // u16: first octet of the packet, from the buffer start
export const DESC_LENGTH = 6; // u16: packet length in octets
export const DESC_RX_IF = 8; // u16
export const DESC_TX_IF = 10; // u16
export const DESC_NEXT_NODE = 12; // u16: the node that processes the packet next
export const DESC_ERROR = 14; // u16: the reason a packet was dropped or passed untouched
// Receive timestamp: seconds in 64 bits (pcapng carries times past 2106, when 32-bit seconds
// wrap), nanoseconds apart. IOAM's 32-bit timestamp fields read the low half.
export const DESC_TS_SEC = 16; // u64: receive timestamp, seconds since 1970
export const DESC_L3 = 24; // u16: IPv4/IPv6 header, from the packet start
export const DESC_TRACE = 26; // u16: packet-trace slot + 1 (0: not traced)
// The IPv6 header chain as the wire layer's parser records it, in place (wire/ipv6.layout.ts
// IP6_CHAIN_*, at these offsets from DESC_IP6_CHAIN: test/engine/node-declarations.test.ts checks
// that they agree). Offsets from the packet start.
export const DESC_IP6_CHAIN = 28;
export const DESC_HBH = 28; // u16: hop-by-hop header offset (0: absent)
export const DESC_ROUTING = 30; // u16: routing header offset (0: absent)
export const DESC_FRAGMENT = 32; // u16: fragment header offset (0: absent)
export const DESC_DEST_OPTIONS = 34; // u16: destination options before the upper layer (0: absent)
export const DESC_L4 = 36; // u16: upper-layer header, from the packet start (0: none found)
export const DESC_L4_PROTO = 38; // u8: upper-layer protocol number (59 when none)
export const DESC_FLAGS = 39; // u8: DESC_FLAG_* below
export const DESC_OPAQUE = 40; // 5 x u32 for later nodes (classifier opaque, flow ids, ...)
export const DESC_OPAQUE_WORDS = 5;
export const DESC_OPAQUE_CLASSIFIER = 40; // u32: classifier session opaque (bit 31: IOAM decap)
export const DESC_ADJACENCY_NEXT = 44; // u16: where ip6-lookup's adjacency sends the packet after HBH processing
// u32: the index half of the DPO ip6-lookup chose (assembly/fib/dpo.layout.ts): the adjacency for
// ip6-rewrite, the interface for ip6-local, the policy or local SID for the SRv6 nodes.
export const DESC_DPO_INDEX = 48;
export const DESC_ORIGIN = 46; // u16: a replica's received packet + 1 (engine/replicate.ts); 0: not a replica
// Packets held across vectors (engine/park.ts): why a released packet comes back (PARK_MARK_*).
export const DESC_PARK_MARK = 52; // u8
export const DESC_LINK_TYPE = 54; // u16: capture link type of the frame, written by the host, kept by copies
export const DESC_PARK_TAG = 56; // u32: the holder's own word (e.g. a selection entry)
export const DESC_TS_NSEC = 60; // u32: receive timestamp, nanoseconds (0..999999999)
// u8: the IPv6 FIB ip6-lookup uses, + 1 (End.DT6 sets it); 0: the receiving interface's FIB.
// One octet, the last free one: hence FIB_TABLES_MAX is 255.
export const DESC_FIB = 53;
export const CLASSIFIER_DECAP_BIT = 0x80000000;
export const DESC_SIZE = 64;

export const DESC_FLAG_IP4 = 0x01;
export const DESC_FLAG_IP6 = 0x02;
// 0x04: free.
export const DESC_FLAG_CREATED = 0x08; // made by a node (replica), not received
export const DESC_FLAG_ACL_HIT = 0x10; // matched an input-ACL session on this node
export const DESC_FLAG_ENCAPSULATED_HERE = 0x20; // this node added its IOAM hop-by-hop header
export const DESC_FLAG_ETHERNET = 0x40; // the frame has an Ethernet header (ip6-rewrite writes its MACs)
export const DESC_FLAG_LOCALLY_ORIGINATED = 0x80; // an ICMPv6 reply or error this node made: ip6-rewrite keeps its hop limit

// Buffers: HEADROOM octets before a received packet so headers can be pushed in place: room for
// the largest IOAM hop-by-hop header the CLI builds (288 octets: a 244-octet RFC 9197 trace, or a
// full VPP trace, with POT and E2E), then an H.Encaps of 8 segments (176) and an 802.1Q tag (4).
export const BUFFER_HEADROOM = 512;
export const BUFFER_SIZE = 10240;
export const BUFFER_DATA_CAPACITY = BUFFER_SIZE - BUFFER_HEADROOM;

// A vector: up to VECTOR_MAX received packets per call; nodes may create packets up to
// DESCRIPTOR_COUNT in all (spray replication, responses).
export const VECTOR_MAX = 256;
export const DESCRIPTOR_COUNT = 1024;

// Packet trace: one record per (traced packet, node), with a snapshot of the packet's first octets.
export const TRACE_RECORD_SLOT = 0; // u16: trace slot (which traced packet)
export const TRACE_RECORD_NODE = 2; // u16
export const TRACE_RECORD_NEXT = 4; // u16
export const TRACE_RECORD_ERROR = 6; // u16
export const TRACE_RECORD_LENGTH = 8; // u16: packet length after the node
export const TRACE_RECORD_SNAPSHOT_LENGTH = 10; // u16: octets copied
export const TRACE_RECORD_TX_IF = 12; // u16
export const TRACE_RECORD_HEADER = 16;
export const TRACE_SNAPSHOT_MAX = 176;
export const TRACE_RECORD_SIZE = TRACE_RECORD_HEADER + TRACE_SNAPSHOT_MAX;
export const TRACE_RECORDS_MAX = 2048;

// Per-node runtime statistics, u64 each: calls, vectors, packets.
export const NODE_STAT_CALLS = 0;
export const NODE_STAT_PACKETS = 8;
export const NODE_STAT_SIZE = 16;

// Link layer the host announces per packet (entry node choice).
export const LINK_ETHERNET = 1;
export const LINK_RAW_IP = 101;
