// ip6-rewrite: the last step of forwarding to an adjacency (DESC_DPO_INDEX, chosen by ip6-lookup).
// An Ethernet frame whose adjacency's neighbour is unknown goes to ip6-discover-neighbor, which
// holds it and solicits the neighbour; a raw-IP link (point to point, nothing to resolve) needs no
// neighbour. Otherwise the hop limit is decremented; a packet that arrived with hop limit 1
// or 0 is dropped and answered with an ICMPv6 Time Exceeded where RFC 4443 allows one. Ethernet
// frames get the neighbour's and the interface's MACs (VLAN tags are kept); raw-IP links have no
// link header to write. Packets leave by the adjacency's interface, already in DESC_TX_IF, tagged
// with its VLAN when it is an 802.1Q sub-interface.
import { DESC_DPO_INDEX, DESC_FLAG_ETHERNET, DESC_FLAG_LOCALLY_ORIGINATED, DESC_L3, DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { ETHERNET_DST, ETHERNET_SRC, ETHERNET_TYPE, ETHERTYPE_VLAN, VLAN_INNER_TYPE, VLAN_TAG_LENGTH } from "../wire/ethernet.layout";
import { interfaceVlan, isSubInterface } from "../engine/interfaces";
import { closeGap, openGap } from "../engine/headers";
import { IPV6_HOP_LIMIT } from "../wire/ipv6.layout";
import { FIB_ADJ_DST_MAC, FIB_ADJ_SRC_MAC } from "../fib/fib.layout";
import { ld8, ld16, st8, st16, st32 } from "../engine/bytes";
import { countError, dropPacket, enterDescriptor, flags, frameSlot, markError, packetStart, sendTo } from "../engine/vector";
import { adjacency, adjacencyComplete } from "../fib/fib";
import { makeTimeExceeded } from "./icmp6-originate";
import {
  ERR_HOP_LIMIT_EXCEEDED,
  ERR_REWRITE_NO_TAG_ROOM,
  ERR_NEIGHBOUR_NOT_RESOLVED,
  ERR_TIME_EXCEEDED_SENT,
  NODE_ERROR_DROP,
  NODE_INTERFACE_OUTPUT,
  NODE_IP6_DISCOVER_NEIGHBOR,
  NODE_IP6_LOOKUP,
  NODE_IP6_OUTACL,
} from "./graph.layout";
import { hasOutputAcl } from "../classify/table";

/** Writes the 6-octet MAC kept in FIB memory at `mac` into the frame at `to`. */
@inline function writeMac(to: usize, mac: usize): void {
  st32(to, bswap<u32>(load<u32>(mac)));
  st16(to + 4, <u32>bswap<u16>(load<u16>(mac, 4)));
}

/**
 * The 802.1Q tag of the frame as the adjacency's interface sends it: a sub-interface's VLAN (the tag
 * pushed, or rewritten as VPP's rewrite writes it, priority 0); none when the frame came in on a
 * sub-interface and leaves by a port (popped). Frames between ports keep what they have (a port
 * without sub-interfaces is VLAN-transparent). False when there is no headroom for the tag.
 */
function tagFor(d: usize, pkt: usize): bool {
  const vlan = interfaceVlan(<u32>load<u16>(d, DESC_TX_IF));
  const tagged = ld16(pkt + ETHERNET_TYPE) == ETHERTYPE_VLAN;
  if (vlan) {
    if (!tagged) {
      const gap = openGap(d, ETHERNET_TYPE, VLAN_TAG_LENGTH);
      if (!gap) return false;
      store<u16>(d, load<u16>(d, DESC_L3) + VLAN_TAG_LENGTH, DESC_L3);
      st16(gap, ETHERTYPE_VLAN);
    }
    st16(packetStart(d) + ETHERNET_TYPE + VLAN_INNER_TYPE, vlan);
  } else if (tagged && isSubInterface(<u32>load<u16>(d, DESC_RX_IF))) {
    closeGap(d, ETHERNET_TYPE, VLAN_TAG_LENGTH);
    store<u16>(d, load<u16>(d, DESC_L3) - VLAN_TAG_LENGTH, DESC_L3);
  }
  return true;
}

export function ip6Rewrite(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const adj = adjacency(load<u32>(d, DESC_DPO_INDEX));
    if (flags(d) & DESC_FLAG_ETHERNET && !adjacencyComplete(adj)) {
      markError(d, ERR_NEIGHBOUR_NOT_RESOLVED);
      sendTo(i, d, NODE_IP6_DISCOVER_NEIGHBOR);
      continue;
    }
    const pkt = packetStart(d);
    if (!(flags(d) & DESC_FLAG_LOCALLY_ORIGINATED)) {
      const hopLimitAt = pkt + <usize>load<u16>(d, DESC_L3) + IPV6_HOP_LIMIT;
      const hopLimit = ld8(hopLimitAt);
      if (hopLimit <= 1) {
        markError(d, ERR_HOP_LIMIT_EXCEEDED);
        const outcome = makeTimeExceeded(d);
        countError(outcome);
        sendTo(i, d, outcome == ERR_TIME_EXCEEDED_SENT ? NODE_IP6_LOOKUP : NODE_ERROR_DROP);
        continue;
      }
      st8(hopLimitAt, hopLimit - 1);
    }
    if (flags(d) & DESC_FLAG_ETHERNET) {
      if (!tagFor(d, pkt)) {
        dropPacket(i, d, ERR_REWRITE_NO_TAG_ROOM);
        continue;
      }
      const frame = packetStart(d);
      writeMac(frame + ETHERNET_DST, adj + FIB_ADJ_DST_MAC);
      writeMac(frame + ETHERNET_SRC, adj + FIB_ADJ_SRC_MAC);
    }
    sendTo(i, d, hasOutputAcl(<u32>load<u16>(d, DESC_TX_IF)) ? NODE_IP6_OUTACL : NODE_INTERFACE_OUTPUT);
  }
}
