// The Internet checksum (RFC 1071) over packet memory and the IPv6 pseudo-header (RFC 8200 §8.1),
// and its incremental update (RFC 1624) for nodes that change one 16-bit word.
import { IPV6_SRC } from "./ipv6.layout";
import { ld8, ld16 } from "../engine/bytes";

/** Adds the 16-bit words of [p, p + length) to `sum` (an odd last octet is padded with zero). */
export function onesComplementAdd(sum: u32, p: usize, length: usize): u32 {
  let k: usize = 0;
  for (; k + 1 < length; k += 2) sum += ld16(p + k);
  if (k < length) sum += ld8(p + k) << 8;
  return sum;
}

@inline export function onesComplementFold(sum: u32): u32 {
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/**
 * The checksum field value for the upper-layer message at `upper` (`length` octets, its checksum
 * field zero) carried by the IPv6 header at `ip`, whose addresses make the pseudo-header.
 */
export function ip6UpperLayerChecksum(ip: usize, upper: usize, length: u32, protocol: u32): u32 {
  let sum = onesComplementAdd(0, ip + IPV6_SRC, 32);
  sum += (length >>> 16) + (length & 0xffff) + protocol;
  sum = onesComplementAdd(sum, upper, <usize>length);
  return ~onesComplementFold(sum) & 0xffff;
}

/** The checksum after one 16-bit word it covers changed from `was` to `now` (RFC 1624, eqn. 3). */
@inline export function checksumAfterWordChange(checksum: u32, was: u32, now: u32): u32 {
  const sum = (~checksum & 0xffff) + (~was & 0xffff) + now;
  return ~onesComplementFold(sum) & 0xffff;
}
