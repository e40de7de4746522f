// Baseline: the classifier lookup in tuned plain TypeScript on typed arrays, the same algorithm as
// assembly/classify/table.ts for one table classifying from the frame start (masked words from
// skip·16, the bucket hash of classify.layout.ts, chained buckets, octets past the packet read as
// zero). Allocation-free per packet.
import { CLASSIFY_HASH_FINAL, CLASSIFY_HASH_MULTIPLIER, CLASSIFY_HASH_SEED, CLASSIFY_VECTOR_SIZE } from "../../../assembly/classify/classify.layout.js";
import { keyHash } from "../../../src/host/classify/hash.js";

const WORD = 4; // this baseline works on 32-bit big-endian words

export interface TsClassifyTable {
  skip: number; // vectors
  words: number; // 32-bit words per key
  mask: Int32Array;
  bucketMask: number;
  firstInBucket: Int32Array; // 1 + session index, 0: empty
  nextInBucket: Int32Array; // 1 + session index, 0: last
  keys: Int32Array; // session k's key at k * words
}

/** Builds the table from masked keys (each `mask.length` octets), placing sessions as the host does. */
export function buildTsTable(skip: number, mask: Uint8Array, keys: Uint8Array[], buckets: number): TsClassifyTable {
  const words = mask.length / WORD;
  const table: TsClassifyTable = {
    skip,
    words,
    mask: toWords(mask),
    bucketMask: buckets - 1,
    firstInBucket: new Int32Array(buckets),
    nextInBucket: new Int32Array(keys.length),
    keys: new Int32Array(keys.length * words),
  };
  keys.forEach((key, k) => {
    table.keys.set(toWords(key), k * words);
    const bucket = keyHash(key) & table.bucketMask;
    table.nextInBucket[k] = table.firstInBucket[bucket];
    table.firstInBucket[bucket] = k + 1;
  });
  return table;
}

function toWords(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: bytes.length / WORD }, (_, i) => view.getInt32(i * WORD));
}

/** Looks up packets [0, n) (at offsets[i], lengths[i] octets in `mem`); returns how many hit. */
export function classifyVectorTs(mem: Uint8Array, offsets: Uint32Array, lengths: Uint16Array, n: number, table: TsClassifyTable, scratch: Int32Array): number {
  let hits = 0;
  for (let i = 0; i < n; i++) if (lookup(mem, offsets[i], lengths[i], table, scratch) >= 0) hits++;
  return hits;
}

function lookup(m: Uint8Array, start: number, length: number, t: TsClassifyTable, scratch: Int32Array): number {
  const offset = t.skip * CLASSIFY_VECTOR_SIZE;
  const inside = offset + t.words * WORD <= length;
  let h = CLASSIFY_HASH_SEED | 0;
  for (let w = 0; w < t.words; w++) {
    const at = offset + w * WORD;
    const p = start + at;
    const octets = inside ? (m[p] << 24) | (m[p + 1] << 16) | (m[p + 2] << 8) | m[p + 3] : clippedWord(m, start, length, at);
    const word = octets & t.mask[w];
    scratch[w] = word;
    h = Math.imul(h ^ word, CLASSIFY_HASH_MULTIPLIER);
    h ^= h >>> 16;
  }
  h = Math.imul(h ^ (h >>> 13), CLASSIFY_HASH_FINAL);
  h ^= h >>> 16;
  for (let s = t.firstInBucket[h & t.bucketMask]; s !== 0; s = t.nextInBucket[s - 1]) {
    const base = (s - 1) * t.words;
    let w = 0;
    while (w < t.words && t.keys[base + w] === scratch[w]) w++;
    if (w === t.words) return s - 1;
  }
  return -1;
}

function clippedWord(m: Uint8Array, start: number, length: number, at: number): number {
  let word = 0;
  for (let j = 0; j < WORD; j++) word = (word << 8) | (at + j < length ? m[start + at + j] : 0);
  return word;
}
