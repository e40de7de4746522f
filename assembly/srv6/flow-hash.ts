// The load-sharing flow hash (sr.layout.ts): source, destination, upper-layer protocol and, for
// TCP and UDP, the ports. Fragments leave the ports out, the first one too, so that every fragment
// of a datagram takes the same segment list.
import { DESC_FRAGMENT, DESC_L4, DESC_L4_PROTO } from "../engine/descriptor.layout";
import { IPV6_DST, IPV6_SRC, PROTO_TCP, PROTO_UDP } from "../wire/ipv6.layout";
import { UDP_SRC_PORT } from "../wire/udp.layout";
import { ld32 } from "../engine/bytes";
import { SR_HASH_FINAL, SR_HASH_MULTIPLIER, SR_HASH_SEED } from "./sr.layout";

@inline function mix(h: u32, w: u32): u32 {
  h = (h ^ w) * SR_HASH_MULTIPLIER;
  return h ^ (h >>> 15);
}

/** The flow hash of the packet at `pkt` whose IPv6 header is at `ip` (descriptor `d` parsed). */
export function flowHash(d: usize, pkt: usize, ip: usize): u32 {
  let h: u32 = SR_HASH_SEED;
  for (let k: usize = 0; k < 4; k++) h = mix(h, ld32(ip + IPV6_SRC + (k << 2)));
  for (let k: usize = 0; k < 4; k++) h = mix(h, ld32(ip + IPV6_DST + (k << 2)));
  const proto = <u32>load<u8>(d, DESC_L4_PROTO);
  h = mix(h, proto);
  const l4 = <usize>load<u16>(d, DESC_L4);
  const whole = load<u16>(d, DESC_FRAGMENT) == 0;
  // TCP and UDP both start with the source and destination ports (ip6-input checked the length of
  // unfragmented datagrams).
  if (l4 && whole && (proto == PROTO_TCP || proto == PROTO_UDP)) h = mix(h, ld32(pkt + l4 + UDP_SRC_PORT));
  h ^= h >>> 13;
  h *= SR_HASH_FINAL;
  return h ^ (h >>> 16);
}
