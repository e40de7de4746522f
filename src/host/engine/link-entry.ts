// Which node a received frame enters by, and where its L3 header is, for each capture link type.
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../capture/link-types.js";
import { NODE_ETHERNET_INPUT, NODE_IP_INPUT_RAW } from "../../../assembly/graph/graph.layout.js";
import { NULL_HEADER_LENGTH, SLL2_HEADER_LENGTH, SLL_HEADER_LENGTH } from "../../../assembly/wire/sll.layout.js";

export interface LinkEntry {
  entryNode: number;
  l3Offset: number;
}

// Linux cooked captures and BSD loopback put a fixed-size pseudo header before the IP packet.
export function linkEntry(linkType: number): LinkEntry | undefined {
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      return { entryNode: NODE_ETHERNET_INPUT, l3Offset: 0 };
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
      return { entryNode: NODE_IP_INPUT_RAW, l3Offset: 0 };
    case LINKTYPE_LINUX_SLL:
      return { entryNode: NODE_IP_INPUT_RAW, l3Offset: SLL_HEADER_LENGTH };
    case LINKTYPE_LINUX_SLL2:
      return { entryNode: NODE_IP_INPUT_RAW, l3Offset: SLL2_HEADER_LENGTH };
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP:
      return { entryNode: NODE_IP_INPUT_RAW, l3Offset: NULL_HEADER_LENGTH };
    default:
      return undefined;
  }
}

/** The capture link types the engine reads (linkEntry knows them), for messages. */
export const ENGINE_LINK_TYPES: readonly number[] = [
  LINKTYPE_ETHERNET,
  LINKTYPE_RAW,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_NULL,
  LINKTYPE_LOOP,
];
