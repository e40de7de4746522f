import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-rewrite", "ip6Rewrite")
    .next(["error-drop", "interface-output", "ip6-discover-neighbor", "ip6-lookup", "ip6-outacl"])
    .info("NEIGHBOUR_NOT_RESOLVED", "neighbour not resolved: to ip6-discover-neighbor")
    .drop("HOP_LIMIT_EXCEEDED", "hop limit exceeded")
    .info("TIME_EXCEEDED_SENT", "ICMPv6 time exceeded sent")
    .info("TIME_EXCEEDED_FORBIDDEN", "ICMPv6 time exceeded not sent: RFC 4443 forbids it (multicast, unspecified source or an ICMPv6 error)")
    .info("TIME_EXCEEDED_NO_ADDRESS", "ICMPv6 time exceeded not sent: no IPv6 address on the receiving interface")
    .info("TIME_EXCEEDED_NO_HEADROOM", "ICMPv6 time exceeded not sent: no headroom")
    .drop("REWRITE_NO_TAG_ROOM", "no headroom for the sub-interface's VLAN tag"),
];
