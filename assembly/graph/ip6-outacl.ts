// ip6-outacl: VPP's output ACL (`set interface output acl intfc IF ip6-table N`), on the IPv6
// output path between ip6-rewrite and interface-output: every packet leaving an interface with an
// ip6 output ACL is classified. VPP's ip6-outacl adds the rewrite length to the match pointer, so
// with current-data-flag 0 as well as 1 the tables count from the IPv6 header here (an input ACL
// with flag 0 counts from the frame start); VPP forgets that addition for the tables after the
// first of a chain, manycast does not (docs/vpp-differences.md). A session's hit next, or the last
// table's miss next, of error-drop (deny) drops; anything else permits (ip6-outacl's only other
// next is the feature arc's, interface-output).
import { DESC_L3, DESC_TX_IF } from "../engine/descriptor.layout";
import { dropPacket, enterDescriptor, frameSlot, markError, packetLength, packetStart, sendTo } from "../engine/vector";
import { SESSION_HIT_NEXT } from "../classify/classify.layout";
import { chainMissNext, countSessionHit, lookupChain, outputAclTable } from "../classify/table";
import {
  ERR_OUTACL_CHAIN_HIT,
  ERR_OUTACL_DENY,
  ERR_OUTACL_HIT,
  ERR_OUTACL_MISS,
  NODE_ERROR_DROP,
  NODE_INTERFACE_OUTPUT,
} from "./graph.layout";

export function ip6Outacl(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const l3 = <i32>load<u16>(d, DESC_L3);
    const session = lookupChain(outputAclTable(<u32>load<u16>(d, DESC_TX_IF)), packetStart(d) + <usize>l3, packetLength(d) - l3, 0);
    if (!session) {
      markError(d, ERR_OUTACL_MISS);
      forward(i, d, chainMissNext());
      continue;
    }
    countSessionHit(d, session, ERR_OUTACL_HIT, ERR_OUTACL_CHAIN_HIT);
    forward(i, d, load<u32>(session, SESSION_HIT_NEXT));
  }
}

@inline function forward(i: i32, d: usize, next: u32): void {
  if (next == NODE_ERROR_DROP) {
    dropPacket(i, d, ERR_OUTACL_DENY);
  } else {
    sendTo(i, d, NODE_INTERFACE_OUTPUT);
  }
}
