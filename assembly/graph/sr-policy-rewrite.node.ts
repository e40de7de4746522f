import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("sr-pl-rewrite-encaps", "srPolicyRewriteEncaps")
    .next(["error-drop", "ip6-lookup"])
    .info("SR_ENCAPS_DONE", "SR: Encaps packets")
    .drop("SR_ENCAPS_NO_ROOM", "no headroom for the outer IPv6 header and SRH")
    .drop("SR_ENCAPS_NO_POLICY", "SR policy deleted or without segment lists")
    .info("SR_ENCAPS_SPRAY_COPIES", "spray copies made")
    .drop("SR_ENCAPS_SPRAY_NO_DESCRIPTOR", "spray copy not made: no free descriptor in the vector"),
  graphNode("sr-pl-rewrite-insert", "srPolicyRewriteInsert")
    .next(["error-drop", "ip6-lookup"])
    .info("SR_INSERT_DONE", "SR: SRH inserted packets")
    .drop("SR_INSERT_NO_ROOM", "no headroom for the SRH")
    .drop("SR_INSERT_NO_POLICY", "SR policy deleted or without segment lists")
    .info("SR_INSERT_SPRAY_COPIES", "spray copies made")
    .drop("SR_INSERT_SPRAY_NO_DESCRIPTOR", "spray copy not made: no free descriptor in the vector"),
];
