// Longest-prefix match on the FIB the host wrote (layout and design: fib.layout.ts), and reads of
// its adjacencies. The Wasm side only reads these tables; the host builds and updates them between
// vectors.
import { allocate } from "../engine/memory";
import { ld32x4 } from "../engine/bytes";
import { ip6PrefixMask } from "../wire/ipv6";
import { DPO_DROP, DPO_INDEX_MASK, DPO_LOAD_BALANCE, DPO_NONE, DPO_TYPE_SHIFT } from "./dpo.layout";
import { FLOW_HASH_DEFAULT } from "../engine/flow-hash.layout";
import {
  FIB_ADDRESS_WORDS,
  FIB_ADJ_FLAGS,
  FIB_ADJ_FLAG_COMPLETE,
  FIB_ADJ_SIZE,
  FIB_ADJ_TX_INTERFACE,
  FIB_HASH_FINAL,
  FIB_HASH_FIB_STEP,
  FIB_HASH_MULTIPLIER,
  FIB_HASH_SEED,
  FIB_INTERFACE_ADDRESS,
  FIB_INTERFACE_MAC,
  FIB_INTERFACE_SIZE,
  FIB_PREFIX_LENGTHS,
  FIB_ROOT_ADJACENCIES,
  FIB_ROOT_FLOW_HASH,
  FIB_ROOT_LOAD_BALANCES,
  FIB_ROOT_LOAD_BALANCE_COUNT,
  FIB_TABLES_MAX,
  LB_BUCKETS,
  LB_BUCKET_BITS,
  LB_BUCKET_MASK,
  LB_DEPTH_MAX,
  FIB_ROOT_INTERFACES,
  FIB_ROOT_INTERFACE_COUNT,
  FIB_ROOT_LENGTHS,
  FIB_ROOT_LENGTH_COUNT,
  FIB_ROOT_MISS_DPO,
  FIB_ROOT_SIZE,
  FIB_ROOT_TABLES,
  FIB_SLOT_DPO,
  FIB_SLOT_FIB,
  FIB_SLOT_KEY,
  FIB_SLOT_SHIFT,
  FIB_TABLE_REF_SIZE,
  FIB_TABLE_SLOTS,
  FIB_TABLE_SLOT_MASK,
} from "./fib.layout";

export const fibRoot: usize = allocate(FIB_ROOT_SIZE);
store<u32>(fibRoot, DPO_NONE, FIB_ROOT_MISS_DPO);
memory.fill(fibRoot + FIB_ROOT_FLOW_HASH, <u8>FLOW_HASH_DEFAULT, FIB_TABLES_MAX);

export function fibRootAddress(): usize {
  return fibRoot;
}

