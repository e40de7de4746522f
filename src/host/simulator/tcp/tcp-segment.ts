// TCP segments in IPv6 packets: built (no extension headers) with the IPv6 pseudo-header
// checksum, and parsed (past the extension headers a host skips) with the checksum verified.
// Offsets come from the wire layouts.
import {
  EXT_LENGTH,
  EXT_LENGTH_UNIT,
  EXT_NEXT_HEADER,
  IPV6_ADDRESS_LENGTH,
  IPV6_DST,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  IPV6_SRC,
  IPV6_VERSION,
  IPV6_VERSION_TC_FLOW,
  PROTO_DEST_OPTIONS,
  PROTO_HOP_BY_HOP,
  PROTO_ROUTING,
  PROTO_TCP,
} from "../../../../assembly/wire/ipv6.layout.js";
import { ROUTING_SEGMENTS_LEFT } from "../../../../assembly/wire/srh.layout.js";
import {
  TCP_ACK,
  TCP_CHECKSUM,
  TCP_DATA_OFFSET,
  TCP_DATA_OFFSET_SHIFT,
  TCP_DATA_OFFSET_UNIT,
  TCP_DST_PORT,
  TCP_FLAG_FIN,
  TCP_FLAG_SYN,
  TCP_FLAGS_MASK,
  TCP_MIN_HEADER_LENGTH,
  TCP_OPT_EOL,
  TCP_OPT_MSS,
  TCP_OPT_MSS_LENGTH,
  TCP_OPT_NOP,
  TCP_OPTION_KIND,
  TCP_OPTION_LENGTH,
  TCP_OPTION_VALUE,
  TCP_SEQ,
  TCP_SRC_PORT,
  TCP_WINDOW,
} from "../../../../assembly/wire/tcp.layout.js";
import { ipv6UpperLayerChecksum } from "../../decode/checksum.js";

/** The version nibble is the high half of the first octet. */
const VERSION_SHIFT = 4;
export const DEFAULT_HOP_LIMIT = 64;

export interface TcpSegment {
  src: Uint8Array;
  dst: Uint8Array;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  /** Sent as the MSS option (SYNs only, by convention). */
  mss?: number;
  payload: Uint8Array;
}

