// ip6-lookup: looks the destination up in the FIB (the receiving interface's, or the one End.DT6
// chose) and hands the packet to the node that serves the data-path object found (dpo.layout.ts),
// its index in DESC_DPO_INDEX; a route with several paths gives each flow one of them. With no FIB
// configured the engine is a bump in the wire: every packet leaves by the interface it arrived on
// (or the one `set interface l2 xconnect` names).
// A packet routed to an adjacency whose first extension header is hop-by-hop goes through
// ip6-hop-by-hop first (VPP with its IOAM plugin loaded does the same), and that node forwards it
// to the adjacency's node recorded here. Local, SR policy and local SID routes skip the hop-by-hop
// processing at this lookup, as VPP's do (vpp-ioam-spec §0, item 3).
// Multicast arriving on an interface with an IPv6 address is for this node (neighbour discovery to
// a solicited-node group, all-nodes, MLD): ip6-local takes it; a router never forwards link-scope
// multicast, and the engine routes no other multicast.
import { DESC_ADJACENCY_NEXT, DESC_DPO_INDEX, DESC_FIB, DESC_HBH, DESC_L3, DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { flowHashOf } from "../engine/flow-hash";
import { IPV6_DST } from "../wire/ipv6.layout";
import { ld8 } from "../engine/bytes";
import { bumpInterface, interfaceFib } from "../engine/interfaces";
import { dropPacket, enterDescriptor, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { DPO_ADJACENCY, DPO_INDEX_MASK, DPO_LOAD_BALANCE, DPO_LOCAL, DPO_NONE, DPO_RECEIVE_BUMP, DPO_SR_LOCALSID, DPO_SR_POLICY, DPO_TYPE_SHIFT } from "../fib/dpo.layout";
import { adjacency, adjacencyTxInterface, fibFlowHashFields, fibLookupInline, interfaceSourceAddress, loadBalanced } from "../fib/fib";
import { srPolicyNode } from "../fib/sr-hooks";
import {
  ERR_IP6_LOOKUP_BUMP,
  ERR_IP6_LOOKUP_NO_ROUTE,
  NODE_INTERFACE_OUTPUT,
  NODE_IP6_HOP_BY_HOP,
  NODE_IP6_LOCAL,
  NODE_IP6_REWRITE,
  NODE_SR_LOCALSID,
} from "./graph.layout";

const MULTICAST_PREFIX: u32 = 0xff;

/** Sends the packet towards interface-output (or ip6-hop-by-hop first when it has a hop-by-hop header). */
@inline function toAdjacency(i: i32, d: usize, txInterface: u32, next: i32): void {
  store<u16>(d, <u16>txInterface, DESC_TX_IF);
  store<u16>(d, <u16>next, DESC_ADJACENCY_NEXT);
  sendTo(i, d, load<u16>(d, DESC_HBH) ? NODE_IP6_HOP_BY_HOP : next);
}

export function ip6Lookup(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const pkt = packetStart(d);
    const ip = pkt + <usize>load<u16>(d, DESC_L3);
    if (ld8(ip + IPV6_DST) == MULTICAST_PREFIX && interfaceSourceAddress(<u32>load<u16>(d, DESC_RX_IF))) {
      sendTo(i, d, NODE_IP6_LOCAL);
      continue;
    }
    const chosenFib = <u32>load<u8>(d, DESC_FIB);
    const fib = chosenFib ? chosenFib - 1 : interfaceFib(<u32>load<u16>(d, DESC_RX_IF));
    let dpo = fibLookupInline(ip + IPV6_DST, fib);
    // A route with several paths: the flow picks one, so a flow's packets keep their path.
    if (dpo >>> DPO_TYPE_SHIFT == DPO_LOAD_BALANCE) dpo = loadBalanced(dpo & DPO_INDEX_MASK, flowHashOf(d, pkt, ip, fibFlowHashFields(fib)));
    const type = dpo >>> DPO_TYPE_SHIFT;
    const index = dpo & DPO_INDEX_MASK;
    store<u32>(d, index, DESC_DPO_INDEX);
    if (type == DPO_ADJACENCY) {
      toAdjacency(i, d, adjacencyTxInterface(adjacency(index)), NODE_IP6_REWRITE);
    } else if (type == DPO_NONE || type == DPO_RECEIVE_BUMP) {
      markError(d, ERR_IP6_LOOKUP_BUMP);
      toAdjacency(i, d, bumpInterface(<u32>load<u16>(d, DESC_RX_IF)), NODE_INTERFACE_OUTPUT);
    } else if (type == DPO_LOCAL) {
      sendTo(i, d, NODE_IP6_LOCAL);
    } else if (type == DPO_SR_POLICY) {
      sendTo(i, d, srPolicyNode(index));
    } else if (type == DPO_SR_LOCALSID) {
      sendTo(i, d, NODE_SR_LOCALSID);
    } else {
      dropPacket(i, d, ERR_IP6_LOOKUP_NO_ROUTE);
    }
  }
}
