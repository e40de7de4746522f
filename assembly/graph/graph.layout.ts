// The node graph's names and every reason a node counts, in one place for the Wasm nodes and the
// host's `show errors` / `show runtime`. Index = id. Valid AssemblyScript and TypeScript.
export const NODE_ERROR_DROP = 0;
export const NODE_ETHERNET_INPUT = 1;
export const NODE_IP_INPUT_RAW = 2;
export const NODE_IP4_INPUT = 3;
export const NODE_IP6_INPUT = 4;
export const NODE_IP6_LOOKUP = 5;
export const NODE_INTERFACE_OUTPUT = 6;
export const NODE_DEVICE_INPUT = 7; // every received frame enters here (graph/device-input.ts)
export const NODE_IP6_INACL = 8;
export const NODE_IP6_ADD_HOP_BY_HOP = 9;
export const NODE_IP6_HOP_BY_HOP = 10;
export const NODE_IP6_POP_HOP_BY_HOP = 11;
export const NODE_IP6_REWRITE = 12;
export const NODE_IP6_LOCAL = 13;
export const NODE_SR_POLICY_ENCAPS = 14;
export const NODE_SR_POLICY_INSERT = 15;
export const NODE_SR_LOCALSID = 16;
export const NODE_IP6_ADD_SYN_HOP_BY_HOP = 17;
export const NODE_IP6_IOAM_TUNNEL_SELECT = 18;
export const NODE_IP6_IOAM_CACHE = 19;
export const NODE_IP6_ADD_FROM_CACHE_HOP_BY_HOP = 20;
export const NODE_NSIM = 21;
export const NODE_TCP_AFFINITY_SERVER_EDGE = 22;
export const NODE_TCP_AFFINITY_CLIENT_EDGE = 23;
export const NODE_IP6_OUTACL = 24;
// IPv6 neighbour discovery (assembly/nd/): answering and learning, and resolving next hops.
export const NODE_ICMP6_NEIGHBOR_SOLICITATION = 25;
export const NODE_ICMP6_NEIGHBOR_ADVERTISEMENT = 26;
export const NODE_IP6_DISCOVER_NEIGHBOR = 27;
export const NODE_COUNT = 28;

export const NODE_NAMES = [
  "error-drop",
  "ethernet-input",
  "ip-input-raw",
  "ip4-input",
  "ip6-input",
  "ip6-lookup",
  "interface-output",
  "device-input",
  "ip6-inacl",
  "ip6-add-hop-by-hop",
  "ip6-hop-by-hop",
  "ip6-pop-hop-by-hop",
  "ip6-rewrite",
  "ip6-local",
  "sr-pl-rewrite-encaps",
  "sr-pl-rewrite-insert",
  "sr-localsid",
  "ip6-add-syn-hop-by-hop",
  "ip6-ioam-tunnel-select",
  "ip6-ioam-cache",
  "ip6-add-from-cache-hop-by-hop",
  "nsim",
  "tcp-affinity-server-edge",
  "tcp-affinity-client-edge",
  "ip6-outacl",
  "icmp6-neighbor-solicitation",
  "icmp6-neighbor-advertisement",
  "ip6-discover-neighbor",
];

