// What the M-Anycast nodes read of a TCP segment, located by ip6-input (DESC_L4): only unfragmented
// TCP over IPv6 qualifies.
import { DESC_FRAGMENT, DESC_L3, DESC_L4, DESC_L4_PROTO, DESC_LENGTH } from "../engine/descriptor.layout";
import { IPV6_HEADER_LENGTH, IPV6_PAYLOAD_LENGTH, PROTO_TCP } from "../wire/ipv6.layout";
import { TCP_FLAGS, TCP_FLAG_ACK, TCP_FLAG_FIN, TCP_FLAG_RST, TCP_FLAG_SYN } from "../wire/tcp.layout";
import { ld8, ld16 } from "../engine/bytes";
import { tcpHeaderLength } from "../wire/tcp";
import { packetStart } from "../engine/vector";

/** The TCP header's address, or 0 when the packet is not an unfragmented TCP segment. */
@inline export function tcpHeader(d: usize): usize {
  const l4 = <usize>load<u16>(d, DESC_L4);
  if (l4 == 0 || <u32>load<u8>(d, DESC_L4_PROTO) != PROTO_TCP || load<u16>(d, DESC_FRAGMENT) != 0) return 0;
  return packetStart(d) + l4;
}

@inline export function tcpFlags(tcp: usize): u32 {
  return ld8(tcp + TCP_FLAGS);
}

@inline export function isSyn(flags: u32): bool {
  return (flags & (TCP_FLAG_SYN | TCP_FLAG_ACK | TCP_FLAG_RST)) == TCP_FLAG_SYN;
}

@inline export function isSynAck(flags: u32): bool {
  return (flags & (TCP_FLAG_SYN | TCP_FLAG_ACK | TCP_FLAG_RST)) == (TCP_FLAG_SYN | TCP_FLAG_ACK);
}

@inline export function isRst(flags: u32): bool {
  return (flags & TCP_FLAG_RST) != 0;
}

@inline export function isFin(flags: u32): bool {
  return (flags & TCP_FLAG_FIN) != 0;
}

/** Octets of TCP payload: what the IPv6 payload length leaves after the headers up to the TCP header's end. */
export function tcpPayloadLength(d: usize, tcp: usize): u32 {
  const ip = packetStart(d) + <usize>load<u16>(d, DESC_L3);
  const end = ip + IPV6_HEADER_LENGTH + <usize>ld16(ip + IPV6_PAYLOAD_LENGTH);
  const dataStart = tcp + tcpHeaderLength(tcp);
  const packetEnd = packetStart(d) + <usize>load<u16>(d, DESC_LENGTH);
  const last = end < packetEnd ? end : packetEnd;
  return last > dataStart ? <u32>(last - dataStart) : 0;
}
