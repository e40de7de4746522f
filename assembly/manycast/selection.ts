// The M-Anycast server's state in Wasm memory: the root block the host configures, selection
// entries (one per intercepted SYN, found again through the index the SYN carried in its E2E-cache
// option and checked against the response's addresses, ports and acknowledgement number), the event
// ring the host drains after every vector, the decisions it hands back, and the server table.
import {
  ENTRY_ACK,
  ENTRY_ANYCAST,
  ENTRY_ANYCAST_PORT,
  ENTRY_CLIENT,
  ENTRY_CLIENT_PORT,
  ENTRY_CREATED_NS,
  ENTRY_EXPECTED,
  ENTRY_FREE,
  ENTRY_HELD,
  ENTRY_NEXT_FREE,
  ENTRY_NONE,
  ENTRY_RESPONSES,
  ENTRY_SIZE,
  ENTRY_SLOTS,
  ENTRY_SLOTS_MAX,
  ENTRY_STATE,
  ENTRY_WINNER,
  ENTRY_COLLECTING,
  ENTRY_DECIDED,
  EVENTS_MAX,
  EVENT_ENTRY,
  EVENT_EXPECTED,
  EVENT_KIND,
  EVENT_SERVER,
  EVENT_SIZE,
  EVENT_SLOT,
  EVENT_TIME_NS,
  DECISIONS_MAX,
  DECISION_CHOOSE,
  DECISION_ENTRY,
  DECISION_FORGET,
  DECISION_KIND,
  DECISION_RELEASE,
  DECISION_SIZE,
  DECISION_SLOT,
  MC_DECISIONS,
  MC_DECISION_COUNT,
  MC_ENTRIES,
  MC_ENTRIES_IN_USE,
  MC_ENTRY_CAPACITY,
  MC_ENTRY_FREE_HEAD,
  MC_EVENTS,
  MC_EVENT_COUNT,
  MC_ROOT_SIZE,
  MC_SERVERS,
  MC_SERVERS_MAX,
  MC_SERVER_COUNT,
  SERVER_LIST,
  SERVER_RECORD_SIZE,
} from "./manycast.layout";
import { LIST_FIRST_SEGMENT, LIST_SRH, LIST_SRH_LENGTH } from "../srv6/sr.layout";
import { ROUTING_LENGTH, ROUTING_SEGMENTS_LEFT, ROUTING_TYPE, ROUTING_TYPE_SRH, SRH_LAST_ENTRY, SRH_SEGMENT_LENGTH, SRH_SEGMENT_LIST, SRH_FIXED_LENGTH } from "../wire/srh.layout";
import { EXT_LENGTH_UNIT, IPV6_ADDRESS_LENGTH } from "../wire/ipv6.layout";
import { PARK_MARK_LOSER, PARK_MARK_WINNER } from "../engine/park.layout";
import { parkRelease } from "../engine/park";
import { allocate } from "../engine/memory";
import { copyFromPacket, openWindow } from "../engine/bytes";
import { NODE_IP6_IOAM_TUNNEL_SELECT } from "../graph/graph.layout";
import { forgetChoice } from "./affinity";

export const manycastRoot: usize = allocate(MC_ROOT_SIZE);
const events: usize = allocate(<usize>EVENTS_MAX * EVENT_SIZE);
const decisions: usize = allocate(<usize>DECISIONS_MAX * DECISION_SIZE);
store<u32>(manycastRoot, <u32>events, MC_EVENTS);
store<u32>(manycastRoot, <u32>decisions, MC_DECISIONS);

export function manycastRootAddress(): usize {
  return manycastRoot;
}

@inline export function entryAddress(index: u32): usize {
  return <usize>load<u32>(manycastRoot, MC_ENTRIES) + <usize>index * ENTRY_SIZE;
}

/** Equal 16-octet addresses (configuration or parked memory, not bounds-checked packet reads). */
@inline export function sameAddress(a: usize, b: usize): bool {
  return load<u64>(a) == load<u64>(b) && load<u64>(a, 8) == load<u64>(b, 8);
}

// ---- events ----

@inline function nextEvent(kind: u32, entry: u32, now: u64): usize {
  const count = load<u32>(manycastRoot, MC_EVENT_COUNT);
  if (count >= <u32>EVENTS_MAX) return 0; // the host reads per vector; a vector never makes this many
  store<u32>(manycastRoot, count + 1, MC_EVENT_COUNT);
  const e = events + <usize>count * EVENT_SIZE;
  memory.fill(e, 0, EVENT_SIZE);
  store<u8>(e, <u8>kind, EVENT_KIND);
  store<u32>(e, entry, EVENT_ENTRY);
  store<u64>(e, now, EVENT_TIME_NS);
  return e;
}

export function emitEvent(kind: u32, entry: u32, now: u64, expected: u32, slot: u32, server: u32): usize {
  const e = nextEvent(kind, entry, now);
  if (!e) return 0;
  store<u8>(e, <u8>expected, EVENT_EXPECTED);
  store<u16>(e, <u16>slot, EVENT_SLOT);
  store<u32>(e, server, EVENT_SERVER);
  return e;
}

