// Neighbour solicitations and advertisements as RFC 4861 §7.1 requires them before a node acts on
// one: hop limit 255 (so it cannot have been forwarded), code 0, a valid checksum, at least the
// 24-octet message, options of non-zero length inside the message, and a target that is not
// multicast. One check serves both message types; each node counts the failures as its own.
import { interfaceFib } from "../engine/interfaces";
import { copyIntoPacket, ld8, ld16, ld64, st8, st16, st32 } from "../engine/bytes";
import { DESC_FLAGS, DESC_FLAG_ETHERNET, DESC_L3, DESC_L4 } from "../engine/descriptor.layout";
import { dropPacket, packetStart } from "../engine/vector";
import {
  ERR_NA_BAD_HOP_LIMIT,
  ERR_NA_MULTICAST_TARGET,
  ERR_NA_NOT_ETHERNET,
  ERR_NS_BAD_HOP_LIMIT,
  ERR_NS_MULTICAST_TARGET,
  ERR_NS_NOT_ETHERNET,
} from "../graph/graph.layout";
import { adjacency, adjacencyTxInterface, fibLookup } from "../fib/fib";
import { DPO_ADJACENCY, DPO_INDEX_MASK, DPO_TYPE_SHIFT } from "../fib/dpo.layout";
import { ip6UpperLayerChecksum } from "../wire/checksum";
import {
  ICMPV6_BODY,
  ICMPV6_CHECKSUM,
  ICMPV6_CODE,
  ICMPV6_ND_OPTIONS,
  ICMPV6_ND_OPTION_DATA,
  ICMPV6_ND_OPTION_UNIT,
  ICMPV6_ND_TARGET,
  ICMPV6_TYPE,
} from "../wire/icmpv6.layout";
import { IPV6_ADDRESS_LENGTH, IPV6_HEADER_LENGTH, IPV6_HOP_LIMIT, IPV6_PAYLOAD_LENGTH, PROTO_ICMPV6 } from "../wire/ipv6.layout";
import { MAC_LENGTH } from "../wire/ethernet.layout";
import { emitIp6Header } from "../wire/ipv6";

// What checkNdMessage found wrong, as an offset from the node's first validation reason (the
// nodes declare their reasons in this order in solicitation.node.ts and advertisement.node.ts).
export const ND_CHECK_HOP_LIMIT = 0;
export const ND_CHECK_CODE = 1;
export const ND_CHECK_TOO_SHORT = 2;
export const ND_CHECK_CHECKSUM = 3;
export const ND_CHECK_OPTION = 4;
export const ND_CHECK_MULTICAST_TARGET = 5;
export const ND_CHECK_NOT_ETHERNET = 7; // after one reason of each node's own
export const ND_CHECK_OK = -1;
// The layout keeps both nodes' reasons in this order: checked once here, at start-up.
assert(ERR_NS_MULTICAST_TARGET - ERR_NS_BAD_HOP_LIMIT == ND_CHECK_MULTICAST_TARGET && ERR_NA_MULTICAST_TARGET - ERR_NA_BAD_HOP_LIMIT == ND_CHECK_MULTICAST_TARGET);
assert(ERR_NS_NOT_ETHERNET - ERR_NS_BAD_HOP_LIMIT == ND_CHECK_NOT_ETHERNET && ERR_NA_NOT_ETHERNET - ERR_NA_BAD_HOP_LIMIT == ND_CHECK_NOT_ETHERNET);

const ND_HOP_LIMIT: u32 = 255;
const MULTICAST_PREFIX: u32 = 0xff;
const ETHERNET_OPTION_UNITS: u32 = 1; // a link-layer address option for a 6-octet MAC is 8 octets
/** What this node sends: the 24-octet message and one link-layer address option for its MAC. */
export const ND_MESSAGE_LENGTH: u32 = ICMPV6_ND_OPTIONS + ETHERNET_OPTION_UNITS * ICMPV6_ND_OPTION_UNIT;

/** The wanted link-layer address option checkNdMessage found (its address), or 0. */
export let ndLinkOption: usize = 0;
/** The IPv6 header and the message of the packet checkNdPacket looked at. */
export let ndIp: usize = 0;
export let ndIcmp: usize = 0;

/**
 * Checks the solicitation or advertisement in descriptor d (ip6-local sent it: ICMPv6 is its upper
 * layer) and that it came over Ethernet, the only link ND runs on here; sets ndIp, ndIcmp and
 * ndLinkOption. Returns ND_CHECK_OK or what is wrong.
 */
function checkNdPacket(d: usize, wantedOption: u32): i32 {
  const pkt = packetStart(d);
  ndIp = pkt + <usize>load<u16>(d, DESC_L3);
  ndIcmp = pkt + <usize>load<u16>(d, DESC_L4);
  const check = checkNdMessage(ndIp, ndIcmp, ndMessageLength(ndIp, ndIcmp, <usize>ld16(ndIp + IPV6_PAYLOAD_LENGTH)), wantedOption);
  if (check != ND_CHECK_OK) return check;
  return <u32>load<u8>(d, DESC_FLAGS) & DESC_FLAG_ETHERNET ? ND_CHECK_OK : ND_CHECK_NOT_ETHERNET;
}

