import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-pop-hop-by-hop", "ip6PopHopByHop")
    .info("POP_HBH_REMOVED", "Pkts w/ removed ip6 hop-by-hop options")
    .pass("POP_HBH_NONE", "Pkts w/ no ip6 hop-by-hop options")
    .info("POT_IN_POLICY", "Pkts with POT in Policy")
    .info("POT_OUT_OF_POLICY", "Pkts with POT out of Policy")
    .info("TRACE_EXPORTED", "traces exported")
    .info("TRACE_EXPORT_FULL", "trace export ring full: trace not exported")
    .info("E2E_SEQUENCE_ANALYSED", "E2E sequence numbers analysed"),
];
