// Link-layer header types (assembly/wire/link-types.layout.ts) and what the host knows of each, in
// one table: its name, tshark's encapsulation, the header the decoder starts with, and the node a
// frame enters the engine's graph by. The engine's own choice is assembly/graph/device-input.ts.
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../../../assembly/wire/link-types.layout.js";
import { NODE_ETHERNET_INPUT, NODE_IP_INPUT_RAW } from "../../../assembly/graph/graph.layout.js";
import { NULL_HEADER_LENGTH, SLL2_HEADER_LENGTH, SLL_HEADER_LENGTH } from "../../../assembly/wire/sll.layout.js";

export * from "../../../assembly/wire/link-types.layout.js";
// Historic DLT_RAW values some writers still put in pcap headers: decoded as RAW, as tshark does.
export const DLT_RAW_BSD = 12;
export const DLT_RAW_OPENBSD = 14;

/** The first header of a frame, as the decoder names its dissectors (src/host/decode/link.ts). */
export type LinkDissector = "ethernet" | "raw-ip" | "ipv4" | "ipv6" | "sll" | "sll2" | "null" | "loop";

export interface LinkEntry {
  readonly entryNode: number;
  /** Linux cooked captures and BSD loopback put a fixed-size pseudo header before the IP packet. */
  readonly l3Offset: number;
}

export interface Encapsulation {
  readonly number: number;
  readonly name: string;
}

export interface LinkTypeFacts {
  readonly linkType: number;
  /** libpcap's name without its LINKTYPE_ prefix, for messages. */
  readonly name: string;
  /** tshark's encapsulation number and name, for the Frame layer. */
  readonly encapsulation: Encapsulation;
  readonly dissector: LinkDissector;
  /** Where the engine takes a frame in: its entry node and the offset of its L3 header. */
  readonly engine: LinkEntry;
  /** Other numbers the decoder reads as this link type (never the engine). */
  readonly decoderAliases?: readonly number[];
}

/** In the order messages list what the engine reads. */
const LINK_TYPES: readonly LinkTypeFacts[] = [
  {
    linkType: LINKTYPE_ETHERNET,
    name: "ETHERNET",
    encapsulation: { number: 1, name: "Ethernet" },
    dissector: "ethernet",
    engine: { entryNode: NODE_ETHERNET_INPUT, l3Offset: 0 },
  },
  {
    linkType: LINKTYPE_RAW,
    name: "RAW",
    encapsulation: { number: 7, name: "Raw IP" },
    dissector: "raw-ip",
    engine: { entryNode: NODE_IP_INPUT_RAW, l3Offset: 0 },
    decoderAliases: [DLT_RAW_BSD, DLT_RAW_OPENBSD],
  },
  {
    linkType: LINKTYPE_IPV4,
    name: "IPV4",
    encapsulation: { number: 129, name: "Raw IPv4" },
    dissector: "ipv4",
    engine: { entryNode: NODE_IP_INPUT_RAW, l3Offset: 0 },
  },
  {
    linkType: LINKTYPE_IPV6,
    name: "IPV6",
    encapsulation: { number: 130, name: "Raw IPv6" },
    dissector: "ipv6",
    engine: { entryNode: NODE_IP_INPUT_RAW, l3Offset: 0 },
  },
  {
    linkType: LINKTYPE_LINUX_SLL,
    name: "LINUX_SLL",
    encapsulation: { number: 25, name: "Linux cooked-mode capture v1" },
    dissector: "sll",
    engine: { entryNode: NODE_IP_INPUT_RAW, l3Offset: SLL_HEADER_LENGTH },
  },
  {
    linkType: LINKTYPE_LINUX_SLL2,
    name: "LINUX_SLL2",
    encapsulation: { number: 210, name: "Linux cooked-mode capture v2" },
    dissector: "sll2",
    engine: { entryNode: NODE_IP_INPUT_RAW, l3Offset: SLL2_HEADER_LENGTH },
  },
  {
    linkType: LINKTYPE_NULL,
    name: "NULL",
    encapsulation: { number: 15, name: "NULL/Loopback" },
    dissector: "null",
    engine: { entryNode: NODE_IP_INPUT_RAW, l3Offset: NULL_HEADER_LENGTH },
  },
  {
    linkType: LINKTYPE_LOOP,
    name: "LOOP",
    encapsulation: { number: 134, name: "OpenBSD loopback" },
    dissector: "loop",
    engine: { entryNode: NODE_IP_INPUT_RAW, l3Offset: NULL_HEADER_LENGTH },
  },
];

const BY_LINK_TYPE: ReadonlyMap<number, LinkTypeFacts> = new Map(LINK_TYPES.map((facts) => [facts.linkType, facts]));
const BY_DECODED_NUMBER: ReadonlyMap<number, LinkTypeFacts> = new Map(
  LINK_TYPES.flatMap((facts) => [facts.linkType, ...(facts.decoderAliases ?? [])].map((n) => [n, facts] as const)),
);

/** "ETHERNET" for 1; numbers this engine does not know come back as "LINKTYPE_<n>". */
export function linkTypeName(linkType: number): string {
  return BY_LINK_TYPE.get(linkType)?.name ?? `LINKTYPE_${linkType}`;
}

/** What the decoder reads a frame of this link type (or of a historic alias of one) as; undefined: unknown. */
export function decodedLinkType(linkType: number): LinkTypeFacts | undefined {
  return BY_DECODED_NUMBER.get(linkType);
}

/** tshark's encapsulation number and name, for the Frame layer. */
export function encapsulationOf(linkType: number): Encapsulation {
  return decodedLinkType(linkType)?.encapsulation ?? { number: -1, name: `Unknown link type ${linkType}` };
}

/** Which node a received frame enters by, and where its L3 header is; undefined: the engine does not read it. */
export function linkEntry(linkType: number): LinkEntry | undefined {
  return BY_LINK_TYPE.get(linkType)?.engine;
}

/** The capture link types the engine reads (linkEntry knows them), for messages. */
export const ENGINE_LINK_TYPES: readonly number[] = LINK_TYPES.map((facts) => facts.linkType);
