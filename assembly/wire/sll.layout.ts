// Linux "cooked" capture headers (libpcap LINKTYPE_LINUX_SLL / LINKTYPE_LINUX_SLL2), what
// `tcpdump -i any` and packet sockets without a link header record.
// SLL (16 octets): packet type (16) | ARPHRD type (16) | address length (16) | address (64) | protocol (16)
export const SLL_PACKET_TYPE = 0;
export const SLL_HATYPE = 2;
export const SLL_HALEN = 4;
export const SLL_ADDRESS = 6;
export const SLL_PROTOCOL = 14;
export const SLL_HEADER_LENGTH = 16;
// SLL2 (20 octets): protocol (16) | reserved (16) | interface index (32) | ARPHRD type (16) |
// packet type (8) | address length (8) | address (64)
export const SLL2_PROTOCOL = 0;
export const SLL2_RESERVED = 2;
export const SLL2_INTERFACE_INDEX = 4;
export const SLL2_HATYPE = 8;
export const SLL2_PACKET_TYPE = 10;
export const SLL2_HALEN = 11;
export const SLL2_ADDRESS = 12;
export const SLL2_HEADER_LENGTH = 20;
// Both: the address field is 8 octets whatever the address length says.
export const SLL_ADDRESS_FIELD_LENGTH = 8;
export const ARPHRD_ETHER = 1;
export const ARPHRD_LOOPBACK = 772;

// BSD loopback (LINKTYPE_NULL: host byte order, LINKTYPE_LOOP: network order): a 4-octet address family.
export const NULL_FAMILY = 0;
export const NULL_HEADER_LENGTH = 4;
export const NULL_AF_INET = 2;
// AF_INET6 differs by the OS that wrote the capture.
export const NULL_AF_INET6_BSD = 24;
export const NULL_AF_INET6_FREEBSD = 28;
export const NULL_AF_INET6_DARWIN = 30;
export const NULL_AF_INET6_LINUX = 10;
