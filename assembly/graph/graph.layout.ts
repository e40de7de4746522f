// The node graph's names and every reason a node counts, in one place for the Wasm nodes and the
// host's `show errors` / `show runtime`. Index = id. Valid AssemblyScript and TypeScript.
export const NODE_ERROR_DROP = 0;
export const NODE_ETHERNET_INPUT = 1;
export const NODE_IP_INPUT_RAW = 2;
export const NODE_IP4_INPUT = 3;
export const NODE_IP6_INPUT = 4;
export const NODE_IP6_LOOKUP = 5;
export const NODE_INTERFACE_OUTPUT = 6;
export const NODE_DEVICE_INPUT = 7; // host side: frames refused before they reach the graph
export const NODE_COUNT = 8;

export const NODE_NAMES = [
  "error-drop",
  "ethernet-input",
  "ip-input-raw",
  "ip4-input",
  "ip6-input",
  "ip6-lookup",
  "interface-output",
  "device-input",
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
export const ERROR_COUNT = 40;

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
];
