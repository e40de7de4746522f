// ip6-add-from-cache-hop-by-hop: the server edge's SYN-ACK direction (vpp-ioam-spec §4.7). A
// SYN-ACK (or RST) answering a cached SYN gets the SYN's hop-by-hop header back, with this node's
// SID in its E2E-ID option, and an SRH [client, this SID] towards M's sr_localsid, so M can time
// the round trip and knows which server answered. The entry is consumed. A response with no live
// entry is dropped with its reason (M is not waiting for it); all other traffic, an RST without an
// entry included, passes unchanged (and an unanswered SYN-ACK too with `unmatched-syn-ack pass`).
import { DESC_FLAGS, DESC_FLAG_ENCAPSULATED_HERE, DESC_HBH, DESC_L3, DESC_ROUTING } from "../engine/descriptor.layout";
import { EXT_NEXT_HEADER, IPV6_ADDRESS_LENGTH, IPV6_DST, IPV6_HEADER_LENGTH, IPV6_SRC, PROTO_ROUTING } from "../wire/ipv6.layout";
import { TCP_ACK, TCP_DST_PORT, TCP_SRC_PORT } from "../wire/tcp.layout";
import { CACHE_HBH, CACHE_HBH_LENGTH, CACHE_NEXT_HOP, MC_CACHE_FLAGS, MC_CACHE_FLAG_PASS_UNMATCHED, MC_CACHE_LOCALSID } from "../manycast/manycast.layout";
import { copyFromPacket, copyIntoPacket, ld8, ld16, ld32, st8 } from "../engine/bytes";
import { SRH_TWO_SEGMENTS_LENGTH, insertHopByHop, writeTwoSegmentSrh } from "../engine/headers";
import { nowNanoseconds } from "../engine/clock";
import { dropPacket, enterDescriptor, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { allocate } from "../engine/memory";
import { cacheFind, cacheFindExpired, cacheRelease } from "../manycast/cache";
import { manycastRoot } from "../manycast/selection";
import { isRst, isSynAck, tcpFlags, tcpHeader } from "../manycast/tcp-segment";
import {
  ERR_FROM_CACHE_ADDED,
  ERR_FROM_CACHE_EXPIRED,
  ERR_FROM_CACHE_HAS_HBH,
  ERR_FROM_CACHE_MISS,
  ERR_FROM_CACHE_NO_ROOM,
  ERR_FROM_CACHE_PASSED,
  NODE_ERROR_DROP,
  NODE_IP6_LOOKUP,
} from "./graph.layout";

const addresses: usize = allocate(32);

/** Puts the cached header and the SRH back on the response; the reason it ends with. */
function reattach(d: usize, tcp: usize): i32 {
  const pkt = packetStart(d);
  const l3 = <u32>load<u16>(d, DESC_L3);
  const ip = pkt + <usize>l3;
  // The response runs anycast -> client: its key is the SYN's, reversed.
  copyFromPacket(addresses, ip + IPV6_DST, IPV6_ADDRESS_LENGTH);
  copyFromPacket(addresses + IPV6_ADDRESS_LENGTH, ip + IPV6_SRC, IPV6_ADDRESS_LENGTH);
  const e = cacheFind(addresses, addresses + 16, ld16(tcp + TCP_DST_PORT), ld16(tcp + TCP_SRC_PORT), ld32(tcp + TCP_ACK), nowNanoseconds());
  if (!e) return cacheFindExpired ? ERR_FROM_CACHE_EXPIRED : ERR_FROM_CACHE_MISS;
  const hbhLength = <u32>load<u16>(e, CACHE_HBH_LENGTH);
  const hbh = insertHopByHop(d, e + CACHE_HBH, hbhLength, SRH_TWO_SEGMENTS_LENGTH);
  if (!hbh) return ERR_FROM_CACHE_NO_ROOM;
  // The SRH goes between the hop-by-hop header and what the packet carried.
  writeTwoSegmentSrh(hbh + <usize>hbhLength, ld8(hbh + EXT_NEXT_HEADER), addresses, manycastRoot + MC_CACHE_LOCALSID);
  st8(hbh + EXT_NEXT_HEADER, PROTO_ROUTING);
  copyIntoPacket(packetStart(d) + <usize>l3 + IPV6_DST, e + CACHE_NEXT_HOP, IPV6_ADDRESS_LENGTH);
  store<u16>(d, <u16>(l3 + IPV6_HEADER_LENGTH + hbhLength), DESC_ROUTING);
  // This node added the header: its own ip6-hop-by-hop pass stamps it and must not pop it.
  store<u8>(d, <u8>(load<u8>(d, DESC_FLAGS) | DESC_FLAG_ENCAPSULATED_HERE), DESC_FLAGS);
  cacheRelease(e);
  return ERR_FROM_CACHE_ADDED;
}

export function ip6AddFromCacheHopByHop(frame: usize, n: i32): void {
  const passUnmatched = (load<u32>(manycastRoot, MC_CACHE_FLAGS) & MC_CACHE_FLAG_PASS_UNMATCHED) != 0;
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const tcp = tcpHeader(d);
    const flags = tcp ? tcpFlags(tcp) : 0;
    if (!tcp || !(isSynAck(flags) || isRst(flags))) {
      markError(d, ERR_FROM_CACHE_PASSED);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    if (load<u16>(d, DESC_HBH)) {
      dropPacket(i, d, ERR_FROM_CACHE_HAS_HBH);
      continue;
    }
    const reason = reattach(d, tcp);
    // Unlike VPP, an RST nobody selects on is the server ending a connection: it goes on; so does
    // an unmatched SYN-ACK where the edge is told connections may reach it past M.
    if (reason != ERR_FROM_CACHE_ADDED && (isRst(flags) || passUnmatched)) {
      markError(d, ERR_FROM_CACHE_PASSED);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    markError(d, reason);
    sendTo(i, d, reason == ERR_FROM_CACHE_ADDED ? NODE_IP6_LOOKUP : NODE_ERROR_DROP);
  }
}
