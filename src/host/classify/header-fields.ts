// The header fields the classifier's spec language names (`l2 src`, `l3 ip6 dst`, `l4 dst_port`,
// ...), as bit ranges of the byte image VPP builds for each layer, with how a match value is read.
import { ETHERNET_DST, ETHERNET_HEADER_LENGTH, ETHERNET_SRC, ETHERNET_TYPE, MAC_LENGTH } from "../../../assembly/wire/ethernet.layout.js";
import { IPV4_ADDRESS_LENGTH, IPV4_DST, IPV4_MIN_HEADER_LENGTH, IPV4_PROTOCOL, IPV4_SRC, IPV4_TOS, IPV4_TTL } from "../../../assembly/wire/ipv4.layout.js";
import {
  IPV6_ADDRESS_LENGTH,
  IPV6_DST,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  IPV6_SRC,
  IPV6_VERSION_TC_FLOW,
  PROTO_ICMPV6,
  PROTO_TCP,
  PROTO_UDP,
} from "../../../assembly/wire/ipv6.layout.js";
import { UDP_DST_PORT, UDP_SRC_PORT } from "../../../assembly/wire/udp.layout.js";
import { parseIp6 } from "../format/ip6-address.js";

/** How a field's match value is written: a number, or an address in one of its text forms. */
export type ValueKind = "integer" | "protocol" | "ip6" | "ip4" | "mac";

export interface HeaderField {
  /** VPP's spellings; the first is the canonical one shown in messages. */
  names: string[];
  bitOffset: number; // from the start of the layer's image, most significant bit first
  bitWidth: number;
  kind: ValueKind;
}

/** One layer of the image (`l2`, `l3 ip6`, `l3 ip4`, `l4`): its length and its fields. */
export interface HeaderLayout {
  what: string;
  length: number;
  fields: HeaderField[];
}

const OCTET = 8;

function octets(names: string[], offset: number, length: number, kind: ValueKind): HeaderField {
  return { names, bitOffset: offset * OCTET, bitWidth: length * OCTET, kind };
}

export const L2_LAYOUT: HeaderLayout = {
  what: "l2",
  length: ETHERNET_HEADER_LENGTH,
  fields: [octets(["dst"], ETHERNET_DST, MAC_LENGTH, "mac"), octets(["src"], ETHERNET_SRC, MAC_LENGTH, "mac"), octets(["proto"], ETHERNET_TYPE, 2, "integer")],
};

// The first IPv6 word: version (4 bits), traffic class (8), flow label (20).
const IP6_VERSION_BITS = 4;
const IP6_TRAFFIC_CLASS_BITS = 8;
const IP6_FLOW_LABEL_BITS = 20;

export const IP6_LAYOUT: HeaderLayout = {
  what: "l3 ip6",
  length: IPV6_HEADER_LENGTH,
  fields: [
    { names: ["version"], bitOffset: IPV6_VERSION_TC_FLOW * OCTET, bitWidth: IP6_VERSION_BITS, kind: "integer" },
    {
      names: ["traffic-class", "traffic_class"],
      bitOffset: IPV6_VERSION_TC_FLOW * OCTET + IP6_VERSION_BITS,
      bitWidth: IP6_TRAFFIC_CLASS_BITS,
      kind: "integer",
    },
    {
      names: ["flow-label", "flow_label"],
      bitOffset: IPV6_VERSION_TC_FLOW * OCTET + IP6_VERSION_BITS + IP6_TRAFFIC_CLASS_BITS,
      bitWidth: IP6_FLOW_LABEL_BITS,
      kind: "integer",
    },
    octets(["payload_length", "payload-length"], IPV6_PAYLOAD_LENGTH, 2, "integer"),
    octets(["proto"], IPV6_NEXT_HEADER, 1, "protocol"),
    octets(["hop_limit", "hop-limit"], IPV6_HOP_LIMIT, 1, "integer"),
    octets(["src"], IPV6_SRC, IPV6_ADDRESS_LENGTH, "ip6"),
    octets(["dst"], IPV6_DST, IPV6_ADDRESS_LENGTH, "ip6"),
  ],
};

