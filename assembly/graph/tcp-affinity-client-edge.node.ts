import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("tcp-affinity-client-edge", "tcpAffinityClientEdge")
    .next(["ip6-lookup"])
    .info("AFFINITY_CLIENT_EDGE_LEARNED", "server learned from the option")
    .pass("AFFINITY_CLIENT_EDGE_OFF", "no client-edge configuration: passed unchanged")
    .pass("AFFINITY_CLIENT_EDGE_NOT_TCP", "not an unfragmented IPv6 TCP segment: passed unchanged")
    .pass("AFFINITY_CLIENT_EDGE_NOT_ANYCAST", "neither address in the anycast prefix: passed unchanged")
    .pass("AFFINITY_CLIENT_EDGE_NO_OPTION", "segment from the anycast prefix without the option: passed")
    .pass("AFFINITY_CLIENT_EDGE_IP4_SERVER", "option names an IPv4 server: not learned (SRv6 steers to IPv6 only)")
    .pass("AFFINITY_CLIENT_EDGE_ANYCAST_SERVER", "option names an address in the anycast prefix: not learned")
    .pass("AFFINITY_CLIENT_EDGE_SERVERS_FULL", "server directory full: not learned")
    .info("AFFINITY_CLIENT_EDGE_STEERED_SYN", "SYN steered to its client's learned server")
    .info("AFFINITY_CLIENT_EDGE_STEERED", "segment of a steered connection steered")
    .pass("AFFINITY_CLIENT_EDGE_NOT_LEARNED", "SYN of a client without a learned server: passed to anycast")
    .pass("AFFINITY_CLIENT_EDGE_NOT_STEERED", "segment of a connection not steered here: passed to anycast")
    .pass("AFFINITY_CLIENT_EDGE_ALREADY_ROUTED", "packet already has a routing header: passed unchanged")
    .pass("AFFINITY_CLIENT_EDGE_NO_HEADROOM", "no headroom for the SRH: passed to anycast unsteered")
    .info("AFFINITY_CLIENT_EDGE_CLIENT_EXPIRED", "learned clients expired (lifetime)")
    .info("AFFINITY_CLIENT_EDGE_CLIENT_EVICTED", "learned clients evicted (table full)")
    .info("AFFINITY_CLIENT_EDGE_CONNECTION_EXPIRED", "steered connections expired (lifetime)")
    .info("AFFINITY_CLIENT_EDGE_CONNECTION_EVICTED", "steered connections evicted (table full)"),
];
