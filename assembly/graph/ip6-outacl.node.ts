import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-outacl", "ip6Outacl")
    .next(["error-drop", "interface-output"])
    .info("OUTACL_HIT", "output ACL hits")
    .info("OUTACL_MISS", "output ACL misses")
    .info("OUTACL_CHAIN_HIT", "output ACL hits after chain walk")
    .drop("OUTACL_DENY", "output ACL deny"),
];
