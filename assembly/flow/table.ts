// The flow table: IPv6 5-tuple -> (choice, last-seen, flags), for keeping a flow on the server or
// policy chosen for its first packet. Open addressing with linear probing over a fixed,
// power-of-two array of slots the host carves once (layout in flow.layout.ts); a key lives within
// FLOW_PROBE_WINDOW slots of its home slot, so every operation touches at most that many slots.
// Removal, expiry and eviction leave a tombstone (FLOW_STATE_DELETED), which an insert may reuse;
// a slot never used (FLOW_STATE_EMPTY) ends every probe, so a miss stops at the first one.
// Idle flows expire lazily (a lookup or insert that meets one) and through an incremental sweep.
// When the window is full, an insert evicts its oldest flow. Nothing here allocates.
import {
  FLOW_HASH_FINAL,
  FLOW_HASH_MULTIPLIER,
  FLOW_HASH_SEED,
  FLOW_KEY_DST,
  FLOW_KEY_PORTS,
  FLOW_KEY_PROTO,
  FLOW_KEY_SRC,
  FLOW_MISS,
  FLOW_PROBE_WINDOW,
  FLOW_SLOT_CHOICE,
  FLOW_SLOT_DST,
  FLOW_SLOT_FLAGS,
  FLOW_SLOT_LAST_SEEN,
  FLOW_SLOT_PORTS,
  FLOW_SLOT_PROTO,
  FLOW_SLOT_SIZE,
  FLOW_SLOT_SRC,
  FLOW_SLOT_STATE,
  FLOW_STATE_DELETED,
  FLOW_STATE_EMPTY,
  FLOW_STATE_USED,
  FLOW_TABLE_EVICTIONS,
  FLOW_TABLE_EXPIRATIONS,
  FLOW_TABLE_HEADER_SIZE,
  FLOW_TABLE_IDLE_TIMEOUT,
  FLOW_TABLE_INSERTS,
  FLOW_TABLE_REMOVALS,
  FLOW_TABLE_SIZE,
  FLOW_TABLE_SLOT_MASK,
  FLOW_TABLE_SWEEP_CURSOR,
} from "./flow.layout";
import { ld32, ld8 } from "../engine/bytes";
import { ip6PrefixMask } from "../wire/ipv6";
import { countError } from "../engine/vector";
import { nowSeconds } from "../engine/clock";
import { ERR_FLOW_EVICTIONS, ERR_FLOW_EXPIRATIONS, ERR_FLOW_INSERTS, ERR_FLOW_REMOVALS } from "../graph/graph.layout";

// The key being looked up, inserted or removed: loaded once (from a packet or a key record), then
// hashed and compared against slots. Globals, so that no operation allocates.
let src0: u32 = 0, src1: u32 = 0, src2: u32 = 0, src3: u32 = 0;
let dst0: u32 = 0, dst1: u32 = 0, dst2: u32 = 0, dst3: u32 = 0;
let keyPorts: u32 = 0;
let keyProto: u32 = 0;

/** Loads the current key from the packet's addresses at `src`/`dst` (checked packet reads). */
@inline export function loadKeyAddresses(src: usize, dst: usize, ports: u32, proto: u32): void {
  src0 = ld32(src);
  src1 = ld32(src + 4);
  src2 = ld32(src + 8);
  src3 = ld32(src + 12);
  dst0 = ld32(dst);
  dst1 = ld32(dst + 4);
  dst2 = ld32(dst + 8);
  dst3 = ld32(dst + 12);
  keyPorts = ports;
  keyProto = proto;
}

/**
 * Loads the current key from the packet's addresses at `src`/`dst` with the source cut to its first
 * `srcLength` bits: one key for every connection of a client prefix (checked packet reads).
 */
@inline export function loadKeyPrefix(src: usize, srcLength: u32, dst: usize, ports: u32, proto: u32): void {
  loadKeyAddresses(src, dst, ports, proto);
  const high = ip6PrefixMask(srcLength, 0);
  const low = ip6PrefixMask(srcLength, 1);
  src0 &= <u32>(high >>> 32);
  src1 &= <u32>high;
  src2 &= <u32>(low >>> 32);
  src3 &= <u32>low;
}

/** Loads the current key from a FLOW_KEY_SIZE record (flow.layout.ts). */
@inline export function loadKeyRecord(record: usize): void {
  loadKeyAddresses(record + FLOW_KEY_SRC, record + FLOW_KEY_DST, ld32(record + FLOW_KEY_PORTS), ld8(record + FLOW_KEY_PROTO));
}

@inline function mix(h: u32, w: u32): u32 {
  h = (h ^ w) * FLOW_HASH_MULTIPLIER;
  return h ^ (h >>> 15);
}

@inline function keyHash(): u32 {
  let h = mix(mix(mix(mix(<u32>FLOW_HASH_SEED, src0), src1), src2), src3);
  h = mix(mix(mix(mix(h, dst0), dst1), dst2), dst3);
  h = mix(mix(h, keyPorts), keyProto);
  h ^= h >>> 13;
  h *= FLOW_HASH_FINAL;
  return h ^ (h >>> 16);
}

