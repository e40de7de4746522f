import { NodeDeclaration, graphNode } from "./node-declaration.js";

// The drops up to ERR_IP6_OPTION_WRONG_LENGTH are the IPv6 chain checks' reasons in their order
// (wire/reasons.layout.ts WIRE_IP6_*): ip6InputReason adds one offset.
export const NODES: NodeDeclaration[] = [
  graphNode("ip6-input", "ip6Input")
    .next(["error-drop", "ip6-inacl", "ip6-lookup"])
    .drop("IP6_TRUNCATED", "IPv6 header truncated")
    .drop("IP6_BAD_VERSION", "IPv6 version is not 6")
    .drop("IP6_LENGTH_PAST_END", "IPv6 payload length past the end of the packet")
    .drop("IP6_JUMBOGRAM", "IPv6 jumbogram not supported")
    .drop("IP6_EXT_TRUNCATED", "extension header truncated")
    .drop("IP6_EXT_PAST_END", "extension header length past the end of the packet")
    .drop("IP6_HBH_NOT_FIRST", "hop-by-hop header not first")
    .drop("IP6_EXT_CHAIN_TOO_LONG", "too many extension headers")
    .drop("IP6_OPTION_TRUNCATED", "option truncated")
    .drop("IP6_OPTION_PAST_END", "option length past the end of its header")
    .drop("IP6_SRH_LAST_ENTRY_PAST_HEADER", "SRH last entry past the header")
    .drop("IP6_SRH_SEGMENTS_LEFT_PAST_LIST", "SRH segments left past the segment list")
    .drop("IP6_SRH_TLV_PAST_END", "SRH TLV length past the header")
    .drop("IP6_FRAGMENT_TRUNCATED", "fragment header truncated")
    .drop("IP6_TCP_TRUNCATED", "TCP header truncated")
    .drop("IP6_TCP_BAD_DATA_OFFSET", "TCP data offset below 5 or past the packet")
    .drop("IP6_TCP_OPTION_PAST_END", "TCP option length past the header")
    .drop("IP6_UDP_TRUNCATED", "UDP header truncated")
    .drop("IP6_UDP_BAD_LENGTH", "UDP length below 8 or past the packet")
    .drop("IP6_ICMP_TRUNCATED", "ICMPv6 header truncated")
    .drop("IP6_AH_TRUNCATED", "authentication header truncated")
    .drop("IP6_OPTION_WRONG_LENGTH", "option length wrong for its type")
    .info("IP6_TRAILING_IGNORED", "octets after the IPv6 payload (link padding) ignored")
    .drop("IP6_SRH_TOO_SHORT", "segment routing header shorter than 8 octets"),
];
