// The bucket hash of a masked key, the same function assembly/classify/table.ts computes per
// packet (defined in classify.layout.ts): the host places each session in the bucket the Wasm
// lookup will search.
import { CLASSIFY_HASH_FINAL, CLASSIFY_HASH_MULTIPLIER, CLASSIFY_HASH_SEED } from "../../../assembly/classify/classify.layout.js";

/** Hash of `key` (whole vectors, already masked) as 32-bit big-endian halves, first to last. */
export function keyHash(key: Uint8Array): number {
  let h = CLASSIFY_HASH_SEED | 0;
  for (let i = 0; i < key.length; i += 4) {
    const half = (key[i] << 24) | (key[i + 1] << 16) | (key[i + 2] << 8) | key[i + 3];
    h = Math.imul(h ^ half, CLASSIFY_HASH_MULTIPLIER);
    h ^= h >>> 16;
  }
  h = Math.imul(h ^ (h >>> 13), CLASSIFY_HASH_FINAL);
  return (h ^ (h >>> 16)) >>> 0;
}
