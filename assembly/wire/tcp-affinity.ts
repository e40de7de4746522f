// The TCP service-affinity option (tcp-affinity.layout.ts) in a TCP header: its length per address
// family and where it is. Adding it to a packet's segment is assembly/affinity/add-option.ts.
import { TCP_MIN_HEADER_LENGTH, TCP_OPT_EOL } from "./tcp.layout";
import {
  TCP_AFFINITY_ADDRESS_OFFSET,
  TCP_AFFINITY_EXID,
  TCP_AFFINITY_EXID_OFFSET,
  TCP_AFFINITY_FAMILY_IP4,
  TCP_AFFINITY_FAMILY_IP6,
  TCP_AFFINITY_FAMILY_OFFSET,
  TCP_AFFINITY_IP4_LENGTH,
  TCP_AFFINITY_IP6_LENGTH,
  TCP_AFFINITY_KIND,
} from "./tcp-affinity.layout";
import { tcpHeaderLength, tcpOptionEnd } from "./tcp";
import { ld8, ld16 } from "../engine/bytes";

/** The option's length for `family` (TCP_AFFINITY_FAMILY_IP6 or _IP4), 0 for another value. */
export function tcpAffinityLength(family: u32): u32 {
  if (family == TCP_AFFINITY_FAMILY_IP6) return TCP_AFFINITY_IP6_LENGTH;
  if (family == TCP_AFFINITY_FAMILY_IP4) return TCP_AFFINITY_IP4_LENGTH;
  return 0;
}

/** Address of the first service-affinity option (kind 253, our ExID) of the TCP header at `tcp`, or 0. */
export function tcpAffinityFind(tcp: usize, end: usize): usize {
  if (tcp + TCP_MIN_HEADER_LENGTH > end) return 0;
  let optionsEnd = tcp + tcpHeaderLength(tcp);
  if (optionsEnd > end) optionsEnd = end;
  let p = tcp + TCP_MIN_HEADER_LENGTH;
  while (p < optionsEnd && ld8(p) != TCP_OPT_EOL) {
    const next = tcpOptionEnd(p, optionsEnd);
    if (!next) return 0;
    const length = next - p;
    if (ld8(p) == TCP_AFFINITY_KIND && length >= <usize>TCP_AFFINITY_ADDRESS_OFFSET && ld16(p + TCP_AFFINITY_EXID_OFFSET) == TCP_AFFINITY_EXID) {
      if (length == <usize>tcpAffinityLength(ld8(p + TCP_AFFINITY_FAMILY_OFFSET) & 0x0f)) return p;
    }
    p = next;
  }
  return 0;
}
