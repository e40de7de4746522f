// ethernet-input (Ethernet II / 802.1Q): finds the L3 header, hands a VLAN's frames to its
// sub-interface, and the packet to ip6-input or ip4-input.
import { DESC_FLAGS, DESC_FLAG_ETHERNET, DESC_L3, DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { ETHERNET_TYPE, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_VLAN, VLAN_ID_MASK, VLAN_INNER_TYPE } from "../wire/ethernet.layout";
import { hasSubInterfaces, interfaceUp, subInterfaceOf } from "../engine/interfaces";
import { ethernetTypeOffset, payloadOffsetAfterType } from "../wire/ethernet";
import { ld16 } from "../engine/bytes";
import { dropPacket, enterDescriptor, frameSlot, packetLength, packetStart, sendTo } from "../engine/vector";
import { passThrough } from "./pass-through";
import { ERR_ETHERNET_NON_IP, ERR_ETHERNET_TRUNCATED, ERR_ETHERNET_UNKNOWN_VLAN, ERR_RX_INTERFACE_DOWN, NODE_IP4_INPUT, NODE_IP6_INPUT } from "./graph.layout";
import { WIRE_ETHERNET_TRUNCATED } from "../wire/reasons.layout";

/** The counter for what the Ethernet header check found (ethernet-input.node.ts declares them in wire order). */
@inline export function ethernetInputReason(wire: i32): i32 {
  return ERR_ETHERNET_TRUNCATED - WIRE_ETHERNET_TRUNCATED + wire;
}

export function ethernetInput(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = enterDescriptor(i);
    const pkt = packetStart(d);
    const typeAt = ethernetTypeOffset(pkt, <usize>packetLength(d));
    if (typeAt < 0) {
      dropPacket(i, d, ethernetInputReason(-typeAt));
      continue;
    }
    const type = ld16(pkt + <usize>typeAt);
    // A port with sub-interfaces hands each 802.1Q frame to the sub-interface of its VLAN.
    const port = <u32>load<u16>(d, DESC_RX_IF);
    if (typeAt > ETHERNET_TYPE && hasSubInterfaces(port)) {
      const sub = ld16(pkt + ETHERNET_TYPE) == ETHERTYPE_VLAN ? subInterfaceOf(port, ld16(pkt + ETHERNET_TYPE + VLAN_INNER_TYPE) & VLAN_ID_MASK) : -1;
      if (sub < 0) {
        dropPacket(i, d, ERR_ETHERNET_UNKNOWN_VLAN);
        continue;
      }
      store<u16>(d, <u16>sub, DESC_RX_IF);
      store<u16>(d, <u16>sub, DESC_TX_IF);
    }
    // device-input dropped what arrived on a port that is down; a sub-interface may be down itself.
    if (!interfaceUp(<u32>load<u16>(d, DESC_RX_IF))) {
      dropPacket(i, d, ERR_RX_INTERFACE_DOWN);
      continue;
    }
    store<u16>(d, <u16>payloadOffsetAfterType(typeAt), DESC_L3);
    store<u8>(d, load<u8>(d, DESC_FLAGS) | DESC_FLAG_ETHERNET, DESC_FLAGS);
    if (type == ETHERTYPE_IPV6) sendTo(i, d, NODE_IP6_INPUT);
    else if (type == ETHERTYPE_IPV4) sendTo(i, d, NODE_IP4_INPUT);
    else passThrough(i, d, ERR_ETHERNET_NON_IP);
  }
}
