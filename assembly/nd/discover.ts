// ip6-discover-neighbor: ip6-rewrite sends here an Ethernet packet whose adjacency's neighbour is
// unknown (a next hop not yet resolved, or a glean adjacency: a destination on a connected prefix).
// The packet is held (at most ND_HOLD_MAX per neighbour, in the park) and the first packet for a
// neighbour becomes its multicast neighbour solicitation, built in the packet's own descriptor once
// the packet is safe in the park; pending.ts's timers repeat the solicitation and give up. When the
// host learns the neighbour it releases the held packets back into ip6-rewrite (ndResolved). VPP
// sends the solicitation and drops the packet; Linux queues packets as done here.
import { DESC_DPO_INDEX, DESC_L3, DESC_RX_IF } from "../engine/descriptor.layout";
import { FIB_ADJ_NEXT_HOP } from "../fib/fib.layout";
import { adjacency, adjacencyTxInterface, interfaceSourceAddress } from "../fib/fib";
import { parkHold } from "../engine/park";
import { nowNanoseconds } from "../engine/clock";
import { countError, dropPacket, enterDescriptor, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { countInterfaceDrop } from "../engine/interfaces";
import { IPV6_DST } from "../wire/ipv6.layout";
import {
  ERR_DISCOVER_HELD,
  ERR_DISCOVER_HOLD_FULL,
  ERR_DISCOVER_NO_SOURCE,
  ERR_DISCOVER_NS_SENT,
  ERR_DISCOVER_PARK_FULL,
  ERR_DISCOVER_TABLE_FULL,
  NODE_ERROR_DROP,
  NODE_INTERFACE_OUTPUT,
} from "../graph/graph.layout";
import { ND_STATE_INCOMPLETE, ND_STATE_PROBE } from "./nd.layout";
import {
  becomeIncomplete,
  canHold,
  findPending,
  holdOn,
  ndScratchAddress,
  newPending,
  pendingSent,
  pendingState,
  readPacketAddress,
  solicited,
  writeSolicitation,
} from "./pending";

/** The address to resolve, in engine memory: the adjacency's next hop, or (glean) the packet's destination. */
function neighbourOf(d: usize, adj: usize): usize {
  const nextHop = adj + FIB_ADJ_NEXT_HOP;
  if (load<u64>(nextHop) | load<u64>(nextHop, 8)) {
    memory.copy(ndScratchAddress, nextHop, 16);
    return ndScratchAddress;
  }
  return readPacketAddress(packetStart(d) + <usize>load<u16>(d, DESC_L3) + IPV6_DST);
}

export function ip6DiscoverNeighbor(frame: usize, n: i32): void {
  const now = nowNanoseconds();
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const adj = adjacency(load<u32>(d, DESC_DPO_INDEX));
    const txIf = adjacencyTxInterface(adj);
    if (!interfaceSourceAddress(txIf)) {
      dropPacket(i, d, ERR_DISCOVER_NO_SOURCE);
      continue;
    }
    const target = neighbourOf(d, adj);
    let e = findPending(txIf, target);
    if (e && pendingState(e) == ND_STATE_PROBE) becomeIncomplete(e);
    if (!e) e = newPending(ND_STATE_INCOMPLETE, txIf, target);
    if (!e) {
      dropPacket(i, d, ERR_DISCOVER_TABLE_FULL);
      continue;
    }
    let held = false;
    if (!canHold(e)) markError(d, ERR_DISCOVER_HOLD_FULL);
    else {
      const slot = parkHold(i);
      if (slot < 0) markError(d, ERR_DISCOVER_PARK_FULL);
      else {
        holdOn(e, slot);
        countError(ERR_DISCOVER_HELD);
        held = true;
      }
    }
    if (pendingSent(e) == 0) {
      // The packet is in the park (or given up): its descriptor carries the solicitation.
      const rxIf = <u32>load<u16>(d, DESC_RX_IF);
      if (writeSolicitation(d, txIf, target, 0, now)) {
        if (!held) countInterfaceDrop(rxIf);
        solicited(e, now);
        markError(d, ERR_DISCOVER_NS_SENT);
        sendTo(i, d, NODE_INTERFACE_OUTPUT);
        continue;
      }
    }
    // Held: the packet leaves this vector here. Not held: dropped, its reason counted above.
    if (!held) sendTo(i, d, NODE_ERROR_DROP);
  }
}
