// ip6-add-hop-by-hop: inserts the configured IOAM hop-by-hop header (`set ioam rewrite ...`) right
// after the IPv6 header, growing the packet into its headroom, then hands it to ip6-lookup, where
// this node's own trace slot is stamped like any transit node's. Unlike VPP it never stacks a
// second hop-by-hop header and never inserts an empty rewrite.
import { DESC_FLAGS, DESC_FLAG_ENCAPSULATED_HERE, DESC_HBH } from "../engine/descriptor.layout";
import { REWRITE_BYTES, REWRITE_LENGTH } from "../ioam/ioam-config.layout";
import { insertHopByHop } from "../engine/headers";
import { ioamConfigBase } from "../engine/memory";
import { countErrorBy, dropPacket, enterDescriptor, frameSlot, markError, sendTo, uncountError } from "../engine/vector";
import { ERR_ADD_HBH_ADDED, ERR_ADD_HBH_HAS_HBH, ERR_ADD_HBH_NO_REWRITE, ERR_ADD_HBH_NO_ROOM, NODE_IP6_LOOKUP } from "./graph.layout";

export function ip6AddHopByHop(frame: usize, n: i32): void {
  const rewriteLength = load<u32>(ioamConfigBase, REWRITE_LENGTH);
  // Every packet counts as encapsulated but those that go another way.
  countErrorBy(ERR_ADD_HBH_ADDED, <u64>n);
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    store<u8>(d, <u8>(load<u8>(d, DESC_FLAGS) | DESC_FLAG_ENCAPSULATED_HERE), DESC_FLAGS);
    if (rewriteLength == 0) {
      uncountError(ERR_ADD_HBH_ADDED);
      markError(d, ERR_ADD_HBH_NO_REWRITE);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    if (load<u16>(d, DESC_HBH)) {
      uncountError(ERR_ADD_HBH_ADDED);
      markError(d, ERR_ADD_HBH_HAS_HBH);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    if (!insertHopByHop(d, ioamConfigBase + REWRITE_BYTES, rewriteLength, 0)) {
      uncountError(ERR_ADD_HBH_ADDED);
      dropPacket(i, d, ERR_ADD_HBH_NO_ROOM);
      continue;
    }
    sendTo(i, d, NODE_IP6_LOOKUP);
  }
}
