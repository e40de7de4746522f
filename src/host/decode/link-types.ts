// Capture link types the decoder understands: the LINKTYPE_* values are the capture module's.
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

export * from "../capture/link-types.js";
// Historic DLT_RAW values some writers still put in pcap headers.
export const DLT_RAW_BSD = 12;
export const DLT_RAW_OPENBSD = 14;

/** tshark's encapsulation number and name, for the Frame layer. */
export function encapsulationOf(linkType: number): { number: number; name: string } {
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      return { number: 1, name: "Ethernet" };
    case LINKTYPE_RAW:
    case DLT_RAW_BSD:
    case DLT_RAW_OPENBSD:
      return { number: 7, name: "Raw IP" };
    case LINKTYPE_IPV4:
      return { number: 129, name: "Raw IPv4" };
    case LINKTYPE_IPV6:
      return { number: 130, name: "Raw IPv6" };
    case LINKTYPE_LINUX_SLL:
      return { number: 25, name: "Linux cooked-mode capture v1" };
    case LINKTYPE_LINUX_SLL2:
      return { number: 210, name: "Linux cooked-mode capture v2" };
    case LINKTYPE_NULL:
      return { number: 15, name: "NULL/Loopback" };
    case LINKTYPE_LOOP:
      return { number: 134, name: "OpenBSD loopback" };
    default:
      return { number: -1, name: `Unknown link type ${linkType}` };
  }
}
