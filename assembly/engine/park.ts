// Park slots (park.layout.ts): a free stack, a min-heap of timed slots ordered by (release time,
// parking order) so equal delays keep their order, and a FIFO of slots queued for release.
// Nothing allocates after start-up; a full park is reported to the caller, which counts the drop.
import { copyFromPacket, copyIntoPacket } from "./bytes";
import {
  BUFFER_HEADROOM,
  BUFFER_SIZE,
  DESC_BUFFER,
  DESC_DATA_OFFSET,
  DESC_LENGTH,
  DESC_NEXT_NODE,
  DESC_ORIGIN,
  DESC_PARK_MARK,
  DESC_PARK_TAG,
  DESC_SIZE,
  DESC_TRACE,
  DESC_TS_NSEC,
  DESC_TS_SEC,
  DESCRIPTOR_COUNT,
} from "./descriptor.layout";
import {
  PARK_FREE,
  PARK_HELD,
  PARK_NEVER,
  PARK_PACKET_MAX,
  PARK_QUEUED,
  PARK_RELEASE_MAX,
  PARK_SLOTS,
  PARK_SLOT_DATA,
  PARK_TIMED,
} from "./park.layout";
import { allocate } from "./memory";
import { bufferStart, desc, packetLength, packetStart, enterPacket } from "./vector";

const PARK_SLOT_SIZE: usize = PARK_SLOT_DATA + PARK_PACKET_MAX;
// The layout file's literal must match the descriptor size it stands for.
assert(PARK_SLOT_DATA == DESC_SIZE);

const slots: usize = allocate(<usize>PARK_SLOTS * PARK_SLOT_SIZE);
// Per slot: state u8, mark u8, next node u16.
const meta: usize = allocate(<usize>PARK_SLOTS * 4);
const freeStack: usize = allocate(<usize>PARK_SLOTS * 2);
// Heap entries: release time u64, parking order u32, slot u32.
const HEAP_ENTRY = 16;
const heap: usize = allocate(<usize>PARK_SLOTS * HEAP_ENTRY);
const queue: usize = allocate(<usize>PARK_SLOTS * 2);

let freeCount: i32 = -1; // -1: the stack is not filled yet
let heapSize: i32 = 0;
let order: u32 = 0;
let queueHead: i32 = 0;
let queueCount: i32 = 0;

@inline function slotAddress(slot: i32): usize {
  return slots + <usize>slot * PARK_SLOT_SIZE;
}

@inline function state(slot: i32): u32 {
  return <u32>load<u8>(meta + (<usize>slot << 2));
}

@inline function setMeta(slot: i32, st: u32, mark: u32, next: u32): void {
  const m = meta + (<usize>slot << 2);
  store<u8>(m, <u8>st);
  store<u8>(m, <u8>mark, 1);
  store<u16>(m, <u16>next, 2);
}

function takeFree(): i32 {
  if (freeCount < 0) {
    for (let k = 0; k < PARK_SLOTS; k++) store<u16>(freeStack + (<usize>k << 1), <u16>(PARK_SLOTS - 1 - k));
    freeCount = PARK_SLOTS;
  }
  if (freeCount == 0) return -1;
  freeCount--;
  return <i32>load<u16>(freeStack + (<usize>freeCount << 1));
}

function putFree(slot: i32): void {
  setMeta(slot, PARK_FREE, 0, 0);
  store<u16>(freeStack + (<usize>freeCount << 1), <u16>slot);
  freeCount++;
}

/** Slots in use (timed, held or queued). */
export function parkedCount(): i32 {
  return freeCount < 0 ? 0 : PARK_SLOTS - freeCount;
}

/** Copies descriptor i and its octets into a free slot; -1 when the park is full or the packet too long. */
function copyIn(i: i32): i32 {
  if (packetLength(desc(i)) > PARK_PACKET_MAX) return -1;
  const slot = takeFree();
  if (slot < 0) return -1;
  const d = desc(i);
  const at = slotAddress(slot);
  memory.copy(at, d, DESC_SIZE);
  enterPacket(d);
  copyFromPacket(at + PARK_SLOT_DATA, packetStart(d), <usize>packetLength(d));
  return slot;
}

@inline function heapTime(k: i32): u64 {
  return load<u64>(heap + <usize>k * HEAP_ENTRY);
}

@inline function heapBefore(a: i32, b: i32): bool {
  const ta = heapTime(a);
  const tb = heapTime(b);
  if (ta != tb) return ta < tb;
  // Parking order wraps after 2^32 packets; compare as a distance, like TCP sequence numbers.
  return <i32>(load<u32>(heap + <usize>a * HEAP_ENTRY, 8) - load<u32>(heap + <usize>b * HEAP_ENTRY, 8)) < 0;
}

function heapSwap(a: i32, b: i32): void {
  const pa = heap + <usize>a * HEAP_ENTRY;
  const pb = heap + <usize>b * HEAP_ENTRY;
  const t0 = load<u64>(pa);
  const t1 = load<u64>(pa, 8);
  store<u64>(pa, load<u64>(pb));
  store<u64>(pa, load<u64>(pb, 8), 8);
  store<u64>(pb, t0);
  store<u64>(pb, t1, 8);
}

