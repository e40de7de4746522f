import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-add-from-cache-hop-by-hop", "ip6AddFromCacheHopByHop")
    .next(["error-drop", "ip6-lookup"])
    .info("FROM_CACHE_ADDED", "Pkts w/ added ip6 hop-by-hop options")
    .drop("FROM_CACHE_MISS", "SYN-ACK or RST without a cache entry")
    .drop("FROM_CACHE_EXPIRED", "cache entry expired")
    .drop("FROM_CACHE_NO_ROOM", "no headroom for the hop-by-hop header and SRH")
    .pass("FROM_CACHE_PASSED", "not a SYN-ACK answering a cached SYN (other TCP, RSTs without an entry): passed unchanged")
    .drop("FROM_CACHE_HAS_HBH", "response already has a hop-by-hop header"),
];