/** Starts a vector's events. */
export function resetEvents(): void {
  store<u32>(manycastRoot, 0, MC_EVENT_COUNT);
}

// ---- entries ----

/** Prepares `capacity` entries at the address the host carved (MC_ENTRIES): all free. */
export function selectionEntriesInit(): void {
  const capacity = load<u32>(manycastRoot, MC_ENTRY_CAPACITY);
  for (let k: u32 = 0; k < capacity; k++) {
    const e = entryAddress(k);
    memory.fill(e, 0, ENTRY_SIZE);
    store<u32>(e, k + 2 <= capacity ? k + 2 : 0, ENTRY_NEXT_FREE);
  }
  store<u32>(manycastRoot, capacity ? 1 : 0, MC_ENTRY_FREE_HEAD);
  store<u32>(manycastRoot, 0, MC_ENTRIES_IN_USE);
}

/** Takes a free entry for a SYN (addresses in packet memory); ENTRY_NONE when the pool is empty. */
export function createEntry(client: usize, anycast: usize, clientPort: u32, anycastPort: u32, ack: u32, expected: u32, now: u64): u32 {
  const head = load<u32>(manycastRoot, MC_ENTRY_FREE_HEAD);
  if (head == 0) return ENTRY_NONE;
  const index = head - 1;
  const e = entryAddress(index);
  store<u32>(manycastRoot, load<u32>(e, ENTRY_NEXT_FREE), MC_ENTRY_FREE_HEAD);
  store<u32>(manycastRoot, load<u32>(manycastRoot, MC_ENTRIES_IN_USE) + 1, MC_ENTRIES_IN_USE);
  store<u8>(e, ENTRY_COLLECTING, ENTRY_STATE);
  store<u8>(e, <u8>expected, ENTRY_EXPECTED);
  store<u8>(e, 0, ENTRY_HELD);
  store<u8>(e, 0, ENTRY_RESPONSES);
  store<u16>(e, <u16>clientPort, ENTRY_CLIENT_PORT);
  store<u16>(e, <u16>anycastPort, ENTRY_ANYCAST_PORT);
  store<u32>(e, ack, ENTRY_ACK);
  store<u32>(e, 0xffffffff, ENTRY_WINNER);
  store<u64>(e, now, ENTRY_CREATED_NS);
  copyFromPacket(e + ENTRY_CLIENT, client, IPV6_ADDRESS_LENGTH);
  copyFromPacket(e + ENTRY_ANYCAST, anycast, IPV6_ADDRESS_LENGTH);
  return index;
}

function freeEntry(index: u32): void {
  const e = entryAddress(index);
  store<u8>(e, ENTRY_FREE, ENTRY_STATE);
  store<u32>(e, load<u32>(manycastRoot, MC_ENTRY_FREE_HEAD), ENTRY_NEXT_FREE);
  store<u32>(manycastRoot, index + 1, MC_ENTRY_FREE_HEAD);
  store<u32>(manycastRoot, load<u32>(manycastRoot, MC_ENTRIES_IN_USE) - 1, MC_ENTRIES_IN_USE);
}

/**
 * The live entry a response (its addresses copied to `src`/`dst`, not packet memory) answers, or 0.
 * VPP trusts the index from the packet; a forged or stale one here just fails to match.
 */
export function matchEntry(index: u32, src: usize, dst: usize, srcPort: u32, dstPort: u32, ack: u32): usize {
  if (index >= load<u32>(manycastRoot, MC_ENTRY_CAPACITY)) return 0;
  const e = entryAddress(index);
  if (load<u8>(e, ENTRY_STATE) == ENTRY_FREE) return 0;
  if (<u32>load<u16>(e, ENTRY_ANYCAST_PORT) != srcPort || <u32>load<u16>(e, ENTRY_CLIENT_PORT) != dstPort) return 0;
  if (load<u32>(e, ENTRY_ACK) != ack) return 0;
  return sameAddress(e + ENTRY_ANYCAST, src) && sameAddress(e + ENTRY_CLIENT, dst) ? e : 0;
}

/** Parks one more SYN-ACK slot on entry `e`; false when the entry holds all it can. */
export function holdOnEntry(e: usize, slot: i32): bool {
  const held = <u32>load<u8>(e, ENTRY_HELD);
  if (held >= <u32>ENTRY_SLOTS_MAX) return false;
  store<u16>(e + ENTRY_SLOTS + (<usize>held << 1), <u16>slot);
  store<u8>(e, <u8>(held + 1), ENTRY_HELD);
  return true;
}

@inline export function countResponse(e: usize): void {
  const r = <u32>load<u8>(e, ENTRY_RESPONSES);
  if (r < 255) store<u8>(e, <u8>(r + 1), ENTRY_RESPONSES);
}

/**
 * Sends every held SYN-ACK back through ip6-ioam-tunnel-select: `winner` to the client, the rest to be
 * reset. The winner is queued first, so it records its server before any loser is looked at: a
 * second copy of the winner's SYN-ACK (duplicated on the way) must not become an RST to that server.
 */