export const IP4_LAYOUT: HeaderLayout = {
  what: "l3 ip4",
  length: IPV4_MIN_HEADER_LENGTH,
  fields: [
    octets(["tos"], IPV4_TOS, 1, "integer"),
    octets(["ttl"], IPV4_TTL, 1, "integer"),
    octets(["proto"], IPV4_PROTOCOL, 1, "protocol"),
    octets(["src"], IPV4_SRC, IPV4_ADDRESS_LENGTH, "ip4"),
    octets(["dst"], IPV4_DST, IPV4_ADDRESS_LENGTH, "ip4"),
  ],
};

// VPP's tcpudp_header_t: the two ports, the part of TCP and UDP headers they share.
const L4_PORTS_LENGTH = 4;

export const L4_LAYOUT: HeaderLayout = {
  what: "l4",
  length: L4_PORTS_LENGTH,
  fields: [octets(["src_port", "src-port"], UDP_SRC_PORT, 2, "integer"), octets(["dst_port", "dst-port"], UDP_DST_PORT, 2, "integer")],
};

export function findField(layout: HeaderLayout, word: string): HeaderField | undefined {
  return layout.fields.find((f) => f.names.includes(word));
}

export function fieldNames(layout: HeaderLayout): string {
  return layout.fields.map((f) => f.names[0]).join(", ");
}

/** Sets bits [bitOffset, bitOffset + bitWidth) of `image` to `value`'s low bitWidth bits, MSB first. */
export function writeBits(image: Uint8Array, field: HeaderField, value: bigint): void {
  for (let b = 0; b < field.bitWidth; b++) {
    const bit = field.bitOffset + b;
    const mask = 0x80 >> (bit % OCTET);
    if ((value >> BigInt(field.bitWidth - 1 - b)) & 1n) image[bit >> 3] |= mask;
    else image[bit >> 3] &= ~mask;
  }
}

export function allOnes(field: HeaderField): bigint {
  return (1n << BigInt(field.bitWidth)) - 1n;
}

const PROTOCOL_NAMES: Record<string, number> = {
  tcp: PROTO_TCP,
  udp: PROTO_UDP,
  icmp6: PROTO_ICMPV6,
  icmpv6: PROTO_ICMPV6,
  "ipv6-icmp": PROTO_ICMPV6,
};

/** What a value of `kind` looks like, for messages. */
export function valueDescription(field: HeaderField): string {
  switch (field.kind) {
    case "ip6":
      return "an IPv6 address";
    case "ip4":
      return "an IPv4 address";
    case "mac":
      return "a MAC address (aa:bb:cc:dd:ee:ff)";
    case "protocol":
      return `a protocol number 0..255 or name (${Object.keys(PROTOCOL_NAMES).join(", ")})`;
    default:
      return `an integer 0..${allOnes(field)}`;
  }
}

/** Reads a match value for `field` from its text; undefined if it is not one. */
export function parseFieldValue(field: HeaderField, text: string): bigint | undefined {
  switch (field.kind) {
    case "ip6": {
      const bytes = parseIp6(text);
      return bytes && bytesToBigInt(bytes);
    }
    case "ip4": {
      const parts = text.split(".");
      if (parts.length !== 4 || !parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
      return bytesToBigInt(Uint8Array.from(parts.map(Number)));
    }
    case "mac": {
      const hex = macHex(text);
      return hex === undefined ? undefined : BigInt(`0x${hex}`);
    }
    case "protocol":
      if (text in PROTOCOL_NAMES) return BigInt(PROTOCOL_NAMES[text]);
      return unsignedWithin(text, allOnes(field));
    default:
      return unsignedWithin(text, allOnes(field));
  }
}

function unsignedWithin(text: string, max: bigint): bigint | undefined {
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) return undefined;
  const value = BigInt(text);
  return value <= max ? value : undefined;
}

// aa:bb:cc:dd:ee:ff, aa-bb-..., or VPP's aabb.ccdd.eeff
function macHex(text: string): string | undefined {
  if (/^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$/.test(text)) return text.replace(/[:-]/g, "");
  if (/^[0-9a-fA-F]{4}(\.[0-9a-fA-F]{4}){2}$/.test(text)) return text.replace(/\./g, "");
  return undefined;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}
