// What follows an EtherType: IP, a VLAN tag, or data we do not dissect.
import { dissectIpv4 } from "./ipv4.js";
import { dissectIpv6 } from "./ipv6.js";
import { dissectVlanTag } from "./vlan.js";
import { dissectArp } from "./arp.js";
import { dissectData } from "./data.js";
import type { Dissection } from "./dissection.js";
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_QINQ, ETHERTYPE_VLAN, VLAN_MAX_TAGS } from "../../../assembly/wire/ethernet.layout.js";

export function dissectEthertype(d: Dissection, type: number, data: Uint8Array, offset: number, tagDepth: number): void {
  switch (type) {
    case ETHERTYPE_IPV6:
      dissectIpv6(d, data, offset, data.length);
      return;
    case ETHERTYPE_IPV4:
      dissectIpv4(d, data, offset, data.length);
      return;
    case ETHERTYPE_ARP:
      dissectArp(d, data, offset, data.length);
      return;
    case ETHERTYPE_VLAN:
    case ETHERTYPE_QINQ:
      if (tagDepth >= VLAN_MAX_TAGS) break;
      dissectVlanTag(d, data, offset, type === ETHERTYPE_QINQ, tagDepth);
      return;
  }
  dissectData(d, data, offset, data.length);
}
