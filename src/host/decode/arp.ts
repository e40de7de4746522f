// ARP: the fixed header and, for Ethernet/IPv4, the four addresses.
import { formatIpv4, formatMac } from "./address.js";
import { hex, u16, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { ethertypeText } from "./names.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import {
  ARP_ADDRESSES,
  ARP_FIXED_LENGTH,
  ARP_HW_SIZE,
  ARP_HW_TYPE,
  ARP_OPCODE,
  ARP_PROTO_SIZE,
  ARP_PROTO_TYPE,
  ARP_REPLY,
  ARP_REQUEST,
} from "../../../assembly/wire/arp.layout.js";
import { ETHERTYPE_IPV4, MAC_LENGTH } from "../../../assembly/wire/ethernet.layout.js";
import { IPV4_ADDRESS_LENGTH } from "../../../assembly/wire/ipv4.layout.js";

export const ARP = {
  hwType: tsharkField("arp.hw.type", "Hardware type", "uint", { bits: 16 }),
  protoType: tsharkField("arp.proto.type", "Protocol type", "uint", { bits: 16, base: "hex" }),
  hwSize: tsharkField("arp.hw.size", "Hardware size", "uint", { bits: 8 }),
  protoSize: tsharkField("arp.proto.size", "Protocol size", "uint", { bits: 8 }),
  opcode: tsharkField("arp.opcode", "Opcode", "uint", { bits: 16 }),
  srcHw: tsharkField("arp.src.hw_mac", "Sender MAC address", "ether"),
  srcIp: tsharkField("arp.src.proto_ipv4", "Sender IP address", "ipv4"),
  dstHw: tsharkField("arp.dst.hw_mac", "Target MAC address", "ether"),
  dstIp: tsharkField("arp.dst.proto_ipv4", "Target IP address", "ipv4"),
};

const ARPHRD_ETHER = 1;
const OPCODES = new Map([
  [ARP_REQUEST, "request"],
  [ARP_REPLY, "reply"],
]);

function addEthernetIpv4(node: TreeNode, data: Uint8Array, at: number): { srcIp: string; dstIp: string; srcMac: string } {
  const srcMac = formatMac(data, at);
  const srcIp = formatIpv4(data, at + MAC_LENGTH);
  const dstMac = formatMac(data, at + MAC_LENGTH + IPV4_ADDRESS_LENGTH);
  const dstIp = formatIpv4(data, at + 2 * MAC_LENGTH + IPV4_ADDRESS_LENGTH);
  node.add(ARP.srcHw, srcMac, { text: `${srcMac} (${srcMac})` });
  node.add(ARP.srcIp, srcIp);
  node.add(ARP.dstHw, dstMac, { text: `${dstMac} (${dstMac})` });
  node.add(ARP.dstIp, dstIp);
  return { srcIp, dstIp, srcMac };
}

export function dissectArp(d: Dissection, data: Uint8Array, start: number, limit: number): void {
  d.enter("arp", "ARP");
  const node = d.layer("Address Resolution Protocol");
  const guard = new HeaderGuard(node, data, start, limit, "ARP header", ARP_FIXED_LENGTH);
  if (guard.short(0, ARP_FIXED_LENGTH)) return;
  const hwType = u16(data, start + ARP_HW_TYPE);
  const protoType = u16(data, start + ARP_PROTO_TYPE);
  const hwSize = u8(data, start + ARP_HW_SIZE);
  const protoSize = u8(data, start + ARP_PROTO_SIZE);
  const opcode = u16(data, start + ARP_OPCODE);
  const opName = OPCODES.get(opcode) ?? "unknown";
  node.setLabel(`Address Resolution Protocol (${opName})`);
  node.add(ARP.hwType, hwType, { text: hwType === ARPHRD_ETHER ? "Ethernet (1)" : String(hwType) });
  node.add(ARP.protoType, protoType, { text: ethertypeText(protoType) });
  node.add(ARP.hwSize, hwSize);
  node.add(ARP.protoSize, protoSize);
  node.add(ARP.opcode, opcode, { text: `${opName} (${opcode})` });
  const addressesLength = 2 * (hwSize + protoSize);
  if (guard.short(ARP_ADDRESSES, addressesLength)) return;
  const at = start + ARP_ADDRESSES;
  if (hwType === ARPHRD_ETHER && protoType === ETHERTYPE_IPV4 && hwSize === MAC_LENGTH && protoSize === IPV4_ADDRESS_LENGTH) {
    const { srcIp, dstIp, srcMac } = addEthernetIpv4(node, data, at);
    d.setInfo(opcode === ARP_REQUEST ? `Who has ${dstIp}? Tell ${srcIp}` : opcode === ARP_REPLY ? `${srcIp} is at ${srcMac}` : `ARP opcode ${opcode}`);
  } else {
    node.text(`Addresses: ${hex(data, at, at + addressesLength)}`);
  }
}