// Error (counter) ids. "node|reason|kind" below, where kind is drop, pass or info.
export const ERR_NONE = 0;
export const ERR_ETHERNET_TRUNCATED = 1;
export const ERR_ETHERNET_VLAN_TRUNCATED = 2;
export const ERR_ETHERNET_NON_IP = 3;
export const ERR_RAW_UNKNOWN_VERSION = 4;
export const ERR_IP4_TRUNCATED = 5;
export const ERR_IP4_BAD_VERSION = 6;
export const ERR_IP4_BAD_HEADER_LENGTH = 7;
export const ERR_IP4_LENGTH_PAST_END = 8;
export const ERR_IP4_PASSED = 9;
export const ERR_IP6_TRUNCATED = 10;
export const ERR_IP6_BAD_VERSION = 11;
export const ERR_IP6_LENGTH_PAST_END = 12;
export const ERR_IP6_JUMBOGRAM = 13;
export const ERR_IP6_EXT_TRUNCATED = 14;
export const ERR_IP6_EXT_PAST_END = 15;
export const ERR_IP6_HBH_NOT_FIRST = 16;
export const ERR_IP6_EXT_CHAIN_TOO_LONG = 17;
export const ERR_IP6_OPTION_TRUNCATED = 18;
export const ERR_IP6_OPTION_PAST_END = 19;
export const ERR_IP6_SRH_TOO_SHORT = 20;
export const ERR_IP6_SRH_LAST_ENTRY_PAST_HEADER = 21;
export const ERR_IP6_SRH_SEGMENTS_LEFT_PAST_LIST = 22;
export const ERR_IP6_SRH_TLV_PAST_END = 23;
export const ERR_IP6_FRAGMENT_TRUNCATED = 24;
export const ERR_IP6_TCP_TRUNCATED = 25;
export const ERR_IP6_TCP_BAD_DATA_OFFSET = 26;
export const ERR_IP6_TCP_OPTION_PAST_END = 27;
export const ERR_IP6_UDP_TRUNCATED = 28;
export const ERR_IP6_UDP_BAD_LENGTH = 29;
export const ERR_IP6_ICMP_TRUNCATED = 30;
export const ERR_IP6_TRAILING_IGNORED = 31;
export const ERR_IP6_LOOKUP_BUMP = 32;
export const ERR_OUTPUT_TRANSMITTED = 33;
export const ERR_OUTPUT_TOO_BIG = 34;
export const ERR_GRAPH_LOOP = 35;
export const ERR_RX_TOO_BIG = 36;
export const ERR_IP6_AH_TRUNCATED = 37;
export const ERR_RX_UNSUPPORTED_LINK = 38;
export const ERR_RX_PACKETS = 39;
export const ERR_INACL_HIT = 40;
export const ERR_INACL_MISS = 41;
export const ERR_INACL_CHAIN_HIT = 42;
export const ERR_INACL_DENY = 43;
export const ERR_ADD_HBH_ADDED = 44;
export const ERR_ADD_HBH_NO_REWRITE = 45;
export const ERR_ADD_HBH_HAS_HBH = 46;
export const ERR_ADD_HBH_NO_ROOM = 47;
export const ERR_HBH_PROCESSED = 48;
export const ERR_HBH_FORMAT = 49;
export const ERR_HBH_UNKNOWN_DROP = 50;
export const ERR_TRACE_NO_PROFILE = 51;
export const ERR_TRACE_UPDATED = 52;
export const ERR_TRACE_NO_SPACE = 53;
export const ERR_TRACE_LOOPBACK_REPLY = 54;
export const ERR_TRACE_BAD_ELTS = 55;
export const ERR_RFC_TRACE_UPDATED = 56;
export const ERR_RFC_TRACE_UNKNOWN_NAMESPACE = 57;
export const ERR_RFC_TRACE_OVERFLOW = 58;
export const ERR_RFC_TRACE_BAD_NODELEN = 59;
export const ERR_RFC_TRACE_TRUNCATED = 60;
export const ERR_RFC_IOAM_MISALIGNED = 61;
export const ERR_POT_UPDATED = 62;
export const ERR_POT_NO_PROFILE = 63;
export const ERR_POT_BAD_LENGTH = 64;
export const ERR_POP_HBH_REMOVED = 65;
export const ERR_POP_HBH_NONE = 66;
export const ERR_POT_IN_POLICY = 67;
export const ERR_POT_OUT_OF_POLICY = 68;
export const ERR_TRACE_EXPORTED = 69;
export const ERR_TRACE_EXPORT_FULL = 70;
export const ERR_E2E_SEQUENCE_INSERTED = 71;
export const ERR_E2E_SEQUENCE_ANALYSED = 72;
export const ERR_E2E_NO_FLOW = 73;
export const ERR_IP6_LOOKUP_NO_ROUTE = 74;
export const ERR_NEIGHBOUR_NOT_RESOLVED = 75;
export const ERR_HOP_LIMIT_EXCEEDED = 76;
export const ERR_TIME_EXCEEDED_SENT = 77;
export const ERR_TIME_EXCEEDED_FORBIDDEN = 78;
export const ERR_TIME_EXCEEDED_NO_ADDRESS = 79;
export const ERR_TIME_EXCEEDED_NO_HEADROOM = 80;
export const ERR_LOCAL_PACKETS = 81;
export const ERR_LOCAL_NO_STACK = 82;
export const ERR_ECHO_REPLY_SENT = 83;
export const ERR_SR_ENCAPS_DONE = 84;
export const ERR_SR_ENCAPS_NO_ROOM = 85;
export const ERR_SR_ENCAPS_NO_POLICY = 86;
export const ERR_SR_ENCAPS_SPRAY_COPIES = 87;
export const ERR_SR_ENCAPS_SPRAY_NO_DESCRIPTOR = 88;
export const ERR_SR_INSERT_DONE = 89;
export const ERR_SR_INSERT_NO_ROOM = 90;
export const ERR_SR_INSERT_NO_POLICY = 91;
export const ERR_SR_INSERT_SPRAY_COPIES = 92;
export const ERR_SR_INSERT_SPRAY_NO_DESCRIPTOR = 93;
export const ERR_SR_LOCALSID_NO_SRH = 94;
export const ERR_SR_LOCALSID_NO_MORE_SEGMENTS = 95;
export const ERR_SR_LOCALSID_DECAPS_SEGMENTS_LEFT = 96;
export const ERR_SR_LOCALSID_NO_INNER_IP = 97;
export const ERR_SR_LOCALSID_INNER_MALFORMED = 98;
export const ERR_SR_LOCALSID_UNKNOWN = 99;
export const ERR_SR_LOCALSID_END = 100;
export const ERR_SR_LOCALSID_DECAPSULATED = 101;
export const ERR_IP6_OPTION_WRONG_LENGTH = 102;
export const ERR_FLOW_INSERTS = 103;
export const ERR_FLOW_EVICTIONS = 104;
export const ERR_FLOW_EXPIRATIONS = 105;
export const ERR_FLOW_REMOVALS = 106;
export const ERR_TCP_AFFINITY_ADDED = 107;
export const ERR_TCP_AFFINITY_NO_OPTION_SPACE = 108;
export const ERR_TCP_AFFINITY_NO_HEADROOM = 109;
export const ERR_TCP_AFFINITY_NOT_TCP = 110;
export const ERR_NSIM_DELAYED = 111;
export const ERR_NSIM_NO_BUFFER = 112;
export const ERR_SYN_HBH_PROCESSED = 113;
export const ERR_SYN_HBH_STATE_SAVED = 114;
export const ERR_SYN_HBH_POOL_FULL = 115;
export const ERR_SYN_HBH_NOT_SYN = 116;
export const ERR_SYN_HBH_DISABLED = 117;
export const ERR_SYN_HBH_HAS_HBH = 118;
export const ERR_SYN_HBH_NO_ROOM = 119;
export const ERR_SYN_HBH_FLOW_STEERED = 120;
export const ERR_SYN_HBH_CLIENT_STEERED = 121;
export const ERR_SYN_HBH_NO_FLOW = 122;
export const ERR_SYN_HBH_NO_SRH_ROOM = 123;
export const ERR_TS_HELD = 124;
export const ERR_TS_NO_ENTRY = 125;
export const ERR_TS_NO_CACHE_OPTION = 126;
export const ERR_TS_NO_BUFFER = 127;
export const ERR_TS_TOO_MANY = 128;
export const ERR_TS_RST_RESPONSE = 129;
export const ERR_TS_WINNER = 130;
export const ERR_TS_LOSER_RESET = 131;
export const ERR_TS_LATE_RESET = 132;
export const ERR_TS_PASSED = 133;
export const ERR_TS_NO_SERVER_SLOT = 134;
export const ERR_TS_RESET_MALFORMED = 135;
export const ERR_CACHE_CACHED = 136;
export const ERR_CACHE_NO_ID = 137;
export const ERR_CACHE_EVICTED = 138;
export const ERR_CACHE_NOT_SYN = 139;
export const ERR_CACHE_TOO_LONG = 140;
export const ERR_FROM_CACHE_ADDED = 141;
export const ERR_FROM_CACHE_MISS = 142;
export const ERR_FROM_CACHE_EXPIRED = 143;
export const ERR_FROM_CACHE_NO_ROOM = 144;
export const ERR_FROM_CACHE_PASSED = 145;
export const ERR_FROM_CACHE_HAS_HBH = 146;
export const ERR_AFFINITY_SERVER_EDGE_ADDED = 147;
export const ERR_AFFINITY_SERVER_EDGE_OFF = 148;
export const ERR_AFFINITY_SERVER_EDGE_NOT_TCP = 149;
export const ERR_AFFINITY_SERVER_EDGE_NOT_ANYCAST = 150;
export const ERR_AFFINITY_SERVER_EDGE_NOT_FIN = 151;
export const ERR_AFFINITY_SERVER_EDGE_HAS_OPTION = 152;
export const ERR_AFFINITY_SERVER_EDGE_NO_OPTION_SPACE = 153;
export const ERR_AFFINITY_SERVER_EDGE_NO_HEADROOM = 154;
export const ERR_AFFINITY_SERVER_EDGE_MALFORMED = 155;
export const ERR_AFFINITY_CLIENT_EDGE_LEARNED = 156;
export const ERR_AFFINITY_CLIENT_EDGE_OFF = 157;
export const ERR_AFFINITY_CLIENT_EDGE_NOT_TCP = 158;
export const ERR_AFFINITY_CLIENT_EDGE_NOT_ANYCAST = 159;
export const ERR_AFFINITY_CLIENT_EDGE_NO_OPTION = 160;
export const ERR_AFFINITY_CLIENT_EDGE_IP4_SERVER = 161;
export const ERR_AFFINITY_CLIENT_EDGE_ANYCAST_SERVER = 162;
export const ERR_AFFINITY_CLIENT_EDGE_SERVERS_FULL = 163;
export const ERR_AFFINITY_CLIENT_EDGE_STEERED_SYN = 164;
export const ERR_AFFINITY_CLIENT_EDGE_STEERED = 165;
export const ERR_AFFINITY_CLIENT_EDGE_NOT_LEARNED = 166;
export const ERR_AFFINITY_CLIENT_EDGE_NOT_STEERED = 167;
export const ERR_AFFINITY_CLIENT_EDGE_ALREADY_ROUTED = 168;
export const ERR_AFFINITY_CLIENT_EDGE_NO_HEADROOM = 169;
export const ERR_AFFINITY_CLIENT_EDGE_CLIENT_EXPIRED = 170;
export const ERR_AFFINITY_CLIENT_EDGE_CLIENT_EVICTED = 171;
export const ERR_AFFINITY_CLIENT_EDGE_CONNECTION_EXPIRED = 172;
export const ERR_AFFINITY_CLIENT_EDGE_CONNECTION_EVICTED = 173;
export const ERR_SR_LOCALSID_CATS_NOT_LAST_SEGMENT = 174;
export const ERR_SR_LOCALSID_CATS_NO_SITE = 175;
export const ERR_SR_LOCALSID_CATS_FORWARDED = 176;
export const ERR_RFC_TRACE_DISABLED = 177;
export const ERR_RX_INTERFACE_DOWN = 178;
export const ERR_ETHERNET_UNKNOWN_VLAN = 179;
export const ERR_OUTPUT_INTERFACE_DOWN = 180;
export const ERR_REWRITE_NO_TAG_ROOM = 181;
export const ERR_OUTACL_HIT = 182;
export const ERR_OUTACL_MISS = 183;
export const ERR_OUTACL_CHAIN_HIT = 184;
export const ERR_OUTACL_DENY = 185;
export const ERR_RX_TIME_OUT_OF_RANGE = 186;
export const ERR_OUTPUT_MTU_EXCEEDED = 187;
export const ERR_NS_BAD_HOP_LIMIT = 188;
export const ERR_NS_BAD_CODE = 189;
export const ERR_NS_TOO_SHORT = 190;
export const ERR_NS_BAD_CHECKSUM = 191;
export const ERR_NS_BAD_OPTION = 192;
export const ERR_NS_MULTICAST_TARGET = 193;
export const ERR_NS_BAD_UNSPECIFIED = 194;
export const ERR_NS_NOT_ETHERNET = 195;
export const ERR_NS_SOURCE_NOT_ON_LINK = 196;
export const ERR_NS_UNKNOWN_TARGET = 197;
export const ERR_NS_ADVERTISEMENT_SENT = 198;
export const ERR_NS_LEARNED = 199;
export const ERR_NA_BAD_HOP_LIMIT = 200;
export const ERR_NA_BAD_CODE = 201;
export const ERR_NA_TOO_SHORT = 202;
export const ERR_NA_BAD_CHECKSUM = 203;
export const ERR_NA_BAD_OPTION = 204;
export const ERR_NA_MULTICAST_TARGET = 205;
export const ERR_NA_SOLICITED_MULTICAST = 206;
export const ERR_NA_NOT_ETHERNET = 207;
export const ERR_NA_SOURCE_NOT_ON_LINK = 208;
export const ERR_NA_RECEIVED = 209;
export const ERR_NA_NO_LINK_ADDRESS = 210;
export const ERR_DISCOVER_NS_SENT = 211;
export const ERR_DISCOVER_PROBES_SENT = 212;
export const ERR_DISCOVER_NO_SOURCE = 213;
export const ERR_DISCOVER_HELD = 214;
export const ERR_DISCOVER_RELEASED = 215;
export const ERR_DISCOVER_HOLD_FULL = 216;
export const ERR_DISCOVER_PARK_FULL = 217;
export const ERR_DISCOVER_TABLE_FULL = 218;
export const ERR_DISCOVER_FAILED = 219;
export const ERR_DISCOVER_EVENTS_LOST = 220;
export const ERROR_COUNT = 221;

