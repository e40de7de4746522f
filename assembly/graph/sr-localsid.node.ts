import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("sr-localsid", "srLocalSid")
    .next(["error-drop", "ip6-hop-by-hop", "ip6-lookup", "ip6-rewrite"])
    .drop("SR_LOCALSID_NO_SRH", "(SR-Error) No SR header")
    .drop("SR_LOCALSID_NO_MORE_SEGMENTS", "(SR-Error) No more segments")
    .drop("SR_LOCALSID_DECAPS_SEGMENTS_LEFT", "(SR-Error) Decaps not available (segments left > 0)")
    .drop("SR_LOCALSID_NO_INNER_IP", "(SR-Error) No inner IP header")
    .drop("SR_LOCALSID_INNER_MALFORMED", "decapsulated inner IPv6 packet malformed")
    .drop("SR_LOCALSID_UNKNOWN", "local SID deleted")
    .info("SR_LOCALSID_END", "End: segments left decremented, destination updated")
    .info("SR_LOCALSID_DECAPSULATED", "End.DX6/End.DT6: inner IPv6 packet decapsulated")
    .drop("SR_LOCALSID_CATS_NOT_LAST_SEGMENT", "End.CATS: SRH-inserted packet not at its last segment (segments left is not 1)")
    .drop("SR_LOCALSID_CATS_NO_SITE", "End.CATS: no eligible service site in the computing forwarding table")
    .info("SR_LOCALSID_CATS_FORWARDED", "End.CATS: decapsulated and forwarded to a local service site"),
];
