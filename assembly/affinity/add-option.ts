// Adding the TCP service-affinity option (wire/tcp-affinity.layout.ts) to a packet's IPv6 TCP segment.
//
// The segment grows at the end of its TCP options. The octets before that point (link, IPv6 and
// extension headers, the TCP header) move into the headroom with openGap: they are at most
// 14 + 40 + extensions + 60 octets, while the payload after them can be a full MSS, so moving the
// headers is the cheaper and payload-size-independent choice, and the descriptor's offsets follow.
//
// The checksum is updated incrementally (RFC 1624): the data-offset word, the option octets
// (which start at the 4-aligned end of the fixed header, so every later word keeps its parity) and
// the pseudo-header's upper-layer length are the only words that change; the payload only moves by
// a multiple of 4 octets. The update is exact for a correct checksum and, as a middlebox should,
// keeps a wrong one wrong. It also needs no knowledge of the final destination behind an SRH.
import {
  TCP_CHECKSUM,
  TCP_DATA_OFFSET,
  TCP_DATA_OFFSET_SHIFT,
  TCP_DATA_OFFSET_UNIT,
  TCP_MIN_HEADER_LENGTH,
  TCP_OPT_EOL,
} from "../wire/tcp.layout";
import {
  TCP_AFFINITY_ADDRESS_OFFSET,
  TCP_AFFINITY_EXID,
  TCP_AFFINITY_EXID_OFFSET,
  TCP_AFFINITY_FAMILY_IP6,
  TCP_AFFINITY_FAMILY_OFFSET,
  TCP_AFFINITY_IP4_ADDRESS_LENGTH,
  TCP_AFFINITY_IP4_PORT_OFFSET,
  TCP_AFFINITY_IP6_ADDRESS_LENGTH,
  TCP_AFFINITY_IP6_PORT_OFFSET,
  TCP_AFFINITY_KIND,
  TCP_AFFINITY_KIND_OFFSET,
  TCP_AFFINITY_LENGTH_OFFSET,
  TCP_MAX_OPTIONS_LENGTH,
} from "../wire/tcp-affinity.layout";
import { IPV6_HEADER_LENGTH, IPV6_PAYLOAD_LENGTH, PROTO_TCP } from "../wire/ipv6.layout";
import { tcpHeaderLength, tcpOptionsUsedEnd, validateTcp } from "../wire/tcp";
import { tcpAffinityLength } from "../wire/tcp-affinity";
import { onesComplementAdd, onesComplementFold } from "../wire/checksum";
import { copyIntoPacket, ld8, ld16, st8, st16 } from "../engine/bytes";
import { DESC_DATA_OFFSET, DESC_FLAGS, DESC_FLAG_IP6, DESC_L3, DESC_L4, DESC_L4_PROTO } from "../engine/descriptor.layout";
import { packetLength, packetStart } from "../engine/vector";
import { openGap } from "../engine/headers";
import { WIRE_TCP_AFFINITY_NOT_TCP, WIRE_TCP_AFFINITY_NO_HEADROOM, WIRE_TCP_AFFINITY_NO_OPTION_SPACE } from "../wire/reasons.layout";

/** Sum of the TCP header's words from the data offset to `length`, the checksum field left out. */
@inline function headerWordsSum(tcp: usize, length: usize): u32 {
  const sum = onesComplementAdd(0, tcp + TCP_DATA_OFFSET, TCP_CHECKSUM - TCP_DATA_OFFSET);
  return onesComplementFold(onesComplementAdd(sum, tcp + TCP_CHECKSUM + 2, length - (TCP_CHECKSUM + 2)));
}

/**
 * Adds the service-affinity option naming `server` (16 octets for IPv6, 4 for IPv4, in engine
 * memory outside the packet) and `port` to the TCP segment of descriptor `d` (as ip6-input parsed
 * it), after its options and before any EOL padding. Returns 0, or the WIRE_TCP_AFFINITY_* reason
 * the packet was left untouched for.
 */
