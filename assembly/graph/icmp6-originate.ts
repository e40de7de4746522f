// The ICMPv6 messages this node sends (RFC 4443), built in place in the buffer of the packet that
// caused them, so no buffer is allocated: Time Exceeded for a packet whose hop limit ran out, and an
// Echo Reply for an Echo Request to one of this node's addresses. Both leave marked as locally
// originated (ip6-rewrite keeps their hop limit) and go through ip6-lookup like any other packet.
import { DESC_FLAGS, DESC_FLAG_LOCALLY_ORIGINATED, DESC_L3, DESC_L4, DESC_L4_PROTO, DESC_LENGTH, DESC_RX_IF } from "../engine/descriptor.layout";
import {
  ICMPV6_BODY,
  ICMPV6_CHECKSUM,
  ICMPV6_CODE,
  ICMPV6_ECHO_REPLY,
  ICMPV6_ECHO_REQUEST,
  ICMPV6_ERROR_INVOKING_PACKET,
  ICMPV6_ERROR_MAX,
  ICMPV6_HEADER_LENGTH,
  ICMPV6_TIME_EXCEEDED,
  ICMPV6_TYPE,
} from "../wire/icmpv6.layout";
import { IPV6_ADDRESS_LENGTH, IPV6_DST, IPV6_HEADER_LENGTH, IPV6_HOP_LIMIT, IPV6_PAYLOAD_LENGTH, IPV6_SRC, PROTO_ICMPV6 } from "../wire/ipv6.layout";
import { emitIp6Header } from "../wire/ipv6";
import { copyBytes, ld8, ld16, ld64, st8, st16, st32, st64 } from "../engine/bytes";
import { openGap, recordWrittenChain } from "../engine/headers";
import { enterPacket, packetLength, packetStart } from "../engine/vector";
import { checksumAfterWordChange, ip6UpperLayerChecksum } from "../wire/checksum";
import { interfaceSourceAddress } from "../fib/fib";
import {
  ERR_TIME_EXCEEDED_FORBIDDEN,
  ERR_TIME_EXCEEDED_NO_ADDRESS,
  ERR_TIME_EXCEEDED_NO_HEADROOM,
  ERR_TIME_EXCEEDED_SENT,
} from "./graph.layout";

// The hop limit of what this node originates (Linux's default, net.ipv6.conf.*.hop_limit).
const ORIGINATED_HOP_LIMIT = 64;
// An error carries as much of the invoking packet as fits in the IPv6 minimum MTU (RFC 4443 §3.3).
const IPV6_MINIMUM_MTU = 1280;
const ERROR_HEADERS: u32 = IPV6_HEADER_LENGTH + ICMPV6_ERROR_INVOKING_PACKET;
const INVOKING_MAX: u32 = IPV6_MINIMUM_MTU - ERROR_HEADERS;
const MULTICAST_PREFIX = 0xff;

@inline function isMulticast(address: usize): bool {
  return ld8(address) == MULTICAST_PREFIX;
}

@inline function isUnspecified(address: usize): bool {
  return (ld64(address) | ld64(address + 8)) == 0;
}

/** Whether the packet is an ICMPv6 error message itself (never answered with an error). */
function isIcmpError(d: usize, pkt: usize): bool {
  const l4 = <usize>load<u16>(d, DESC_L4);
  return load<u8>(d, DESC_L4_PROTO) == PROTO_ICMPV6 && l4 != 0 && ld8(pkt + l4 + ICMPV6_TYPE) <= <u32>ICMPV6_ERROR_MAX;
}

/** The packet now holds only the IPv6 header and the ICMPv6 message behind it. */
function markOriginated(d: usize, l3: u32): void {
  recordWrittenChain(d, 0, l3 + IPV6_HEADER_LENGTH, PROTO_ICMPV6);
  store<u8>(d, load<u8>(d, DESC_FLAGS) | DESC_FLAG_LOCALLY_ORIGINATED, DESC_FLAGS);
}

/**
 * Turns the packet into an ICMPv6 Time Exceeded (code 0, hop limit exceeded in transit) addressed
 * to its source, from the receiving interface's address. Returns ERR_TIME_EXCEEDED_SENT, or why
 * no error was made (the packet is then unchanged).
 */