export interface ParsedSegment extends TcpSegment {
  checksumValid: boolean;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export function buildSegment(s: TcpSegment, hopLimit = DEFAULT_HOP_LIMIT): Uint8Array {
  const tcpHeader = TCP_MIN_HEADER_LENGTH + (s.mss === undefined ? 0 : TCP_OPT_MSS_LENGTH);
  const tcpLength = tcpHeader + s.payload.length;
  const packet = new Uint8Array(IPV6_HEADER_LENGTH + tcpLength);
  const v = view(packet);
  packet[IPV6_VERSION_TC_FLOW] = IPV6_VERSION << VERSION_SHIFT;
  v.setUint16(IPV6_PAYLOAD_LENGTH, tcpLength);
  packet[IPV6_NEXT_HEADER] = PROTO_TCP;
  packet[IPV6_HOP_LIMIT] = hopLimit;
  packet.set(s.src, IPV6_SRC);
  packet.set(s.dst, IPV6_DST);
  const t = IPV6_HEADER_LENGTH;
  v.setUint16(t + TCP_SRC_PORT, s.srcPort);
  v.setUint16(t + TCP_DST_PORT, s.dstPort);
  v.setUint32(t + TCP_SEQ, s.seq >>> 0);
  v.setUint32(t + TCP_ACK, s.ack >>> 0);
  // Data offset (high nibble of octet 12) and the 12 flag bits share octets 12-13.
  v.setUint16(t + TCP_DATA_OFFSET, ((tcpHeader / TCP_DATA_OFFSET_UNIT) << (8 + TCP_DATA_OFFSET_SHIFT)) | (s.flags & TCP_FLAGS_MASK));
  v.setUint16(t + TCP_WINDOW, s.window);
  if (s.mss !== undefined) {
    const o = t + TCP_MIN_HEADER_LENGTH;
    packet[o + TCP_OPTION_KIND] = TCP_OPT_MSS;
    packet[o + TCP_OPTION_LENGTH] = TCP_OPT_MSS_LENGTH;
    v.setUint16(o + TCP_OPTION_VALUE, s.mss);
  }
  packet.set(s.payload, t + tcpHeader);
  v.setUint16(t + TCP_CHECKSUM, ipv6UpperLayerChecksum(s.src, s.dst, PROTO_TCP, packet, t, packet.length, TCP_CHECKSUM));
  return packet;
}

/**
 * Where the TCP header starts: after the IPv6 header and any hop-by-hop, destination-options or
 * routing headers a host skips (a routing header only once Segments Left is 0, as a Linux host
 * requires: the M-Anycast SYN-ACK reaches the client with its SRH, RFC 8754 §4.3.1); -1 if none.
 */
function tcpOffset(packet: Uint8Array, end: number): number {
  let next = packet[IPV6_NEXT_HEADER];
  let at = IPV6_HEADER_LENGTH;
  for (let hops = 0; hops < 8; hops++) {
    if (next === PROTO_TCP) return at;
    if (next !== PROTO_HOP_BY_HOP && next !== PROTO_ROUTING && next !== PROTO_DEST_OPTIONS) return -1;
    if (at + 8 > end) return -1;
    if (next === PROTO_ROUTING && packet[at + ROUTING_SEGMENTS_LEFT] !== 0) return -1;
    next = packet[at + EXT_NEXT_HEADER];
    at += (packet[at + EXT_LENGTH] + 1) * EXT_LENGTH_UNIT;
  }
  return -1;
}

/** The segment in `packet`, or undefined when it is not IPv6 carrying a whole TCP header (after skippable extension headers). */
export function parseSegment(packet: Uint8Array): ParsedSegment | undefined {
  if (packet.length < IPV6_HEADER_LENGTH + TCP_MIN_HEADER_LENGTH) return undefined;
  if (packet[IPV6_VERSION_TC_FLOW] >>> VERSION_SHIFT !== IPV6_VERSION) return undefined;
  const v = view(packet);
  const end = IPV6_HEADER_LENGTH + v.getUint16(IPV6_PAYLOAD_LENGTH);
  if (end > packet.length) return undefined;
  const t = tcpOffset(packet, end);
  if (t < 0) return undefined;
  if (end > packet.length || end < t + TCP_MIN_HEADER_LENGTH) return undefined;
  const header = (packet[t + TCP_DATA_OFFSET] >>> TCP_DATA_OFFSET_SHIFT) * TCP_DATA_OFFSET_UNIT;
  if (header < TCP_MIN_HEADER_LENGTH || t + header > end) return undefined;
  const src = packet.slice(IPV6_SRC, IPV6_SRC + IPV6_ADDRESS_LENGTH);
  const dst = packet.slice(IPV6_DST, IPV6_DST + IPV6_ADDRESS_LENGTH);
  return {
    src,
    dst,
    srcPort: v.getUint16(t + TCP_SRC_PORT),
    dstPort: v.getUint16(t + TCP_DST_PORT),
    seq: v.getUint32(t + TCP_SEQ),
    ack: v.getUint32(t + TCP_ACK),
    flags: v.getUint16(t + TCP_DATA_OFFSET) & TCP_FLAGS_MASK,
    window: v.getUint16(t + TCP_WINDOW),
    mss: findMss(packet, t + TCP_MIN_HEADER_LENGTH, t + header),
    payload: packet.slice(t + header, end),
    checksumValid: ipv6UpperLayerChecksum(src, dst, PROTO_TCP, packet, t, end, TCP_CHECKSUM) === v.getUint16(t + TCP_CHECKSUM),
  };
}

function findMss(packet: Uint8Array, start: number, end: number): number | undefined {
  let o = start;
  while (o < end) {
    const kind = packet[o + TCP_OPTION_KIND];
    if (kind === TCP_OPT_EOL) return undefined;
    if (kind === TCP_OPT_NOP) {
      o++;
      continue;
    }
    const length = o + TCP_OPTION_LENGTH < end ? packet[o + TCP_OPTION_LENGTH] : 0;
    if (length < TCP_OPTION_VALUE || o + length > end) return undefined;
    if (kind === TCP_OPT_MSS && length === TCP_OPT_MSS_LENGTH) return (packet[o + TCP_OPTION_VALUE] << 8) | packet[o + TCP_OPTION_VALUE + 1];
    o += length;
  }
  return undefined;
}

/** Sequence space a segment occupies: its data, plus one each for SYN and FIN. */
export function segmentLength(s: { flags: number; payload: Uint8Array }): number {
  return s.payload.length + (s.flags & TCP_FLAG_SYN ? 1 : 0) + (s.flags & TCP_FLAG_FIN ? 1 : 0);
}
