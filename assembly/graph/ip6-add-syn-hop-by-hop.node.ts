import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-add-syn-hop-by-hop", "ip6AddSynHopByHop")
    .next(["error-drop", "ip6-lookup"])
    .info("SYN_HBH_PROCESSED", "iOAM Syn/Ack Pkts processed")
    .info("SYN_HBH_STATE_SAVED", "iOAM Syn Pkts state saved")
    .info("SYN_HBH_POOL_FULL", "selection pool full: SYN sprayed without state")
    .pass("SYN_HBH_NOT_SYN", "not a TCP SYN: passed unchanged")
    .pass("SYN_HBH_DISABLED", "sr-tunnel-select not enabled: passed unchanged")
    .pass("SYN_HBH_HAS_HBH", "packet already has a hop-by-hop header: passed unchanged")
    .drop("SYN_HBH_NO_ROOM", "no room to insert the hop-by-hop header")
    .info("SYN_HBH_FLOW_STEERED", "packet of a selected connection steered to its server")
    .info("SYN_HBH_CLIENT_STEERED", "SYN of a client with a live choice steered without spraying")
    .drop("SYN_HBH_NO_FLOW", "TCP segment of no selected connection")
    .drop("SYN_HBH_NO_SRH_ROOM", "no headroom for the SRH to the selected server"),
];
