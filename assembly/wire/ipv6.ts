// IPv6 header and extension-header chain (RFC 8200 §4): validated once per packet, in place.
// The offsets of what was found go into a record the caller owns (IP6_CHAIN_*, ipv6.layout.ts; the
// graph keeps it in the descriptor) so that later code never re-walks the chain.
import {
  AH_LENGTH_BIAS,
  AH_LENGTH_UNIT,
  EXT_LENGTH,
  EXT_LENGTH_UNIT,
  EXT_MAX_CHAIN,
  EXT_MIN_LENGTH,
  EXT_NEXT_HEADER,
  IP6_CHAIN_DEST_OPTIONS,
  IP6_CHAIN_FRAGMENT,
  IP6_CHAIN_HBH,
  IP6_CHAIN_L4,
  IP6_CHAIN_L4_PROTO,
  IP6_CHAIN_ROUTING,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT,
  IPV6_NEXT_HEADER,
  IPV6_PAYLOAD_LENGTH,
  IPV6_VERSION,
  IPV6_VERSION_TC_FLOW,
  PROTO_AH,
  PROTO_DEST_OPTIONS,
  PROTO_FRAGMENT,
  PROTO_HOP_BY_HOP,
  PROTO_ICMPV6,
  PROTO_NO_NEXT,
  PROTO_ROUTING,
  PROTO_TCP,
  PROTO_UDP,
} from "./ipv6.layout";
import { FRAGMENT_HEADER_LENGTH } from "./fragment.layout";
import { fragmentOffset } from "./fragment";
import { validateUdp } from "./udp";
import { validateIcmpv6 } from "./icmpv6";
import { ROUTING_TYPE, ROUTING_TYPE_SRH } from "./srh.layout";
import { OPTION_HEADER_LENGTH } from "./options.layout";
import { ld8, ld16, st8, st16, st32 } from "../engine/bytes";
import { validateOptions } from "./options";
import { validateSrh } from "./srh";
import { validateTcp } from "./tcp";
import { WIRE_IP6_AH_TRUNCATED, WIRE_IP6_BAD_VERSION, WIRE_IP6_EXT_CHAIN_TOO_LONG, WIRE_IP6_EXT_PAST_END, WIRE_IP6_EXT_TRUNCATED, WIRE_IP6_FRAGMENT_TRUNCATED, WIRE_IP6_HBH_NOT_FIRST, WIRE_IP6_JUMBOGRAM, WIRE_IP6_LENGTH_PAST_END, WIRE_IP6_TRUNCATED } from "./reasons.layout";

@inline export function ip6PayloadLength(ip: usize): u32 {
  return ld16(ip + IPV6_PAYLOAD_LENGTH);
}

@inline export function ip6NextHeader(ip: usize): u32 {
  return ld8(ip + IPV6_NEXT_HEADER);
}

/**
 * Writes the fixed header at `ip` of a packet this node originates: traffic class and flow label 0,
 * `payloadLength`, `nextHeader`, `hopLimit`. The addresses are the caller's.
 */
@inline export function emitIp6Header(ip: usize, payloadLength: u32, nextHeader: u32, hopLimit: u32): void {
  st32(ip + IPV6_VERSION_TC_FLOW, IPV6_VERSION << 28);
  st16(ip + IPV6_PAYLOAD_LENGTH, payloadLength);
  st8(ip + IPV6_NEXT_HEADER, nextHeader);
  st8(ip + IPV6_HOP_LIMIT, hopLimit);
}

/** The `half`-th 64 bits (0: the high half) of the netmask of a `length`-bit IPv6 prefix. */
@inline export function ip6PrefixMask(length: u32, half: i32): u64 {
  const bits = <i32>length - half * 64;
  if (bits <= 0) return 0;
  if (bits >= 64) return <u64>-1;
  return ~(<u64>-1 >>> <u64>bits);
}

/**
 * Checks the IPv6 packet at `ip` (`available` octets from `ip` to the end of the packet): its fixed
 * header, then its extension headers up to the upper layer, every length against the payload
 * length. Records what it found in the record at `chain` (IP6_CHAIN_*): offsets from `base`, the
 * caller's packet start. Returns 0 or a WIRE_IP6_* reason.
 * Inlined, with the option, SRH and upper-layer checks, into its two callers (ip6-input and the
 * parse kernel): a call here cost its spills, reloads and frame on every packet.
 */
