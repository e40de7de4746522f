// Neighbours being resolved (nd.layout.ts): the pending table, the packets held for each, the
// solicitations the engine sends (built from nothing, into a descriptor of the vector), the timers
// that repeat and give up on them, and the events the host reads after every vector.
import {
  DESCRIPTOR_COUNT,
  DESC_BUFFER,
  DESC_DPO_INDEX,
  DESC_FLAGS,
  DESC_FLAG_ETHERNET,
  DESC_FLAG_IP6,
  DESC_FLAG_LOCALLY_ORIGINATED,
  DESC_L3,
  DESC_L4,
  DESC_L4_PROTO,
  DESC_LINK_TYPE,
  DESC_RX_IF,
  DESC_TS_NSEC,
  DESC_TS_SEC,
  DESC_TX_IF,
} from "../engine/descriptor.layout";
import { PARK_MARK_NONE, PARK_NEVER, PARK_SLOT_DATA } from "../engine/park.layout";
import { parkDiscard, parkedPacket, parkRelease } from "../engine/park";
import { allocate } from "../engine/memory";
import { countError, countErrorBy, desc, packetStart, resetDescriptor } from "../engine/vector";
import { emitNdMessage, ND_MESSAGE_LENGTH } from "./message";
import { copyIntoPacket, ld8, ld32, st8, st16, st32 } from "../engine/bytes";
import { countInterfaceDrop } from "../engine/interfaces";
import { adjacency, adjacencyTxInterface, interfaceMacAddress, interfaceSourceAddress } from "../fib/fib";
import { ETHERNET_DST, ETHERNET_HEADER_LENGTH, ETHERNET_SRC, ETHERNET_TYPE, ETHERTYPE_IPV6, MAC_LENGTH } from "../wire/ethernet.layout";
import { ICMPV6_ND_OPT_SOURCE_LL, ICMPV6_NEIGHBOR_SOLICITATION } from "../wire/icmpv6.layout";
import { IPV6_DST, IPV6_HEADER_LENGTH, IPV6_SRC, PROTO_ICMPV6 } from "../wire/ipv6.layout";
import { LINKTYPE_ETHERNET } from "../wire/link-types.layout";
import {
  ERR_DISCOVER_EVENTS_LOST,
  ERR_DISCOVER_FAILED,
  ERR_DISCOVER_NS_SENT,
  ERR_DISCOVER_PROBES_SENT,
  ERR_DISCOVER_RELEASED,
  NODE_INTERFACE_OUTPUT,
  NODE_IP6_REWRITE,
} from "../graph/graph.layout";
import {
  ND_EVENTS_MAX,
  ND_EVENT_ADDRESS,
  ND_EVENT_FAILED,
  ND_EVENT_FLAGS,
  ND_EVENT_INTERFACE,
  ND_EVENT_KIND,
  ND_EVENT_MAC,
  ND_EVENT_PROBE_FAILED,
  ND_EVENT_SIZE,
  ND_HOLD_MAX,
  ND_MAX_SOLICIT,
  ND_PENDING_MAX,
  ND_P_ADDRESS,
  ND_P_HELD,
  ND_P_INTERFACE,
  ND_P_MAC,
  ND_P_NEXT_DUE,
  ND_P_SENT,
  ND_P_SIZE,
  ND_P_SLOTS,
  ND_P_STATE,
  ND_RETRANS_NS,
  ND_ROOT_EVENTS,
  ND_ROOT_EVENT_COUNT,
  ND_ROOT_HOST_ADDRESS,
  ND_ROOT_HOST_MAC,
  ND_ROOT_PENDING,
  ND_ROOT_SIZE,
  ND_STATE_FREE,
  ND_STATE_INCOMPLETE,
  ND_STATE_PROBE,
} from "./nd.layout";

export const ndRoot: usize = allocate(ND_ROOT_SIZE);
const events: usize = allocate(<usize>ND_EVENTS_MAX * ND_EVENT_SIZE);
const pending: usize = allocate(<usize>ND_PENDING_MAX * ND_P_SIZE);
// An address read out of a packet once (bounds-checked), then compared and copied freely.
export const ndScratchAddress: usize = allocate(16);
export const ndScratchMac: usize = allocate(8);
store<u32>(ndRoot, <u32>events, ND_ROOT_EVENTS);
store<u32>(ndRoot, <u32>pending, ND_ROOT_PENDING);

// A solicitation: Ethernet, IPv6, the 24-octet message and one 8-octet link-layer address option.
const NS_FRAME_LENGTH: u32 = ETHERNET_HEADER_LENGTH + IPV6_HEADER_LENGTH + ND_MESSAGE_LENGTH;

export function ndRootAddress(): usize {
  return ndRoot;
}

// ---- addresses ----

