// Descriptor access, per-node frames and the transmit list of the current vector.
import {
  BUFFER_HEADROOM,
  BUFFER_SIZE,
  DESC_BUFFER,
  DESC_DATA_OFFSET,
  DESC_ERROR,
  DESC_FLAGS,
  DESC_LENGTH,
  DESC_NEXT_NODE,
  DESC_ORIGIN,
  DESC_SIZE,
  DESCRIPTOR_COUNT,
} from "./descriptor.layout";
import { ERR_NONE, NODE_ERROR_DROP } from "../graph/graph.layout";
import {
  buffersBase,
  descriptorsBase,
  errorCountersBase,
  frameCountsBase,
  framesBase,
  txListBase,
  txSortCountsBase,
  txSortListBase,
  txSortMarksBase,
} from "./memory";
import { openWindow } from "./bytes";
import { clearListed } from "./tx-queue";

export let txCount: i32 = 0;
// Whether the transmit list took descriptors in ascending index order (without replicas, that is
// receive order, and sortTx has nothing to do), and the highest index it took.
let txAscending = true;
let txHighest: i32 = -1;

@inline export function desc(i: i32): usize {
  return descriptorsBase + <usize>i * DESC_SIZE;
}

@inline export function bufferStart(d: usize): usize {
  return buffersBase + <usize>load<u32>(d, DESC_BUFFER) * BUFFER_SIZE;
}

/** Address of the packet's first octet. */
@inline export function packetStart(d: usize): usize {
  return bufferStart(d) + <usize>load<u16>(d, DESC_DATA_OFFSET);
}

@inline export function packetLength(d: usize): i32 {
  return <i32>load<u16>(d, DESC_LENGTH);
}

/**
 * Makes descriptor `d` describe a new packet of `length` octets at the headroom of buffer `buffer`,
 * entering `node` next; every other field is 0 (the caller adds interfaces, times, link type), and
 * the packet's window is open.
 */
@inline export function resetDescriptor(d: usize, buffer: u32, length: u32, node: i32): void {
  memory.fill(d, 0, DESC_SIZE);
  store<u32>(d, buffer, DESC_BUFFER);
  store<u16>(d, <u16>BUFFER_HEADROOM, DESC_DATA_OFFSET);
  store<u16>(d, <u16>length, DESC_LENGTH);
  store<u16>(d, <u16>node, DESC_NEXT_NODE);
  enterPacket(d);
}

/** Sets the bounds-check window (debug builds) to this packet. */
@inline export function enterPacket(d: usize): void {
  if (BOUNDS_CHECK) {
    const start = packetStart(d);
    const buf = bufferStart(d);
    openWindow(start, start + <usize>packetLength(d), buf, buf + BUFFER_SIZE);
  }
}

/** The descriptor index in slot `k` of a node's frame. */
@inline export function frameSlot(frame: usize, k: i32): i32 {
  return <i32>load<u16>(frame + (<usize>k << 1));
}

/** Descriptor `i`, with the bounds-check window on its packet: a node's first step on each packet. */
@inline export function enterDescriptor(i: i32): usize {
  const d = desc(i);
  enterPacket(d);
  return d;
}

@inline export function frameAddress(node: i32): usize {
  return framesBase + <usize>node * DESCRIPTOR_COUNT * 2;
}

@inline export function frameCount(node: i32): i32 {
  return load<i32>(frameCountsBase + (<usize>node << 2));
}

@inline export function setFrameCount(node: i32, n: i32): void {
  store<i32>(frameCountsBase + (<usize>node << 2), n);
}

@inline export function enqueue(node: i32, i: i32): void {
  const n = frameCount(node);
  store<u16>(frameAddress(node) + (<usize>n << 1), <u16>i);
  setFrameCount(node, n + 1);
}

/** Hands descriptor i to `node` as its next step. */
@inline export function sendTo(i: i32, d: usize, node: i32): void {
  store<u16>(d, <u16>node, DESC_NEXT_NODE);
  enqueue(node, i);
}

@inline export function countError(err: i32): void {
  const p = errorCountersBase + (<usize>err << 3);
  store<u64>(p, load<u64>(p) + 1);
}

@inline export function countErrorBy(err: i32, n: u64): void {
  const p = errorCountersBase + (<usize>err << 3);
  store<u64>(p, load<u64>(p) + n);
}

/**
 * Takes back one count of `err`: a node that counts its whole frame under its usual reason up front
 * (one add a frame instead of one a packet) takes it back for each packet that goes another way.
 */
