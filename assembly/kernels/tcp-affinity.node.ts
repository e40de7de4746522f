import { NodeDeclaration, counterGroup } from "../graph/node-declaration.js";

export const NODES: NodeDeclaration[] = [
  counterGroup("tcp-affinity")
    .info("TCP_AFFINITY_ADDED", "service-affinity option added")
    .drop("TCP_AFFINITY_NO_OPTION_SPACE", "TCP options would exceed 40 octets")
    .drop("TCP_AFFINITY_NO_HEADROOM", "headroom too short to grow the TCP header")
    .drop("TCP_AFFINITY_NOT_TCP", "not a well-formed IPv6 TCP segment (or unknown address family)"),
];
