// IPv4 header (RFC 791), recognised so that it can be passed or dropped with a reason.
export const IPV4_VERSION_IHL = 0;
export const IPV4_TOS = 1;
export const IPV4_TOTAL_LENGTH = 2;
export const IPV4_IDENTIFICATION = 4;
export const IPV4_FLAGS_FRAGMENT = 6;
export const IPV4_TTL = 8;
export const IPV4_PROTOCOL = 9;
export const IPV4_CHECKSUM = 10;
export const IPV4_SRC = 12;
export const IPV4_DST = 16;
export const IPV4_MIN_HEADER_LENGTH = 20;
export const IPV4_VERSION = 4;
export const IPV4_IHL_UNIT = 4;
export const IPV4_ADDRESS_LENGTH = 4;
export const IPV4_MORE_FRAGMENTS = 0x2000;
export const IPV4_FRAGMENT_OFFSET_MASK = 0x1fff;
export const IPV4_RESERVED_FLAG = 0x8000;
export const IPV4_DONT_FRAGMENT = 0x4000;
// The DS field (RFC 2474 / RFC 3168): DSCP in the top six bits, ECN in the bottom two.
export const IPV4_DSCP_SHIFT = 2;
export const IPV4_ECN_MASK = 0x03;

// ICMP for IPv4 (RFC 792): type, code, checksum, then a 32-bit body; errors carry the invoking packet.
export const ICMP4_TYPE = 0;
export const ICMP4_CODE = 1;
export const ICMP4_CHECKSUM = 2;
export const ICMP4_ECHO_IDENTIFIER = 4;
export const ICMP4_ECHO_SEQUENCE = 6;
export const ICMP4_HEADER_LENGTH = 8;
export const ICMP4_ECHO_REPLY = 0;
export const ICMP4_DEST_UNREACHABLE = 3;
export const ICMP4_ECHO_REQUEST = 8;
export const ICMP4_TIME_EXCEEDED = 11;
export const ICMP4_PARAMETER_PROBLEM = 12;
