// End.CATS (ours, after draft-du-cats-aggregated-metrics-on-egress §4): the egress's SID that ends
// the ingress's SR policy. It removes the SRv6 tunnel and picks, per flow, one of the local service
// sites from the SID's computing forwarding table (cats.layout.ts). The packet keeps the service
// (anycast) address as its destination and goes to the site's adjacency, as End.DX6 would: the
// sites all serve that address, and rewriting it would also mean fixing TCP/UDP checksums.
import { DESC_L3, DESC_L4_PROTO, DESC_ROUTING } from "../engine/descriptor.layout";
import { PROTO_IPV6 } from "../wire/ipv6.layout";
import { ROUTING_TYPE, ROUTING_TYPE_SRH } from "../wire/srh.layout";
import { srhSegmentsLeft } from "../wire/srh";
import { ld8 } from "../engine/bytes";
import { packetStart } from "../engine/vector";
import { endpointDecapsulate, endpointEnd } from "./endpoint";
import { flowHash } from "../engine/flow-hash";
import { CATS_BUCKET_MASK, CATS_TABLE_BUCKETS, CATS_TABLE_SITE_COUNT } from "./cats.layout";
import { ERR_SR_LOCALSID_CATS_NOT_LAST_SEGMENT, ERR_SR_LOCALSID_NO_INNER_IP } from "../graph/graph.layout";

/**
 * Turns the tunnelled packet back into the client's packet: an H.Encaps'd one (inner IPv6) is
 * decapsulated as End.DX6 does; an H.Insert'ed one must be at its last SID (Segments Left 1), whose
 * End with PSP makes Segment List[0], the service address, the destination and removes the SRH.
 * Returns 0 or the reason to drop.
 */
export function catsUntunnel(d: usize): i32 {
  if (<u32>load<u8>(d, DESC_L4_PROTO) == PROTO_IPV6) return endpointDecapsulate(d);
  const routing = <usize>load<u16>(d, DESC_ROUTING);
  const srh = packetStart(d) + routing;
  if (!routing || ld8(srh + ROUTING_TYPE) != ROUTING_TYPE_SRH) return ERR_SR_LOCALSID_NO_INNER_IP;
  if (srhSegmentsLeft(srh) != 1) return ERR_SR_LOCALSID_CATS_NOT_LAST_SEGMENT;
  return endpointEnd(d, true);
}

/** The adjacency DPO of the site the packet's flow goes to, or 0 when no site is eligible. */
export function catsSite(d: usize, table: usize): u32 {
  if (!table || load<u32>(table, CATS_TABLE_SITE_COUNT) == 0) return 0;
  const pkt = packetStart(d);
  const bucket = flowHash(d, pkt, pkt + <usize>load<u16>(d, DESC_L3)) & CATS_BUCKET_MASK;
  return load<u32>(table + CATS_TABLE_BUCKETS + ((<usize>bucket) << 2));
}
