// Hop-by-hop and destination options (RFC 8200 §4.2): TLVs inside an HBH or DOH header.
//   option type (8) | opt data len (8) | data ...     (Pad1 is a single 0x00 octet)
export const OPTION_TYPE = 0;
export const OPTION_LENGTH = 1;
export const OPTION_DATA = 2;
export const OPTION_HEADER_LENGTH = 2;
// The two high bits of the type say what a node that does not know the option must do.
export const OPTION_ACTION_MASK = 0xc0;
export const OPTION_ACTION_SKIP = 0x00;
export const OPTION_CHANGE_EN_ROUTE = 0x20;
// Linux rejects padding runs longer than this (net/ipv6/exthdrs.c).
export const OPTION_MAX_PAD_RUN = 7;

export const OPT_PAD1 = 0x00;
export const OPT_PADN = 0x01;
export const OPT_JUMBO = 0xc2;
export const OPT_ROUTER_ALERT = 0x05;
export const ROUTER_ALERT_DATA_LENGTH = 2;
// RFC 9486: one IOAM option type, with and without the change-en-route bit.
export const OPT_IOAM = 0x31;
export const OPT_IOAM_NOCHANGE = 0x11;
// VPP's pre-standard IOAM options (src/vnet/ip/ip6_hop_by_hop_packet.h, "IANA banana constants").
export const OPT_VPP_TRACE = 0x3b;
export const OPT_VPP_POT = 0x3c;
export const OPT_VPP_E2E = 0x1d;
export const OPT_VPP_E2E_ID = 0x1e;
export const OPT_VPP_E2E_CACHE = 0x1f;
export const OPT_TUNNEL_ENCAP_LIMIT = 0x04;
export const JUMBO_DATA_LENGTH = 4;
export const OPTION_TYPE_REST_MASK = 0x1f;
// RFC 4727 experimental option types: any action and change bits over these low bits.
export const OPTION_EXPERIMENTAL_LOW_BITS = 0x1e;
