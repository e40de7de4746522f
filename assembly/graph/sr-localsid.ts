// sr-localsid: the endpoint behaviours of this node's local SIDs (RFC 8986 §4). ip6-lookup sends
// here every packet whose destination is a local SID, with the SID's index in DESC_DPO_INDEX.
// End (and End with PSP) advances the SRH and looks the new destination up again; End.X forwards
// to its adjacency instead; End.DX6 and End.DT6 decapsulate the inner IPv6 packet and forward it to
// their adjacency or look it up; End.CATS decapsulates and forwards to the adjacency of the local
// service site its computing forwarding table gives the flow. Every packet is counted against its
// SID as good or bad traffic.
import { DESC_ADJACENCY_NEXT, DESC_DPO_INDEX, DESC_FIB, DESC_HBH, DESC_L3, DESC_TX_IF } from "../engine/descriptor.layout";
import { dropPacket, enterDescriptor, frameSlot, markError, packetLength, sendTo } from "../engine/vector";
import { adjacency, adjacencyTxInterface } from "../fib/fib";
import { DPO_INDEX_MASK } from "../fib/dpo.layout";
import { localSidRecord } from "../srv6/tables";
import { endpointDecapsulate, endpointEnd } from "../srv6/endpoint";
import { catsSite, catsUntunnel } from "../srv6/end-cats";
import {
  LOCALSID_BAD_BYTES,
  LOCALSID_BAD_PACKETS,
  LOCALSID_BEHAVIOR,
  LOCALSID_FLAGS,
  LOCALSID_FLAG_PSP,
  LOCALSID_GOOD_BYTES,
  LOCALSID_GOOD_PACKETS,
  LOCALSID_NEXT,
  SR_BEHAVIOR_END_CATS,
  SR_BEHAVIOR_END_DT6,
  SR_BEHAVIOR_END_DX6,
  SR_BEHAVIOR_END_X,
} from "../srv6/sr.layout";
import {
  ERR_SR_LOCALSID_CATS_FORWARDED,
  ERR_SR_LOCALSID_CATS_NO_SITE,
  ERR_SR_LOCALSID_DECAPSULATED,
  ERR_SR_LOCALSID_END,
  ERR_SR_LOCALSID_UNKNOWN,
  NODE_IP6_HOP_BY_HOP,
  NODE_IP6_LOOKUP,
  NODE_IP6_REWRITE,
} from "./graph.layout";

@inline function count(sid: usize, packets: usize, bytes: usize, length: u64): void {
  store<u64>(sid + packets, load<u64>(sid + packets) + 1);
  store<u64>(sid + bytes, load<u64>(sid + bytes) + length);
}

/** Drops a packet the SID could not process, counted against the SID as bad traffic. */
function dropBad(i: i32, d: usize, sid: usize, length: u64, err: i32): void {
  count(sid, LOCALSID_BAD_PACKETS, LOCALSID_BAD_BYTES, length);
  dropPacket(i, d, err);
}

/** End.X and End.DX6: straight to the SID's adjacency, through ip6-hop-by-hop first as ip6-lookup would. */
function toAdjacency(i: i32, d: usize, dpo: u32): void {
  const index = dpo & DPO_INDEX_MASK;
  store<u32>(d, index, DESC_DPO_INDEX);
  store<u16>(d, <u16>adjacencyTxInterface(adjacency(index)), DESC_TX_IF);
  store<u16>(d, <u16>NODE_IP6_REWRITE, DESC_ADJACENCY_NEXT);
  sendTo(i, d, load<u16>(d, DESC_HBH) ? NODE_IP6_HOP_BY_HOP : NODE_IP6_REWRITE);
}

/** End.CATS: untunnel, then on to the flow's site; a packet with no site to go to is bad traffic. */
function endCats(i: i32, d: usize, sid: usize, length: u64): void {
  let err = catsUntunnel(d);
  const site = err ? 0 : catsSite(d, <usize>load<u32>(sid, LOCALSID_NEXT));
  if (!err && !site) err = ERR_SR_LOCALSID_CATS_NO_SITE;
  if (err) {
    dropBad(i, d, sid, length, err);
    return;
  }
  count(sid, LOCALSID_GOOD_PACKETS, LOCALSID_GOOD_BYTES, length);
  markError(d, ERR_SR_LOCALSID_CATS_FORWARDED);
  toAdjacency(i, d, site);
}

export function srLocalSid(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const sid = localSidRecord(load<u32>(d, DESC_DPO_INDEX));
    const behavior = sid ? load<u32>(sid, LOCALSID_BEHAVIOR) : 0;
    if (!behavior) {
      dropPacket(i, d, ERR_SR_LOCALSID_UNKNOWN);
      continue;
    }
    const length = <u64>(packetLength(d) - <i32>load<u16>(d, DESC_L3));
    if (behavior == SR_BEHAVIOR_END_CATS) {
      endCats(i, d, sid, length);
      continue;
    }
    const decapsulating = behavior == SR_BEHAVIOR_END_DX6 || behavior == SR_BEHAVIOR_END_DT6;
    const err = decapsulating
      ? endpointDecapsulate(d)
      : endpointEnd(d, (load<u32>(sid, LOCALSID_FLAGS) & LOCALSID_FLAG_PSP) != 0);
    if (err) {
      dropBad(i, d, sid, length, err);
      continue;
    }
    count(sid, LOCALSID_GOOD_PACKETS, LOCALSID_GOOD_BYTES, length);
    markError(d, decapsulating ? ERR_SR_LOCALSID_DECAPSULATED : ERR_SR_LOCALSID_END);
    if (behavior == SR_BEHAVIOR_END_X || behavior == SR_BEHAVIOR_END_DX6) toAdjacency(i, d, load<u32>(sid, LOCALSID_NEXT));
    else {
      // End.DT6 looks the inner packet up in its table (VPP's sw_if_index[VLIB_TX] = the FIB).
      if (behavior == SR_BEHAVIOR_END_DT6) store<u8>(d, <u8>(load<u32>(sid, LOCALSID_NEXT) + 1), DESC_FIB);
      sendTo(i, d, NODE_IP6_LOOKUP);
    }
  }
}
