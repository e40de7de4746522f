// IPv6 fixed header (RFC 8200 §3) and the next-header numbers the engine knows.
//  0       4       8      12      16      20      24      28      32
//  | ver | traffic class |            flow label                   |
//  |        payload length         |  next header  |   hop limit   |
//  |                      source address (128)                     |
//  |                   destination address (128)                   |
export const IPV6_VERSION_TC_FLOW = 0;
export const IPV6_PAYLOAD_LENGTH = 4;
export const IPV6_NEXT_HEADER = 6;
export const IPV6_HOP_LIMIT = 7;
export const IPV6_SRC = 8;
export const IPV6_DST = 24;
export const IPV6_HEADER_LENGTH = 40;
export const IPV6_ADDRESS_LENGTH = 16;
export const IPV6_VERSION = 6;
export const IPV6_FLOW_LABEL_MASK = 0x000fffff;
export const IPV6_TRAFFIC_CLASS_SHIFT = 20;

// Next-header (protocol) numbers (IANA "Assigned Internet Protocol Numbers").
export const PROTO_HOP_BY_HOP = 0;
export const PROTO_ICMP = 1;
export const PROTO_IPV4 = 4;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_IPV6 = 41;
export const PROTO_ROUTING = 43;
export const PROTO_FRAGMENT = 44;
export const PROTO_ESP = 50;
export const PROTO_AH = 51;
export const PROTO_ICMPV6 = 58;
export const PROTO_NO_NEXT = 59;
export const PROTO_DEST_OPTIONS = 60;
export const PROTO_MOBILITY = 135;

// Generic extension header framing shared by HBH, DOH and routing headers (RFC 8200 §4):
// next header (8) | hdr ext len (8, in 8-octet units not counting the first 8).
export const EXT_NEXT_HEADER = 0;
export const EXT_LENGTH = 1;
export const EXT_LENGTH_UNIT = 8;
export const EXT_MIN_LENGTH = 8;
// AH counts its length in 4-octet units minus 2 (RFC 4302 §2.2).
export const AH_LENGTH_UNIT = 4;
export const AH_LENGTH_BIAS = 2;
// How many extension headers one packet may chain before the parser gives up.
export const EXT_MAX_CHAIN = 16;

// AH (RFC 4302 §2): next header | length | reserved (16) | SPI (32) | sequence (32) | ICV.
export const AH_RESERVED = 2;
export const AH_SPI = 4;
export const AH_SEQUENCE = 8;
export const AH_ICV = 12;
// ESP (RFC 4303 §2): SPI (32) | sequence (32) | encrypted payload.
export const ESP_SPI = 0;
export const ESP_SEQUENCE = 4;
export const ESP_HEADER_LENGTH = 8;

// What parseIp6 (ipv6.ts) found, in a record its caller owns: the offset of each header from
// the base the caller gives (0: absent), the upper-layer protocol (PROTO_NO_NEXT when none) and
// where it starts (0: none found, e.g. behind a non-first fragment). The offsets come first and
// together, so the record is cleared in two stores.
export const IP6_CHAIN_HBH = 0; // u16: the hop-by-hop header
export const IP6_CHAIN_ROUTING = 2; // u16: the first routing header
export const IP6_CHAIN_FRAGMENT = 4; // u16: the (last) fragment header
export const IP6_CHAIN_DEST_OPTIONS = 6; // u16: the last destination options header before the upper layer
export const IP6_CHAIN_L4 = 8; // u16: the upper-layer header
export const IP6_CHAIN_L4_PROTO = 10; // u8: the upper-layer protocol number
export const IP6_CHAIN_SIZE = 11;
