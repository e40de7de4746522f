import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-ioam-cache", "ip6IoamCache")
    .next(["ip6-pop-hop-by-hop"])
    .info("CACHE_CACHED", "ip6 iOAM headers cached")
    .info("CACHE_NO_ID", "SYN without an E2E-ID option: not cached")
    .info("CACHE_EVICTED", "cache full: oldest entry replaced")
    .pass("CACHE_NOT_SYN", "not a TCP SYN: to ip6-pop-hop-by-hop")
    .info("CACHE_TOO_LONG", "hop-by-hop header longer than a cache entry holds: not cached"),
];
