// Ethernet II (IEEE 802.3 with EtherType) and 802.1Q / 802.1ad tags.
//  0               6              12      14
//  +---------------+---------------+-------+
//  | destination   | source        | type  |
//  +---------------+---------------+-------+
// A VLAN tag (TPID 0x8100 or 0x88a8) inserts 4 octets: TCI (16) then the inner EtherType.
// Valid in AssemblyScript and TypeScript alike: constants only.
export const ETHERNET_DST = 0;
export const ETHERNET_SRC = 6;
export const ETHERNET_TYPE = 12;
export const ETHERNET_HEADER_LENGTH = 14;
export const MAC_LENGTH = 6;

export const VLAN_TAG_LENGTH = 4;
export const VLAN_TCI = 0; // relative to the tag, i.e. at the outer EtherType's offset + 2
export const VLAN_INNER_TYPE = 2;
export const VLAN_MAX_TAGS = 2;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_QINQ = 0x88a8;
export const ETHERTYPE_IPV6 = 0x86dd;
// The tag control information: priority (3) | drop eligible (1) | VLAN id (12).
export const VLAN_PRIORITY_MASK = 0xe000;
export const VLAN_PRIORITY_SHIFT = 13;
export const VLAN_DEI_MASK = 0x1000;
export const VLAN_ID_MASK = 0x0fff;