// The most discriminating words first: the ports (the source port is ephemeral) and the source's
// interface identifier differ between flows far more often than address prefixes or the (often
// shared, anycast) destination.
@inline function slotHoldsKey(slot: usize): bool {
  return (
    load<u32>(slot, FLOW_SLOT_PORTS) == keyPorts &&
    load<u32>(slot, FLOW_SLOT_SRC + 12) == src3 &&
    load<u32>(slot, FLOW_SLOT_SRC + 8) == src2 &&
    load<u32>(slot, FLOW_SLOT_DST + 12) == dst3 &&
    load<u32>(slot, FLOW_SLOT_DST + 8) == dst2 &&
    load<u32>(slot, FLOW_SLOT_SRC + 4) == src1 &&
    load<u32>(slot, FLOW_SLOT_SRC) == src0 &&
    load<u32>(slot, FLOW_SLOT_DST + 4) == dst1 &&
    load<u32>(slot, FLOW_SLOT_DST) == dst0 &&
    <u32>load<u8>(slot, FLOW_SLOT_PROTO) == keyProto &&
    load<u8>(slot, FLOW_SLOT_STATE) == FLOW_STATE_USED
  );
}

@inline function slotAt(table: usize, index: u32): usize {
  return table + FLOW_TABLE_HEADER_SIZE + <usize>index * FLOW_SLOT_SIZE;
}

@inline function isIdle(table: usize, slot: usize, now: u32): bool {
  return now - load<u32>(slot, FLOW_SLOT_LAST_SEEN) > load<u32>(table, FLOW_TABLE_IDLE_TIMEOUT);
}

/** Leaves a tombstone (never EMPTY: a key further on in the window must stay reachable). */
@inline function freeSlot(table: usize, slot: usize, reason: i32): void {
  store<u8>(slot, FLOW_STATE_DELETED, FLOW_SLOT_STATE);
  store<u32>(table, load<u32>(table, FLOW_TABLE_SIZE) - 1, FLOW_TABLE_SIZE);
  countError(reason);
  countInTable(table, reason == ERR_FLOW_EVICTIONS ? FLOW_TABLE_EVICTIONS : reason == ERR_FLOW_EXPIRATIONS ? FLOW_TABLE_EXPIRATIONS : FLOW_TABLE_REMOVALS);
}

@inline function countInTable(table: usize, counter: usize): void {
  store<u32>(table + counter, load<u32>(table + counter) + 1);
}

/**
 * Prepares a table at `table` (FLOW_TABLE_HEADER_SIZE + capacity slots, capacity a power of two)
 * in memory fresh from allocate(), which is zero: every slot is EMPTY without touching it, so a
 * large table costs the host pages only as flows fill it.
 */
export function flowTableInit(table: usize, capacity: u32, idleTimeoutSeconds: u32): void {
  store<u32>(table, capacity - 1, FLOW_TABLE_SLOT_MASK);
  store<u32>(table, idleTimeoutSeconds, FLOW_TABLE_IDLE_TIMEOUT);
  store<u32>(table, 0, FLOW_TABLE_SIZE);
  store<u32>(table, 0, FLOW_TABLE_SWEEP_CURSOR);
  memory.fill(table + FLOW_TABLE_INSERTS, 0, FLOW_TABLE_REMOVALS + 4 - FLOW_TABLE_INSERTS);
}

/**
 * The slot holding the current key, or 0. A flow found idle is expired (and 0 returned). The probe
 * ends at the first EMPTY slot, passing tombstones.
 */
function findKey(table: usize, now: u32): usize {
  const mask = load<u32>(table, FLOW_TABLE_SLOT_MASK);
  const home = keyHash();
  for (let k: u32 = 0; k < <u32>FLOW_PROBE_WINDOW; k++) {
    const slot = slotAt(table, (home + k) & mask);
    if (load<u8>(slot, FLOW_SLOT_STATE) == FLOW_STATE_EMPTY) return 0;
    if (slotHoldsKey(slot)) {
      if (!isIdle(table, slot, now)) return slot;
      freeSlot(table, slot, ERR_FLOW_EXPIRATIONS);
      return 0;
    }
  }
  return 0;
}

/** The slot of the current key's live flow (its last-seen time refreshed), or 0. */
export function lookupSlot(table: usize, now: u32): usize {
  const slot = findKey(table, now);
  if (slot) store<u32>(slot, now, FLOW_SLOT_LAST_SEEN);
  return slot;
}

/** The current key's choice (its last-seen time refreshed), or FLOW_MISS. */
export function lookupKey(table: usize, now: u32): u32 {
  const slot = lookupSlot(table, now);
  return slot ? load<u32>(slot, FLOW_SLOT_CHOICE) : FLOW_MISS;
}

/** Removes the live flow in `slot` (from lookupSlot). */
export function removeSlot(table: usize, slot: usize): void {
  freeSlot(table, slot, ERR_FLOW_REMOVALS);
}