/** Copies the 16-octet address at `from` in the current packet into the scratch (bounds-checked reads). */
export function readPacketAddress(from: usize): usize {
  for (let k: usize = 0; k < 16; k += 4) store<u32>(ndScratchAddress + k, bswap<u32>(ld32(from + k)));
  return ndScratchAddress;
}

/** Copies the 6-octet MAC at `from` in the current packet into the scratch (bounds-checked reads). */
export function readPacketMac(from: usize): usize {
  for (let k: usize = 0; k < <usize>MAC_LENGTH; k++) store<u8>(ndScratchMac + k, <u8>ld8(from + k));
  return ndScratchMac;
}

@inline function sameAddress(a: usize, b: usize): bool {
  return load<u64>(a) == load<u64>(b) && load<u64>(a, 8) == load<u64>(b, 8);
}

@inline function isZero(a: usize): bool {
  return (load<u64>(a) | load<u64>(a, 8)) == 0;
}

// ---- events ----

export function resetNdEvents(): void {
  store<u32>(ndRoot, 0, ND_ROOT_EVENT_COUNT);
}

/** Reports to the host; `mac` (0: none) and `address` are in engine memory (not the packet). */
export function emitNdEvent(kind: u32, flags: u32, iface: u32, mac: usize, address: usize): void {
  const count = load<u32>(ndRoot, ND_ROOT_EVENT_COUNT);
  if (count >= <u32>ND_EVENTS_MAX) {
    countError(ERR_DISCOVER_EVENTS_LOST);
    return;
  }
  store<u32>(ndRoot, count + 1, ND_ROOT_EVENT_COUNT);
  const e = events + <usize>count * ND_EVENT_SIZE;
  memory.fill(e, 0, ND_EVENT_SIZE);
  store<u8>(e, <u8>kind, ND_EVENT_KIND);
  store<u8>(e, <u8>flags, ND_EVENT_FLAGS);
  store<u16>(e, <u16>iface, ND_EVENT_INTERFACE);
  if (mac) memory.copy(e + ND_EVENT_MAC, mac, MAC_LENGTH);
  memory.copy(e + ND_EVENT_ADDRESS, address, 16);
}

// ---- the pending table ----

@inline function entryAt(k: i32): usize {
  return pending + <usize>k * ND_P_SIZE;
}

/** The pending entry for (interface, address in engine memory), or 0. */
export function findPending(iface: u32, address: usize): usize {
  for (let k = 0; k < ND_PENDING_MAX; k++) {
    const e = entryAt(k);
    if (load<u8>(e, ND_P_STATE) != ND_STATE_FREE && <u32>load<u16>(e, ND_P_INTERFACE) == iface && sameAddress(e + ND_P_ADDRESS, address)) return e;
  }
  return 0;
}

// False only while no entry can be in use: ndTimers runs every vector, and without this a vector
// of one packet paid a walk of all ND_PENDING_MAX entries. Set by the one place that takes an
// entry (newPending); cleared by a walk that found every entry free.
let anyPending = false;

/** A free entry set up for (interface, address), or 0 when the table is full. */
export function newPending(state: u32, iface: u32, address: usize): usize {
  for (let k = 0; k < ND_PENDING_MAX; k++) {
    const e = entryAt(k);
    if (load<u8>(e, ND_P_STATE) != ND_STATE_FREE) continue;
    memory.fill(e, 0, ND_P_SIZE);
    store<u8>(e, <u8>state, ND_P_STATE);
    anyPending = true;
    store<u16>(e, <u16>iface, ND_P_INTERFACE);
    memory.copy(e + ND_P_ADDRESS, address, 16);
    return e;
  }
  return 0;
}

/** Remembers a park slot holding a packet for the entry; false when it already holds ND_HOLD_MAX. */
export function holdOn(e: usize, slot: i32): bool {
  const held = <i32>load<u8>(e, ND_P_HELD);
  if (held >= ND_HOLD_MAX) return false;
  store<u16>(e + ND_P_SLOTS + (<usize>held << 1), <u16>slot);
  store<u8>(e, <u8>(held + 1), ND_P_HELD);
  return true;
}

@inline export function canHold(e: usize): bool {
  return <i32>load<u8>(e, ND_P_HELD) < ND_HOLD_MAX;
}

/** Pending resolutions and probes in progress. */
export function ndPendingCount(): i32 {
  let n = 0;
  for (let k = 0; k < ND_PENDING_MAX; k++) if (load<u8>(entryAt(k), ND_P_STATE) != ND_STATE_FREE) n++;
  return n;
}

