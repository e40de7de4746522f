// Classifier lookups on tables the host wrote (layout: classify.layout.ts): the packet's octets
// from skip·16 are masked, hashed into a bucket and compared with that bucket's sessions; a miss
// walks the next-table chain. Octets outside the packet count as zero and are never read.
import { allocate } from "../engine/memory";
import { ld8, ld64 } from "../engine/bytes";
import { nowNanoseconds } from "../engine/clock";
import { countError, markError } from "../engine/vector";
import {
  CLASSIFY_CHAIN_MAX,
  CLASSIFY_HASH_FINAL,
  CLASSIFY_HASH_MULTIPLIER,
  CLASSIFY_HASH_SEED,
  CLASSIFY_MATCH_MAX,
  CLASSIFY_MISS_OPAQUE_DEFAULT,
  CLASSIFY_NONE,
  CLASSIFY_VECTOR_SIZE,
  CLASSIFY_WORD_SIZE,
  ROOT_INTERFACE_COUNT,
  ROOT_INTERFACE_TABLES,
  ROOT_MISS_OPAQUE,
  ROOT_OUTPUT_INTERFACE_COUNT,
  ROOT_OUTPUT_INTERFACE_TABLES,
  ROOT_SIZE,
  ROOT_TABLES,
  ROOT_TABLE_COUNT,
  SESSION_HITS,
  SESSION_KEY,
  SESSION_LAST_HEARD,
  SESSION_NEXT,
  TABLE_BUCKETS,
  TABLE_BUCKET_MASK,
  TABLE_CURRENT_DATA_FLAG,
  TABLE_CURRENT_DATA_OFFSET,
  TABLE_MASK,
  TABLE_MATCH,
  TABLE_MISS_NEXT,
  TABLE_NEXT_TABLE,
  TABLE_SESSIONS,
  TABLE_SESSION_SIZE,
  TABLE_SKIP,
} from "./classify.layout";

export const classifierRoot: usize = allocate(ROOT_SIZE);
store<u32>(classifierRoot, <u32>CLASSIFY_MISS_OPAQUE_DEFAULT, ROOT_MISS_OPAQUE);

// The masked words of the packet being looked up, kept for comparing against a bucket's sessions.
const maskedWords: usize = allocate(CLASSIFY_MATCH_MAX * CLASSIFY_VECTOR_SIZE);

/** Where the host finds the root (assembly/classify/classify.layout.ts). */
export function classifierRootAddress(): usize {
  return classifierRoot;
}

@inline export function missOpaque(): u32 {
  return load<u32>(classifierRoot, ROOT_MISS_OPAQUE);
}

/** The input-ACL table index of an rx interface, or CLASSIFY_NONE. */
@inline export function inputAclTable(rxInterface: u32): u32 {
  if (rxInterface >= load<u32>(classifierRoot, ROOT_INTERFACE_COUNT)) return <u32>CLASSIFY_NONE;
  return load<u32>(<usize>load<u32>(classifierRoot, ROOT_INTERFACE_TABLES) + (<usize>rxInterface << 2));
}

@inline export function hasInputAcl(rxInterface: u32): bool {
  return inputAclTable(rxInterface) != <u32>CLASSIFY_NONE;
}

/** The output-ACL table index of a tx interface, or CLASSIFY_NONE. */
@inline export function outputAclTable(txInterface: u32): u32 {
  if (txInterface >= load<u32>(classifierRoot, ROOT_OUTPUT_INTERFACE_COUNT)) return <u32>CLASSIFY_NONE;
  return load<u32>(<usize>load<u32>(classifierRoot, ROOT_OUTPUT_INTERFACE_TABLES) + (<usize>txInterface << 2));
}

@inline export function hasOutputAcl(txInterface: u32): bool {
  return outputAclTable(txInterface) != <u32>CLASSIFY_NONE;
}

/** A table's address, or 0 for CLASSIFY_NONE and free indices. */
@inline function tableAddress(index: u32): usize {
  if (index >= load<u32>(classifierRoot, ROOT_TABLE_COUNT)) return 0;
  return <usize>load<u32>(<usize>load<u32>(classifierRoot, ROOT_TABLES) + (<usize>index << 2));
}

@inline function hashHalf(h: u32, half: u32): u32 {
  h = (h ^ half) * <u32>CLASSIFY_HASH_MULTIPLIER;
  return h ^ (h >>> 16);
}

@inline function hashFinish(h: u32): u32 {
  h = (h ^ (h >>> 13)) * <u32>CLASSIFY_HASH_FINAL;
  return h ^ (h >>> 16);
}

