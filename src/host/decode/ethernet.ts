// Ethernet II with 802.1Q / 802.1ad tags.
import { u16 } from "./bytes.js";
import { formatMac } from "./address.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { ethertypeText } from "./names.js";
import { dissectEthertype } from "./ethertype.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";
import { ETHERNET_DST, ETHERNET_HEADER_LENGTH, ETHERNET_SRC, ETHERNET_TYPE, MAC_LENGTH } from "../../../assembly/wire/ethernet.layout.js";

const MAC_FLAG_BITS = 24;
const LG_BIT = 0x020000;
const IG_BIT = 0x010000;

export const ETH = {
  dst: tsharkField("eth.dst", "Destination", "ether"),
  src: tsharkField("eth.src", "Source", "ether"),
  addr: tsharkField("eth.addr", "Address", "ether"),
  dstLg: tsharkField("eth.dst.lg", "LG bit", "bool", { bits: MAC_FLAG_BITS, mask: LG_BIT }),
  dstIg: tsharkField("eth.dst.ig", "IG bit", "bool", { bits: MAC_FLAG_BITS, mask: IG_BIT }),
  srcLg: tsharkField("eth.src.lg", "LG bit", "bool", { bits: MAC_FLAG_BITS, mask: LG_BIT }),
  srcIg: tsharkField("eth.src.ig", "IG bit", "bool", { bits: MAC_FLAG_BITS, mask: IG_BIT }),
  type: tsharkField("eth.type", "Type", "uint", { bits: 16, base: "hex" }),
};

const LG_TEXT = ["Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)"];
const IG_TEXT = ["Group address (multicast/broadcast)", "Individual address (unicast)"];

function addMac(node: TreeNode, data: Uint8Array, offset: number, which: "dst" | "src"): string {
  const mac = formatMac(data, offset);
  const item = node.add(ETH[which], mac, { text: `${mac} (${mac})` });
  item.add(ETH.addr, mac, { text: `${mac} (${mac})` });
  const firstOctets = (data[offset] as number) << 16;
  const lg = (firstOctets & LG_BIT) !== 0;
  const ig = (firstOctets & IG_BIT) !== 0;
  item.add(which === "dst" ? ETH.dstLg : ETH.srcLg, lg, { whole: firstOctets, text: LG_TEXT[lg ? 0 : 1] });
  item.add(which === "dst" ? ETH.dstIg : ETH.srcIg, ig, { whole: firstOctets, text: IG_TEXT[ig ? 0 : 1] });
  return mac;
}

export function dissectEthernet(d: Dissection, data: Uint8Array, offset: number): void {
  const node = d.layer("Ethernet II");
  d.enter("eth", "Ethernet");
  const guard = new HeaderGuard(node, data, offset, data.length, "Ethernet header", ETHERNET_HEADER_LENGTH);
  if (guard.short(0, ETHERNET_HEADER_LENGTH)) {
    if (data.length >= offset + MAC_LENGTH) d.setAddresses("", formatMac(data, offset + ETHERNET_DST));
    return;
  }
  const dst = addMac(node, data, offset + ETHERNET_DST, "dst");
  const src = addMac(node, data, offset + ETHERNET_SRC, "src");
  node.setLabel(`Ethernet II, Src: ${src} (${src}), Dst: ${dst} (${dst})`);
  d.setAddresses(src, dst);
  const type = u16(data, offset + ETHERNET_TYPE);
  node.add(ETH.type, type, { text: ethertypeText(type) });
  d.enter("ethertype", "Ethernet");
  dissectEthertype(d, type, data, offset + ETHERNET_HEADER_LENGTH, 0);
}