/** Removes the current key's flow; returns whether there was one (an idle one counts as expired). */
export function removeKey(table: usize, now: u32): bool {
  const slot = findKey(table, now);
  if (!slot) return false;
  freeSlot(table, slot, ERR_FLOW_REMOVALS);
  return true;
}

/**
 * Adds the current key with `choice` and `flags`, or updates it if present. Takes the window's first
 * free slot (a tombstone or EMPTY), else the first idle one (expired), else evicts the window's
 * oldest flow. The scan goes past tombstones (the key may be live further on) and ends at the first
 * EMPTY slot, beyond which the key cannot be.
 */
export function insertKey(table: usize, choice: u32, flags: u32, now: u32): void {
  const mask = load<u32>(table, FLOW_TABLE_SLOT_MASK);
  const home = keyHash();
  let empty: usize = 0;
  let idle: usize = 0;
  let oldest: usize = 0;
  let oldestAge: u32 = 0;
  for (let k: u32 = 0; k < <u32>FLOW_PROBE_WINDOW; k++) {
    const slot = slotAt(table, (home + k) & mask);
    const state = load<u8>(slot, FLOW_SLOT_STATE);
    if (state == FLOW_STATE_EMPTY) {
      if (!empty) empty = slot;
      break;
    }
    if (state != FLOW_STATE_USED) {
      if (!empty) empty = slot;
      continue;
    }
    const idleHere = isIdle(table, slot, now);
    if (slotHoldsKey(slot)) {
      if (!idleHere) {
        store<u32>(slot, choice, FLOW_SLOT_CHOICE);
        store<u8>(slot, <u8>flags, FLOW_SLOT_FLAGS);
        store<u32>(slot, now, FLOW_SLOT_LAST_SEEN);
        return;
      }
      // The key's own idle flow: expired, and its slot (now a tombstone) free.
      freeSlot(table, slot, ERR_FLOW_EXPIRATIONS);
      if (!empty) empty = slot;
      continue;
    }
    if (idleHere) {
      if (!idle) idle = slot;
      continue;
    }
    const age = now - load<u32>(slot, FLOW_SLOT_LAST_SEEN);
    if (!oldest || age > oldestAge) {
      oldest = slot;
      oldestAge = age;
    }
  }
  let slot = empty;
  if (!slot && idle) {
    slot = idle;
    freeSlot(table, slot, ERR_FLOW_EXPIRATIONS);
  } else if (!slot) {
    slot = oldest;
    freeSlot(table, slot, ERR_FLOW_EVICTIONS);
  }
  store<u32>(slot, src0, FLOW_SLOT_SRC);
  store<u32>(slot, src1, FLOW_SLOT_SRC + 4);
  store<u32>(slot, src2, FLOW_SLOT_SRC + 8);
  store<u32>(slot, src3, FLOW_SLOT_SRC + 12);
  store<u32>(slot, dst0, FLOW_SLOT_DST);
  store<u32>(slot, dst1, FLOW_SLOT_DST + 4);
  store<u32>(slot, dst2, FLOW_SLOT_DST + 8);
  store<u32>(slot, dst3, FLOW_SLOT_DST + 12);
  store<u32>(slot, keyPorts, FLOW_SLOT_PORTS);
  store<u8>(slot, <u8>keyProto, FLOW_SLOT_PROTO);
  store<u8>(slot, FLOW_STATE_USED, FLOW_SLOT_STATE);
  store<u8>(slot, <u8>flags, FLOW_SLOT_FLAGS);
  store<u32>(slot, choice, FLOW_SLOT_CHOICE);
  store<u32>(slot, now, FLOW_SLOT_LAST_SEEN);
  store<u32>(table, load<u32>(table, FLOW_TABLE_SIZE) + 1, FLOW_TABLE_SIZE);
  countError(ERR_FLOW_INSERTS);
  countInTable(table, FLOW_TABLE_INSERTS);
}

/** Visits the next `slots` slots from the sweep cursor, expiring idle flows; returns how many. */
export function flowSweep(table: usize, slots: u32): u32 {
  const now = nowSeconds();
  const mask = load<u32>(table, FLOW_TABLE_SLOT_MASK);
  let cursor = load<u32>(table, FLOW_TABLE_SWEEP_CURSOR);
  let expired: u32 = 0;
  for (let k: u32 = 0; k < slots; k++) {
    const slot = slotAt(table, cursor);
    if (load<u8>(slot, FLOW_SLOT_STATE) == FLOW_STATE_USED && isIdle(table, slot, now)) {
      freeSlot(table, slot, ERR_FLOW_EXPIRATIONS);
      expired++;
    }
    cursor = (cursor + 1) & mask;
  }
  store<u32>(table, cursor, FLOW_TABLE_SWEEP_CURSOR);
  return expired;
}

/** Flows in the table (expired ones not yet met by a lookup or the sweep included). */
export function flowTableSize(table: usize): u32 {
  return load<u32>(table, FLOW_TABLE_SIZE);
}
