// What the wire layer finds wrong with a packet, in the wire layer's own numbers (0: nothing), so
// wire/ knows nothing of the graph: the node that calls a check turns its reason into a counter by
// adding one offset (ip6-input: ERR_IP6_TRUNCATED - WIRE_IP6_TRUNCATED), and declares those
// counters in this order (ERR_X for WIRE_X); test/engine/node-declarations.test.ts checks that they
// agree. Valid AssemblyScript and TypeScript.
export const WIRE_OK = 0;

// The IPv6 header and its extension-header chain (ipv6.ts and the checks it runs: options.ts,
// srh.ts, tcp.ts, udp.ts, icmpv6.ts). Counted by ip6-input.
export const WIRE_IP6_TRUNCATED = 1;
export const WIRE_IP6_BAD_VERSION = 2;
export const WIRE_IP6_LENGTH_PAST_END = 3;
export const WIRE_IP6_JUMBOGRAM = 4;
export const WIRE_IP6_EXT_TRUNCATED = 5;
export const WIRE_IP6_EXT_PAST_END = 6;
export const WIRE_IP6_HBH_NOT_FIRST = 7;
export const WIRE_IP6_EXT_CHAIN_TOO_LONG = 8;
export const WIRE_IP6_OPTION_TRUNCATED = 9;
export const WIRE_IP6_OPTION_PAST_END = 10;
export const WIRE_IP6_SRH_LAST_ENTRY_PAST_HEADER = 11;
export const WIRE_IP6_SRH_SEGMENTS_LEFT_PAST_LIST = 12;
export const WIRE_IP6_SRH_TLV_PAST_END = 13;
export const WIRE_IP6_FRAGMENT_TRUNCATED = 14;
export const WIRE_IP6_TCP_TRUNCATED = 15;
export const WIRE_IP6_TCP_BAD_DATA_OFFSET = 16;
export const WIRE_IP6_TCP_OPTION_PAST_END = 17;
export const WIRE_IP6_UDP_TRUNCATED = 18;
export const WIRE_IP6_UDP_BAD_LENGTH = 19;
export const WIRE_IP6_ICMP_TRUNCATED = 20;
export const WIRE_IP6_AH_TRUNCATED = 21;
export const WIRE_IP6_OPTION_WRONG_LENGTH = 22;

// The IPv4 header (ipv4.ts). Counted by ip4-input.
export const WIRE_IP4_TRUNCATED = 1;
export const WIRE_IP4_BAD_VERSION = 2;
export const WIRE_IP4_BAD_HEADER_LENGTH = 3;
export const WIRE_IP4_LENGTH_PAST_END = 4;

// The Ethernet header and 802.1Q tags (ethernet.ts, which returns them negated). Counted by ethernet-input.
export const WIRE_ETHERNET_TRUNCATED = 1;
export const WIRE_ETHERNET_VLAN_TRUNCATED = 2;

// Why the TCP service-affinity option could not be added (tcp-affinity.ts). Counted by the
// tcp-affinity kernel; tcp-affinity-server-edge passes the FIN on with a reason of its own.
export const WIRE_TCP_AFFINITY_NO_OPTION_SPACE = 1;
export const WIRE_TCP_AFFINITY_NO_HEADROOM = 2;
export const WIRE_TCP_AFFINITY_NOT_TCP = 3;
