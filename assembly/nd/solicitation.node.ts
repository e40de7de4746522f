import { NodeDeclaration, graphNode } from "../graph/node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("icmp6-neighbor-solicitation", "ip6NeighborSolicitation")
    .next(["error-drop", "interface-output"])
    .drop("NS_BAD_HOP_LIMIT", "hop_limit != 255")
    .drop("NS_BAD_CODE", "invalid code for type")
    .drop("NS_TOO_SHORT", "payload length too small for type")
    .drop("NS_BAD_CHECKSUM", "ICMPv6 checksum wrong")
    .drop("NS_BAD_OPTION", "option has zero length or runs past the message")
    .drop("NS_MULTICAST_TARGET", "target is a multicast address")
    .drop("NS_BAD_UNSPECIFIED", "unspecified source to a non-solicited-node address or with a link-layer option")
    .drop("NS_NOT_ETHERNET", "not received on an Ethernet interface")
    .drop("NS_SOURCE_NOT_ON_LINK", "neighbor solicitations from source not on link")
    .drop("NS_UNKNOWN_TARGET", "neighbor solicitations for unknown targets")
    .info("NS_ADVERTISEMENT_SENT", "neighbor advertisements sent")
    .info("NS_LEARNED", "neighbors learned from the source link-layer address"),
];