/**
 * checkNdPacket for packet i of an ND node: true when it passed, else the packet is dropped with the
 * node's reason for what is wrong (its reasons from `firstReason`, *_BAD_HOP_LIMIT, in ND_CHECK_* order).
 */
export function acceptNdPacket(i: i32, d: usize, wantedOption: u32, firstReason: i32): bool {
  const check = checkNdPacket(d, wantedOption);
  if (check == ND_CHECK_OK) return true;
  dropPacket(i, d, firstReason + check);
  return false;
}

/**
 * Checks the message at `icmp` (`length` octets up to the end of the IPv6 payload) carried by the
 * IPv6 header at `ip`; remembers the first Ethernet-sized option of type `wantedOption` in
 * ndLinkOption. Returns ND_CHECK_OK or what is wrong.
 */
export function checkNdMessage(ip: usize, icmp: usize, length: u32, wantedOption: u32): i32 {
  ndLinkOption = 0;
  if (ld8(ip + IPV6_HOP_LIMIT) != ND_HOP_LIMIT) return ND_CHECK_HOP_LIMIT;
  if (ld8(icmp + ICMPV6_CODE) != 0) return ND_CHECK_CODE;
  if (length < <u32>ICMPV6_ND_OPTIONS) return ND_CHECK_TOO_SHORT;
  // Summing the message with its checksum in place gives zero when the checksum is right.
  if (ip6UpperLayerChecksum(ip, icmp, length, PROTO_ICMPV6) != 0) return ND_CHECK_CHECKSUM;
  const end = icmp + <usize>length;
  let at = icmp + <usize>ICMPV6_ND_OPTIONS;
  while (at < end) {
    if (at + 2 > end) return ND_CHECK_OPTION;
    const units = ld8(at + 1);
    if (units == 0 || at + <usize>(units * ICMPV6_ND_OPTION_UNIT) > end) return ND_CHECK_OPTION;
    if (ndLinkOption == 0 && ld8(at) == wantedOption && units == ETHERNET_OPTION_UNITS) ndLinkOption = at;
    at += <usize>(units * ICMPV6_ND_OPTION_UNIT);
  }
  if (ld8(icmp + ICMPV6_ND_TARGET) == MULTICAST_PREFIX) return ND_CHECK_MULTICAST_TARGET;
  return ND_CHECK_OK;
}

/** The ICMPv6 message's length: from `icmp` to the end of the IPv6 payload. */
@inline export function ndMessageLength(ip: usize, icmp: usize, payloadLength: usize): u32 {
  return <u32>(ip + <usize>IPV6_HEADER_LENGTH + payloadLength - icmp);
}

/**
 * Writes the rest of the solicitation or advertisement at `ip` whose addresses the caller wrote:
 * the IPv6 header's other fields, then the message (RFC 4861 §4.3, §4.4) of `type` with `body` (an
 * advertisement's flags), the `target` address and one link-layer address option of type
 * `option` carrying `mac` (both in engine memory), and its checksum.
 */
export function emitNdMessage(ip: usize, type: u32, body: u32, target: usize, option: u32, mac: usize): void {
  emitIp6Header(ip, ND_MESSAGE_LENGTH, PROTO_ICMPV6, ND_HOP_LIMIT);
  const icmp = ip + IPV6_HEADER_LENGTH;
  st8(icmp + ICMPV6_TYPE, type);
  st8(icmp + ICMPV6_CODE, 0);
  st16(icmp + ICMPV6_CHECKSUM, 0);
  st32(icmp + ICMPV6_BODY, body);
  copyIntoPacket(icmp + ICMPV6_ND_TARGET, target, IPV6_ADDRESS_LENGTH);
  const link = icmp + ICMPV6_ND_OPTIONS;
  st8(link, option);
  st8(link + 1, ETHERNET_OPTION_UNITS);
  copyIntoPacket(link + ICMPV6_ND_OPTION_DATA, mac, MAC_LENGTH);
  st16(icmp + ICMPV6_CHECKSUM, ip6UpperLayerChecksum(ip, icmp, ND_MESSAGE_LENGTH, PROTO_ICMPV6));
}

/** fe80::/10 */
@inline export function isLinkLocal(address: usize): bool {
  return ld8(address) == 0xfe && (ld8(address + 1) & 0xc0) == 0x80;
}

/**
 * Whether a sender's address (in the packet) is on the link the message came in on: link-local,
 * or routed through an adjacency on that interface (a connected prefix or a neighbour), as VPP
 * checks before it learns or answers.
 */
export function onLink(address: usize, rxIf: u32): bool {
  if (isLinkLocal(address)) return true;
  if ((ld64(address) | ld64(address + 8)) == 0) return false; // the unspecified address names no sender
  const dpo = fibLookup(address, interfaceFib(rxIf));
  return dpo >>> DPO_TYPE_SHIFT == DPO_ADJACENCY && adjacencyTxInterface(adjacency(dpo & DPO_INDEX_MASK)) == rxIf;
}
