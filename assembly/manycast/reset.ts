// Turns a SYN-ACK that lost the selection into the RST its server needs, in place: from the client
// (the SYN-ACK's destination) to the anycast address, routed back over SRv6 through the server's
// edge SID (SRH [anycast, edge SID], Segments Left 1, destination the SID), sequence number = the
// SYN-ACK's acknowledgement, so the server's half-open connection is accepted as reset (RFC 9293
// §3.10.7.4). The link header stays; everything after it is rewritten.
import { DESC_FLAGS, DESC_FLAG_ENCAPSULATED_HERE, DESC_FLAG_LOCALLY_ORIGINATED, DESC_L3, DESC_LENGTH } from "../engine/descriptor.layout";
import { IPV6_ADDRESS_LENGTH, IPV6_DST, IPV6_HEADER_LENGTH, IPV6_SRC, PROTO_ROUTING, PROTO_TCP } from "../wire/ipv6.layout";
import { emitIp6Header } from "../wire/ipv6";
import {
  TCP_ACK,
  TCP_CHECKSUM,
  TCP_DATA_OFFSET,
  TCP_DST_PORT,
  TCP_FLAGS,
  TCP_FLAG_RST,
  TCP_MIN_HEADER_LENGTH,
  TCP_SEQ,
  TCP_SRC_PORT,
} from "../wire/tcp.layout";
import { ip6UpperLayerChecksum } from "../wire/checksum";
import { copyFromPacket, copyIntoPacket, fillPacket, ld16, ld32, st8, st16, st32 } from "../engine/bytes";
import { recordWrittenChain, SRH_TWO_SEGMENTS_LENGTH, writeTwoSegmentSrh } from "../engine/headers";
import { allocate } from "../engine/memory";
import { bufferStart, enterPacket, packetStart } from "../engine/vector";
import { BUFFER_SIZE } from "../engine/descriptor.layout";

const RESET_HOP_LIMIT = 64;
const SRH_LENGTH = SRH_TWO_SEGMENTS_LENGTH;
const RESET_LENGTH: u32 = IPV6_HEADER_LENGTH + SRH_LENGTH + TCP_MIN_HEADER_LENGTH;
// What is read from the SYN-ACK before it is overwritten: client, anycast, edge SID.
const saved: usize = allocate(3 * IPV6_ADDRESS_LENGTH);

/**
 * Rewrites the SYN-ACK at descriptor `d` (TCP header at `tcp`, edge SID at `edgeSid` inside it)
 * into the RST. Returns false if the buffer cannot hold it (never for a real SYN-ACK).
 */
export function rewriteAsReset(d: usize, tcp: usize, edgeSid: usize): bool {
  const l3 = <u32>load<u16>(d, DESC_L3);
  const start = packetStart(d);
  if (start + <usize>(l3 + RESET_LENGTH) > bufferStart(d) + BUFFER_SIZE) return false;
  const ip = start + <usize>l3;
  copyFromPacket(saved, ip + IPV6_DST, IPV6_ADDRESS_LENGTH);
  copyFromPacket(saved + IPV6_ADDRESS_LENGTH, ip + IPV6_SRC, IPV6_ADDRESS_LENGTH);
  copyFromPacket(saved + 2 * IPV6_ADDRESS_LENGTH, edgeSid, IPV6_ADDRESS_LENGTH);
  const clientPort = ld16(tcp + TCP_DST_PORT);
  const anycastPort = ld16(tcp + TCP_SRC_PORT);
  const sequence = ld32(tcp + TCP_ACK);
  store<u16>(d, <u16>(l3 + RESET_LENGTH), DESC_LENGTH);
  enterPacket(d);

  emitIp6Header(ip, SRH_LENGTH + TCP_MIN_HEADER_LENGTH, PROTO_ROUTING, RESET_HOP_LIMIT);
  copyIntoPacket(ip + IPV6_SRC, saved, IPV6_ADDRESS_LENGTH);
  // The checksum's pseudo-header takes the final destination (RFC 8200 §8.1): the anycast address.
  copyIntoPacket(ip + IPV6_DST, saved + IPV6_ADDRESS_LENGTH, IPV6_ADDRESS_LENGTH);

  const srh = ip + IPV6_HEADER_LENGTH;
  writeTwoSegmentSrh(srh, PROTO_TCP, saved + IPV6_ADDRESS_LENGTH, saved + 2 * IPV6_ADDRESS_LENGTH);

  const reset = srh + SRH_LENGTH;
  fillPacket(reset, 0, TCP_MIN_HEADER_LENGTH);
  st16(reset + TCP_SRC_PORT, clientPort);
  st16(reset + TCP_DST_PORT, anycastPort);
  st32(reset + TCP_SEQ, sequence);
  st8(reset + TCP_DATA_OFFSET, (TCP_MIN_HEADER_LENGTH / 4) << 4);
  st8(reset + TCP_FLAGS, TCP_FLAG_RST);
  st16(reset + TCP_CHECKSUM, ip6UpperLayerChecksum(ip, reset, TCP_MIN_HEADER_LENGTH, PROTO_TCP));
  copyIntoPacket(ip + IPV6_DST, saved + 2 * IPV6_ADDRESS_LENGTH, IPV6_ADDRESS_LENGTH);

  recordWrittenChain(d, l3 + IPV6_HEADER_LENGTH, l3 + IPV6_HEADER_LENGTH + SRH_LENGTH, PROTO_TCP);
  const flags = ((<u32>load<u8>(d, DESC_FLAGS)) & ~DESC_FLAG_ENCAPSULATED_HERE) | DESC_FLAG_LOCALLY_ORIGINATED;
  store<u8>(d, <u8>flags, DESC_FLAGS);
  return true;
}