export const ERROR_INFO = [
  "error-drop|no error|info",
  "ethernet-input|frame shorter than an Ethernet header|drop",
  "ethernet-input|802.1Q tag truncated|drop",
  "ethernet-input|non-IP frame passed through|pass",
  "ip-input-raw|not an IPv4 or IPv6 packet|drop",
  "ip4-input|IPv4 header truncated|drop",
  "ip4-input|IPv4 version is not 4|drop",
  "ip4-input|IPv4 header length below 20 or past the packet|drop",
  "ip4-input|IPv4 total length past the end of the packet|drop",
  "ip4-input|IPv4 passed unprocessed|pass",
  "ip6-input|IPv6 header truncated|drop",
  "ip6-input|IPv6 version is not 6|drop",
  "ip6-input|IPv6 payload length past the end of the packet|drop",
  "ip6-input|IPv6 jumbogram not supported|drop",
  "ip6-input|extension header truncated|drop",
  "ip6-input|extension header length past the end of the packet|drop",
  "ip6-input|hop-by-hop header not first|drop",
  "ip6-input|too many extension headers|drop",
  "ip6-input|option truncated|drop",
  "ip6-input|option length past the end of its header|drop",
  "ip6-input|segment routing header shorter than 8 octets|drop",
  "ip6-input|SRH last entry past the header|drop",
  "ip6-input|SRH segments left past the segment list|drop",
  "ip6-input|SRH TLV length past the header|drop",
  "ip6-input|fragment header truncated|drop",
  "ip6-input|TCP header truncated|drop",
  "ip6-input|TCP data offset below 5 or past the packet|drop",
  "ip6-input|TCP option length past the header|drop",
  "ip6-input|UDP header truncated|drop",
  "ip6-input|UDP length below 8 or past the packet|drop",
  "ip6-input|ICMPv6 header truncated|drop",
  "ip6-input|octets after the IPv6 payload (link padding) ignored|info",
  "ip6-lookup|no FIB: forwarded back out of the receiving interface|info",
  "interface-output|packets transmitted|info",
  "interface-output|packet larger than the buffer|drop",
  "error-drop|node graph loop|drop",
  "device-input|received frame larger than a buffer|drop",
  "ip6-input|authentication header truncated|drop",
  "device-input|capture link type not supported|drop",
  "device-input|packets received|info",
  "ip6-inacl|input ACL hits|info",
  "ip6-inacl|input ACL misses|info",
  "ip6-inacl|input ACL hits after chain walk|info",
  "ip6-inacl|input ACL deny|drop",
  "ip6-add-hop-by-hop|Pkts w/ added ip6 hop-by-hop options|info",
  "ip6-add-hop-by-hop|no ioam rewrite configured: passed unchanged|pass",
  "ip6-add-hop-by-hop|packet already has a hop-by-hop header: passed unchanged|pass",
  "ip6-add-hop-by-hop|no room to insert the hop-by-hop header|drop",
  "ip6-hop-by-hop|pkts with ip6 hop-by-hop options|info",
  "ip6-hop-by-hop|incorrectly formatted hop-by-hop options|info",
  "ip6-hop-by-hop|unknown ip6 hop-by-hop options|drop",
  "ip6-hop-by-hop|Pkts with ip6 hop-by-hop trace options but no profile set|info",
  "ip6-hop-by-hop|Pkts with trace updated|info",
  "ip6-hop-by-hop|Pkts with trace options but no space|info",
  "ip6-hop-by-hop|Pkts with trace options Loopback Reply|info",
  "ip6-hop-by-hop|trace elements left past the option|info",
  "ip6-hop-by-hop|RFC 9197 trace updated|info",
  "ip6-hop-by-hop|RFC 9197 trace with a namespace not configured here: passed|info",
  "ip6-hop-by-hop|RFC 9197 trace full: overflow flag set|info",
  "ip6-hop-by-hop|RFC 9197 trace NodeLen does not match its trace type|drop",
  "ip6-hop-by-hop|RFC 9197 trace header or RemainingLen past the option|drop",
  "ip6-hop-by-hop|IOAM option not at a 4n offset|drop",
  "ip6-hop-by-hop|Pkts with ip6 hop-by-hop pot options|info",
  "ip6-hop-by-hop|Pkts with ip6 hop-by-hop pot options but no profile set|info",
  "ip6-hop-by-hop|POT option shorter than 18 octets|info",
  "ip6-pop-hop-by-hop|Pkts w/ removed ip6 hop-by-hop options|info",
  "ip6-pop-hop-by-hop|Pkts w/ no ip6 hop-by-hop options|pass",
  "ip6-pop-hop-by-hop|Pkts with POT in Policy|info",
  "ip6-pop-hop-by-hop|Pkts with POT out of Policy|info",
  "ip6-pop-hop-by-hop|traces exported|info",
  "ip6-pop-hop-by-hop|trace export ring full: trace not exported|info",
  "ip6-hop-by-hop|E2E sequence numbers inserted|info",
  "ip6-pop-hop-by-hop|E2E sequence numbers analysed|info",
  "ip6-hop-by-hop|E2E option without an IOAM flow (classifier opaque)|info",
  "ip6-lookup|no route to destination|drop",
  "ip6-rewrite|neighbour not resolved: to ip6-discover-neighbor|info",
  "ip6-rewrite|hop limit exceeded|drop",
  "ip6-rewrite|ICMPv6 time exceeded sent|info",
  "ip6-rewrite|ICMPv6 time exceeded not sent: RFC 4443 forbids it (multicast, unspecified source or an ICMPv6 error)|info",
  "ip6-rewrite|ICMPv6 time exceeded not sent: no IPv6 address on the receiving interface|info",
  "ip6-rewrite|ICMPv6 time exceeded not sent: no headroom|info",
  "ip6-local|ip6 local packets|info",
  "ip6-local|locally addressed: no local stack|drop",
  "ip6-local|ICMPv6 echo replies sent|info",
  "sr-pl-rewrite-encaps|SR: Encaps packets|info",
  "sr-pl-rewrite-encaps|no headroom for the outer IPv6 header and SRH|drop",
  "sr-pl-rewrite-encaps|SR policy deleted or without segment lists|drop",
  "sr-pl-rewrite-encaps|spray copies made|info",
  "sr-pl-rewrite-encaps|spray copy not made: no free descriptor in the vector|drop",
  "sr-pl-rewrite-insert|SR: SRH inserted packets|info",
  "sr-pl-rewrite-insert|no headroom for the SRH|drop",
  "sr-pl-rewrite-insert|SR policy deleted or without segment lists|drop",
  "sr-pl-rewrite-insert|spray copies made|info",
  "sr-pl-rewrite-insert|spray copy not made: no free descriptor in the vector|drop",
  "sr-localsid|(SR-Error) No SR header|drop",
  "sr-localsid|(SR-Error) No more segments|drop",
  "sr-localsid|(SR-Error) Decaps not available (segments left > 0)|drop",
  "sr-localsid|(SR-Error) No inner IP header|drop",
  "sr-localsid|decapsulated inner IPv6 packet malformed|drop",
  "sr-localsid|local SID deleted|drop",
  "sr-localsid|End: segments left decremented, destination updated|info",
  "sr-localsid|End.DX6/End.DT6: inner IPv6 packet decapsulated|info",
  "ip6-input|option length wrong for its type|drop",
  "flow-table|flows inserted|info",
  "flow-table|flows evicted: probe window full (oldest replaced)|info",
  "flow-table|flows expired: idle timeout|info",
  "flow-table|flows removed (TCP FIN/RST or by the host)|info",
  "tcp-affinity|service-affinity option added|info",
  "tcp-affinity|TCP options would exceed 40 octets|drop",
  "tcp-affinity|headroom too short to grow the TCP header|drop",
  "tcp-affinity|not a well-formed IPv6 TCP segment (or unknown address family)|drop",
  "nsim|packets delayed|info",
  "nsim|cannot hold the packet: park full or packet over 2048 octets|drop",
  "ip6-add-syn-hop-by-hop|iOAM Syn/Ack Pkts processed|info",
  "ip6-add-syn-hop-by-hop|iOAM Syn Pkts state saved|info",
  "ip6-add-syn-hop-by-hop|selection pool full: SYN sprayed without state|info",
  "ip6-add-syn-hop-by-hop|not a TCP SYN: passed unchanged|pass",
  "ip6-add-syn-hop-by-hop|sr-tunnel-select not enabled: passed unchanged|pass",
  "ip6-add-syn-hop-by-hop|packet already has a hop-by-hop header: passed unchanged|pass",
  "ip6-add-syn-hop-by-hop|no room to insert the hop-by-hop header|drop",
  "ip6-add-syn-hop-by-hop|packet of a selected connection steered to its server|info",
  "ip6-add-syn-hop-by-hop|SYN of a client with a live choice steered without spraying|info",
  "ip6-add-syn-hop-by-hop|TCP segment of no selected connection|drop",
  "ip6-add-syn-hop-by-hop|no headroom for the SRH to the selected server|drop",
  "ip6-ioam-tunnel-select|SYN-ACKs held for selection|info",
  "ip6-ioam-tunnel-select|response without a live selection entry|drop",
  "ip6-ioam-tunnel-select|E2E-cache option missing or malformed|drop",
  "ip6-ioam-tunnel-select|cannot hold the SYN-ACK: park full or packet over 2048 octets|drop",
  "ip6-ioam-tunnel-select|more responses than the entry can hold|drop",
  "ip6-ioam-tunnel-select|RST from a candidate server: counted as its response|drop",
  "ip6-ioam-tunnel-select|selected SYN-ACK forwarded to the client|info",
  "ip6-ioam-tunnel-select|losing SYN-ACK answered with an RST to its server|info",
  "ip6-ioam-tunnel-select|SYN-ACK after the choice answered with an RST to its server|info",
  "ip6-ioam-tunnel-select|not a SYN-ACK or RST: to ip6-pop-hop-by-hop|pass",
  "ip6-ioam-tunnel-select|server table full: no flow affinity for this connection|info",
  "ip6-ioam-tunnel-select|SYN-ACK to reset has no E2E-ID option naming its server: no RST sent|drop",
  "ip6-ioam-cache|ip6 iOAM headers cached|info",
  "ip6-ioam-cache|SYN without an E2E-ID option: not cached|info",
  "ip6-ioam-cache|cache full: oldest entry replaced|info",
  "ip6-ioam-cache|not a TCP SYN: to ip6-pop-hop-by-hop|pass",
  "ip6-ioam-cache|hop-by-hop header longer than a cache entry holds: not cached|info",
  "ip6-add-from-cache-hop-by-hop|Pkts w/ added ip6 hop-by-hop options|info",
  "ip6-add-from-cache-hop-by-hop|SYN-ACK or RST without a cache entry|drop",
  "ip6-add-from-cache-hop-by-hop|cache entry expired|drop",
  "ip6-add-from-cache-hop-by-hop|no headroom for the hop-by-hop header and SRH|drop",
  "ip6-add-from-cache-hop-by-hop|not a SYN-ACK answering a cached SYN (other TCP, RSTs without an entry): passed unchanged|pass",
  "ip6-add-from-cache-hop-by-hop|response already has a hop-by-hop header|drop",
  "tcp-affinity-server-edge|service-affinity option added to a FIN|info",
  "tcp-affinity-server-edge|no server-edge configuration: passed unchanged|pass",
  "tcp-affinity-server-edge|not an unfragmented IPv6 TCP segment: passed unchanged|pass",
  "tcp-affinity-server-edge|source not in the anycast prefix: passed unchanged|pass",
  "tcp-affinity-server-edge|not a FIN: passed unchanged|pass",
  "tcp-affinity-server-edge|FIN already carries the option: passed unchanged|pass",
  "tcp-affinity-server-edge|FIN whose options leave no room (40 octets): passed without the option|pass",
  "tcp-affinity-server-edge|FIN without headroom to grow: passed without the option|pass",
  "tcp-affinity-server-edge|malformed TCP segment: passed without the option|pass",
  "tcp-affinity-client-edge|server learned from the option|info",
  "tcp-affinity-client-edge|no client-edge configuration: passed unchanged|pass",
  "tcp-affinity-client-edge|not an unfragmented IPv6 TCP segment: passed unchanged|pass",
  "tcp-affinity-client-edge|neither address in the anycast prefix: passed unchanged|pass",
  "tcp-affinity-client-edge|segment from the anycast prefix without the option: passed|pass",
  "tcp-affinity-client-edge|option names an IPv4 server: not learned (SRv6 steers to IPv6 only)|pass",
  "tcp-affinity-client-edge|option names an address in the anycast prefix: not learned|pass",
  "tcp-affinity-client-edge|server directory full: not learned|pass",
  "tcp-affinity-client-edge|SYN steered to its client's learned server|info",
  "tcp-affinity-client-edge|segment of a steered connection steered|info",
  "tcp-affinity-client-edge|SYN of a client without a learned server: passed to anycast|pass",
  "tcp-affinity-client-edge|segment of a connection not steered here: passed to anycast|pass",
  "tcp-affinity-client-edge|packet already has a routing header: passed unchanged|pass",
  "tcp-affinity-client-edge|no headroom for the SRH: passed to anycast unsteered|pass",
  "tcp-affinity-client-edge|learned clients expired (lifetime)|info",
  "tcp-affinity-client-edge|learned clients evicted (table full)|info",
  "tcp-affinity-client-edge|steered connections expired (lifetime)|info",
  "tcp-affinity-client-edge|steered connections evicted (table full)|info",
  "sr-localsid|End.CATS: SRH-inserted packet not at its last segment (segments left is not 1)|drop",
  "sr-localsid|End.CATS: no eligible service site in the computing forwarding table|drop",
  "sr-localsid|End.CATS: decapsulated and forwarded to a local service site|info",
  "ip6-hop-by-hop|RFC 9197 trace arriving where IOAM is off (set interface ioam6 IF enable): passed|info",
  "device-input|interface is down|drop",
  "ethernet-input|unknown vlan|drop",
  "interface-output|interface is down|drop",
  "ip6-rewrite|no headroom for the sub-interface's VLAN tag|drop",
  "ip6-outacl|output ACL hits|info",
  "ip6-outacl|output ACL misses|info",
  "ip6-outacl|output ACL hits after chain walk|info",
  "ip6-outacl|output ACL deny|drop",
  "device-input|frame stamped before 1970 or from 2262 on (outside the engine clock)|drop",
  "interface-output|packet longer than the interface MTU|drop",
  "icmp6-neighbor-solicitation|hop_limit != 255|drop",
  "icmp6-neighbor-solicitation|invalid code for type|drop",
  "icmp6-neighbor-solicitation|payload length too small for type|drop",
  "icmp6-neighbor-solicitation|ICMPv6 checksum wrong|drop",
  "icmp6-neighbor-solicitation|option has zero length or runs past the message|drop",
  "icmp6-neighbor-solicitation|target is a multicast address|drop",
  "icmp6-neighbor-solicitation|unspecified source to a non-solicited-node address or with a link-layer option|drop",
  "icmp6-neighbor-solicitation|not received on an Ethernet interface|drop",
  "icmp6-neighbor-solicitation|neighbor solicitations from source not on link|drop",
  "icmp6-neighbor-solicitation|neighbor solicitations for unknown targets|drop",
  "icmp6-neighbor-solicitation|neighbor advertisements sent|info",
  "icmp6-neighbor-solicitation|neighbors learned from the source link-layer address|info",
  "icmp6-neighbor-advertisement|hop_limit != 255|drop",
  "icmp6-neighbor-advertisement|invalid code for type|drop",
  "icmp6-neighbor-advertisement|payload length too small for type|drop",
  "icmp6-neighbor-advertisement|ICMPv6 checksum wrong|drop",
  "icmp6-neighbor-advertisement|option has zero length or runs past the message|drop",
  "icmp6-neighbor-advertisement|target is a multicast address|drop",
  "icmp6-neighbor-advertisement|solicited flag set on a multicast destination|drop",
  "icmp6-neighbor-advertisement|not received on an Ethernet interface|drop",
  "icmp6-neighbor-advertisement|neighbor advertisements from source not on link|drop",
  "icmp6-neighbor-advertisement|neighbor advertisements received|info",
  "icmp6-neighbor-advertisement|advertisement without a target link-layer address: nothing learned|info",
  "ip6-discover-neighbor|neighbor solicitations sent|info",
  "ip6-discover-neighbor|unicast neighbor probes sent (entry aged)|info",
  "ip6-discover-neighbor|no source address for ND solicitation|drop",
  "ip6-discover-neighbor|packets held awaiting neighbor resolution|info",
  "ip6-discover-neighbor|held packets released after resolution|info",
  "ip6-discover-neighbor|held-packet limit for the neighbor reached|drop",
  "ip6-discover-neighbor|cannot hold the packet: park full or packet over 2048 octets|drop",
  "ip6-discover-neighbor|pending-resolution table full|drop",
  "ip6-discover-neighbor|neighbor resolution failed: held packet dropped|drop",
  "ip6-discover-neighbor|neighbor events not delivered to the host: ring full|info",
];
