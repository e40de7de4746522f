// VPP's one-glance rendering of a packet in `show trace` (format_ethernet_header and
// format_ip6_header): "IP6: mac -> mac", then "PROTO: src -> dst" and the IPv6 fixed fields.
import {
  ETHERNET_DST,
  ETHERNET_HEADER_LENGTH,
  ETHERNET_SRC,
  ETHERNET_TYPE,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ETHERTYPE_QINQ,
  ETHERTYPE_VLAN,
  VLAN_TAG_LENGTH,
} from "../../../assembly/wire/ethernet.layout.js";
import {
  IPV6_DST,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  IPV6_SRC,
  IPV6_VERSION_TC_FLOW,
} from "../../../assembly/wire/ipv6.layout.js";
import { IPV4_DST, IPV4_MIN_HEADER_LENGTH, IPV4_PROTOCOL, IPV4_SRC, IPV4_TOS, IPV4_TOTAL_LENGTH, IPV4_TTL } from "../../../assembly/wire/ipv4.layout.js";
import { LINKTYPE_ETHERNET, linkEntry } from "../capture/link-types.js";
import { formatIp4, formatIp6, formatMac } from "./ip6-address.js";
import { readHbhTraces } from "../ioam/trace-reader.js";

// VPP's names for IP protocol numbers (vnet/ip/protocols.def).
const VPP_PROTOCOL_NAMES: Record<number, string> = {
  0: "IP6_HOP_BY_HOP_OPTIONS",
  1: "ICMP",
  4: "IP_IN_IP",
  6: "TCP",
  17: "UDP",
  41: "IPV6",
  43: "IPV6_ROUTE",
  44: "IPV6_FRAGMENTATION",
  50: "IPSEC_ESP",
  51: "IPSEC_AH",
  58: "ICMP6",
  59: "IPV6_NONXT",
  60: "IPV6_DESTINATION_OPTIONS",
};

export function vppProtocolName(proto: number): string {
  return VPP_PROTOCOL_NAMES[proto] ?? `unknown 0x${proto.toString(16).padStart(2, "0")}`;
}

const ETHERTYPE_NAMES: Record<number, string> = { [ETHERTYPE_IPV6]: "IP6", [ETHERTYPE_IPV4]: "IP4", 0x0806: "ARP" };

function be16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

/** Offset of the EtherType naming the payload, after any VLAN tags. */
function etherTypeOffset(data: Uint8Array): number {
  let typeAt = ETHERNET_TYPE;
  while ((be16(data, typeAt) === ETHERTYPE_VLAN || be16(data, typeAt) === ETHERTYPE_QINQ) && typeAt + VLAN_TAG_LENGTH + 2 <= data.length) {
    typeAt += VLAN_TAG_LENGTH;
  }
  return typeAt;
}

function l3Offset(data: Uint8Array, linkType: number): number {
  return linkType === LINKTYPE_ETHERNET ? etherTypeOffset(data) + 2 : (linkEntry(linkType)?.l3Offset ?? 0);
}

/** The packet's IPv6 hop-by-hop header (from its first octet to the end of the packet), if it has one. */
export function hopByHopHeader(data: Uint8Array, linkType: number): Uint8Array | undefined {
  const l3 = l3Offset(data, linkType);
  if (data.length < l3 + IPV6_HEADER_LENGTH || data[l3] >> 4 !== 6 || data[l3 + IPV6_NEXT_HEADER] !== 0) return undefined;
  return data.subarray(l3 + IPV6_HEADER_LENGTH);
}

/** VPP-style lines for the IOAM traces in the packet's hop-by-hop header, if it has one. */
export function vppHopByHopLines(data: Uint8Array, linkType: number): string[] {
  const hbh = hopByHopHeader(data, linkType);
  if (!hbh) return [];
  return [`IP6_HOP_BY_HOP: len ${hbh.length >= 2 ? (hbh[1] + 1) * 8 : 0}`, ...vppTraceLines(hbh)];
}

/** The IOAM traces of a hop-by-hop header (its first octet at hbh[0]), hop by hop, in path order. */
export function vppTraceLines(hbh: Uint8Array): string[] {
  const lines: string[] = [];
  const hex = (v: number | undefined) => (v === undefined ? "" : `0x${v.toString(16)}`);
  for (const trace of readHbhTraces(hbh)) {
    lines.push(
      `  ${trace.format === "vpp" ? "Trace Type" : `RFC 9197 trace ns ${trace.namespace}, type`} ${hex(trace.traceType)}, ${trace.hops.length} node(s)${trace.overflow ? ", overflow" : ""}`,
    );
    trace.hops.forEach((h, i) => {
      const parts = [`[${i}] ttl ${hex(h.hopLimit)} node id ${hex(h.nodeId)}`];
      if (h.ingressIf !== undefined) parts.push(`ingress ${hex(h.ingressIf)} egress ${hex(h.egressIf)}`);
      if (h.timestamp !== undefined) parts.push(`ts ${hex(h.timestamp)}`);
      if (h.timestampSec !== undefined) parts.push(`ts ${h.timestampSec}.${String(h.timestampFrac ?? 0).padStart(6, "0")}`);
      if (h.appData !== undefined) parts.push(`app ${hex(h.appData)}`);
      lines.push(`    ${parts.join(" ")}`);
    });
  }
  return lines;
}

/** Lines describing the packet's link and network headers; tolerant of truncated snapshots. */
export function vppPacketLines(data: Uint8Array, linkType: number): string[] {
  const lines: string[] = [];
  const l3 = l3Offset(data, linkType);
  if (linkType === LINKTYPE_ETHERNET) {
    if (data.length < ETHERNET_HEADER_LENGTH) return [`truncated frame, ${data.length} bytes`];
    const type = be16(data, l3 - 2);
    const name = ETHERTYPE_NAMES[type] ?? `0x${type.toString(16).padStart(4, "0")}`;
    lines.push(`${name}: ${formatMac(data, ETHERNET_SRC)} -> ${formatMac(data, ETHERNET_DST)}`);
  }
  const version = data.length > l3 ? data[l3] >> 4 : 0;
  if (version === 6 && data.length >= l3 + IPV6_HEADER_LENGTH) {
    const word = (data[l3 + IPV6_VERSION_TC_FLOW] << 24) | (data[l3 + 1] << 16) | (data[l3 + 2] << 8) | data[l3 + 3];
    const tos = (word >>> 20) & 0xff;
    const flow = word & 0xfffff;
    lines.push(`${vppProtocolName(data[l3 + IPV6_NEXT_HEADER])}: ${formatIp6(data, l3 + IPV6_SRC)} -> ${formatIp6(data, l3 + IPV6_DST)}`);
    lines.push(
      `  tos 0x${tos.toString(16).padStart(2, "0")}, flow label 0x${flow.toString(16)}, hop limit ${data[l3 + IPV6_HOP_LIMIT]}, payload length ${be16(data, l3 + IPV6_PAYLOAD_LENGTH)}`,
    );
  } else if (version === 4 && data.length >= l3 + IPV4_MIN_HEADER_LENGTH) {
    lines.push(`${vppProtocolName(data[l3 + IPV4_PROTOCOL])}: ${formatIp4(data, l3 + IPV4_SRC)} -> ${formatIp4(data, l3 + IPV4_DST)}`);
    lines.push(`  tos 0x${data[l3 + IPV4_TOS].toString(16).padStart(2, "0")}, ttl ${data[l3 + IPV4_TTL]}, length ${be16(data, l3 + IPV4_TOTAL_LENGTH)}`);
  }
  return lines;
}
