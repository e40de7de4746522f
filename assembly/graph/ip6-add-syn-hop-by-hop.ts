// ip6-add-syn-hop-by-hop: the M-Anycast server's entry for traffic to an anycast prefix (an input
// ACL session sends it here). A SYN gets a selection entry and the IOAM header of
// `set ioam ip6 sr-tunnel-select` (the `set ioam rewrite` options, an E2E-cache option naming the
// entry and an E2E-ID option carrying this node's sr_localsid), then goes to ip6-lookup, where the
// spray policy copies it to every server. Unlike VPP, affinity is kept here: a SYN from a client
// that already has a server goes to that server alone (SRH [anycast, server]) and waits for its one
// answer, and every later segment of a selected connection is steered to its server instead of
// being sprayed. Segments of no selected connection are dropped with a reason: sprayed, they would
// reach servers that do not know them and come back as resets.
import { DESC_FLAGS, DESC_FLAG_ENCAPSULATED_HERE, DESC_HBH, DESC_L3 } from "../engine/descriptor.layout";
import { IPV6_ADDRESS_LENGTH, IPV6_DST, IPV6_SRC } from "../wire/ipv6.layout";
import { TCP_SEQ, TCP_SRC_PORT } from "../wire/tcp.layout";
import { VPP_E2E_CACHE_POOL_ID, VPP_E2E_CACHE_POOL_INDEX, VPP_E2E_ID_ADDRESS } from "../wire/vpp-ioam.layout";
import {
  ENTRY_NONE,
  EVENT_CREATED,
  EVENT_CREATE_FAILED,
  MC_FLAGS,
  MC_FLAG_TUNNEL_SELECT,
  MC_LOCALSID,
  MC_SYN_CACHE_OPTION,
  MC_SYN_ID_OPTION,
  MC_SYN_REWRITE,
  MC_SYN_REWRITE_LENGTH,
  MC_WAIT_FOR_RESPONSES,
  SERVER_LIST,
} from "../manycast/manycast.layout";
import { FLOW_MISS } from "../flow/flow.layout";
import { copyIntoPacket, ld32, st8 } from "../engine/bytes";
import { insertHopByHop } from "../engine/headers";
import { nowNanoseconds } from "../engine/clock";
import { countError, dropPacket, enterDescriptor, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { insertSrh } from "../srv6/headend";
import { createEntry, emitEvent, manycastRoot, serverRecord } from "../manycast/selection";
import { clientServer, flowSlot, followSegment, slotServer } from "../manycast/affinity";
import { isFin, isRst, isSyn, tcpFlags, tcpHeader, tcpPayloadLength } from "../manycast/tcp-segment";
import { allocate } from "../engine/memory";
import {
  ERR_SYN_HBH_CLIENT_STEERED,
  ERR_SYN_HBH_DISABLED,
  ERR_SYN_HBH_FLOW_STEERED,
  ERR_SYN_HBH_HAS_HBH,
  ERR_SYN_HBH_NOT_SYN,
  ERR_SYN_HBH_NO_FLOW,
  ERR_SYN_HBH_NO_ROOM,
  ERR_SYN_HBH_NO_SRH_ROOM,
  ERR_SYN_HBH_POOL_FULL,
  ERR_SYN_HBH_PROCESSED,
  ERR_SYN_HBH_STATE_SAVED,
  NODE_IP6_LOOKUP,
} from "./graph.layout";

// Never equal to a destination: insertSrh's "packet addressed to the binding SID" case cannot apply.
const NO_BINDING_SID: usize = allocate(IPV6_ADDRESS_LENGTH);

/** H.Insert towards server `server` (SRH [destination, server SID]); false when the headroom is short. */
@inline function steer(d: usize, server: u32): bool {
  return insertSrh(d, serverRecord(server) + SERVER_LIST, NO_BINDING_SID);
}

/** Inserts the SYN header and fills the entry index and this node's SID; false when there is no room. */
function insertSynHeader(d: usize, entry: u32): bool {
  const gap = insertHopByHop(d, manycastRoot + MC_SYN_REWRITE, load<u32>(manycastRoot, MC_SYN_REWRITE_LENGTH), 0);
  if (!gap) return false;
  const cache = gap + <usize>load<u32>(manycastRoot, MC_SYN_CACHE_OPTION);
  st8(cache + VPP_E2E_CACHE_POOL_ID, 0);
  // VPP writes the pool index in host order (little-endian): kept, so VPP reads ours (§4.2).
  store<u32>(cache + VPP_E2E_CACHE_POOL_INDEX, entry);
  copyIntoPacket(gap + <usize>load<u32>(manycastRoot, MC_SYN_ID_OPTION) + VPP_E2E_ID_ADDRESS, manycastRoot + MC_LOCALSID, IPV6_ADDRESS_LENGTH);
  return true;
}

function handleSyn(i: i32, d: usize, ip: usize, tcp: usize): void {
  if (load<u16>(d, DESC_HBH)) {
    markError(d, ERR_SYN_HBH_HAS_HBH);
    sendTo(i, d, NODE_IP6_LOOKUP);
    return;
  }
  const ports = ld32(tcp + TCP_SRC_PORT);
  // A retransmitted SYN of a chosen connection, or a new one from a client with a live choice.
  const flow = flowSlot(ip + IPV6_SRC, ip + IPV6_DST, ports);
  const server = flow ? slotServer(flow) : clientServer(ip + IPV6_SRC, ip + IPV6_DST);
  const now = nowNanoseconds();
  const expected = server != FLOW_MISS ? 1 : load<u32>(manycastRoot, MC_WAIT_FOR_RESPONSES);
  const entry = createEntry(ip + IPV6_SRC, ip + IPV6_DST, ports >>> 16, ports & 0xffff, ld32(tcp + TCP_SEQ) + 1, expected, now);
  if (entry == ENTRY_NONE) {
    countError(ERR_SYN_HBH_POOL_FULL);
    emitEvent(EVENT_CREATE_FAILED, ENTRY_NONE, now, expected, 0, 0);
  } else {
    countError(ERR_SYN_HBH_STATE_SAVED);
    emitEvent(EVENT_CREATED, entry, now, expected, 0, server);
  }
  if (!insertSynHeader(d, entry)) {
    dropPacket(i, d, ERR_SYN_HBH_NO_ROOM);
    return;
  }
  countError(ERR_SYN_HBH_PROCESSED);
  if (server != FLOW_MISS) {
    if (!steer(d, server)) {
      dropPacket(i, d, ERR_SYN_HBH_NO_SRH_ROOM);
      return;
    }
    markError(d, ERR_SYN_HBH_CLIENT_STEERED);
  }
  sendTo(i, d, NODE_IP6_LOOKUP);
}

function handleSegment(i: i32, d: usize, ip: usize, tcp: usize, flags: u32): void {
  const flow = flowSlot(ip + IPV6_SRC, ip + IPV6_DST, ld32(tcp + TCP_SRC_PORT));
  const server = flow ? slotServer(flow) : clientServer(ip + IPV6_SRC, ip + IPV6_DST);
  if (server == FLOW_MISS) {
    dropPacket(i, d, ERR_SYN_HBH_NO_FLOW);
    return;
  }
  if (flow) {
    const fin = isFin(flags);
    const rst = isRst(flags);
    followSegment(flow, fin, rst, !fin && !rst && tcpPayloadLength(d, tcp) == 0);
  }
  if (!steer(d, server)) {
    dropPacket(i, d, ERR_SYN_HBH_NO_SRH_ROOM);
    return;
  }
  markError(d, ERR_SYN_HBH_FLOW_STEERED);
  sendTo(i, d, NODE_IP6_LOOKUP);
}

export function ip6AddSynHopByHop(frame: usize, n: i32): void {
  const enabled = (load<u32>(manycastRoot, MC_FLAGS) & MC_FLAG_TUNNEL_SELECT) != 0;
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    // This node is the flow's encapsulating node, as ip6-add-hop-by-hop is: a hop-by-hop header the
    // client sent itself is forwarded, not popped at this node's ip6-hop-by-hop.
    store<u8>(d, <u8>(load<u8>(d, DESC_FLAGS) | DESC_FLAG_ENCAPSULATED_HERE), DESC_FLAGS);
    if (!enabled) {
      markError(d, ERR_SYN_HBH_DISABLED);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    const tcp = tcpHeader(d);
    if (!tcp) {
      markError(d, ERR_SYN_HBH_NOT_SYN);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    const ip = packetStart(d) + <usize>load<u16>(d, DESC_L3);
    const flags = tcpFlags(tcp);
    if (isSyn(flags)) handleSyn(i, d, ip, tcp);
    else handleSegment(i, d, ip, tcp, flags);
  }
}
