// Linux cooked captures (SLL and SLL2), what `tcpdump -i any` writes.
import { u16, u32, u8, hex } from "./bytes.js";
import { formatMac } from "./address.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { ethertypeText } from "./names.js";
import { dissectEthertype } from "./ethertype.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import {
  ARPHRD_ETHER,
  SLL2_ADDRESS,
  SLL2_HALEN,
  SLL2_HATYPE,
  SLL2_HEADER_LENGTH,
  SLL2_INTERFACE_INDEX,
  SLL2_PACKET_TYPE,
  SLL2_PROTOCOL,
  SLL_ADDRESS,
  SLL_ADDRESS_FIELD_LENGTH,
  SLL_HALEN,
  SLL_HATYPE,
  SLL_HEADER_LENGTH,
  SLL_PACKET_TYPE,
  SLL_PROTOCOL,
} from "../../../assembly/wire/sll.layout.js";
import { MAC_LENGTH } from "../../../assembly/wire/ethernet.layout.js";

export const SLL = {
  pkttype: tsharkField("sll.pkttype", "Packet type", "uint", { bits: 16 }),
  hatype: tsharkField("sll.hatype", "Link-layer address type", "uint", { bits: 16 }),
  halen: tsharkField("sll.halen", "Link-layer address length", "uint", { bits: 16 }),
  srcEth: tsharkField("sll.src.eth", "Source", "ether"),
  srcOther: tsharkField("sll.src.other", "Source", "bytes"),
  unused: tsharkField("sll.unused", "Unused", "bytes"),
  etype: tsharkField("sll.etype", "Protocol", "uint", { bits: 16, base: "hex" }),
  ifindex: tsharkField("sll.ifindex", "Interface index", "uint", { bits: 32 }),
};

const PACKET_TYPES = ["Unicast to us", "Broadcast", "Multicast", "Unicast to another host", "Sent by us"];

function packetTypeText(type: number): string {
  return `${PACKET_TYPES[type] ?? "Unknown"} (${type})`;
}

function addAddress(d: Dissection, node: TreeNode, data: Uint8Array, offset: number, hatype: number, halen: number): void {
  const used = Math.min(halen, SLL_ADDRESS_FIELD_LENGTH);
  if (hatype === ARPHRD_ETHER && halen === MAC_LENGTH) {
    const mac = formatMac(data, offset);
    node.add(SLL.srcEth, mac, { text: `${mac} (${mac})` });
    d.setAddresses(mac, "");
  } else if (used > 0) {
    node.add(SLL.srcOther, hex(data, offset, offset + used));
  }
  if (used < SLL_ADDRESS_FIELD_LENGTH) node.add(SLL.unused, hex(data, offset + used, offset + SLL_ADDRESS_FIELD_LENGTH));
}

export function dissectSll(d: Dissection, data: Uint8Array): void {
  d.enter("sll");
  const node = d.layer("Linux cooked capture v1");
  const guard = new HeaderGuard(node, data, 0, data.length, "Linux cooked header", SLL_HEADER_LENGTH);
  if (guard.short(0, SLL_HEADER_LENGTH)) return;
  const hatype = u16(data, SLL_HATYPE);
  const halen = u16(data, SLL_HALEN);
  node.add(SLL.pkttype, u16(data, SLL_PACKET_TYPE), { text: packetTypeText(u16(data, SLL_PACKET_TYPE)) });
  node.add(SLL.hatype, hatype, { text: hatype === ARPHRD_ETHER ? "Ethernet (1)" : String(hatype) });
  node.add(SLL.halen, halen);
  addAddress(d, node, data, SLL_ADDRESS, hatype, halen);
  const protocol = u16(data, SLL_PROTOCOL);
  node.add(SLL.etype, protocol, { text: ethertypeText(protocol) });
  d.enter("ethertype");
  dissectEthertype(d, protocol, data, SLL_HEADER_LENGTH, 0);
}

export function dissectSll2(d: Dissection, data: Uint8Array): void {
  d.enter("sll");
  const node = d.layer("Linux cooked capture v2");
  const guard = new HeaderGuard(node, data, 0, data.length, "Linux cooked v2 header", SLL2_HEADER_LENGTH);
  if (guard.short(0, SLL2_HEADER_LENGTH)) return;
  const protocol = u16(data, SLL2_PROTOCOL);
  const hatype = u16(data, SLL2_HATYPE);
  const halen = u8(data, SLL2_HALEN);
  node.add(SLL.etype, protocol, { text: ethertypeText(protocol) });
  node.add(SLL.ifindex, u32(data, SLL2_INTERFACE_INDEX));
  node.add(SLL.hatype, hatype, { text: hatype === ARPHRD_ETHER ? "Ethernet (1)" : String(hatype) });
  node.add(SLL.pkttype, u8(data, SLL2_PACKET_TYPE), { text: packetTypeText(u8(data, SLL2_PACKET_TYPE)) });
  node.add(SLL.halen, halen);
  addAddress(d, node, data, SLL2_ADDRESS, hatype, halen);
  d.enter("ethertype");
  dissectEthertype(d, protocol, data, SLL2_HEADER_LENGTH, 0);
}
