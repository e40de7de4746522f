// Descriptor access, per-node frames and the transmit list of the current vector.
import {
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
import { ERR_NONE } from "../graph/graph.layout";
import { buffersBase, descriptorsBase, errorCountersBase, frameCountsBase, framesBase, txListBase } from "./memory";
import { openWindow } from "./bytes";

export let txCount: i32 = 0;

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

/** Sets the bounds-check window (debug builds) to this packet. */
@inline export function enterPacket(d: usize): void {
  if (BOUNDS_CHECK) {
    const start = packetStart(d);
    const buf = bufferStart(d);
    openWindow(start, start + <usize>packetLength(d), buf, buf + BUFFER_SIZE);
  }
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

/** Records why a packet takes the path it takes and counts it. */
@inline export function markError(d: usize, err: i32): void {
  store<u16>(d, <u16>err, DESC_ERROR);
  countError(err);
}

@inline export function addTx(i: i32): void {
  store<u16>(txListBase + (<usize>txCount << 1), <u16>i);
  txCount++;
}

export function resetTx(): void {
  txCount = 0;
}

/** Receive order of descriptor i: a replica (DESC_ORIGIN) sorts right after the packet it copies. */
@inline function txOrder(i: u32): u32 {
  const origin = <u32>load<u16>(desc(<i32>i), DESC_ORIGIN);
  return ((origin ? origin - 1 : i) << 16) | i;
}

/**
 * Puts the transmit list back in receive order: packets that took different paths through the
 * graph leave their nodes in different rounds, but a capture's timestamps must stay monotonic.
 * The list is nearly sorted already, so insertion sort is linear in practice.
 */
export function sortTx(): void {
  for (let k = 1; k < txCount; k++) {
    const v = load<u16>(txListBase + (<usize>k << 1));
    const order = txOrder(v);
    let j = k - 1;
    while (j >= 0 && txOrder(load<u16>(txListBase + (<usize>j << 1))) > order) {
      store<u16>(txListBase + (<usize>(j + 1) << 1), load<u16>(txListBase + (<usize>j << 1)));
      j--;
    }
    store<u16>(txListBase + (<usize>(j + 1) << 1), v);
  }
}

@inline export function clearError(d: usize): void {
  store<u16>(d, <u16>ERR_NONE, DESC_ERROR);
}

@inline export function flags(d: usize): u32 {
  return <u32>load<u8>(d, DESC_FLAGS);
}
