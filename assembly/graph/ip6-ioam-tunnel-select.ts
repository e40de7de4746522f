// ip6-ioam-tunnel-select: the M-Anycast server's choice (vpp-ioam-spec §4.5), reached through
// ip6-hop-by-hop's decap override once this node's own trace stamp is in. A SYN-ACK answering a
// live selection entry is parked and reported to the host (event ring); the host's policy picks one
// and the parked SYN-ACKs come back through here marked: the winner records flow and client
// affinity and goes on to ip6-pop-hop-by-hop and the client; each loser becomes an RST to its
// server. A SYN-ACK arriving after the choice from another server is reset at once; an RST from a
// candidate counts as its (losing) response. Anything else goes on to ip6-pop-hop-by-hop.
import { DESC_HBH, DESC_L3, DESC_PARK_MARK, DESC_PARK_TAG } from "../engine/descriptor.layout";
import { IPV6_ADDRESS_LENGTH, IPV6_DST, IPV6_SRC } from "../wire/ipv6.layout";
import { OPT_VPP_E2E_CACHE } from "../wire/options.layout";
import { VPP_E2E_CACHE_DATA_LENGTH, VPP_E2E_CACHE_POOL_INDEX } from "../wire/vpp-ioam.layout";
import { TCP_ACK, TCP_DST_PORT, TCP_SRC_PORT } from "../wire/tcp.layout";
import { PARK_MARK_LOSER, PARK_MARK_WINNER } from "../engine/park.layout";
import {
  ENTRY_DECIDED,
  ENTRY_STATE,
  ENTRY_WINNER,
  EVENT_DECIDED,
  EVENT_HBH,
  EVENT_L3,
  EVENT_PACKET,
  EVENT_PACKET_LENGTH,
  EVENT_RESET,
  EVENT_RESPONSE,
} from "../manycast/manycast.layout";
import { copyFromPacket, ld16, ld32 } from "../engine/bytes";
import { e2eIdAddress, hbhOption } from "../manycast/hbh-option";
import { nowNanoseconds } from "../engine/clock";
import { countError, dropPacket, enterDescriptor, enterPacket, frameSlot, markError, packetLength, packetStart, sendTo } from "../engine/vector";
import { parkDiscard as parkDiscardSlot, parkHold, parkedPacket } from "../engine/park";
import { countResponse, emitEvent, holdOnEntry, internServer, isWinnersServer, matchEntry, setWinner } from "../manycast/selection";
import { rememberChoice } from "../manycast/affinity";
import { rewriteAsReset } from "../manycast/reset";
import { isRst, isSynAck, tcpFlags, tcpHeader } from "../manycast/tcp-segment";
import { allocate } from "../engine/memory";
import {
  ERR_TS_HELD,
  ERR_TS_LATE_RESET,
  ERR_TS_LOSER_RESET,
  ERR_TS_NO_BUFFER,
  ERR_TS_NO_CACHE_OPTION,
  ERR_TS_NO_ENTRY,
  ERR_TS_NO_SERVER_SLOT,
  ERR_TS_PASSED,
  ERR_TS_RESET_MALFORMED,
  ERR_TS_RST_RESPONSE,
  ERR_TS_TOO_MANY,
  ERR_TS_WINNER,
  NODE_IP6_LOOKUP,
  NODE_IP6_POP_HOP_BY_HOP,
} from "./graph.layout";

// The response's addresses, copied out of the packet for matching against entries.
const responseAddresses: usize = allocate(32);
/** The responding server's SID, copied out of the packet: server records are filled from engine memory only. */
const responseSid: usize = allocate(IPV6_ADDRESS_LENGTH);

/** The server named by the packet's E2E option (added on first sight); -1 without one or when the table is full. */
function respondingServer(d: usize): i32 {
  const sid = e2eIdAddress(d);
  if (!sid) return -1;
  copyFromPacket(responseSid, sid, IPV6_ADDRESS_LENGTH);
  return internServer(responseSid);
}

function resetServer(i: i32, d: usize, tcp: usize, reason: i32): void {
  const sid = e2eIdAddress(d);
  if (!sid || !rewriteAsReset(d, tcp, sid)) {
    dropPacket(i, d, ERR_TS_RESET_MALFORMED);
    return;
  }
  markError(d, reason);
  sendTo(i, d, NODE_IP6_LOOKUP);
}

function forwardWinner(i: i32, d: usize, ip: usize, tcp: usize): void {
  const server = respondingServer(d);
  enterPacket(d);
  const ports = (ld16(tcp + TCP_DST_PORT) << 16) | ld16(tcp + TCP_SRC_PORT);
  if (server >= 0) {
    rememberChoice(ip + IPV6_DST, ip + IPV6_SRC, ports, <u32>server);
  } else countError(ERR_TS_NO_SERVER_SLOT);
  const entry = load<u32>(d, DESC_PARK_TAG);
  const e = matchEntryOf(d, ip, tcp, entry);
  if (e) setWinner(e, server);
  emitEvent(EVENT_DECIDED, entry, nowNanoseconds(), 0, 0, <u32>server);
  markError(d, ERR_TS_WINNER);
  sendTo(i, d, NODE_IP6_POP_HOP_BY_HOP);
}

