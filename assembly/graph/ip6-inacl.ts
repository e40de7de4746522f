// ip6-inacl: VPP's input ACL. Every IPv6 packet received on an interface with an ip6 input ACL is
// classified before ip6-lookup: a hit stores the session's opaque (bit 31: IOAM decap), moves the
// IPv6 header offset by the session's advance and goes to the session's hit next; a miss keeps the
// miss opaque (VPP's 0xFFFFFFFF unless the host chose another) and goes to the last table's miss
// next. "Permit" (CLASSIFY_NONE) continues to ip6-lookup; "deny" is error-drop.
import { DESC_FLAGS, DESC_FLAG_ACL_HIT, DESC_L3, DESC_OPAQUE_CLASSIFIER, DESC_RX_IF } from "../engine/descriptor.layout";
import { dropPacket, enterDescriptor, frameSlot, markError, packetLength, packetStart, sendTo } from "../engine/vector";
import { SESSION_ADVANCE, SESSION_HIT_NEXT, SESSION_OPAQUE } from "../classify/classify.layout";
import { chainMissNext, countSessionHit, inputAclTable, lookupChain, missOpaque } from "../classify/table";
import {
  ERR_INACL_CHAIN_HIT,
  ERR_INACL_DENY,
  ERR_INACL_HIT,
  ERR_INACL_MISS,
  NODE_COUNT,
  NODE_ERROR_DROP,
  NODE_IP6_LOOKUP,
} from "./graph.layout";

export function ip6Inacl(frame: usize, n: i32): void {
  const opaqueOnMiss = missOpaque();
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    store<u32>(d, opaqueOnMiss, DESC_OPAQUE_CLASSIFIER);
    const length = packetLength(d);
    const l3 = <i32>load<u16>(d, DESC_L3);
    const session = lookupChain(inputAclTable(<u32>load<u16>(d, DESC_RX_IF)), packetStart(d), length, l3);
    if (!session) {
      markError(d, ERR_INACL_MISS);
      forward(i, d, chainMissNext());
      continue;
    }
    store<u32>(d, load<u32>(session, SESSION_OPAQUE), DESC_OPAQUE_CLASSIFIER);
    store<u8>(d, load<u8>(d, DESC_FLAGS) | <u8>DESC_FLAG_ACL_HIT, DESC_FLAGS);
    store<u16>(d, <u16>advancedOffset(l3, load<i32>(session, SESSION_ADVANCE), length), DESC_L3);
    countSessionHit(d, session, ERR_INACL_HIT, ERR_INACL_CHAIN_HIT);
    forward(i, d, load<u32>(session, SESSION_HIT_NEXT));
  }
}

/**
 * VPP advances the buffer's current position, which at this node is the IPv6 header; ours is the
 * descriptor's L3 offset. Kept within the packet so later nodes never look outside it.
 */
@inline function advancedOffset(l3: i32, advance: i32, length: i32): i32 {
  const moved = l3 + advance;
  return moved < 0 ? 0 : moved > length ? length : moved;
}

@inline function forward(i: i32, d: usize, next: u32): void {
  if (next == NODE_ERROR_DROP) {
    dropPacket(i, d, ERR_INACL_DENY);
  } else {
    // CLASSIFY_NONE ("permit") and anything that is not a node continue on the feature arc.
    sendTo(i, d, next < <u32>NODE_COUNT ? <i32>next : NODE_IP6_LOOKUP);
  }
}
