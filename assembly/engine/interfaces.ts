// The interface table (interface.layout.ts): counters the nodes bump and the settings they read.
// Every access checks the index against the table, so an interface the host never sized for is
// simply not counted, and is up, untagged and in FIB 0.
import { allocate } from "./memory";
import {
  IF_DROPS,
  IF_ENTRY_SIZE,
  IF_FIB,
  IF_FLAGS,
  IF_FLAG_ADMIN_DOWN,
  IF_FLAG_HAS_SUBS,
  IF_FLAG_SUB,
  IF_MTU,
  IF_PARENT,
  IF_RX_BYTES,
  IF_RX_PACKETS,
  IF_TABLE_ENTRIES,
  IF_TABLE_SIZE,
  IF_TX_BYTES,
  IF_TX_ERRORS,
  IF_TX_PACKETS,
  IF_VLAN,
  IF_XCONNECT,
  SUBINTERFACE_COUNT,
  SUBINTERFACE_INDEX,
  SUBINTERFACE_PARENT,
  SUBINTERFACE_RECORD_SIZE,
  SUBINTERFACE_TABLE,
  SUBINTERFACE_VLAN,
} from "./interface.layout";

const interfaceTable: usize = allocate(IF_TABLE_SIZE);

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

@inline export function countInterfaceTxBy(index: u32, packets: u32, bytes: u64): void {
  bump(index, IF_TX_PACKETS, <u64>packets);
  bump(index, IF_TX_BYTES, bytes);
}

@inline export function countInterfaceDrop(index: u32): void {
  bump(index, IF_DROPS, 1);
}

@inline export function countInterfaceTxError(index: u32): void {
  bump(index, IF_TX_ERRORS, 1);
}

@inline function flagsOf(index: u32): u32 {
  return index < <u32>IF_TABLE_ENTRIES ? load<u32>(entry(index), IF_FLAGS) : 0;
}

/** Whether the interface, and its port for a sub-interface, is administratively up. */
@inline export function interfaceUp(index: u32): bool {
  const flags = flagsOf(index);
  if (flags & IF_FLAG_ADMIN_DOWN) return false;
  return !(flags & IF_FLAG_SUB) || !(flagsOf(interfaceParent(index)) & IF_FLAG_ADMIN_DOWN);
}

@inline export function interfaceDown(index: u32): bool {
  return !interfaceUp(index);
}

@inline export function hasSubInterfaces(index: u32): bool {
  return (flagsOf(index) & IF_FLAG_HAS_SUBS) != 0;
}

@inline export function isSubInterface(index: u32): bool {
  return (flagsOf(index) & IF_FLAG_SUB) != 0;
}

@inline export function interfaceParent(index: u32): u32 {
  return index < <u32>IF_TABLE_ENTRIES ? <u32>load<u16>(entry(index), IF_PARENT) : 0;
}

/** The VLAN id a sub-interface sends with (0 for any other interface). */
@inline export function interfaceVlan(index: u32): u32 {
  return isSubInterface(index) ? <u32>load<u16>(entry(index), IF_VLAN) : 0;
}

/** The IPv6 FIB index of packets received on the interface. */
@inline export function interfaceFib(index: u32): u32 {
  return index < <u32>IF_TABLE_ENTRIES ? <u32>load<u16>(entry(index), IF_FIB) : 0;
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

/** The sub-interface of `port` for VLAN `vlan`, or -1 (a scan: sub-interfaces are few). */
export function subInterfaceOf(port: u32, vlan: u32): i32 {
  const count = load<u32>(interfaceTable + SUBINTERFACE_COUNT);
  for (let k: u32 = 0; k < count; k++) {
    const r = interfaceTable + SUBINTERFACE_TABLE + <usize>k * SUBINTERFACE_RECORD_SIZE;
    if (<u32>load<u16>(r, SUBINTERFACE_PARENT) == port && <u32>load<u16>(r, SUBINTERFACE_VLAN) == vlan) return <i32>load<u16>(r, SUBINTERFACE_INDEX);
  }
  return -1;
}
