import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-lookup", "ip6Lookup")
    .next(["error-drop", "interface-output", "ip6-hop-by-hop", "ip6-local", "ip6-rewrite", "sr-localsid"])
    .info("IP6_LOOKUP_BUMP", "no FIB: forwarded back out of the receiving interface")
    .drop("IP6_LOOKUP_NO_ROUTE", "no route to destination"),
];