function heapPush(time: u64, slot: i32): void {
  let k = heapSize++;
  const p = heap + <usize>k * HEAP_ENTRY;
  store<u64>(p, time);
  store<u32>(p, order++, 8);
  store<u32>(p, <u32>slot, 12);
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if (!heapBefore(k, parent)) break;
    heapSwap(k, parent);
    k = parent;
  }
}

function heapPop(): i32 {
  const slot = <i32>load<u32>(heap, 12);
  heapSize--;
  if (heapSize > 0) {
    heapSwap(0, heapSize);
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= heapSize) break;
      let c = l;
      if (l + 1 < heapSize && heapBefore(l + 1, l)) c = l + 1;
      if (!heapBefore(c, k)) break;
      heapSwap(c, k);
      k = c;
    }
  }
  return slot;
}

/** Parks packet i until `releaseAt` (engine nanoseconds), then it re-enters at `next` with `mark`. */
export function parkUntil(i: i32, releaseAt: u64, next: u32, mark: u32): bool {
  const slot = copyIn(i);
  if (slot < 0) return false;
  setMeta(slot, PARK_TIMED, mark, next);
  heapPush(releaseAt, slot);
  return true;
}

/** Parks packet i until its holder releases or discards it; returns the slot or -1 when full. */
export function parkHold(i: i32): i32 {
  const slot = copyIn(i);
  if (slot >= 0) setMeta(slot, PARK_HELD, 0, 0);
  return slot;
}

/** Queues a held slot to re-enter the next vector at `next` with `mark` and `tag`; false if not held. */
export function parkRelease(slot: i32, next: u32, mark: u32, tag: u32): bool {
  if (slot < 0 || slot >= PARK_SLOTS || state(slot) != PARK_HELD) return false;
  setMeta(slot, PARK_QUEUED, mark, next);
  store<u32>(slotAddress(slot), tag, DESC_PARK_TAG);
  store<u16>(queue + (<usize>((queueHead + queueCount) % PARK_SLOTS) << 1), <u16>slot);
  queueCount++;
  return true;
}

/** Frees a held slot without sending its packet; false if not held. */
export function parkDiscard(slot: i32): bool {
  if (slot < 0 || slot >= PARK_SLOTS || state(slot) != PARK_HELD) return false;
  putFree(slot);
  return true;
}

/** A held slot's packet (for the holder to read facts from), or 0 if the slot is not held. */
export function parkedPacket(slot: i32): usize {
  if (slot < 0 || slot >= PARK_SLOTS || state(slot) != PARK_HELD) return 0;
  return slotAddress(slot) + PARK_SLOT_DATA;
}

/** The engine time at which the next parked packet is due: now if one is queued, PARK_NEVER if none. */
export function parkNextDue(): u64 {
  if (queueCount > 0) return 0;
  return heapSize > 0 ? heapTime(0) : PARK_NEVER;
}

/**
 * Restores slot into descriptor j (buffer j), ready to enter the graph at the slot's next node,
 * stamped `stampNs`: its own release time when the clock released it (a delayed packet leaves at
 * its arrival plus its delay, whatever vector carries it out), else the vector's time.
 */
function copyOut(slot: i32, j: i32, stampNs: u64): void {
  const at = slotAddress(slot);
  const d = desc(j);
  memory.copy(d, at, DESC_SIZE);
  const length = <usize>load<u16>(d, DESC_LENGTH);
  const offset: usize = length + <usize>BUFFER_HEADROOM <= <usize>BUFFER_SIZE ? <usize>BUFFER_HEADROOM : <usize>BUFFER_SIZE - length;
  store<u32>(d, <u32>j, DESC_BUFFER);
  store<u16>(d, <u16>offset, DESC_DATA_OFFSET);
  enterPacket(d);
  copyIntoPacket(bufferStart(d) + offset, at + PARK_SLOT_DATA, length);
  const m = meta + (<usize>slot << 2);
  store<u16>(d, load<u16>(m, 2), DESC_NEXT_NODE);
  store<u8>(d, load<u8>(m, 1), DESC_PARK_MARK);
  // A released packet is a packet of this vector: it leaves now, and trace slots belong to the
  // vector that claimed them.
  store<u16>(d, 0, DESC_ORIGIN);
  store<u16>(d, 0, DESC_TRACE);
  store<u64>(d, stampNs / 1_000_000_000, DESC_TS_SEC);
  store<u32>(d, <u32>(stampNs % 1_000_000_000), DESC_TS_NSEC);
  putFree(slot);
}

/**
 * Moves queued slots, then timed slots due by `nowNs`, into descriptors [first, ...); returns how
 * many. At most PARK_RELEASE_MAX per vector, and never so many that replication has no room left.
 */
export function releaseParked(first: i32, nowNs: u64): i32 {
  let room = DESCRIPTOR_COUNT - first - PARK_RELEASE_MAX;
  if (room > PARK_RELEASE_MAX) room = PARK_RELEASE_MAX;
  let n = 0;
  while (n < room && queueCount > 0) {
    const slot = <i32>load<u16>(queue + (<usize>queueHead << 1));
    queueHead = (queueHead + 1) % PARK_SLOTS;
    queueCount--;
    copyOut(slot, first + n, nowNs);
    n++;
  }
  while (n < room && heapSize > 0 && heapTime(0) <= nowNs) {
    const due = heapTime(0);
    copyOut(heapPop(), first + n, due);
    n++;
  }
  return n;
}
