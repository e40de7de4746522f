// ip6-ioam-cache: the server edge's SYN direction (vpp-ioam-spec §4.6), reached through
// ip6-hop-by-hop's decap override after this node stamped the SYN. A SYN carrying an E2E-ID option
// is remembered with a copy of its hop-by-hop header, whose E2E-ID address becomes this node's
// sr_localsid so the SYN-ACK tells M who answered; every packet then goes on to
// ip6-pop-hop-by-hop, so the server sees a plain SYN.
import { DESC_HBH, DESC_L3 } from "../engine/descriptor.layout";
import { IPV6_SRC } from "../wire/ipv6.layout";
import { TCP_DST_PORT, TCP_SEQ, TCP_SRC_PORT } from "../wire/tcp.layout";
import { CACHE_HBH, CACHE_HBH_LENGTH, CACHE_HBH_MAX, CACHE_ID_OFFSET, CACHE_NEXT_HOP, MC_CACHE_LOCALSID } from "../manycast/manycast.layout";
import { copyFromPacket, ld16, ld32 } from "../engine/bytes";
import { nowNanoseconds } from "../engine/clock";
import { countError, enterDescriptor, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { allocate } from "../engine/memory";
import { cacheClaim, cacheClaimEvicted } from "../manycast/cache";
import { manycastRoot } from "../manycast/selection";
import { e2eIdAddress, hbhLength } from "../manycast/hbh-option";
import { isSyn, tcpFlags, tcpHeader } from "../manycast/tcp-segment";
import { ERR_CACHE_CACHED, ERR_CACHE_EVICTED, ERR_CACHE_NOT_SYN, ERR_CACHE_NO_ID, ERR_CACHE_TOO_LONG, NODE_IP6_POP_HOP_BY_HOP } from "./graph.layout";

const addresses: usize = allocate(32);

function cacheSyn(d: usize, tcp: usize): i32 {
  const id = e2eIdAddress(d);
  if (!id) return ERR_CACHE_NO_ID;
  const length = hbhLength(d);
  if (length > <u32>CACHE_HBH_MAX) return ERR_CACHE_TOO_LONG;
  const pkt = packetStart(d);
  const ip = pkt + <usize>load<u16>(d, DESC_L3);
  copyFromPacket(addresses, ip + IPV6_SRC, 32);
  const e = cacheClaim(addresses, addresses + 16, ld16(tcp + TCP_SRC_PORT), ld16(tcp + TCP_DST_PORT), ld32(tcp + TCP_SEQ) + 1, nowNanoseconds());
  if (!e) return ERR_CACHE_NO_ID;
  if (cacheClaimEvicted) countError(ERR_CACHE_EVICTED);
  const hbh = pkt + <usize>load<u16>(d, DESC_HBH);
  copyFromPacket(e + CACHE_HBH, hbh, <usize>length);
  store<u16>(e, <u16>length, CACHE_HBH_LENGTH);
  copyFromPacket(e + CACHE_NEXT_HOP, id, 16);
  const idOffset = id - hbh;
  store<u16>(e, <u16>idOffset, CACHE_ID_OFFSET);
  memory.copy(e + CACHE_HBH + idOffset, manycastRoot + MC_CACHE_LOCALSID, 16);
  return ERR_CACHE_CACHED;
}

export function ip6IoamCache(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const tcp = tcpHeader(d);
    markError(d, tcp && isSyn(tcpFlags(tcp)) ? cacheSyn(d, tcp) : ERR_CACHE_NOT_SYN);
    sendTo(i, d, NODE_IP6_POP_HOP_BY_HOP);
  }
}