/** When the next solicitation is due (or a resolution gives up): PARK_NEVER when nothing is pending. */
export function ndNextDue(): u64 {
  let due: u64 = PARK_NEVER;
  if (!anyPending) return due;
  for (let k = 0; k < ND_PENDING_MAX; k++) {
    const e = entryAt(k);
    if (load<u8>(e, ND_P_STATE) == ND_STATE_FREE) continue;
    const t = load<u64>(e, ND_P_NEXT_DUE);
    if (t < due) due = t;
  }
  return due;
}

// ---- solicitations ----

/**
 * Writes a neighbour solicitation for the entry's address from interface `iface` into descriptor
 * d's own buffer and sets d up to leave by that interface: to the solicited-node multicast address
 * (RFC 4861 §7.2.2), or unicast to `unicastMac` (non-zero) when probing a known neighbour. Returns
 * false, writing nothing, when the interface has no IPv6 address to send it from.
 */
export function writeSolicitation(d: usize, iface: u32, target: usize, unicastMac: usize, now: u64): bool {
  const source = interfaceSourceAddress(iface);
  const mac = interfaceMacAddress(iface);
  if (!source || !mac) return false;
  // The descriptor describes the solicitation alone.
  resetDescriptor(d, load<u32>(d, DESC_BUFFER), NS_FRAME_LENGTH, NODE_INTERFACE_OUTPUT);
  store<u16>(d, <u16>iface, DESC_TX_IF);
  store<u16>(d, <u16>ETHERNET_HEADER_LENGTH, DESC_L3);
  store<u16>(d, <u16>(ETHERNET_HEADER_LENGTH + IPV6_HEADER_LENGTH), DESC_L4);
  store<u8>(d, PROTO_ICMPV6, DESC_L4_PROTO);
  store<u8>(d, <u8>(DESC_FLAG_ETHERNET | DESC_FLAG_IP6 | DESC_FLAG_LOCALLY_ORIGINATED), DESC_FLAGS);
  store<u16>(d, <u16>LINKTYPE_ETHERNET, DESC_LINK_TYPE);
  store<u32>(d, <u32>(now / 1_000_000_000), DESC_TS_SEC);
  store<u32>(d, <u32>(now % 1_000_000_000), DESC_TS_NSEC);
  const frame = packetStart(d);
  const ip = frame + ETHERNET_HEADER_LENGTH;
  // Ethernet: 33:33 and the low 32 bits of the IPv6 destination for multicast (RFC 2464 §7).
  if (unicastMac) {
    copyIntoPacket(frame + ETHERNET_DST, unicastMac, MAC_LENGTH);
  } else {
    st16(frame + ETHERNET_DST, 0x3333);
    st8(frame + ETHERNET_DST + 2, 0xff);
    copyIntoPacket(frame + ETHERNET_DST + 3, target + 13, 3);
  }
  copyIntoPacket(frame + ETHERNET_SRC, mac, MAC_LENGTH);
  st16(frame + ETHERNET_TYPE, ETHERTYPE_IPV6);
  copyIntoPacket(ip + IPV6_SRC, source, 16);
  if (unicastMac) {
    copyIntoPacket(ip + IPV6_DST, target, 16);
  } else {
    // ff02::1:ffXX:XXXX, the low 24 bits of the target (RFC 4291 §2.7.1)
    st32(ip + IPV6_DST, 0xff020000);
    st32(ip + IPV6_DST + 4, 0);
    st32(ip + IPV6_DST + 8, 1);
    st8(ip + IPV6_DST + 12, 0xff);
    copyIntoPacket(ip + IPV6_DST + 13, target + 13, 3);
  }
  emitNdMessage(ip, ICMPV6_NEIGHBOR_SOLICITATION, 0, target, ICMPV6_ND_OPT_SOURCE_LL, mac);
  return true;
}

/** Records that the entry just sent a solicitation. */
export function solicited(e: usize, now: u64): void {
  store<u8>(e, <u8>(<u32>load<u8>(e, ND_P_SENT) + 1), ND_P_SENT);
  store<u64>(e, now + <u64>ND_RETRANS_NS, ND_P_NEXT_DUE);
}

// ---- timers ----

/** Drops the entry's held packets (counted against the interfaces they came in on) and frees it. */
function giveUp(e: usize): void {
  const held = <i32>load<u8>(e, ND_P_HELD);
  for (let k = 0; k < held; k++) {
    const slot = <i32>load<u16>(e + ND_P_SLOTS + (<usize>k << 1));
    const parked = parkedPacket(slot);
    if (parked) countInterfaceDrop(<u32>load<u16>(parked - PARK_SLOT_DATA, DESC_RX_IF));
    if (parkDiscard(slot)) countError(ERR_DISCOVER_FAILED);
  }
  const probing = load<u8>(e, ND_P_STATE) == ND_STATE_PROBE;
  emitNdEvent(probing ? ND_EVENT_PROBE_FAILED : ND_EVENT_FAILED, 0, <u32>load<u16>(e, ND_P_INTERFACE), probing ? e + ND_P_MAC : 0, e + ND_P_ADDRESS);
  store<u8>(e, ND_STATE_FREE, ND_P_STATE);
}