function releaseHeld(e: usize, index: u32, winner: i32): void {
  const held = <i32>load<u8>(e, ENTRY_HELD);
  for (let k = 0; k < held; k++) {
    const slot = <i32>load<u16>(e + ENTRY_SLOTS + (<usize>k << 1));
    if (slot == winner) parkRelease(slot, NODE_IP6_IOAM_TUNNEL_SELECT, PARK_MARK_WINNER, index);
  }
  for (let k = 0; k < held; k++) {
    const slot = <i32>load<u16>(e + ENTRY_SLOTS + (<usize>k << 1));
    if (slot != winner) parkRelease(slot, NODE_IP6_IOAM_TUNNEL_SELECT, PARK_MARK_LOSER, index);
  }
  store<u8>(e, 0, ENTRY_HELD);
}

/** True when the SYN-ACK from server `server` answers entry `index`, already decided for that same server. */
export function isWinnersServer(index: u32, server: i32): bool {
  if (server < 0 || index >= load<u32>(manycastRoot, MC_ENTRY_CAPACITY)) return false;
  const e = entryAddress(index);
  return load<u8>(e, ENTRY_STATE) == ENTRY_DECIDED && load<u32>(e, ENTRY_WINNER) == <u32>server;
}

/** Carries out the decisions the host queued since the last vector. */
export function applyDecisions(): void {
  const count = load<u32>(manycastRoot, MC_DECISION_COUNT);
  if (count == 0) return;
  const capacity = load<u32>(manycastRoot, MC_ENTRY_CAPACITY);
  for (let k: u32 = 0; k < count && k < <u32>DECISIONS_MAX; k++) {
    const r = decisions + <usize>k * DECISION_SIZE;
    const index = load<u32>(r, DECISION_ENTRY);
    if (index >= capacity) continue;
    const e = entryAddress(index);
    const state = load<u8>(e, ENTRY_STATE);
    const kind = <u32>load<u8>(r, DECISION_KIND);
    if (kind == DECISION_CHOOSE && state == ENTRY_COLLECTING) {
      releaseHeld(e, index, <i32>load<u16>(r, DECISION_SLOT));
      store<u8>(e, ENTRY_DECIDED, ENTRY_STATE);
    } else if ((kind == DECISION_RELEASE || kind == DECISION_FORGET) && state != ENTRY_FREE) {
      if (kind == DECISION_FORGET) {
        const ports = (<u32>load<u16>(e, ENTRY_CLIENT_PORT) << 16) | <u32>load<u16>(e, ENTRY_ANYCAST_PORT);
        // Between vectors, no packet's window: the flow table's checked loads read the entry's addresses.
        openWindow(e, e + ENTRY_SIZE, 0, 0);
        forgetChoice(e + ENTRY_CLIENT, e + ENTRY_ANYCAST, ports, <u32>load<u16>(r, DECISION_SLOT));
      }
      releaseHeld(e, index, -1);
      freeEntry(index);
    }
  }
  store<u32>(manycastRoot, 0, MC_DECISION_COUNT);
}

// ---- servers ----

@inline export function serverRecord(index: u32): usize {
  return manycastRoot + MC_SERVERS + <usize>index * SERVER_RECORD_SIZE;
}

/**
 * The index of the server whose SID is at `sid`, adding it with its H.Insert list record (SRH
 * [destination, SID], Segments Left 1) on first sight; -1 when the table is full. `sid` is engine
 * memory (the host's scratch, or the node's copy out of a packet): it is copied with memory.copy.
 */
export function internServer(sid: usize): i32 {
  const count = load<u32>(manycastRoot, MC_SERVER_COUNT);
  for (let k: u32 = 0; k < count; k++) {
    if (sameAddress(serverRecord(k) + SERVER_LIST + LIST_FIRST_SEGMENT, sid)) return <i32>k;
  }
  if (count >= <u32>MC_SERVERS_MAX) return -1;
  const list = serverRecord(count) + SERVER_LIST;
  const srhLength: u32 = SRH_FIXED_LENGTH + 2 * SRH_SEGMENT_LENGTH;
  memory.fill(list, 0, SERVER_RECORD_SIZE);
  store<u32>(list, srhLength, LIST_SRH_LENGTH);
  memory.copy(list + LIST_FIRST_SEGMENT, sid, IPV6_ADDRESS_LENGTH);
  const srh = list + LIST_SRH;
  store<u8>(srh, <u8>(srhLength / EXT_LENGTH_UNIT - 1), ROUTING_LENGTH);
  store<u8>(srh, ROUTING_TYPE_SRH, ROUTING_TYPE);
  store<u8>(srh, 1, ROUTING_SEGMENTS_LEFT);
  store<u8>(srh, 1, SRH_LAST_ENTRY);
  memory.copy(srh + SRH_SEGMENT_LIST + SRH_SEGMENT_LENGTH, sid, IPV6_ADDRESS_LENGTH);
  store<u32>(manycastRoot, count + 1, MC_SERVER_COUNT);
  return <i32>count;
}

/** Winner bookkeeping for late responses: the entry remembers which server it chose. */
@inline export function setWinner(e: usize, server: i32): void {
  store<u32>(e, <u32>server, ENTRY_WINNER);
}
