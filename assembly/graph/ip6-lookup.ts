// ip6-lookup: chooses the adjacency. With no FIB configured the engine is a bump in the wire:
// every packet leaves by the interface it arrived on. A packet whose first extension header is
// hop-by-hop goes through ip6-hop-by-hop first (VPP with its IOAM plugin loaded does the same), and
// that node forwards it to the adjacency recorded here.
import { DESC_ADJACENCY_NEXT, DESC_HBH, DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { desc, markError, sendTo } from "../engine/vector";
import { ERR_IP6_LOOKUP_BUMP, NODE_INTERFACE_OUTPUT, NODE_IP6_HOP_BY_HOP } from "./graph.layout";

export function ip6Lookup(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = <i32>load<u16>(frame + (<usize>k << 1));
    const d = desc(i);
    store<u16>(d, load<u16>(d, DESC_RX_IF), DESC_TX_IF);
    store<u16>(d, <u16>NODE_INTERFACE_OUTPUT, DESC_ADJACENCY_NEXT);
    markError(d, ERR_IP6_LOOKUP_BUMP);
    if (load<u16>(d, DESC_HBH)) sendTo(i, d, NODE_IP6_HOP_BY_HOP);
    else sendTo(i, d, NODE_INTERFACE_OUTPUT);
  }
}
