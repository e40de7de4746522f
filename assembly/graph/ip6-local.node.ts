import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-local", "ip6Local")
    .next(["error-drop", "icmp6-neighbor-advertisement", "icmp6-neighbor-solicitation", "ip6-lookup"])
    .info("LOCAL_PACKETS", "ip6 local packets")
    .drop("LOCAL_NO_STACK", "locally addressed: no local stack")
    .info("ECHO_REPLY_SENT", "ICMPv6 echo replies sent"),
];
