// Reads of the interface table the host writes (layout: interface.layout.ts).
import {
  INTERFACES_MAX,
  INTERFACE_FIB,
  INTERFACE_FLAGS,
  INTERFACE_FLAG_ADMIN_DOWN,
  INTERFACE_FLAG_HAS_SUBS,
  INTERFACE_FLAG_SUB,
  INTERFACE_PARENT,
  INTERFACE_RECORD_SIZE,
  INTERFACE_TABLE,
  INTERFACE_TABLE_SIZE,
  INTERFACE_VLAN,
  SUBINTERFACE_COUNT,
  SUBINTERFACE_INDEX,
  SUBINTERFACE_PARENT,
  SUBINTERFACE_RECORD_SIZE,
  SUBINTERFACE_TABLE,
  SUBINTERFACE_VLAN,
} from "./interface.layout";
import { allocate } from "./memory";

export const interfaceTable: usize = allocate(INTERFACE_TABLE_SIZE);

export function interfaceTableAddress(): usize {
  return interfaceTable;
}

@inline function flagsOf(index: u32): u32 {
  return index < <u32>INTERFACES_MAX ? <u32>load<u16>(interfaceTable + INTERFACE_TABLE + <usize>index * INTERFACE_RECORD_SIZE, INTERFACE_FLAGS) : 0;
}

/** Whether the interface, and its port for a sub-interface, is administratively up. */
@inline export function interfaceUp(index: u32): bool {
  const flags = flagsOf(index);
  if (flags & INTERFACE_FLAG_ADMIN_DOWN) return false;
  return !(flags & INTERFACE_FLAG_SUB) || !(flagsOf(interfaceParent(index)) & INTERFACE_FLAG_ADMIN_DOWN);
}

@inline export function hasSubInterfaces(index: u32): bool {
  return (flagsOf(index) & INTERFACE_FLAG_HAS_SUBS) != 0;
}

@inline export function isSubInterface(index: u32): bool {
  return (flagsOf(index) & INTERFACE_FLAG_SUB) != 0;
}

@inline export function interfaceParent(index: u32): u32 {
  return <u32>load<u16>(interfaceTable + INTERFACE_TABLE + <usize>index * INTERFACE_RECORD_SIZE, INTERFACE_PARENT);
}

/** The VLAN id a sub-interface sends with (0 for any other interface). */
@inline export function interfaceVlan(index: u32): u32 {
  return isSubInterface(index) ? <u32>load<u16>(interfaceTable + INTERFACE_TABLE + <usize>index * INTERFACE_RECORD_SIZE, INTERFACE_VLAN) : 0;
}

/** The IPv6 FIB index of packets received on the interface. */
@inline export function interfaceFib(index: u32): u32 {
  return index < <u32>INTERFACES_MAX ? <u32>load<u16>(interfaceTable + INTERFACE_TABLE + <usize>index * INTERFACE_RECORD_SIZE, INTERFACE_FIB) : 0;
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
