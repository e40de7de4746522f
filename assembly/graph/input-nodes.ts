// Entry nodes: ethernet-input (Ethernet II / 802.1Q) and ip-input-raw (captures without a link
// layer). Both find the L3 header and hand the packet to ip6-input or ip4-input.
import { DESC_FLAGS, DESC_FLAG_ETHERNET, DESC_L3, DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { ETHERNET_TYPE, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_VLAN, VLAN_ID_MASK, VLAN_INNER_TYPE } from "../wire/ethernet.layout";
import { hasSubInterfaces, interfaceUp, subInterfaceOf } from "../engine/interfaces";
import { IPV4_VERSION } from "../wire/ipv4.layout";
import { IPV6_VERSION } from "../wire/ipv6.layout";
import { ethernetTypeOffset, payloadOffsetAfterType } from "../wire/ethernet";
import { ld8, ld16 } from "../engine/bytes";
import { desc, enterPacket, markError, packetLength, packetStart, sendTo } from "../engine/vector";
import { bumpInterface } from "../engine/interfaces";
import {
  ERR_ETHERNET_NON_IP,
  ERR_ETHERNET_UNKNOWN_VLAN,
  ERR_RAW_UNKNOWN_VERSION,
  ERR_RX_INTERFACE_DOWN,
  NODE_ERROR_DROP,
  NODE_INTERFACE_OUTPUT,
  NODE_IP4_INPUT,
  NODE_IP6_INPUT,
} from "./graph.layout";

/** Packets the engine does not process leave by the interface they came in on, or its cross-connect (bump in the wire). */
@inline export function passThrough(i: i32, d: usize, reason: i32): void {
  store<u16>(d, <u16>bumpInterface(<u32>load<u16>(d, DESC_RX_IF)), DESC_TX_IF);
  markError(d, reason);
  sendTo(i, d, NODE_INTERFACE_OUTPUT);
}

export function ethernetInput(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = <i32>load<u16>(frame + (<usize>k << 1));
    const d = desc(i);
    enterPacket(d);
    const pkt = packetStart(d);
    const typeAt = ethernetTypeOffset(pkt, <usize>packetLength(d));
    if (typeAt < 0) {
      markError(d, -typeAt);
      sendTo(i, d, NODE_ERROR_DROP);
      continue;
    }
    const type = ld16(pkt + <usize>typeAt);
    // A port with sub-interfaces hands each 802.1Q frame to the sub-interface of its VLAN.
    const port = <u32>load<u16>(d, DESC_RX_IF);
    if (typeAt > ETHERNET_TYPE && hasSubInterfaces(port)) {
      const sub = ld16(pkt + ETHERNET_TYPE) == ETHERTYPE_VLAN ? subInterfaceOf(port, ld16(pkt + ETHERNET_TYPE + VLAN_INNER_TYPE) & VLAN_ID_MASK) : -1;
      if (sub < 0) {
        markError(d, ERR_ETHERNET_UNKNOWN_VLAN);
        sendTo(i, d, NODE_ERROR_DROP);
        continue;
      }
      store<u16>(d, <u16>sub, DESC_RX_IF);
      store<u16>(d, <u16>sub, DESC_TX_IF);
    }
    // device-input dropped what arrived on a port that is down; a sub-interface may be down itself.
    if (!interfaceUp(<u32>load<u16>(d, DESC_RX_IF))) {
      markError(d, ERR_RX_INTERFACE_DOWN);
      sendTo(i, d, NODE_ERROR_DROP);
      continue;
    }
    store<u16>(d, <u16>payloadOffsetAfterType(typeAt), DESC_L3);
    store<u8>(d, load<u8>(d, DESC_FLAGS) | DESC_FLAG_ETHERNET, DESC_FLAGS);
    if (type == ETHERTYPE_IPV6) sendTo(i, d, NODE_IP6_INPUT);
    else if (type == ETHERTYPE_IPV4) sendTo(i, d, NODE_IP4_INPUT);
    else passThrough(i, d, ERR_ETHERNET_NON_IP);
  }
}

export function ipInputRaw(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = <i32>load<u16>(frame + (<usize>k << 1));
    const d = desc(i);
    enterPacket(d);
    // (device-input dropped what arrived on a port that is down; raw links have no sub-interfaces.)
    // The host wrote the length of any pseudo link header (Linux cooked, BSD loopback) as L3.
    const l3 = <i32>load<u16>(d, DESC_L3);
    const version = packetLength(d) > l3 ? ld8(packetStart(d) + <usize>l3) >> 4 : 0;
    if (version == IPV6_VERSION) sendTo(i, d, NODE_IP6_INPUT);
    else if (version == IPV4_VERSION) sendTo(i, d, NODE_IP4_INPUT);
    else {
      markError(d, ERR_RAW_UNKNOWN_VERSION);
      sendTo(i, d, NODE_ERROR_DROP);
    }
  }
}
