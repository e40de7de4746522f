// The per-interface table (interfaces.layout.ts): counters the nodes bump and the settings they
// read. Every access checks the index against the table, so an interface the host never sized for
// is simply not counted.
import { allocate } from "./memory";
import {
  IF_DROPS,
  IF_ENTRY_SIZE,
  IF_FLAGS,
  IF_FLAG_ADMIN_DOWN,
  IF_MTU,
  IF_RX_BYTES,
  IF_RX_PACKETS,
  IF_TABLE_ENTRIES,
  IF_TX_BYTES,
  IF_TX_ERRORS,
  IF_TX_PACKETS,
  IF_XCONNECT,
} from "./interfaces.layout";

const interfaceTable: usize = allocate(<usize>IF_TABLE_ENTRIES * IF_ENTRY_SIZE);

export function interfaceTableAddress(): usize {
  return interfaceTable;
}

@inline function entry(index: u32): usize {
  return interfaceTable + <usize>index * IF_ENTRY_SIZE;
}

@inline function bump(index: u32, field: usize, by: u64): void {
  if (index >= <u32>IF_TABLE_ENTRIES) return;
  const at = entry(index) + field;
  store<u64>(at, load<u64>(at) + by);
}

@inline export function countInterfaceRx(index: u32, bytes: u32): void {
  bump(index, IF_RX_PACKETS, 1);
  bump(index, IF_RX_BYTES, <u64>bytes);
}

@inline export function countInterfaceTx(index: u32, bytes: u32): void {
  bump(index, IF_TX_PACKETS, 1);
  bump(index, IF_TX_BYTES, <u64>bytes);
}

@inline export function countInterfaceDrop(index: u32): void {
  bump(index, IF_DROPS, 1);
}

@inline export function countInterfaceTxError(index: u32): void {
  bump(index, IF_TX_ERRORS, 1);
}

@inline export function interfaceDown(index: u32): bool {
  return index < <u32>IF_TABLE_ENTRIES && (load<u32>(entry(index), IF_FLAGS) & IF_FLAG_ADMIN_DOWN) != 0;
}

/** The interface's MTU (largest L3 packet), 0 when none is set. */
@inline export function interfaceMtu(index: u32): u32 {
  return index < <u32>IF_TABLE_ENTRIES ? load<u32>(entry(index), IF_MTU) : 0;
}

/** Where a packet received on `rxIf` leaves when the engine passes it through unrouted. */
@inline export function bumpInterface(rxIf: u32): u32 {
  if (rxIf >= <u32>IF_TABLE_ENTRIES) return rxIf;
  const peer = load<u32>(entry(rxIf), IF_XCONNECT);
  return peer ? peer - 1 : rxIf;
}