export function makeTimeExceeded(d: usize): i32 {
  const l3 = <u32>load<u16>(d, DESC_L3);
  const pkt = packetStart(d);
  const ip = pkt + <usize>l3;
  // RFC 4443 §2.4 (e): never about an error message, a multicast destination or a source that does not name one node.
  if (isMulticast(ip + IPV6_DST) || isMulticast(ip + IPV6_SRC) || isUnspecified(ip + IPV6_SRC) || isIcmpError(d, pkt)) {
    return ERR_TIME_EXCEEDED_FORBIDDEN;
  }
  const source = interfaceSourceAddress(<u32>load<u16>(d, DESC_RX_IF));
  if (!source) return ERR_TIME_EXCEEDED_NO_ADDRESS;
  const available = <u32>packetLength(d) - l3;
  const datagram = <u32>IPV6_HEADER_LENGTH + ld16(ip + IPV6_PAYLOAD_LENGTH);
  let invoking = datagram < available ? datagram : available;
  if (invoking > INVOKING_MAX) invoking = INVOKING_MAX;
  const header = openGap(d, l3, ERROR_HEADERS);
  if (!header) return ERR_TIME_EXCEEDED_NO_HEADROOM;
  const icmp = header + IPV6_HEADER_LENGTH;
  const original = header + ERROR_HEADERS;
  emitIp6Header(header, ICMPV6_ERROR_INVOKING_PACKET + invoking, PROTO_ICMPV6, ORIGINATED_HOP_LIMIT);
  // The interface address lives in FIB memory, outside the packet: plain loads, checked stores.
  for (let k: usize = 0; k < <usize>IPV6_ADDRESS_LENGTH; k += 4) st32(header + IPV6_SRC + k, bswap<u32>(load<u32>(source + k)));
  copyBytes(header + IPV6_DST, original + IPV6_SRC, IPV6_ADDRESS_LENGTH);
  st8(icmp + ICMPV6_TYPE, ICMPV6_TIME_EXCEEDED);
  st8(icmp + ICMPV6_CODE, 0);
  st16(icmp + ICMPV6_CHECKSUM, 0);
  st32(icmp + ICMPV6_BODY, 0); // unused
  store<u16>(d, <u16>(l3 + ERROR_HEADERS + invoking), DESC_LENGTH);
  enterPacket(d);
  st16(icmp + ICMPV6_CHECKSUM, ip6UpperLayerChecksum(header, icmp, ICMPV6_ERROR_INVOKING_PACKET + invoking, PROTO_ICMPV6));
  markOriginated(d, l3);
  return ERR_TIME_EXCEEDED_SENT;
}

/**
 * Turns an ICMPv6 Echo Request sent to this node, with no extension headers, into the Echo Reply
 * (addresses swapped, type 129, checksum updated: swapping the addresses leaves the pseudo-header
 * sum as it was). Returns false, leaving the packet unchanged, for anything else.
 */
export function answerEchoRequest(d: usize): bool {
  const l3 = <u32>load<u16>(d, DESC_L3);
  const l4 = <u32>load<u16>(d, DESC_L4);
  if (load<u8>(d, DESC_L4_PROTO) != PROTO_ICMPV6 || l4 != l3 + IPV6_HEADER_LENGTH) return false;
  if (<u32>packetLength(d) < l4 + ICMPV6_HEADER_LENGTH) return false;
  const pkt = packetStart(d);
  const ip = pkt + <usize>l3;
  const icmp = pkt + <usize>l4;
  if (ld8(icmp + ICMPV6_TYPE) != ICMPV6_ECHO_REQUEST || ld8(icmp + ICMPV6_CODE) != 0) return false;
  // A reply comes from the address asked; a group address cannot be a source.
  if (isMulticast(ip + IPV6_SRC) || isUnspecified(ip + IPV6_SRC) || isMulticast(ip + IPV6_DST)) return false;
  const typeCodeWas = ld16(icmp + ICMPV6_TYPE);
  for (let k: usize = 0; k < <usize>IPV6_ADDRESS_LENGTH; k += 8) {
    const source = ld64(ip + IPV6_SRC + k);
    st64(ip + IPV6_SRC + k, ld64(ip + IPV6_DST + k));
    st64(ip + IPV6_DST + k, source);
  }
  st8(icmp + ICMPV6_TYPE, ICMPV6_ECHO_REPLY);
  st16(icmp + ICMPV6_CHECKSUM, checksumAfterWordChange(ld16(icmp + ICMPV6_CHECKSUM), typeCodeWas, ld16(icmp + ICMPV6_TYPE)));
  st8(ip + IPV6_HOP_LIMIT, ORIGINATED_HOP_LIMIT);
  markOriginated(d, l3);
  return true;
}
