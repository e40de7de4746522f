import { NodeDeclaration, graphNode } from "../graph/node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-discover-neighbor", "ip6DiscoverNeighbor")
    .next(["error-drop", "interface-output"])
    .info("DISCOVER_NS_SENT", "neighbor solicitations sent")
    .info("DISCOVER_PROBES_SENT", "unicast neighbor probes sent (entry aged)")
    .drop("DISCOVER_NO_SOURCE", "no source address for ND solicitation")
    .info("DISCOVER_HELD", "packets held awaiting neighbor resolution")
    .info("DISCOVER_RELEASED", "held packets released after resolution")
    .drop("DISCOVER_HOLD_FULL", "held-packet limit for the neighbor reached")
    .drop("DISCOVER_PARK_FULL", "cannot hold the packet: park full or packet over 2048 octets")
    .drop("DISCOVER_TABLE_FULL", "pending-resolution table full")
    .drop("DISCOVER_FAILED", "neighbor resolution failed: held packet dropped")
    .info("DISCOVER_EVENTS_LOST", "neighbor events not delivered to the host: ring full"),
];