/**
 * Runs the resolutions that are due by `now`: each sends its next solicitation into descriptor
 * `first` + k (entering interface-output), or after ND_MAX_SOLICIT unanswered ones gives up.
 * Returns how many descriptors it filled; what does not fit waits for the next vector.
 */
export function ndTimers(first: i32, now: u64): i32 {
  if (!anyPending) return 0;
  let n = 0;
  let inUse = false;
  for (let k = 0; k < ND_PENDING_MAX; k++) {
    const e = entryAt(k);
    const state = <u32>load<u8>(e, ND_P_STATE);
    if (state == ND_STATE_FREE) continue;
    if (load<u64>(e, ND_P_NEXT_DUE) > now) {
      inUse = true;
      continue;
    }
    if (<i32>load<u8>(e, ND_P_SENT) >= ND_MAX_SOLICIT) {
      giveUp(e); // the entry is free again
      continue;
    }
    inUse = true;
    // What does not fit waits for the next vector (anyPending stays set).
    if (first + n >= DESCRIPTOR_COUNT) return n;
    const j = first + n;
    const d = desc(j);
    store<u32>(d, <u32>j, DESC_BUFFER);
    const iface = <u32>load<u16>(e, ND_P_INTERFACE);
    const probing = state == ND_STATE_PROBE;
    if (!writeSolicitation(d, iface, e + ND_P_ADDRESS, probing ? e + ND_P_MAC : 0, now)) {
      // The interface lost its address: nothing can be sent from it.
      store<u8>(e, <u8>ND_MAX_SOLICIT, ND_P_SENT);
      continue;
    }
    countError(probing ? ERR_DISCOVER_PROBES_SENT : ERR_DISCOVER_NS_SENT);
    solicited(e, now);
    n++;
  }
  anyPending = inUse;
  return n;
}

// ---- what the host asks ----

/**
 * The neighbour in ND_ROOT_HOST_ADDRESS on `iface` is now known and adjacency `adjacencyIndex`
 * complete: its held packets re-enter the next vector at ip6-rewrite through that adjacency, and
 * its resolution or probe ends. Returns how many packets were released.
 */
export function ndResolved(iface: u32, adjacencyIndex: u32): i32 {
  const e = findPending(iface, ndRoot + ND_ROOT_HOST_ADDRESS);
  if (!e) return 0;
  const txIf = adjacencyTxInterface(adjacency(adjacencyIndex));
  const held = <i32>load<u8>(e, ND_P_HELD);
  let released = 0;
  for (let k = 0; k < held; k++) {
    const slot = <i32>load<u16>(e + ND_P_SLOTS + (<usize>k << 1));
    const parked = parkedPacket(slot);
    if (!parked) continue;
    const d = parked - PARK_SLOT_DATA;
    store<u32>(d, adjacencyIndex, DESC_DPO_INDEX);
    store<u16>(d, <u16>txIf, DESC_TX_IF);
    if (parkRelease(slot, NODE_IP6_REWRITE, PARK_MARK_NONE, 0)) released++;
  }
  countErrorBy(ERR_DISCOVER_RELEASED, <u64>released);
  store<u8>(e, ND_STATE_FREE, ND_P_STATE);
  return released;
}

/**
 * Starts probing the known neighbour in ND_ROOT_HOST_ADDRESS (MAC in ND_ROOT_HOST_MAC) on `iface`
 * with unicast solicitations, from the next vector on (RFC 4861 §7.3.3's PROBE state). False when it
 * is already being resolved or probed, or the table is full.
 */
export function ndProbe(iface: u32): bool {
  const address = ndRoot + ND_ROOT_HOST_ADDRESS;
  if (isZero(address) || findPending(iface, address)) return false;
  const e = newPending(ND_STATE_PROBE, iface, address);
  if (!e) return false;
  memory.copy(e + ND_P_MAC, ndRoot + ND_ROOT_HOST_MAC, MAC_LENGTH);
  store<u64>(e, 0, ND_P_NEXT_DUE);
  return true;
}

/** Turns a probe into a resolution (the host forgot the neighbour while it was probed). */
export function becomeIncomplete(e: usize): void {
  store<u8>(e, ND_STATE_INCOMPLETE, ND_P_STATE);
  store<u8>(e, 0, ND_P_SENT);
}

@inline export function pendingState(e: usize): u32 {
  return <u32>load<u8>(e, ND_P_STATE);
}

@inline export function pendingSent(e: usize): u32 {
  return <u32>load<u8>(e, ND_P_SENT);
}
