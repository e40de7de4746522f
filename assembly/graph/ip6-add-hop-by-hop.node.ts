import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-add-hop-by-hop", "ip6AddHopByHop")
    .next(["error-drop", "ip6-lookup"])
    .info("ADD_HBH_ADDED", "Pkts w/ added ip6 hop-by-hop options")
    .pass("ADD_HBH_NO_REWRITE", "no ioam rewrite configured: passed unchanged")
    .pass("ADD_HBH_HAS_HBH", "packet already has a hop-by-hop header: passed unchanged")
    .drop("ADD_HBH_NO_ROOM", "no room to insert the hop-by-hop header"),
];
