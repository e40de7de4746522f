// Packet replication (an SR spray policy copies a packet once per segment list): a copy gets a
// descriptor slot of its own from the slots the vector does not use, [n, DESCRIPTOR_COUNT) for a
// vector of n received packets, and the buffer of the same index. Slots are handed out in order
// and the pool starts over with every vector.
import {
  BUFFER_SIZE,
  DESCRIPTOR_COUNT,
  DESC_BUFFER,
  DESC_DATA_OFFSET,
  DESC_FLAGS,
  DESC_FLAG_CREATED,
  DESC_ORIGIN,
  DESC_SIZE,
} from "./descriptor.layout";
import { copyBytes, openWindow } from "./bytes";
import { bufferStart, desc, enterPacket, flags, packetLength, packetStart } from "./vector";

let nextFreeSlot: i32 = 0;
let firstReplicaSlot: i32 = 0;

/** Starts a vector of `received` packets: every slot from there on is free. */
export function resetReplicas(received: i32): void {
  nextFreeSlot = received;
  firstReplicaSlot = received;
}

/** Whether this vector made any replica. */
@inline export function replicasMade(): bool {
  return nextFreeSlot > firstReplicaSlot;
}

/** Slots still free in this vector. */
@inline export function freeReplicaSlots(): i32 {
  return DESCRIPTOR_COUNT - nextFreeSlot;
}

/**
 * Copies packet `i` (its descriptor and its octets, at the same offset in the new buffer) into the
 * next free slot and returns the copy's index, or -1 when every slot is taken. The copy remembers
 * which received packet it descends from (DESC_ORIGIN), so it is transmitted right after it.
 */
export function replicate(i: i32): i32 {
  if (nextFreeSlot >= DESCRIPTOR_COUNT) return -1;
  const j = nextFreeSlot++;
  const from = desc(i);
  const to = desc(j);
  memory.copy(to, from, DESC_SIZE);
  store<u32>(to, <u32>j, DESC_BUFFER);
  // A copy of a copy descends from the same received packet.
  if (!load<u16>(from, DESC_ORIGIN)) store<u16>(to, <u16>(i + 1), DESC_ORIGIN);
  store<u8>(to, <u8>(flags(from) | DESC_FLAG_CREATED), DESC_FLAGS);
  const source = packetStart(from);
  const length = <usize>packetLength(from);
  const target = bufferStart(to);
  openWindow(source, source + length, target, target + BUFFER_SIZE);
  copyBytes(target + <usize>load<u16>(from, DESC_DATA_OFFSET), source, length);
  enterPacket(from);
  return j;
}
