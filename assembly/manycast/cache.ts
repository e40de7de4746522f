// The server edge's IOAM cache (vpp-ioam-spec §4.6-4.7): one entry per SYN that carried an E2E-ID
// option, keyed by (client, anycast, ports, SYN seq + 1) and consumed by the SYN-ACK or RST that
// answers it. Unlike VPP's it is bounded (a fixed power-of-two table, linear probing within
// CACHE_PROBE_WINDOW, the oldest entry replaced when the window is full) and entries expire after
// a TTL. Keys never include the next-header value (VPP's key did, which broke End without PSP).
import {
  CACHE_CREATED_NS,
  CACHE_DST,
  CACHE_DST_PORT,
  CACHE_ENTRY_SIZE,
  CACHE_PROBE_WINDOW,
  CACHE_SEQ,
  CACHE_SRC,
  CACHE_SRC_PORT,
  CACHE_STATE,
  MC_CACHE_CAPACITY,
  MC_CACHE_ENTRIES,
  MC_CACHE_IN_USE,
  MC_CACHE_TTL_NS,
} from "./manycast.layout";
import { manycastRoot, sameAddress } from "./selection";

const CACHE_FREE: u8 = 0;
const CACHE_USED: u8 = 1;

@inline function entryAt(index: u32): usize {
  return <usize>load<u32>(manycastRoot, MC_CACHE_ENTRIES) + <usize>index * CACHE_ENTRY_SIZE;
}

@inline function hashWord(h: u32, w: u32): u32 {
  h = (h ^ w) * 0x9e3779b1;
  return h ^ (h >>> 15);
}

/** Hash of a (client, anycast, client port, anycast port, sequence) key; addresses in copied memory. */
function keyHash(client: usize, anycast: usize, clientPort: u32, anycastPort: u32, seq: u32): u32 {
  let h: u32 = 0x2545f491;
  for (let k: usize = 0; k < 16; k += 4) h = hashWord(h, load<u32>(client + k));
  for (let k: usize = 0; k < 16; k += 4) h = hashWord(h, load<u32>(anycast + k));
  h = hashWord(h, (clientPort << 16) | anycastPort);
  h = hashWord(h, seq);
  return h ^ (h >>> 16);
}

@inline function holds(e: usize, client: usize, anycast: usize, clientPort: u32, anycastPort: u32, seq: u32): bool {
  return (
    load<u8>(e, CACHE_STATE) == CACHE_USED &&
    load<u32>(e, CACHE_SEQ) == seq &&
    <u32>load<u16>(e, CACHE_SRC_PORT) == clientPort &&
    <u32>load<u16>(e, CACHE_DST_PORT) == anycastPort &&
    sameAddress(e + CACHE_SRC, client) &&
    sameAddress(e + CACHE_DST, anycast)
  );
}

@inline function expired(e: usize, now: u64): bool {
  return now - load<u64>(e, CACHE_CREATED_NS) > load<u64>(manycastRoot, MC_CACHE_TTL_NS);
}

export function cacheRelease(e: usize): void {
  store<u8>(e, CACHE_FREE, CACHE_STATE);
  store<u32>(manycastRoot, load<u32>(manycastRoot, MC_CACHE_IN_USE) - 1, MC_CACHE_IN_USE);
}

// What the last cacheClaim had to do to find room.
export let cacheClaimEvicted: bool = false;

/**
 * An entry for the key, filled with the key (the caller fills the rest): the key's own entry if
 * present (a repeated SYN replaces it), else a free or expired one in the window, else the window's
 * oldest (cacheClaimEvicted). 0 when the cache is not configured.
 */
export function cacheClaim(client: usize, anycast: usize, clientPort: u32, anycastPort: u32, seq: u32, now: u64): usize {
  const capacity = load<u32>(manycastRoot, MC_CACHE_CAPACITY);
  cacheClaimEvicted = false;
  if (!capacity) return 0;
  const home = keyHash(client, anycast, clientPort, anycastPort, seq);
  let free: usize = 0;
  let oldest: usize = 0;
  for (let k: u32 = 0; k < <u32>CACHE_PROBE_WINDOW; k++) {
    const e = entryAt((home + k) & (capacity - 1));
    if (holds(e, client, anycast, clientPort, anycastPort, seq)) {
      cacheRelease(e);
      free = e;
      break;
    }
    if (load<u8>(e, CACHE_STATE) != CACHE_USED || expired(e, now)) {
      if (load<u8>(e, CACHE_STATE) == CACHE_USED) cacheRelease(e);
      if (!free) free = e;
      continue;
    }
    if (!oldest || load<u64>(e, CACHE_CREATED_NS) < load<u64>(oldest, CACHE_CREATED_NS)) oldest = e;
  }
  let e = free;
  if (!e) {
    e = oldest;
    cacheRelease(e);
    cacheClaimEvicted = true;
  }
  store<u8>(e, CACHE_USED, CACHE_STATE);
  store<u32>(e, seq, CACHE_SEQ);
  store<u16>(e, <u16>clientPort, CACHE_SRC_PORT);
  store<u16>(e, <u16>anycastPort, CACHE_DST_PORT);
  store<u64>(e, now, CACHE_CREATED_NS);
  memory.copy(e + CACHE_SRC, client, 16);
  memory.copy(e + CACHE_DST, anycast, 16);
  store<u32>(manycastRoot, load<u32>(manycastRoot, MC_CACHE_IN_USE) + 1, MC_CACHE_IN_USE);
  return e;
}

// Set by cacheFind when the key's entry was found but had expired (and was freed).
export let cacheFindExpired: bool = false;

/** The live entry for the key, or 0 (cacheFindExpired tells a dead one from none). */
export function cacheFind(client: usize, anycast: usize, clientPort: u32, anycastPort: u32, seq: u32, now: u64): usize {
  const capacity = load<u32>(manycastRoot, MC_CACHE_CAPACITY);
  cacheFindExpired = false;
  if (!capacity) return 0;
  const home = keyHash(client, anycast, clientPort, anycastPort, seq);
  for (let k: u32 = 0; k < <u32>CACHE_PROBE_WINDOW; k++) {
    const e = entryAt((home + k) & (capacity - 1));
    if (!holds(e, client, anycast, clientPort, anycastPort, seq)) continue;
    if (expired(e, now)) {
      cacheRelease(e);
      cacheFindExpired = true;
      return 0;
    }
    return e;
  }
  return 0;
}
