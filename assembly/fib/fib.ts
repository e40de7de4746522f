// Longest-prefix match on the FIB the host wrote (layout and design: fib.layout.ts), and reads of
// its adjacencies. The Wasm side only reads these tables; the host builds and updates them between
// vectors.
import { allocate } from "../engine/memory";
import { ld32 } from "../engine/bytes";
import { DPO_NONE } from "./dpo.layout";
import {
  FIB_ADDRESS_WORDS,
  FIB_ADJ_FLAGS,
  FIB_ADJ_FLAG_COMPLETE,
  FIB_ADJ_SIZE,
  FIB_ADJ_TX_INTERFACE,
  FIB_HASH_FINAL,
  FIB_HASH_MULTIPLIER,
  FIB_HASH_SEED,
  FIB_INTERFACE_ADDRESS,
  FIB_INTERFACE_MAC,
  FIB_INTERFACE_SIZE,
  FIB_PREFIX_LENGTHS,
  FIB_ROOT_ADJACENCIES,
  FIB_ROOT_INTERFACES,
  FIB_ROOT_INTERFACE_COUNT,
  FIB_ROOT_LENGTHS,
  FIB_ROOT_LENGTH_COUNT,
  FIB_ROOT_MISS_DPO,
  FIB_ROOT_SIZE,
  FIB_ROOT_TABLES,
  FIB_SLOT_DPO,
  FIB_SLOT_KEY,
  FIB_SLOT_SHIFT,
  FIB_TABLE_REF_SIZE,
  FIB_TABLE_SLOTS,
  FIB_TABLE_SLOT_MASK,
} from "./fib.layout";

export const fibRoot: usize = allocate(FIB_ROOT_SIZE);
store<u32>(fibRoot, DPO_NONE, FIB_ROOT_MISS_DPO);

export function fibRootAddress(): usize {
  return fibRoot;
}

/** Word `word` (0..3) of the netmask of a /length prefix, as a big-endian value. */
function maskWord(length: u32, word: u32): u32 {
  const bits = <i32>length - <i32>(word << 5);
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return 0xffffffff << (32 - <u32>bits);
}

// The four netmask words of every prefix length, computed once: a lookup loads them instead of
// branching per word.
const prefixMasks: usize = allocate(<usize>FIB_PREFIX_LENGTHS * FIB_ADDRESS_WORDS * 4);
for (let length: u32 = 0; length < <u32>FIB_PREFIX_LENGTHS; length++) {
  for (let word: u32 = 0; word < <u32>FIB_ADDRESS_WORDS; word++) {
    store<u32>(prefixMasks + ((<usize>length * FIB_ADDRESS_WORDS + word) << 2), maskWord(length, word));
  }
}

@inline function mix(h: u32, word: u32): u32 {
  h = (h ^ word) * <u32>FIB_HASH_MULTIPLIER;
  return h ^ (h >>> 15);
}

@inline function fibHash(w0: u32, w1: u32, w2: u32, w3: u32): u32 {
  let h = mix(mix(mix(mix(<u32>FIB_HASH_SEED, w0), w1), w2), w3);
  h = (h ^ (h >>> 13)) * <u32>FIB_HASH_FINAL;
  return h ^ (h >>> 16);
}

/**
 * The DPO (dpo.layout.ts) of the longest prefix containing the 16-octet address at `address`
 * (read with the bounds-checked loads: it must lie in the current packet window). With no FIB
 * configured this is DPO_NONE; with one, DPO_DROP when no prefix matches.
 */
export function fibLookup(address: usize): u32 {
  const a0 = ld32(address);
  const a1 = ld32(address + 4);
  const a2 = ld32(address + 8);
  const a3 = ld32(address + 12);
  const count = <usize>load<u32>(fibRoot, FIB_ROOT_LENGTH_COUNT);
  for (let k: usize = 0; k < count; k++) {
    const length = <u32>load<u8>(fibRoot + FIB_ROOT_LENGTHS + k);
    const table = fibRoot + FIB_ROOT_TABLES + <usize>length * FIB_TABLE_REF_SIZE;
    const slots = <usize>load<u32>(table, FIB_TABLE_SLOTS);
    const slotMask = load<u32>(table, FIB_TABLE_SLOT_MASK);
    const masks = prefixMasks + (<usize>length << 4);
    const k0 = a0 & load<u32>(masks);
    const k1 = a1 & load<u32>(masks, 4);
    const k2 = a2 & load<u32>(masks, 8);
    const k3 = a3 & load<u32>(masks, 12);
    let h = fibHash(k0, k1, k2, k3) & slotMask;
    while (true) {
      const slot = slots + (<usize>h << FIB_SLOT_SHIFT);
      const dpo = load<u32>(slot, FIB_SLOT_DPO);
      if (dpo == DPO_NONE) break;
      if (
        load<u32>(slot, FIB_SLOT_KEY) == k0 &&
        load<u32>(slot, FIB_SLOT_KEY + 4) == k1 &&
        load<u32>(slot, FIB_SLOT_KEY + 8) == k2 &&
        load<u32>(slot, FIB_SLOT_KEY + 12) == k3
      ) {
        return dpo;
      }
      h = (h + 1) & slotMask;
    }
  }
  return load<u32>(fibRoot, FIB_ROOT_MISS_DPO);
}

/** Address of adjacency `index` (the host only installs indices it wrote). */
@inline export function adjacency(index: u32): usize {
  return <usize>load<u32>(fibRoot, FIB_ROOT_ADJACENCIES) + <usize>index * FIB_ADJ_SIZE;
}

@inline export function adjacencyTxInterface(adj: usize): u32 {
  return <u32>load<u16>(adj, FIB_ADJ_TX_INTERFACE);
}

@inline export function adjacencyComplete(adj: usize): bool {
  return (<u32>load<u16>(adj, FIB_ADJ_FLAGS) & FIB_ADJ_FLAG_COMPLETE) != 0;
}

@inline function interfaceRecord(index: u32): usize {
  if (index >= load<u32>(fibRoot, FIB_ROOT_INTERFACE_COUNT)) return 0;
  return <usize>load<u32>(fibRoot, FIB_ROOT_INTERFACES) + <usize>index * FIB_INTERFACE_SIZE;
}

/** Address of the IPv6 address this node uses as the source of what it originates from interface `index`, or 0 when it has none. */
export function interfaceSourceAddress(index: u32): usize {
  const record = interfaceRecord(index);
  if (!record) return 0;
  const at = record + FIB_INTERFACE_ADDRESS;
  return load<u64>(at) | load<u64>(at, 8) ? at : 0;
}

/** Address of interface `index`'s 6-octet MAC, or 0 when the host wrote no record for it (it has no IPv6 address). */
export function interfaceMacAddress(index: u32): usize {
  const record = interfaceRecord(index);
  return record ? record + FIB_INTERFACE_MAC : 0;
}
