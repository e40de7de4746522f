// Names tshark shows next to numbers in the tree (value_string tables), for the values we meet.
import { hexNumber } from "./format.js";
import {
  PROTO_AH,
  PROTO_DEST_OPTIONS,
  PROTO_ESP,
  PROTO_FRAGMENT,
  PROTO_HOP_BY_HOP,
  PROTO_ICMPV6,
  PROTO_IPV4,
  PROTO_IPV6,
  PROTO_MOBILITY,
  PROTO_NO_NEXT,
  PROTO_ROUTING,
  PROTO_TCP,
  PROTO_UDP,
} from "../../../assembly/wire/ipv6.layout.js";
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_QINQ, ETHERTYPE_VLAN } from "../../../assembly/wire/ethernet.layout.js";

const IP_PROTOCOLS = new Map<number, string>([
  [PROTO_HOP_BY_HOP, "IPv6 Hop-by-Hop Option"],
  [1, "ICMP"],
  [2, "IGMP"],
  [PROTO_IPV4, "IPIP"],
  [PROTO_TCP, "TCP"],
  [PROTO_UDP, "UDP"],
  [PROTO_IPV6, "IPv6"],
  [PROTO_ROUTING, "Routing Header for IPv6"],
  [PROTO_FRAGMENT, "Fragment Header for IPv6"],
  [47, "Generic Routing Encapsulation"],
  [PROTO_ESP, "Encap Security Payload"],
  [PROTO_AH, "Authentication Header"],
  [PROTO_ICMPV6, "ICMPv6"],
  [PROTO_NO_NEXT, "No Next Header for IPv6"],
  [PROTO_DEST_OPTIONS, "Destination Options for IPv6"],
  [132, "SCTP"],
  [PROTO_MOBILITY, "Mobile IPv6"],
  [139, "HIP"],
  [140, "Shim6 header"],
  [143, "Ethernet"],
]);

export function ipProtocolName(protocol: number): string {
  return IP_PROTOCOLS.get(protocol) ?? "Unknown";
}

/** `UDP (17)`, as tshark writes a protocol number in the tree. */
export function ipProtocolText(protocol: number): string {
  return `${ipProtocolName(protocol)} (${protocol})`;
}

const ETHERTYPES = new Map<number, string>([
  [ETHERTYPE_IPV4, "IPv4"],
  [ETHERTYPE_ARP, "ARP"],
  [ETHERTYPE_VLAN, "802.1Q Virtual LAN"],
  [ETHERTYPE_QINQ, "802.1ad Provider Bridge (Q-in-Q)"],
  [ETHERTYPE_IPV6, "IPv6"],
]);

export function ethertypeText(type: number): string {
  return `${ETHERTYPES.get(type) ?? "Unknown"} (${hexNumber(type, 4)})`;
}

export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
