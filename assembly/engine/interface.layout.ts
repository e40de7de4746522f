// The software interfaces as the data plane sees them: one record per interface index, written by
// the host (src/host/interfaces/interface-config.ts) and read by the input nodes (admin state,
// 802.1Q sub-interfaces), ip6-lookup (the interface's IPv6 FIB), ip6-rewrite (the VLAN tag a
// sub-interface sends with) and interface-output. Constants only: valid AssemblyScript and TypeScript.
//
// Root (carved by the Wasm engine at start-up, located by the host through interfaceTableAddress()):
export const INTERFACES_MAX = 4096; // interfaces past it are up, untagged, in FIB 0
export const INTERFACE_TABLE = 0; // INTERFACES_MAX records
export const INTERFACE_FLAGS = 0; // u16: INTERFACE_FLAG_* below
export const INTERFACE_PARENT = 2; // u16: a sub-interface's parent (its port)
export const INTERFACE_VLAN = 4; // u16: a sub-interface's 802.1Q VLAN id
export const INTERFACE_FIB = 6; // u16: the IPv6 FIB (its index, not its table id) ip6-lookup uses for packets received here
export const INTERFACE_RECORD_SIZE = 8;
// After the records: the sub-interfaces as (parent, VLAN) -> index triples, for ethernet-input.
export const SUBINTERFACE_COUNT = INTERFACES_MAX * INTERFACE_RECORD_SIZE; // u32
export const SUBINTERFACE_TABLE = SUBINTERFACE_COUNT + 8;
export const SUBINTERFACE_PARENT = 0; // u16
export const SUBINTERFACE_VLAN = 2; // u16
export const SUBINTERFACE_INDEX = 4; // u16
export const SUBINTERFACE_RECORD_SIZE = 8;
export const SUBINTERFACES_MAX = 4096;
export const INTERFACE_TABLE_SIZE = SUBINTERFACE_TABLE + SUBINTERFACES_MAX * SUBINTERFACE_RECORD_SIZE;

// New interfaces are up (VPP's start down: `set interface state IF up`).
export const INTERFACE_FLAG_ADMIN_DOWN = 0x1;
export const INTERFACE_FLAG_SUB = 0x2; // an 802.1Q sub-interface (`create sub-interfaces IF ID`)
// A port with sub-interfaces: its tagged frames go to the sub-interface of their VLAN, or are dropped
// (VPP's "unknown vlan"). A port without any passes tagged frames on as its own, tag and all.
export const INTERFACE_FLAG_HAS_SUBS = 0x4;
