// The flow hash (flow-hash.layout.ts): the fields `fields` names of source, destination, upper-layer
// protocol and, for TCP and UDP, the ports. Fragments leave the ports out, the first one too, so
// every fragment of a datagram hashes alike. One hash for load-balanced routes, SR policies' segment
// lists and CATS sites.
import { DESC_FRAGMENT, DESC_L4, DESC_L4_PROTO } from "./descriptor.layout";
import { IPV6_DST, IPV6_SRC, PROTO_TCP, PROTO_UDP } from "../wire/ipv6.layout";
import { UDP_SRC_PORT } from "../wire/udp.layout";
import { ld32 } from "./bytes";
import {
  FLOW_HASH_DEFAULT,
  FLOW_HASH_DPORT,
  FLOW_HASH_DST,
  SPREAD_HASH_FINAL,
  SPREAD_HASH_MULTIPLIER,
  FLOW_HASH_PROTO,
  SPREAD_HASH_SEED,
  FLOW_HASH_SPORT,
  FLOW_HASH_SRC,
} from "./flow-hash.layout";

@inline function mix(h: u32, w: u32): u32 {
  h = (h ^ w) * SPREAD_HASH_MULTIPLIER;
  return h ^ (h >>> 15);
}

/** The hash of the fields `fields` of the packet at `pkt` whose IPv6 header is at `ip` (descriptor `d` parsed). */
export function flowHashOf(d: usize, pkt: usize, ip: usize, fields: u32): u32 {
  let h: u32 = SPREAD_HASH_SEED;
  if (fields & FLOW_HASH_SRC) for (let k: usize = 0; k < 4; k++) h = mix(h, ld32(ip + IPV6_SRC + (k << 2)));
  if (fields & FLOW_HASH_DST) for (let k: usize = 0; k < 4; k++) h = mix(h, ld32(ip + IPV6_DST + (k << 2)));
  const proto = <u32>load<u8>(d, DESC_L4_PROTO);
  if (fields & FLOW_HASH_PROTO) h = mix(h, proto);
  const l4 = <usize>load<u16>(d, DESC_L4);
  const whole = load<u16>(d, DESC_FRAGMENT) == 0;
  // TCP and UDP both start with the source and destination ports (ip6-input checked the length of
  // unfragmented datagrams).
  if (fields & (FLOW_HASH_SPORT | FLOW_HASH_DPORT) && l4 && whole && (proto == PROTO_TCP || proto == PROTO_UDP)) {
    let ports = ld32(pkt + l4 + UDP_SRC_PORT);
    if (!(fields & FLOW_HASH_SPORT)) ports &= 0x0000ffff;
    if (!(fields & FLOW_HASH_DPORT)) ports &= 0xffff0000;
    h = mix(h, ports);
  }
  h ^= h >>> 13;
  h *= SPREAD_HASH_FINAL;
  return h ^ (h >>> 16);
}

/** The hash of every field: what SR policies and CATS spread flows by. */
@inline export function flowHash(d: usize, pkt: usize, ip: usize): u32 {
  return flowHashOf(d, pkt, ip, FLOW_HASH_DEFAULT);
}
