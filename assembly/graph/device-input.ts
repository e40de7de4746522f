// device-input: where every received frame enters the graph, whoever put it into its buffer (a
// capture file's records walked in Wasm, an AF_PACKET ring, a simulated link, a test). The source
// writes the frame's capture link type; this node finds the L3 header behind any pseudo link
// header and hands the frame to ethernet-input or ip-input-raw, so each link type's rule lives
// here once. Counts: packets received (info, and per receiving interface), link type not
// supported (drop), frames from an interface that is administratively down (drop).
import { DESC_L3, DESC_LINK_TYPE, DESC_RX_IF } from "../engine/descriptor.layout";
import { countError, dropPacket, enterDescriptor, frameSlot, packetLength, sendTo } from "../engine/vector";
import { countInterfaceRx, interfaceDown } from "../engine/interfaces";
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../wire/link-types.layout";
import { NULL_HEADER_LENGTH, SLL2_HEADER_LENGTH, SLL_HEADER_LENGTH } from "../wire/sll.layout";
import { ERR_RX_INTERFACE_DOWN, ERR_RX_PACKETS, ERR_RX_UNSUPPORTED_LINK, NODE_ETHERNET_INPUT, NODE_IP_INPUT_RAW } from "./graph.layout";

/** Octets of pseudo link header before the IP header for a raw-IP link type, or -1 when the link type is not IP. */
@inline function pseudoHeaderLength(linkType: i32): i32 {
  switch (linkType) {
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return 0;
    case LINKTYPE_LINUX_SLL:
      return SLL_HEADER_LENGTH;
    case LINKTYPE_LINUX_SLL2:
      return SLL2_HEADER_LENGTH;
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP:
      return NULL_HEADER_LENGTH;
    default:
      return -1;
  }
}

export function deviceInput(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    countError(ERR_RX_PACKETS);
    const rxIf = <u32>load<u16>(d, DESC_RX_IF);
    countInterfaceRx(rxIf, <u32>packetLength(d));
    if (interfaceDown(rxIf)) {
      dropPacket(i, d, ERR_RX_INTERFACE_DOWN);
      continue;
    }
    const linkType = <i32>load<u16>(d, DESC_LINK_TYPE);
    if (linkType == LINKTYPE_ETHERNET) {
      sendTo(i, d, NODE_ETHERNET_INPUT);
      continue;
    }
    const l3 = pseudoHeaderLength(linkType);
    if (l3 < 0) {
      dropPacket(i, d, ERR_RX_UNSUPPORTED_LINK);
      continue;
    }
    // ip-input-raw checks that the packet reaches past the pseudo header.
    store<u16>(d, <u16>l3, DESC_L3);
    sendTo(i, d, NODE_IP_INPUT_RAW);
  }
}
