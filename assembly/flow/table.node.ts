import { NodeDeclaration, counterGroup } from "../graph/node-declaration.js";

export const NODES: NodeDeclaration[] = [
  counterGroup("flow-table")
    .info("FLOW_INSERTS", "flows inserted")
    .info("FLOW_EVICTIONS", "flows evicted: probe window full (oldest replaced)")
    .info("FLOW_EXPIRATIONS", "flows expired: idle timeout")
    .info("FLOW_REMOVALS", "flows removed (TCP FIN/RST or by the host)"),
];