@inline export function uncountError(err: i32): void {
  const p = errorCountersBase + (<usize>err << 3);
  store<u64>(p, load<u64>(p) - 1);
}

/** Records why a packet takes the path it takes and counts it. */
@inline export function markError(d: usize, err: i32): void {
  store<u16>(d, <u16>err, DESC_ERROR);
  countError(err);
}

/** Sends packet `i` to error-drop, counted under `reason`. */
@inline export function dropPacket(i: i32, d: usize, reason: i32): void {
  markError(d, reason);
  sendTo(i, d, NODE_ERROR_DROP);
}

/** Where the transmit list's entry `k` is. */
@inline export function txSlot(k: i32): usize {
  return txListBase + (<usize>k << 1);
}

/** The highest descriptor index in the transmit list (-1 when empty). */
@inline export function txListHighest(): i32 {
  return txHighest;
}

/** An entry just appended to the transmit list is below its highest index. */
@inline export function noteTxDescending(): void {
  txAscending = false;
}

/**
 * interface-output appended entries [txCount, count) to the transmit list (txSlot), keeping its
 * highest index in a local as it went (an entry below it called noteTxDescending): the list's
 * state is stored once per frame, not once per packet.
 */
@inline export function commitTx(count: i32, highest: i32): void {
  txCount = count;
  txHighest = highest;
}

export function resetTx(): void {
  txCount = 0;
  txAscending = true;
  txHighest = -1;
  clearListed();
}

/** The received packet descriptor i stands for: itself, or for a replica the packet it copies. */
@inline function receiveSlot(i: u32): u32 {
  const origin = <u32>load<u16>(desc(<i32>i), DESC_ORIGIN);
  return origin ? origin - 1 : i;
}

/** Whether the transmit list is in receive order already, replicas right after what they copy. */
function inReceiveOrder(): bool {
  let previous: u32 = 0;
  for (let k = 0; k < txCount; k++) {
    const i = <u32>load<u16>(txListBase + (<usize>k << 1));
    const key = (receiveSlot(i) << 16) | i;
    if (key < previous) return false;
    previous = key;
  }
  return true;
}

/**
 * Puts the transmit list back in receive order (a replica right after the packet it copies, in
 * creation order): packets that took different paths through the graph leave their nodes in
 * different rounds, but a capture's timestamps must stay monotonic. Two counting passes, linear
 * in the vector: descriptors in index order, then a stable pass by receive slot.
 */
export function sortTx(replicasMade: bool): void {
  if (txCount < 2) return;
  // Without replicas a descriptor's receive order is its index: the list is in order exactly when
  // it was built ascending. A replica's place is by the packet it copies: one pass over the keys
  // then tells whether the two sorting passes are needed.
  if (!replicasMade) {
    if (txAscending) return;
  } else if (inReceiveOrder()) return;
  const highest = <u32>txHighest;
  const span = <usize>highest + 1;
  memory.fill(txSortMarksBase, 0, span);
  for (let k = 0; k < txCount; k++) store<u8>(txSortMarksBase + <usize>load<u16>(txListBase + (<usize>k << 1)), 1);
  let n = 0;
  for (let i: u32 = 0; i <= highest; i++) {
    if (load<u8>(txSortMarksBase + <usize>i)) {
      store<u16>(txSortListBase + (<usize>n << 1), <u16>i);
      n++;
    }
  }
  // Receive slots are never above the highest descriptor index.
  memory.fill(txSortCountsBase, 0, (span + 1) << 2);
  for (let k = 0; k < n; k++) {
    const slot = receiveSlot(<u32>load<u16>(txSortListBase + (<usize>k << 1)));
    const at = txSortCountsBase + ((<usize>slot + 1) << 2);
    store<u32>(at, load<u32>(at) + 1);
  }
  for (let s: usize = 1; s <= span; s++) {
    const at = txSortCountsBase + (s << 2);
    store<u32>(at, load<u32>(at) + load<u32>(at - 4));
  }
  for (let k = 0; k < n; k++) {
    const i = load<u16>(txSortListBase + (<usize>k << 1));
    const at = txSortCountsBase + (<usize>receiveSlot(<u32>i) << 2);
    const position = load<u32>(at);
    store<u32>(at, position + 1);
    store<u16>(txListBase + (<usize>position << 1), i);
  }
}

@inline export function clearError(d: usize): void {
  store<u16>(d, <u16>ERR_NONE, DESC_ERROR);
}

@inline export function flags(d: usize): u32 {
  return <u32>load<u8>(d, DESC_FLAGS);
}
