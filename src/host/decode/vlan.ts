// 802.1Q customer tags and 802.1ad service tags.
import { u16 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { ethertypeText } from "./names.js";
import { dissectEthertype } from "./ethertype.js";
import type { Dissection } from "./dissection.js";
import {
  VLAN_DEI_MASK,
  VLAN_ID_MASK,
  VLAN_INNER_TYPE,
  VLAN_PRIORITY_MASK,
  VLAN_PRIORITY_SHIFT,
  VLAN_TAG_LENGTH,
  VLAN_TCI,
} from "../../../assembly/wire/ethernet.layout.js";

const TCI_BITS = 16;

export const VLAN = {
  priority: tsharkField("vlan.priority", "Priority", "uint", { bits: TCI_BITS, mask: VLAN_PRIORITY_MASK }),
  dei: tsharkField("vlan.dei", "DEI", "bool", { bits: TCI_BITS, mask: VLAN_DEI_MASK, trueFalse: ["Eligible", "Ineligible"] }),
  id: tsharkField("vlan.id", "ID", "uint", { bits: TCI_BITS, mask: VLAN_ID_MASK }),
  etype: tsharkField("vlan.etype", "Type", "uint", { bits: 16, base: "hex" }),
};

export const QINQ = {
  priority: tsharkField("ieee8021ad.priority", "Priority", "uint", { bits: TCI_BITS, mask: VLAN_PRIORITY_MASK }),
  dei: tsharkField("ieee8021ad.dei", "DEI", "uint", { bits: TCI_BITS, mask: VLAN_DEI_MASK }),
  id: tsharkField("ieee8021ad.id", "ID", "uint", { bits: TCI_BITS, mask: VLAN_ID_MASK }),
  etype: tsharkField("ieee8021ah.etype", "Type", "uint", { bits: 16, base: "hex" }),
};

const PRIORITY_NAMES = [
  "Best Effort (default)",
  "Background",
  "Excellent Effort",
  "Critical Applications",
  "Video, < 100ms latency and jitter",
  "Voice, < 10ms latency and jitter",
  "Internetwork Control",
  "Network Control",
];

/** One tag; `outer` is the service tag of 802.1ad. */
export function dissectVlanTag(d: Dissection, data: Uint8Array, offset: number, serviceTag: boolean, depth: number): void {
  d.enter(serviceTag ? "ieee8021ad" : "vlan");
  const fields = serviceTag ? QINQ : VLAN;
  const node = d.layer(serviceTag ? "IEEE 802.1ad" : "802.1Q Virtual LAN");
  const guard = new HeaderGuard(node, data, offset, data.length, serviceTag ? "802.1ad tag" : "802.1Q tag", VLAN_TAG_LENGTH);
  if (guard.short(VLAN_TCI, 2)) return;
  const tci = u16(data, offset + VLAN_TCI);
  const priority = (tci & VLAN_PRIORITY_MASK) >>> VLAN_PRIORITY_SHIFT;
  const dei = (tci & VLAN_DEI_MASK) !== 0;
  const id = tci & VLAN_ID_MASK;
  if (serviceTag) {
    node.setLabel(`IEEE 802.1ad, ID: ${id}`);
    node.add(QINQ.priority, priority, { whole: tci });
    node.add(QINQ.dei, dei ? 1 : 0, { whole: tci });
  } else {
    node.setLabel(`802.1Q Virtual LAN, PRI: ${priority}, DEI: ${dei ? 1 : 0}, ID: ${id}`);
    node.add(VLAN.priority, priority, { whole: tci, text: `${PRIORITY_NAMES[priority]} (${priority})` });
    node.add(VLAN.dei, dei, { whole: tci });
  }
  node.add(fields.id, id, { whole: tci });
  if (guard.short(VLAN_INNER_TYPE, 2)) return;
  const type = u16(data, offset + VLAN_INNER_TYPE);
  node.add(fields.etype, type, { text: ethertypeText(type) });
  d.enter("ethertype");
  dissectEthertype(d, type, data, offset + VLAN_TAG_LENGTH, depth + 1);
}
