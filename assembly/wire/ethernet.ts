// Ethernet II with up to two 802.1Q/802.1ad tags. Returns the L3 offset from `frame`, or a negative
// WIRE_ETHERNET_* reason.
import {
  ETHERNET_HEADER_LENGTH,
  ETHERNET_TYPE,
  ETHERTYPE_QINQ,
  ETHERTYPE_VLAN,
  VLAN_INNER_TYPE,
  VLAN_MAX_TAGS,
  VLAN_TAG_LENGTH,
} from "./ethernet.layout";
import { eq16 } from "../engine/bytes";
import { WIRE_ETHERNET_TRUNCATED, WIRE_ETHERNET_VLAN_TRUNCATED } from "./reasons.layout";

/** Offset of the EtherType that names the payload (after any VLAN tags), or minus a WIRE_ETHERNET_* reason. */
export function ethernetTypeOffset(frame: usize, length: usize): i32 {
  if (length < <usize>ETHERNET_HEADER_LENGTH) return -WIRE_ETHERNET_TRUNCATED;
  let typeAt: usize = ETHERNET_TYPE;
  for (let tags = 0; tags < VLAN_MAX_TAGS; tags++) {
    if (!eq16(frame + typeAt, ETHERTYPE_VLAN) && !eq16(frame + typeAt, ETHERTYPE_QINQ)) break;
    if (typeAt + <usize>(VLAN_TAG_LENGTH + 2) > length) return -WIRE_ETHERNET_VLAN_TRUNCATED;
    typeAt += VLAN_TAG_LENGTH;
  }
  return <i32>typeAt;
}

@inline export function payloadOffsetAfterType(typeAt: i32): i32 {
  // VLAN_INNER_TYPE is the distance from a type field to the octet after it.
  return typeAt + VLAN_INNER_TYPE;
}