@inline export function parseIp6(chain: usize, base: usize, ip: usize, available: usize): i32 {
  // Each check returns at once, not through a helper's reason that TurboFan would test again.
  if (available < <usize>IPV6_HEADER_LENGTH) return WIRE_IP6_TRUNCATED;
  if (ld8(ip + IPV6_VERSION_TC_FLOW) >> 4 != IPV6_VERSION) return WIRE_IP6_BAD_VERSION;
  const payload = ip6PayloadLength(ip);
  let nh = ip6NextHeader(ip);
  if (payload == 0) {
    // Nested rather than `&&`: 2 instructions a packet fewer in the parse kernel (callgrind).
    if (nh == PROTO_HOP_BY_HOP) return WIRE_IP6_JUMBOGRAM;
  }
  if (<usize>payload + IPV6_HEADER_LENGTH > available) return WIRE_IP6_LENGTH_PAST_END;
  const end = ip + IPV6_HEADER_LENGTH + <usize>payload;
  let p = ip + IPV6_HEADER_LENGTH;
  // The four extension-header offsets are one u64.
  store<u64>(chain, 0, IP6_CHAIN_HBH);
  store<u16>(chain, 0, IP6_CHAIN_L4);
  let hops = 0;
  while (true) {
    if (hops++ >= EXT_MAX_CHAIN) return WIRE_IP6_EXT_CHAIN_TOO_LONG;
    if (inSet(OPTIONS_OR_ROUTING, nh)) {
      if (nh == PROTO_HOP_BY_HOP && hops != 1) return WIRE_IP6_HBH_NOT_FIRST;
      if (p + EXT_MIN_LENGTH > end) return WIRE_IP6_EXT_TRUNCATED;
      const length = (<usize>ld8(p + EXT_LENGTH) + 1) * EXT_LENGTH_UNIT;
      if (p + length > end) return WIRE_IP6_EXT_PAST_END;
      const offset = <u16>(p - base);
      if (nh == PROTO_ROUTING) {
        if (ld8(p + ROUTING_TYPE) == ROUTING_TYPE_SRH) {
          const err = validateSrh(p, length);
          if (err) return err;
        }
        if (!load<u16>(chain, IP6_CHAIN_ROUTING)) store<u16>(chain, offset, IP6_CHAIN_ROUTING);
      } else {
        const err = validateOptions(p + OPTION_HEADER_LENGTH, p + length);
        if (err) return err;
        if (nh == PROTO_HOP_BY_HOP) store<u16>(chain, offset, IP6_CHAIN_HBH);
        else store<u16>(chain, offset, IP6_CHAIN_DEST_OPTIONS);
      }
      nh = ld8(p + EXT_NEXT_HEADER);
      p += length;
      continue;
    }
    if (nh == PROTO_FRAGMENT) {
      if (p + FRAGMENT_HEADER_LENGTH > end) return WIRE_IP6_FRAGMENT_TRUNCATED;
      store<u16>(chain, <u16>(p - base), IP6_CHAIN_FRAGMENT);
      const first = fragmentOffset(p) == 0;
      nh = ld8(p + EXT_NEXT_HEADER);
      p += FRAGMENT_HEADER_LENGTH;
      if (first) continue;
      // Only the first fragment carries the upper-layer header: none here (IP6_CHAIN_L4 stays 0).
      store<u8>(chain, <u8>nh, IP6_CHAIN_L4_PROTO);
      return 0;
    }
    if (nh == PROTO_AH) {
      if (p + EXT_MIN_LENGTH > end) return WIRE_IP6_AH_TRUNCATED;
      const length = (<usize>ld8(p + EXT_LENGTH) + AH_LENGTH_BIAS) * AH_LENGTH_UNIT;
      if (p + length > end) return WIRE_IP6_EXT_PAST_END;
      nh = ld8(p + EXT_NEXT_HEADER);
      p += length;
      continue;
    }
    break;
  }
  store<u8>(chain, <u8>nh, IP6_CHAIN_L4_PROTO);
  if (nh == PROTO_NO_NEXT) return 0;
  store<u16>(chain, <u16>(p - base), IP6_CHAIN_L4);
  // A first fragment may end inside the upper-layer header: only whole datagrams are checked.
  if (load<u16>(chain, IP6_CHAIN_FRAGMENT)) return 0;
  return validateUpperLayer(nh, p, end);
}

/** The headers framed as next header | length in 8-octet units (HBH, routing, destination options), as bits. */
const OPTIONS_OR_ROUTING: u64 = (<u64>1 << PROTO_HOP_BY_HOP) | (<u64>1 << PROTO_ROUTING) | (<u64>1 << PROTO_DEST_OPTIONS);

/** Whether next header `nh` is in `set` (bit n for number n < 64): one shift and test, not three compares. */
@inline function inSet(set: u64, nh: u32): bool {
  // A shift count is taken mod 64, so numbers from 64 on are ruled out apart.
  return ((set >> <u64>nh) & <u64>(nh < 64)) != 0;
}

@inline function validateUpperLayer(proto: u32, p: usize, end: usize): i32 {
  if (proto == PROTO_TCP) return validateTcp(p, end);
  if (proto == PROTO_UDP) return validateUdp(p, end);
  if (proto == PROTO_ICMPV6) return validateIcmpv6(p, end);
  return 0;
}