/** The 8 octets at `offset` from the packet start, in network order; octets outside [0, length) are zero. */
function clippedWord(pkt: usize, length: i32, offset: i32): u64 {
  let word: u64 = 0;
  for (let j = 0; j < CLASSIFY_WORD_SIZE; j++) {
    const at = offset + j;
    word <<= 8;
    if (at >= 0 && at < length) word |= <u64>ld8(pkt + <usize>at);
  }
  return word;
}

/**
 * The session of table `t` matching the packet, or 0. `l3` is the IPv6 header's offset, the base
 * of tables with current-data-flag 1; other tables classify from the frame start, as VPP does.
 */
export function findSession(t: usize, pkt: usize, length: i32, l3: i32): usize {
  const words = <i32>load<u32>(t, TABLE_MATCH) * (CLASSIFY_VECTOR_SIZE / CLASSIFY_WORD_SIZE);
  let offset = <i32>load<u32>(t, TABLE_SKIP) * CLASSIFY_VECTOR_SIZE;
  if (load<u32>(t, TABLE_CURRENT_DATA_FLAG)) offset += l3 + load<i32>(t, TABLE_CURRENT_DATA_OFFSET);
  const inside = offset >= 0 && offset + words * CLASSIFY_WORD_SIZE <= length;
  const mask = t + TABLE_MASK;
  let h: u32 = <u32>CLASSIFY_HASH_SEED;
  for (let w = 0; w < words; w++) {
    const at = offset + w * CLASSIFY_WORD_SIZE;
    const octets = inside ? ld64(pkt + <usize>at) : clippedWord(pkt, length, at);
    const word = octets & load<u64>(mask + <usize>w * CLASSIFY_WORD_SIZE);
    store<u64>(maskedWords + <usize>w * CLASSIFY_WORD_SIZE, word);
    h = hashHalf(hashHalf(h, <u32>(word >>> 32)), <u32>word);
  }
  const bucket = hashFinish(h) & load<u32>(t, TABLE_BUCKET_MASK);
  const sessions = t + <usize>load<u32>(t, TABLE_SESSIONS);
  const sessionSize = <usize>load<u32>(t, TABLE_SESSION_SIZE);
  let next = load<u32>(t + <usize>load<u32>(t, TABLE_BUCKETS) + (<usize>bucket << 2));
  while (next) {
    const s = sessions + <usize>(next - 1) * sessionSize;
    if (keyEquals(s + SESSION_KEY, words)) return s;
    next = load<u32>(s, SESSION_NEXT);
  }
  return 0;
}

@inline function keyEquals(key: usize, words: i32): bool {
  for (let w = 0; w < words; w++) {
    const at = <usize>w * CLASSIFY_WORD_SIZE;
    if (load<u64>(key + at) != load<u64>(maskedWords + at)) return false;
  }
  return true;
}

// What the last lookupChain saw besides its result: how many tables missed before the hit, and
// the table whose miss ended the walk (its miss-next applies; 0 if the chain was empty).
export let chainTablesMissed: i32 = 0;
export let chainLastTable: usize = 0;

/** Looks the packet up in table `first` and then its next-table chain; returns the session hit or 0. */
export function lookupChain(first: u32, pkt: usize, length: i32, l3: i32): usize {
  let t = tableAddress(first);
  chainTablesMissed = 0;
  chainLastTable = 0;
  while (t && chainTablesMissed < CLASSIFY_CHAIN_MAX) {
    const session = findSession(t, pkt, length, l3);
    if (session) return session;
    chainLastTable = t;
    chainTablesMissed++;
    t = tableAddress(load<u32>(t, TABLE_NEXT_TABLE));
  }
  return 0;
}

/**
 * Counts the last lookupChain's hit on `session` (its hits and last-heard time, as `show classify
 * table verbose` prints them) and marks descriptor `d` with the ACL node's reason: `hit`, or
 * `chainHit` when tables before it in the chain missed (`hit` is then counted too, as VPP does).
 */
@inline export function countSessionHit(d: usize, session: usize, hit: i32, chainHit: i32): void {
  store<u64>(session, load<u64>(session, SESSION_HITS) + 1, SESSION_HITS);
  store<u64>(session, nowNanoseconds(), SESSION_LAST_HEARD);
  if (chainTablesMissed) {
    countError(hit);
    markError(d, chainHit);
  } else {
    markError(d, hit);
  }
}

/** The node a miss at the end of the last chain goes to, or CLASSIFY_NONE (continue). */
@inline export function chainMissNext(): u32 {
  return chainLastTable ? load<u32>(chainLastTable, TABLE_MISS_NEXT) : <u32>CLASSIFY_NONE;
}
