// ARP (RFC 826) for Ethernet/IPv4, recognised so captures with neighbour traffic decode cleanly.
//  hw type (16) | proto type (16) | hw size (8) | proto size (8) | opcode (16) |
//  sender hw (48) | sender proto (32) | target hw (48) | target proto (32)
export const ARP_HW_TYPE = 0;
export const ARP_PROTO_TYPE = 2;
export const ARP_HW_SIZE = 4;
export const ARP_PROTO_SIZE = 5;
export const ARP_OPCODE = 6;
export const ARP_ADDRESSES = 8;
export const ARP_FIXED_LENGTH = 8;
export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;
