// Where the service-affinity edges find their configuration (affinity.layout.ts), and the two
// per-packet questions both edges ask: is this an unfragmented IPv6 TCP segment, and is an address
// inside the configured anycast prefix.
import { allocate } from "../engine/memory";
import { ld64 } from "../engine/bytes";
import { nowSeconds } from "../engine/clock";
import { packetLength, packetStart } from "../engine/vector";
import { DESC_FLAGS, DESC_FLAG_IP6, DESC_FRAGMENT, DESC_L3, DESC_L4, DESC_L4_PROTO } from "../engine/descriptor.layout";
import { IPV6_HEADER_LENGTH, PROTO_TCP } from "../wire/ipv6.layout";
import { TCP_MIN_HEADER_LENGTH } from "../wire/tcp.layout";
import { tcpHeaderLength } from "../wire/tcp";
import { ip6PrefixMask } from "../wire/ipv6";
import { AFFINITY_ROOT_CLIENT_EDGE, AFFINITY_ROOT_SERVER_EDGE, AFFINITY_ROOT_SIZE } from "./affinity.layout";

export const affinityRoot: usize = allocate(AFFINITY_ROOT_SIZE);
export const serverEdgeConfig: usize = affinityRoot + AFFINITY_ROOT_SERVER_EDGE;
export const clientEdgeConfig: usize = affinityRoot + AFFINITY_ROOT_CLIENT_EDGE;

/** Where the host finds the root. */
export function tcpAffinityRootAddress(): usize {
  return affinityRoot;
}

/** The engine clock the tables' last-seen times count in, for the host's remaining lifetimes. */
export function tcpAffinityClockSeconds(): u32 {
  return nowSeconds();
}

/** Whether the packet address at `p` lies in the `length`-bit prefix at `prefix` (configuration memory). */
export function inPrefix(p: usize, prefix: usize, length: u32): bool {
  return (
    ((ld64(p) ^ bswap<u64>(load<u64>(prefix))) & ip6PrefixMask(length, 0)) == 0 &&
    ((ld64(p + 8) ^ bswap<u64>(load<u64>(prefix, 8))) & ip6PrefixMask(length, 1)) == 0
  );
}

/**
 * The TCP header of descriptor `d` as ip6-input parsed it, or 0 when the packet is not an
 * unfragmented IPv6 TCP segment whose header (options included) lies within the packet.
 */
export function tcpSegmentOf(d: usize): usize {
  if ((load<u8>(d, DESC_FLAGS) & DESC_FLAG_IP6) == 0 || <u32>load<u8>(d, DESC_L4_PROTO) != PROTO_TCP) return 0;
  const l3 = <u32>load<u16>(d, DESC_L3);
  const l4 = <u32>load<u16>(d, DESC_L4);
  if (l4 == 0 || load<u16>(d, DESC_FRAGMENT) != 0 || l3 + IPV6_HEADER_LENGTH > l4) return 0;
  const length = <u32>packetLength(d);
  if (l4 + TCP_MIN_HEADER_LENGTH > length) return 0;
  const tcp = packetStart(d) + <usize>l4;
  return <usize>l4 + tcpHeaderLength(tcp) > <usize>length ? 0 : tcp;
}
