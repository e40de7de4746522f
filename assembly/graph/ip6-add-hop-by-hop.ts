// ip6-add-hop-by-hop: inserts the configured IOAM hop-by-hop header (`set ioam rewrite ...`) right
// after the IPv6 header, growing the packet into its headroom, then hands it to ip6-lookup, where
// this node's own trace slot is stamped like any transit node's. Unlike VPP it never stacks a
// second hop-by-hop header and never inserts an empty rewrite.
import { DESC_FLAGS, DESC_FLAG_ENCAPSULATED_HERE, DESC_HBH, DESC_L3 } from "../engine/descriptor.layout";
import { EXT_NEXT_HEADER, IPV6_HEADER_LENGTH, IPV6_NEXT_HEADER, IPV6_PAYLOAD_LENGTH, PROTO_HOP_BY_HOP } from "../wire/ipv6.layout";
import { REWRITE_BYTES, REWRITE_LENGTH } from "../ioam/ioam-config.layout";
import { copyIntoPacket, ld8, ld16, st8, st16 } from "../engine/bytes";
import { openGap } from "../engine/headers";
import { ioamConfigBase } from "../engine/memory";
import { countError, desc, enterPacket, markError, packetStart, sendTo } from "../engine/vector";
import { ERR_ADD_HBH_ADDED, ERR_ADD_HBH_HAS_HBH, ERR_ADD_HBH_NO_REWRITE, ERR_ADD_HBH_NO_ROOM, NODE_ERROR_DROP, NODE_IP6_LOOKUP } from "./graph.layout";

export function ip6AddHopByHop(frame: usize, n: i32): void {
  const rewriteLength = load<u32>(ioamConfigBase, REWRITE_LENGTH);
  for (let k = 0; k < n; k++) {
    const i = <i32>load<u16>(frame + ((<usize>k) << 1));
    const d = desc(i);
    enterPacket(d);
    store<u8>(d, <u8>(load<u8>(d, DESC_FLAGS) | DESC_FLAG_ENCAPSULATED_HERE), DESC_FLAGS);
    if (rewriteLength == 0) {
      markError(d, ERR_ADD_HBH_NO_REWRITE);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    if (load<u16>(d, DESC_HBH)) {
      markError(d, ERR_ADD_HBH_HAS_HBH);
      sendTo(i, d, NODE_IP6_LOOKUP);
      continue;
    }
    const l3 = <u32>load<u16>(d, DESC_L3);
    const at = l3 + IPV6_HEADER_LENGTH;
    const gap = openGap(d, at, rewriteLength);
    if (!gap) {
      markError(d, ERR_ADD_HBH_NO_ROOM);
      sendTo(i, d, NODE_ERROR_DROP);
      continue;
    }
    const ip = packetStart(d) + <usize>l3;
    copyIntoPacket(gap, ioamConfigBase + REWRITE_BYTES, <usize>rewriteLength);
    st8(gap + EXT_NEXT_HEADER, ld8(ip + IPV6_NEXT_HEADER));
    st8(ip + IPV6_NEXT_HEADER, PROTO_HOP_BY_HOP);
    st16(ip + IPV6_PAYLOAD_LENGTH, ld16(ip + IPV6_PAYLOAD_LENGTH) + rewriteLength);
    store<u16>(d, <u16>at, DESC_HBH);
    countError(ERR_ADD_HBH_ADDED);
    sendTo(i, d, NODE_IP6_LOOKUP);
  }
}
