// The software interfaces as the data plane sees them (VPP's sw_if_index): one record per interface
// index, in a table the Wasm engine carves at start-up and the host locates through
// interfaceTableAddress(). The counters `show interface` prints are bumped by the nodes
// (device-input, interface-output, error-drop) and by the host for what only it sees (frames the
// kernel dropped before the engine read them, frames a transmit refused); the settings the data path
// obeys are written by the host (src/host/interfaces/): admin state, MTU, cross-connect, 802.1Q
// sub-interfaces (port and VLAN) and the IPv6 FIB of packets received on the interface.
// Constants only: valid AssemblyScript and TypeScript.
export const IF_TABLE_ENTRIES = 4096; // interfaces past it are neither counted nor configurable: up, untagged, in FIB 0
export const IF_RX_PACKETS = 0; // u64, device-input
export const IF_RX_BYTES = 8; // u64
export const IF_TX_PACKETS = 16; // u64, interface-output
export const IF_TX_BYTES = 24; // u64
export const IF_DROPS = 32; // u64: packets received on the interface that the graph dropped (error-drop)
export const IF_TX_ERRORS = 40; // u64: packets for the interface dropped at output (down, MTU) or by the host's transmit
export const IF_RX_MISS = 48; // u64, host: frames the kernel dropped because the receive ring was full
export const IF_FLAGS = 56; // u32: IF_FLAG_* below
export const IF_MTU = 60; // u32: largest L3 packet interface-output sends (0: not checked)
// u32: `set interface l2 xconnect IF PEER`: what the engine passes through unrouted (its bump in the
// wire) leaves by interface PEER (stored as PEER + 1; 0: back out of the receiving interface).
export const IF_XCONNECT = 64;
export const IF_PARENT = 68; // u16: a sub-interface's parent (its port)
export const IF_VLAN = 70; // u16: a sub-interface's 802.1Q VLAN id
export const IF_FIB = 72; // u16: the IPv6 FIB (its index, not its table id) ip6-lookup uses for packets received here
export const IF_ENTRY_SIZE = 128;
// After the records: the sub-interfaces as (parent, VLAN) -> index triples, for ethernet-input.
export const SUBINTERFACE_COUNT = IF_TABLE_ENTRIES * IF_ENTRY_SIZE; // u32
export const SUBINTERFACE_TABLE = SUBINTERFACE_COUNT + 8;
export const SUBINTERFACE_PARENT = 0; // u16
export const SUBINTERFACE_VLAN = 2; // u16
export const SUBINTERFACE_INDEX = 4; // u16
export const SUBINTERFACE_RECORD_SIZE = 8;
export const SUBINTERFACES_MAX = 4096;
export const IF_TABLE_SIZE = SUBINTERFACE_TABLE + SUBINTERFACES_MAX * SUBINTERFACE_RECORD_SIZE;

// `set interface state IF down`: nothing is received or sent. New interfaces are up, except host
// interfaces, which start down as in VPP.
export const IF_FLAG_ADMIN_DOWN = 0x1;
export const IF_FLAG_SUB = 0x2; // an 802.1Q sub-interface (`create sub-interfaces IF ID`)
// A port with sub-interfaces: its tagged frames go to the sub-interface of their VLAN, or are dropped
// (VPP's "unknown vlan"). A port without any passes tagged frames on as its own, tag and all.
export const IF_FLAG_HAS_SUBS = 0x4;
