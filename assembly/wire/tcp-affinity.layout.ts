// TCP service-affinity option (draft-wang-tcpm-tcp-service-affinity-option), carried as an RFC 6994
// shared experimental option because the draft has no IANA kind: docs/tcp-service-affinity.md.
//
//   kind 253 | length | ExID (16) | family/flags (8) | server address (16 or 4) | server port (16)
//
// IPv6 form: 2 + 2 + 1 + 16 + 2 = 23 octets (24 with one padding octet to 4n).
// IPv4 form: 2 + 2 + 1 +  4 + 2 = 11 octets (12 with one padding octet to 4n).
// TCP has 40 octets of options, so the IPv6 form leaves 16 for the others (MSS 4 + SACK-perm 2 +
// window scale 3 fits, adding timestamps 10 does not: such a segment is refused).
//
// ExID 0x5341 ("SA", service affinity). RFC 6994 ExIDs are first-come first-served; the spec this
// repository works from (standards-interop §7.1) lists no registered ExID for the draft and none of
// the identifiers it or tshark 4.0 knows (0xF989 TCP Fast Open's pre-RFC 7413 ExID is the one tshark
// dissects) is 0x5341. The IANA registry itself could not be consulted offline: check it before any
// use outside a lab, and change TCP_AFFINITY_EXID here (one constant; AS and TS share it).
export const TCP_AFFINITY_KIND = 253; // TCP_OPT_EXPERIMENT_1
export const TCP_AFFINITY_EXID = 0x5341;

// Offsets inside the option.
export const TCP_AFFINITY_KIND_OFFSET = 0;
export const TCP_AFFINITY_LENGTH_OFFSET = 1;
export const TCP_AFFINITY_EXID_OFFSET = 2;
export const TCP_AFFINITY_FAMILY_OFFSET = 4; // low nibble: address family; high nibble: flags (0)
export const TCP_AFFINITY_ADDRESS_OFFSET = 5;
export const TCP_AFFINITY_IP6_PORT_OFFSET = 21; // after a 16-octet address
export const TCP_AFFINITY_IP4_PORT_OFFSET = 9; // after a 4-octet address

// The family octet.
export const TCP_AFFINITY_FAMILY_IP4 = 4;
export const TCP_AFFINITY_FAMILY_IP6 = 6;
export const TCP_AFFINITY_FAMILY_MASK = 0x0f;
export const TCP_AFFINITY_FLAGS_MASK = 0xf0; // reserved: sent as 0, ignored on receipt

// Option lengths (the length octet's value) and the space each takes once padded to 4n.
export const TCP_AFFINITY_IP6_LENGTH = 23;
export const TCP_AFFINITY_IP4_LENGTH = 11;
export const TCP_AFFINITY_IP6_ADDRESS_LENGTH = 16;
export const TCP_AFFINITY_IP4_ADDRESS_LENGTH = 4;
export const TCP_AFFINITY_IP6_PADDED = 24;
export const TCP_AFFINITY_IP4_PADDED = 12;
export const TCP_MAX_OPTIONS_LENGTH = 40;
