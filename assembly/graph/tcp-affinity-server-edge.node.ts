import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("tcp-affinity-server-edge", "tcpAffinityServerEdge")
    .next(["ip6-lookup"])
    .info("AFFINITY_SERVER_EDGE_ADDED", "service-affinity option added to a FIN")
    .pass("AFFINITY_SERVER_EDGE_OFF", "no server-edge configuration: passed unchanged")
    .pass("AFFINITY_SERVER_EDGE_NOT_TCP", "not an unfragmented IPv6 TCP segment: passed unchanged")
    .pass("AFFINITY_SERVER_EDGE_NOT_ANYCAST", "source not in the anycast prefix: passed unchanged")
    .pass("AFFINITY_SERVER_EDGE_NOT_FIN", "not a FIN: passed unchanged")
    .pass("AFFINITY_SERVER_EDGE_HAS_OPTION", "FIN already carries the option: passed unchanged")
    .pass("AFFINITY_SERVER_EDGE_NO_OPTION_SPACE", "FIN whose options leave no room (40 octets): passed without the option")
    .pass("AFFINITY_SERVER_EDGE_NO_HEADROOM", "FIN without headroom to grow: passed without the option")
    .pass("AFFINITY_SERVER_EDGE_MALFORMED", "malformed TCP segment: passed without the option"),
];
