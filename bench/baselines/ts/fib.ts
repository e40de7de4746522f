// Baseline: the FIB longest-prefix match in tuned plain TypeScript on typed arrays, the same
// algorithm and layout as assembly/fib/fib.ts (one linear-probing table per populated prefix length,
// 32-octet slots of four big-endian address words and the DPO, probed from the longest length; the
// hash of src/host/fib/prefix.ts). Allocation-free per lookup.
import {
  FIB_ADDRESS_WORDS,
  FIB_HASH_FINAL,
  FIB_HASH_MULTIPLIER,
  FIB_HASH_SEED,
  FIB_MAX_LOAD_DENOMINATOR,
  FIB_MAX_LOAD_NUMERATOR,
  FIB_PREFIX_LENGTHS,
  FIB_SLOT_DPO,
  FIB_SLOT_FIB,
  FIB_SLOT_SIZE,
} from "../../../assembly/fib/fib.layout.js";
import { DPO_NONE } from "../../../assembly/fib/dpo.layout.js";
import { fibHash, maskWord, prefixWords, type Ip6Prefix } from "../../../src/host/fib/prefix.js";

const SLOT_WORDS = FIB_SLOT_SIZE / 4;
const DPO_WORD = FIB_SLOT_DPO / 4;
const FIB_WORD = FIB_SLOT_FIB / 4;

export interface TsFib {
  lengths: Uint8Array; // populated lengths, longest first
  masks: Uint32Array; // 4 mask words per length, indexed by length
  tables: Uint32Array[]; // slot words per length (empty arrays for unpopulated lengths)
  slotMasks: Uint32Array; // slot count - 1 per length
  missDpo: number;
}

/** Builds the tables from (prefix, DPO) pairs, sized by the host's load rule. */
export function buildTsFib(routes: { prefix: Ip6Prefix; dpo: number }[], missDpo: number): TsFib {
  const byLength = new Map<number, { prefix: Ip6Prefix; dpo: number }[]>();
  for (const r of routes) {
    const members = byLength.get(r.prefix.length);
    if (members) members.push(r);
    else byLength.set(r.prefix.length, [r]);
  }
  const masks = new Uint32Array(FIB_PREFIX_LENGTHS * FIB_ADDRESS_WORDS);
  for (let length = 0; length < FIB_PREFIX_LENGTHS; length++) {
    for (let w = 0; w < FIB_ADDRESS_WORDS; w++) masks[length * FIB_ADDRESS_WORDS + w] = maskWord(length, w);
  }
  const tables: Uint32Array[] = Array.from({ length: FIB_PREFIX_LENGTHS }, () => new Uint32Array(0));
  const slotMasks = new Uint32Array(FIB_PREFIX_LENGTHS);
  for (const [length, members] of byLength) {
    let slots = 8;
    while (members.length * FIB_MAX_LOAD_DENOMINATOR > slots * FIB_MAX_LOAD_NUMERATOR) slots *= 2;
    const table = new Uint32Array(slots * SLOT_WORDS);
    for (const { prefix, dpo } of members) {
      const key = prefixWords(prefix.address, prefix.length);
      let h = fibHash(key[0], key[1], key[2], key[3]) & (slots - 1);
      while (table[h * SLOT_WORDS + DPO_WORD] !== DPO_NONE) h = (h + 1) & (slots - 1);
      table.set(key, h * SLOT_WORDS);
      table[h * SLOT_WORDS + DPO_WORD] = dpo;
    }
    tables[length] = table;
    slotMasks[length] = slots - 1;
  }
  const lengths = Uint8Array.from([...byLength.keys()].sort((a, b) => b - a));
  return { lengths, masks, tables, slotMasks, missDpo };
}

/** Looks up n addresses (16 octets each from `addresses[first * 16]`) into results[0..n). */
export function fibLookupVectorTs(fib: TsFib, addresses: Uint8Array, first: number, n: number, results: Uint32Array): void {
  const { lengths, masks, tables, slotMasks } = fib;
  for (let k = 0; k < n; k++) {
    const o = (first + k) * 16;
    const a0 = ((addresses[o] << 24) | (addresses[o + 1] << 16) | (addresses[o + 2] << 8) | addresses[o + 3]) >>> 0;
    const a1 = ((addresses[o + 4] << 24) | (addresses[o + 5] << 16) | (addresses[o + 6] << 8) | addresses[o + 7]) >>> 0;
    const a2 = ((addresses[o + 8] << 24) | (addresses[o + 9] << 16) | (addresses[o + 10] << 8) | addresses[o + 11]) >>> 0;
    const a3 = ((addresses[o + 12] << 24) | (addresses[o + 13] << 16) | (addresses[o + 14] << 8) | addresses[o + 15]) >>> 0;
    let dpo = fib.missDpo;
    search: for (let l = 0; l < lengths.length; l++) {
      const length = lengths[l];
      const m = length * 4;
      const k0 = (a0 & masks[m]) >>> 0;
      const k1 = (a1 & masks[m + 1]) >>> 0;
      const k2 = (a2 & masks[m + 2]) >>> 0;
      const k3 = (a3 & masks[m + 3]) >>> 0;
      let h = Math.imul(FIB_HASH_SEED ^ k0, FIB_HASH_MULTIPLIER);
      h ^= h >>> 15;
      h = Math.imul(h ^ k1, FIB_HASH_MULTIPLIER);
      h ^= h >>> 15;
      h = Math.imul(h ^ k2, FIB_HASH_MULTIPLIER);
      h ^= h >>> 15;
      h = Math.imul(h ^ k3, FIB_HASH_MULTIPLIER);
      h ^= h >>> 15;
      h = Math.imul(h ^ (h >>> 13), FIB_HASH_FINAL);
      h ^= h >>> 16;
      const table = tables[length];
      const slotMask = slotMasks[length];
      for (let s = h & slotMask; ; s = (s + 1) & slotMask) {
        const at = s * SLOT_WORDS;
        const found = table[at + DPO_WORD];
        if (found === DPO_NONE) break;
        // FIB 0, as the Wasm kernel looks up (its seed is FIB_HASH_SEED).
        if (table[at] === k0 && table[at + 1] === k1 && table[at + 2] === k2 && table[at + 3] === k3 && table[at + FIB_WORD] === 0) {
          dpo = found;
          break search;
        }
      }
    }
    results[k] = dpo;
  }
}
