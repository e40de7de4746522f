// Byte-level helpers for the SRv6 tests: undoing a headend rewrite to get the packet that went in,
// reading the SRH fields back, and a routed test node (one interface, a default route to a known
// neighbour) so that rewritten packets are forwarded by ip6-rewrite like any other.
import {
  EXT_LENGTH,
  EXT_LENGTH_UNIT,
  EXT_NEXT_HEADER,
  IPV6_DST,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  PROTO_HOP_BY_HOP,
} from "../../assembly/wire/ipv6.layout.js";
import { ROUTING_SEGMENTS_LEFT, SRH_LAST_ENTRY, SRH_SEGMENT_LENGTH, SRH_SEGMENT_LIST } from "../../assembly/wire/srh.layout.js";
import { errorIdOf } from "../../src/host/engine/graph-info.js";
import { formatIp6 } from "../../src/host/format/ip6-address.js";
import { testNode, type TestNode } from "../support/engine.js";
import { ethernetIp6 } from "../support/hex.js";

export const ETHERNET_HEADER = 14;
export const NEIGHBOUR_MAC = "02:00:00:00:00:01";

/** pcap0 is 2001:db8:1::1/64; everything without a better route goes to 2001:db8:1::2 there. */
export const ROUTED = `
set interface ip address pcap0 2001:db8:1::1/64
set ip neighbor pcap0 2001:db8:1::2 ${NEIGHBOUR_MAC}
ip route add ::/0 via 2001:db8:1::2 pcap0
`;

export async function routedNode(config = ""): Promise<TestNode> {
  const node = await testNode("debug");
  node.cli(ROUTED + config);
  return node;
}

/** Sends raw IPv6 packets in Ethernet frames; returns the IPv6 packets transmitted. */
export function sendIp6(node: TestNode, packets: Uint8Array[]): Uint8Array[] {
  return node.send(packets.map(ethernetIp6)).map((f) => f.slice(ETHERNET_HEADER));
}

export function errorCount(node: TestNode, reason: string, nodeName?: string): bigint {
  return node.engine.errorCounts()[errorIdOf(reason, nodeName)];
}

export function withHopLimit(packet: Uint8Array, hopLimit: number): Uint8Array {
  const copy = packet.slice();
  copy[IPV6_HOP_LIMIT] = hopLimit;
  return copy;
}

const extensionLength = (packet: Uint8Array, at: number) => (packet[at + EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;

/** The inner IPv6 packet of an H.Encaps output (outer header and SRH, when there is one, removed). */
export function innerOf(encapsulated: Uint8Array): Uint8Array {
  const srh = encapsulated[IPV6_NEXT_HEADER] === 43 ? extensionLength(encapsulated, IPV6_HEADER_LENGTH) : 0;
  return encapsulated.slice(IPV6_HEADER_LENGTH + srh);
}

/** Where the first SRH of a packet starts (after a hop-by-hop header, if any). */
export function srhOffset(packet: Uint8Array): number {
  return packet[IPV6_NEXT_HEADER] === PROTO_HOP_BY_HOP ? IPV6_HEADER_LENGTH + extensionLength(packet, IPV6_HEADER_LENGTH) : IPV6_HEADER_LENGTH;
}

/** The packet before H.Insert: the SRH gone, its next header back in place, Segment List[0] the destination again. */
export function withoutInsertedSrh(packet: Uint8Array): Uint8Array {
  const at = srhOffset(packet);
  const length = extensionLength(packet, at);
  const out = new Uint8Array(packet.length - length);
  out.set(packet.subarray(0, at));
  out.set(packet.subarray(at + length), at);
  const previous = at === IPV6_HEADER_LENGTH ? IPV6_NEXT_HEADER : IPV6_HEADER_LENGTH + EXT_NEXT_HEADER;
  out[previous] = packet[at + EXT_NEXT_HEADER];
  out.set(packet.subarray(at + SRH_SEGMENT_LIST, at + SRH_SEGMENT_LIST + SRH_SEGMENT_LENGTH), IPV6_DST);
  new DataView(out.buffer).setUint16(IPV6_PAYLOAD_LENGTH, out.length - IPV6_HEADER_LENGTH);
  return out;
}

export interface SrhFields {
  at: number;
  nextHeader: number;
  segmentsLeft: number;
  lastEntry: number;
  segments: string[];
}

/** The SRH at `at` (default: the first, after any hop-by-hop header). */
export function srhFields(packet: Uint8Array, at = srhOffset(packet)): SrhFields {
  const lastEntry = packet[at + SRH_LAST_ENTRY];
  const segments = Array.from({ length: lastEntry + 1 }, (_, k) => formatIp6(packet, at + SRH_SEGMENT_LIST + k * SRH_SEGMENT_LENGTH));
  return { at, nextHeader: packet[at + EXT_NEXT_HEADER], segmentsLeft: packet[at + ROUTING_SEGMENTS_LEFT], lastEntry, segments };
}

export const destinationOf = (packet: Uint8Array): string => formatIp6(packet, IPV6_DST);
