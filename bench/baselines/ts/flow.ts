// Baseline: the flow-table lookup in tuned plain TypeScript on typed arrays, the same algorithm and
// layout as assembly/flow/table.ts (linear probing over FLOW_PROBE_WINDOW 48-octet slots from the
// multiply-xorshift hash of the ten big-endian key words, ending at the first EMPTY slot and passing
// tombstones; the most discriminating words compared first; a hit refreshes the last-seen time, an
// idle flow met on the way expires, leaving a tombstone). Works on a copy of the engine's table.
// Allocation-free per lookup.
import {
  FLOW_HASH_FINAL,
  FLOW_HASH_MULTIPLIER,
  FLOW_HASH_SEED,
  FLOW_KEY_DST,
  FLOW_KEY_PORTS,
  FLOW_KEY_PROTO,
  FLOW_KEY_SIZE,
  FLOW_KEY_SRC,
  FLOW_MISS,
  FLOW_PROBE_WINDOW,
  FLOW_SLOT_CHOICE,
  FLOW_SLOT_LAST_SEEN,
  FLOW_SLOT_PORTS,
  FLOW_SLOT_PROTO,
  FLOW_SLOT_SIZE,
  FLOW_SLOT_STATE,
  FLOW_STATE_DELETED,
  FLOW_STATE_EMPTY,
  FLOW_STATE_USED,
  FLOW_TABLE_HEADER_SIZE,
  FLOW_TABLE_IDLE_TIMEOUT,
  FLOW_TABLE_SIZE,
  FLOW_TABLE_SLOT_MASK,
} from "../../../assembly/flow/flow.layout.js";

const SLOT_WORDS = FLOW_SLOT_SIZE / 4;
const HEADER_WORDS = FLOW_TABLE_HEADER_SIZE / 4;
const PORTS_WORD = FLOW_SLOT_PORTS / 4;
// Octets 36..39 of a slot as one little-endian word: protocol, state, flags, pad.
const PROTO_STATE_WORD = FLOW_SLOT_PROTO / 4;
const STATE_SHIFT = (FLOW_SLOT_STATE - FLOW_SLOT_PROTO) * 8;
const SIZE_WORD = FLOW_TABLE_SIZE / 4;
const CHOICE_WORD = FLOW_SLOT_CHOICE / 4;
const LAST_SEEN_WORD = FLOW_SLOT_LAST_SEEN / 4;

export interface TsFlowTable {
  /** Header, then the slots, as little-endian words (a copy of the engine's table). */
  words: Uint32Array;
  slotMask: number;
  idleTimeout: number;
  expirations: number;
}

/** A table from a byte copy of the engine's (header and slots). */
export function tsFlowTable(bytes: Uint8Array): TsFlowTable {
  const words = new Uint32Array(bytes.slice().buffer);
  return { words, slotMask: words[FLOW_TABLE_SLOT_MASK / 4], idleTimeout: words[FLOW_TABLE_IDLE_TIMEOUT / 4], expirations: 0 };
}

function be32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, FLOW_HASH_MULTIPLIER);
  return h ^ (h >>> 15);
}

/** Looks up n key records (from `keys[first * FLOW_KEY_SIZE]`) at time `now`, choices into results[0..n). */
export function flowLookupKeysTs(table: TsFlowTable, keys: Uint8Array, first: number, n: number, now: number, results: Uint32Array): void {
  const { words, slotMask, idleTimeout } = table;
  for (let k = 0; k < n; k++) {
    const o = (first + k) * FLOW_KEY_SIZE;
    const s0 = be32(keys, o + FLOW_KEY_SRC),
      s1 = be32(keys, o + FLOW_KEY_SRC + 4),
      s2 = be32(keys, o + FLOW_KEY_SRC + 8),
      s3 = be32(keys, o + FLOW_KEY_SRC + 12);
    const d0 = be32(keys, o + FLOW_KEY_DST),
      d1 = be32(keys, o + FLOW_KEY_DST + 4),
      d2 = be32(keys, o + FLOW_KEY_DST + 8),
      d3 = be32(keys, o + FLOW_KEY_DST + 12);
    const ports = be32(keys, o + FLOW_KEY_PORTS);
    const protoState = keys[o + FLOW_KEY_PROTO] | (FLOW_STATE_USED << STATE_SHIFT);
    let h = mix(mix(mix(mix(FLOW_HASH_SEED, s0), s1), s2), s3);
    h = mix(mix(mix(mix(h, d0), d1), d2), d3);
    h = mix(mix(h, ports), keys[o + FLOW_KEY_PROTO]);
    h = Math.imul(h ^ (h >>> 13), FLOW_HASH_FINAL);
    h ^= h >>> 16;
    let choice = FLOW_MISS;
    for (let p = 0; p < FLOW_PROBE_WINDOW; p++) {
      const at = HEADER_WORDS + ((h + p) & slotMask) * SLOT_WORDS;
      const protoStateWord = words[at + PROTO_STATE_WORD];
      if (((protoStateWord >>> STATE_SHIFT) & 0xff) === FLOW_STATE_EMPTY) break;
      if (
        words[at + PORTS_WORD] === ports &&
        words[at + 3] === s3 &&
        words[at + 2] === s2 &&
        words[at + 7] === d3 &&
        words[at + 6] === d2 &&
        words[at + 1] === s1 &&
        words[at] === s0 &&
        words[at + 5] === d1 &&
        words[at + 4] === d0 &&
        (protoStateWord & ((0x100 << STATE_SHIFT) - 1)) === protoState
      ) {
        if ((now - words[at + LAST_SEEN_WORD]) >>> 0 > idleTimeout) {
          words[at + PROTO_STATE_WORD] = (protoStateWord & ~(0xff << STATE_SHIFT)) | (FLOW_STATE_DELETED << STATE_SHIFT);
          words[SIZE_WORD]--;
          table.expirations++;
        } else {
          words[at + LAST_SEEN_WORD] = now;
          choice = words[at + CHOICE_WORD];
        }
        break;
      }
    }
    results[k] = choice;
  }
}
