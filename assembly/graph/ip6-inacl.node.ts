import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-inacl", "ip6Inacl")
    .next(["error-drop", "ip6-lookup"])
    .info("INACL_HIT", "input ACL hits")
    .info("INACL_MISS", "input ACL misses")
    .info("INACL_CHAIN_HIT", "input ACL hits after chain walk")
    .drop("INACL_DENY", "input ACL deny"),
];