/** Word `word` (0..3) of the netmask of a /length prefix, as a big-endian value. */
function maskWord(length: u32, word: u32): u32 {
  const half = ip6PrefixMask(length, <i32>(word >> 1));
  return <u32>(word & 1 ? half : half >>> 32);
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

@inline function fibHash(seed: u32, w0: u32, w1: u32, w2: u32, w3: u32): u32 {
  let h = mix(mix(mix(mix(seed, w0), w1), w2), w3);
  h = (h ^ (h >>> 13)) * <u32>FIB_HASH_FINAL;
  return h ^ (h >>> 16);
}

/**
 * The DPO (dpo.layout.ts) of the longest prefix of FIB `fib` containing the 16-octet address at
 * `address` (read with the bounds-checked loads: it must lie in the current packet window). With no
 * FIB configured this is DPO_NONE; with one, DPO_DROP when no prefix matches.
 */
export function fibLookup(address: usize, fib: u32): u32 {
  const seed = <u32>FIB_HASH_SEED + fib * <u32>FIB_HASH_FIB_STEP;
  // The address as four host-order words in one v128: each length's key is one AND with its mask
  // and one 16-octet compare against a slot, the four words extracted only for the hash.
  const a = ld32x4(address);
  const count = <usize>load<u32>(fibRoot, FIB_ROOT_LENGTH_COUNT);
  for (let k: usize = 0; k < count; k++) {
    const length = <u32>load<u8>(fibRoot + FIB_ROOT_LENGTHS + k);
    const table = fibRoot + FIB_ROOT_TABLES + <usize>length * FIB_TABLE_REF_SIZE;
    const slots = <usize>load<u32>(table, FIB_TABLE_SLOTS);
    const slotMask = load<u32>(table, FIB_TABLE_SLOT_MASK);
    const key = v128.and(a, v128.load(prefixMasks + (<usize>length << 4)));
    let h = fibHash(seed, i32x4.extract_lane(key, 0), i32x4.extract_lane(key, 1), i32x4.extract_lane(key, 2), i32x4.extract_lane(key, 3)) & slotMask;
    while (true) {
      const slot = slots + (<usize>h << FIB_SLOT_SHIFT);
      const dpo = load<u32>(slot, FIB_SLOT_DPO);
      if (dpo == DPO_NONE) break;
      if (!v128.any_true(v128.xor(v128.load(slot, FIB_SLOT_KEY), key)) && load<u32>(slot, FIB_SLOT_FIB) == fib) return dpo;
      h = (h + 1) & slotMask;
    }
  }
  return load<u32>(fibRoot, FIB_ROOT_MISS_DPO);
}

/**
 * fibLookup, answered inline when no prefix of any length is installed (a bump in the wire, or a
 * node with no routes yet): the miss DPO fibLookup would return after its loop ran no turn, without
 * the call, the address load and the spills around the call in the caller's loop.
 */
@inline export function fibLookupInline(address: usize, fib: u32): u32 {
  if (load<u32>(fibRoot, FIB_ROOT_LENGTH_COUNT) == 0) return load<u32>(fibRoot, FIB_ROOT_MISS_DPO);
  return fibLookup(address, fib);
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

/** The flow-hash fields (FLOW_HASH_*) load balances of FIB `fib` pick buckets by. */
@inline export function fibFlowHashFields(fib: u32): u32 {
  return fib < <u32>FIB_TABLES_MAX ? <u32>load<u8>(fibRoot + FIB_ROOT_FLOW_HASH + <usize>fib) : <u32>FLOW_HASH_DEFAULT;
}

/**
 * The DPO a load balance's bucket gives for a flow of hash `hash`, through nested load balances
 * (each taking the next LB_BUCKET_BITS of the hash, so the stages do not pick alike); DPO_DROP when
 * the index is not a load balance or the nesting is deeper than LB_DEPTH_MAX.
 */
export function loadBalanced(index: u32, hash: u32): u32 {
  let h = hash;
  for (let depth = 0; depth < LB_DEPTH_MAX; depth++) {
    if (index >= load<u32>(fibRoot, FIB_ROOT_LOAD_BALANCE_COUNT)) break;
    const lb = <usize>load<u32>(<usize>load<u32>(fibRoot, FIB_ROOT_LOAD_BALANCES) + (<usize>index << 2));
    if (!lb) break;
    const dpo = load<u32>(lb + LB_BUCKETS + (<usize>(h & load<u32>(lb, LB_BUCKET_MASK)) << 2));
    if (dpo >>> DPO_TYPE_SHIFT != DPO_LOAD_BALANCE) return dpo;
    index = dpo & DPO_INDEX_MASK;
    h >>>= LB_BUCKET_BITS;
  }
  return (<u32>DPO_DROP << DPO_TYPE_SHIFT);
}

/** Address of interface `index`'s 6-octet MAC, or 0 when the host wrote no record for it (it has no IPv6 address). */
export function interfaceMacAddress(index: u32): usize {
  const record = interfaceRecord(index);
  return record ? record + FIB_INTERFACE_MAC : 0;
}
