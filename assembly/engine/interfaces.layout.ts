// Per software interface (VPP's sw_if_index): the counters `show interface` prints and the
// settings the data path obeys (admin state, MTU). One record per interface index, written by the
// Wasm nodes (counters) and by the host (settings, and the counters only the host sees: what the
// kernel dropped before the engine read it, frames the host could not transmit).
// Constants only: valid AssemblyScript and TypeScript.
export const IF_TABLE_ENTRIES = 1024; // interfaces with a higher index are neither counted nor configurable
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
export const IF_ENTRY_SIZE = 128;

export const IF_FLAG_ADMIN_DOWN = 0x1; // `set interface state IF down`: nothing is received or sent
