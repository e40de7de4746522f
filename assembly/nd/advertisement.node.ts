import { NodeDeclaration, graphNode } from "../graph/node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("icmp6-neighbor-advertisement", "ip6NeighborAdvertisement")
    .next(["error-drop"])
    .drop("NA_BAD_HOP_LIMIT", "hop_limit != 255")
    .drop("NA_BAD_CODE", "invalid code for type")
    .drop("NA_TOO_SHORT", "payload length too small for type")
    .drop("NA_BAD_CHECKSUM", "ICMPv6 checksum wrong")
    .drop("NA_BAD_OPTION", "option has zero length or runs past the message")
    .drop("NA_MULTICAST_TARGET", "target is a multicast address")
    .drop("NA_SOLICITED_MULTICAST", "solicited flag set on a multicast destination")
    .drop("NA_NOT_ETHERNET", "not received on an Ethernet interface")
    .drop("NA_SOURCE_NOT_ON_LINK", "neighbor advertisements from source not on link")
    .info("NA_RECEIVED", "neighbor advertisements received")
    .info("NA_NO_LINK_ADDRESS", "advertisement without a target link-layer address: nothing learned"),
];