export function tcpAffinityAppend(d: usize, server: usize, port: u32, family: u32): i32 {
  const optionLength = <usize>tcpAffinityLength(family);
  const l4 = <u32>load<u16>(d, DESC_L4);
  if (optionLength == 0 || l4 == 0 || <u32>load<u8>(d, DESC_L4_PROTO) != PROTO_TCP || (<u32>load<u8>(d, DESC_FLAGS) & DESC_FLAG_IP6) == 0) {
    return WIRE_TCP_AFFINITY_NOT_TCP;
  }
  let start = packetStart(d);
  const end = start + <usize>packetLength(d);
  let ip = start + <usize>load<u16>(d, DESC_L3);
  let tcp = start + <usize>l4;
  if (ip + IPV6_HEADER_LENGTH > tcp || validateTcp(tcp, end) != 0) return WIRE_TCP_AFFINITY_NOT_TCP;
  const payloadLength = ld16(ip + IPV6_PAYLOAD_LENGTH);
  const oldHeader = tcpHeaderLength(tcp);
  const ipEnd = ip + IPV6_HEADER_LENGTH + <usize>payloadLength;
  if (payloadLength == 0 || ipEnd > end || ipEnd < tcp + oldHeader) return WIRE_TCP_AFFINITY_NOT_TCP;

  const used = tcpOptionsUsedEnd(tcp, tcp + oldHeader) - (tcp + TCP_MIN_HEADER_LENGTH); // validateTcp checked them
  const options = (used + optionLength + 3) & ~<usize>3;
  if (options > <usize>TCP_MAX_OPTIONS_LENGTH) return WIRE_TCP_AFFINITY_NO_OPTION_SPACE;
  let newHeader = <usize>TCP_MIN_HEADER_LENGTH + options;
  if (newHeader < oldHeader) newHeader = oldHeader; // the option fits in the old EOL padding
  const growth = <u32>(newHeader - oldHeader);
  if (<u32>load<u16>(d, DESC_DATA_OFFSET) < growth) return WIRE_TCP_AFFINITY_NO_HEADROOM;

  const oldChecksum = ld16(tcp + TCP_CHECKSUM);
  const oldWords = headerWordsSum(tcp, oldHeader);
  const oldTcpLength = <u32>(ipEnd - tcp);
  if (growth > 0) {
    openGap(d, l4 + <u32>oldHeader, growth);
    const moved = packetStart(d);
    ip = ip - start + moved;
    tcp = tcp - start + moved;
    start = moved;
  }

  const option = tcp + TCP_MIN_HEADER_LENGTH + used;
  st8(option + TCP_AFFINITY_KIND_OFFSET, TCP_AFFINITY_KIND);
  st8(option + TCP_AFFINITY_LENGTH_OFFSET, <u32>optionLength);
  st16(option + TCP_AFFINITY_EXID_OFFSET, TCP_AFFINITY_EXID);
  st8(option + TCP_AFFINITY_FAMILY_OFFSET, family);
  if (family == TCP_AFFINITY_FAMILY_IP6) {
    copyIntoPacket(option + TCP_AFFINITY_ADDRESS_OFFSET, server, TCP_AFFINITY_IP6_ADDRESS_LENGTH);
    st16(option + TCP_AFFINITY_IP6_PORT_OFFSET, port & 0xffff);
  } else {
    copyIntoPacket(option + TCP_AFFINITY_ADDRESS_OFFSET, server, TCP_AFFINITY_IP4_ADDRESS_LENGTH);
    st16(option + TCP_AFFINITY_IP4_PORT_OFFSET, port & 0xffff);
  }
  for (let p = option + optionLength; p < tcp + newHeader; p++) st8(p, TCP_OPT_EOL);
  const offsetOctet = ld8(tcp + TCP_DATA_OFFSET);
  st8(tcp + TCP_DATA_OFFSET, ((<u32>(newHeader / TCP_DATA_OFFSET_UNIT)) << TCP_DATA_OFFSET_SHIFT) | (offsetOctet & 0x0f));
  st16(ip + IPV6_PAYLOAD_LENGTH, payloadLength + growth);

  const newWords = headerWordsSum(tcp, newHeader);
  const newTcpLength = oldTcpLength + growth;
  const sum = (~oldChecksum & 0xffff) + (~oldWords & 0xffff) + newWords + (~oldTcpLength & 0xffff) + newTcpLength;
  st16(tcp + TCP_CHECKSUM, ~onesComplementFold(sum) & 0xffff);
  return 0;
}
