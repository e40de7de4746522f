// Segment Routing Header: routing header type 4 (RFC 8754 §2).
//  next header | hdr ext len | routing type = 4 | segments left
//  last entry  | flags       |        tag (16)
//  segment list[0] (128) ... segment list[last entry] (128)   [0] is the final segment
//  optional TLVs up to (hdr ext len + 1) * 8
export const ROUTING_NEXT_HEADER = 0;
export const ROUTING_LENGTH = 1;
export const ROUTING_TYPE = 2;
export const ROUTING_SEGMENTS_LEFT = 3;
export const ROUTING_TYPE_SRH = 4;

export const SRH_LAST_ENTRY = 4;
export const SRH_FLAGS = 5;
export const SRH_TAG = 6;
export const SRH_SEGMENT_LIST = 8;
export const SRH_SEGMENT_LENGTH = 16;
export const SRH_FIXED_LENGTH = 8;
// Linux's pre-RFC "H" flag: set whenever an HMAC TLV is present (seg6_hmac.c).
export const SRH_FLAG_HMAC = 0x08;

// SRH TLVs (RFC 8754 §2.1): type (8) | length (8) | value. Pad1 is a single octet.
export const SRH_TLV_TYPE = 0;
export const SRH_TLV_LENGTH = 1;
export const SRH_TLV_VALUE = 2;
export const SRH_TLV_HEADER_LENGTH = 2;
export const SRH_TLV_PAD1 = 0;
export const SRH_TLV_PADN = 4;
export const SRH_TLV_HMAC = 5;
// HMAC TLV value: D flag (1) + reserved (15) | key id (32) | HMAC (8n octets, at most 32)
export const SRH_HMAC_FLAGS = 2;
export const SRH_HMAC_KEY_ID = 4;
export const SRH_HMAC_VALUE = 8;
export const SRH_HMAC_FLAG_D = 0x8000;
export const SRH_PADN_MAX_DATA = 5;

// Other routing types (RFC 8200 §4.4, RFC 6275, RFC 6554): their data starts after the common four octets.
export const ROUTING_TYPE_DATA = 4;
export const ROUTING_TYPE_SOURCE_ROUTE = 0;
export const ROUTING_TYPE_MOBILE_IPV6 = 2;
export const ROUTING_TYPE_RPL = 3;
export const ROUTING_RESERVED_LENGTH = 4; // types 0 and 2: reserved, then addresses from octet 8
export const RPL_CMPRI_SHIFT = 28;
export const RPL_CMPRE_SHIFT = 24;
export const RPL_PAD_SHIFT = 20;
