// IPv6 Fragment header (RFC 8200 §4.5).
//  next header (8) | reserved (8) | fragment offset (13) res (2) M (1) | identification (32)
export const FRAGMENT_NEXT_HEADER = 0;
export const FRAGMENT_RESERVED = 1;
export const FRAGMENT_OFFSET_FLAGS = 2;
export const FRAGMENT_IDENTIFICATION = 4;
export const FRAGMENT_HEADER_LENGTH = 8;
export const FRAGMENT_OFFSET_MASK = 0xfff8; // offset in 8-octet units, already scaled by 8
export const FRAGMENT_MORE = 0x0001;
export const FRAGMENT_OFFSET_SHIFT = 3; // octets = units << 3
export const FRAGMENT_RESERVED_BITS = 0x0006;
