import { NodeDeclaration, graphNode } from "./node-declaration.js";

// The first two are the Ethernet check's reasons in its order (WIRE_ETHERNET_*): ethernetInputReason.
export const NODES: NodeDeclaration[] = [
  graphNode("ethernet-input", "ethernetInput")
    .next(["error-drop", "ip4-input", "ip6-input"])
    .drop("ETHERNET_TRUNCATED", "frame shorter than an Ethernet header")
    .drop("ETHERNET_VLAN_TRUNCATED", "802.1Q tag truncated")
    .pass("ETHERNET_NON_IP", "non-IP frame passed through")
    .drop("ETHERNET_UNKNOWN_VLAN", "unknown vlan"),
];
