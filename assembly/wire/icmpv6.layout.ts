// ICMPv6 header (RFC 4443 §2.1) and the types the engine names.
export const ICMPV6_TYPE = 0;
export const ICMPV6_CODE = 1;
export const ICMPV6_CHECKSUM = 2;
export const ICMPV6_BODY = 4; // 32 bits of type-specific data (MTU, pointer, id + seq, ...)
export const ICMPV6_HEADER_LENGTH = 8;
export const ICMPV6_ERROR_INVOKING_PACKET = 8; // errors carry as much of the offending packet as fits

export const ICMPV6_DEST_UNREACHABLE = 1;
export const ICMPV6_PACKET_TOO_BIG = 2;
export const ICMPV6_TIME_EXCEEDED = 3;
export const ICMPV6_PARAMETER_PROBLEM = 4;
export const ICMPV6_ECHO_REQUEST = 128;
export const ICMPV6_ECHO_REPLY = 129;
export const ICMPV6_MLD_QUERY = 130;
export const ICMPV6_MLD_REPORT = 131;
export const ICMPV6_MLD_DONE = 132;
export const ICMPV6_ROUTER_SOLICITATION = 133;
export const ICMPV6_ROUTER_ADVERTISEMENT = 134;
export const ICMPV6_NEIGHBOR_SOLICITATION = 135;
export const ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
export const ICMPV6_REDIRECT = 137;
export const ICMPV6_MLDV2_REPORT = 143;
export const ICMPV6_ERROR_MAX = 127; // types 0-127 are errors

// Echo request/reply (RFC 4443 §4): identifier and sequence number in the 32-bit body, then data.
export const ICMPV6_ECHO_IDENTIFIER = 4;
export const ICMPV6_ECHO_SEQUENCE = 6;
export const ICMPV6_ECHO_DATA = 8;
// Neighbor Discovery (RFC 4861 §4): NS/NA carry a target address, then options counted in 8 octets.
export const ICMPV6_ND_TARGET = 8;
export const ICMPV6_ND_OPTIONS = 24;
export const ICMPV6_ND_OPTION_UNIT = 8;
export const ICMPV6_ND_OPTION_DATA = 2;
export const ICMPV6_ND_OPT_SOURCE_LL = 1;
export const ICMPV6_ND_OPT_TARGET_LL = 2;
export const ICMPV6_NA_FLAG_ROUTER = 0x80000000;
export const ICMPV6_NA_FLAG_SOLICITED = 0x40000000;
export const ICMPV6_NA_FLAG_OVERRIDE = 0x20000000;
// Router Advertisement: hop limit, flags, lifetime in the body; then reachable time, retrans timer.
export const ICMPV6_RA_REACHABLE_TIME = 8;
export const ICMPV6_RA_RETRANS_TIMER = 12;
export const ICMPV6_RA_OPTIONS = 16;
// MLD (RFC 2710 §3): maximum response delay and reserved in the body, then the multicast address.
export const ICMPV6_MLD_ADDRESS = 8;
export const ICMPV6_BODY_LENGTH = 4;
export const ICMPV6_RA_HOP_LIMIT = 4;
export const ICMPV6_RA_FLAGS = 5;
export const ICMPV6_RA_LIFETIME = 6;
export const ICMPV6_MLD_MAX_DELAY = 4;
export const ICMPV6_MLD_RESERVED = 6;
// MLDv2 report (RFC 3810 §5.2): reserved (16) then the number of records (16).
export const ICMPV6_MLDV2_RESERVED = 4;
export const ICMPV6_MLDV2_RECORDS = 6;