function matchEntryOf(d: usize, ip: usize, tcp: usize, index: u32): usize {
  copyFromPacket(responseAddresses, ip + IPV6_SRC, 32);
  return matchEntry(index, responseAddresses, responseAddresses + 16, ld16(tcp + TCP_SRC_PORT), ld16(tcp + TCP_DST_PORT), ld32(tcp + TCP_ACK));
}

function handleResponse(i: i32, d: usize, ip: usize, tcp: usize, rst: bool): void {
  const cache = hbhOption(d, OPT_VPP_E2E_CACHE, VPP_E2E_CACHE_DATA_LENGTH);
  const e = cache ? matchEntryOf(d, ip, tcp, load<u32>(cache + VPP_E2E_CACHE_POOL_INDEX)) : 0;
  if (!e) {
    // An RST nobody is waiting for belongs to the client (VPP forwards it too).
    if (rst) {
      markError(d, ERR_TS_PASSED);
      sendTo(i, d, NODE_IP6_POP_HOP_BY_HOP);
    } else {
      dropPacket(i, d, cache ? ERR_TS_NO_ENTRY : ERR_TS_NO_CACHE_OPTION);
    }
    return;
  }
  const index = load<u32>(cache + VPP_E2E_CACHE_POOL_INDEX);
  const server = respondingServer(d);
  const now = nowNanoseconds();
  if (load<u8>(e, ENTRY_STATE) == ENTRY_DECIDED) {
    if (rst) {
      dropPacket(i, d, ERR_TS_RST_RESPONSE);
    } else if (server >= 0 && <u32>server == load<u32>(e, ENTRY_WINNER)) {
      // The chosen server repeating its SYN-ACK: the client needs it.
      markError(d, ERR_TS_WINNER);
      sendTo(i, d, NODE_IP6_POP_HOP_BY_HOP);
    } else resetServer(i, d, tcp, ERR_TS_LATE_RESET);
    return;
  }
  countResponse(e);
  if (rst) {
    emitEvent(EVENT_RESET, index, now, 0, 0, <u32>server);
    dropPacket(i, d, ERR_TS_RST_RESPONSE);
    return;
  }
  const slot = parkHold(i);
  if (slot < 0) {
    dropPacket(i, d, ERR_TS_NO_BUFFER);
    return;
  }
  if (!holdOnEntry(e, slot)) {
    parkDiscardSlot(slot);
    dropPacket(i, d, ERR_TS_TOO_MANY);
    return;
  }
  const event = emitEvent(EVENT_RESPONSE, index, now, 0, <u32>slot, <u32>server);
  if (event) {
    store<u32>(event, <u32>parkedPacket(slot), EVENT_PACKET);
    store<u16>(event, <u16>packetLength(d), EVENT_PACKET_LENGTH);
    store<u16>(event, load<u16>(d, DESC_L3), EVENT_L3);
    store<u16>(event, load<u16>(d, DESC_HBH), EVENT_HBH);
  }
  // Parked: this descriptor's packet now lives in the park and leaves the vector here.
  countError(ERR_TS_HELD);
}

export function ip6IoamTunnelSelect(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const tcp = tcpHeader(d);
    const ip = packetStart(d) + <usize>load<u16>(d, DESC_L3);
    const mark = <u32>load<u8>(d, DESC_PARK_MARK);
    if (tcp && mark == PARK_MARK_WINNER) {
      forwardWinner(i, d, ip, tcp);
      continue;
    }
    if (tcp && mark == PARK_MARK_LOSER) {
      if (isWinnersServer(load<u32>(d, DESC_PARK_TAG), respondingServer(d))) {
        // Another copy of the chosen server's SYN-ACK: resetting that server would kill the
        // connection the client is opening. It goes to the client like a late repeat of the winner.
        markError(d, ERR_TS_WINNER);
        sendTo(i, d, NODE_IP6_POP_HOP_BY_HOP);
        continue;
      }
      resetServer(i, d, tcp, ERR_TS_LOSER_RESET);
      continue;
    }
    const flags = tcp ? tcpFlags(tcp) : 0;
    if (!tcp || !(isSynAck(flags) || isRst(flags))) {
      markError(d, ERR_TS_PASSED);
      sendTo(i, d, NODE_IP6_POP_HOP_BY_HOP);
      continue;
    }
    handleResponse(i, d, ip, tcp, isRst(flags));
  }
}
