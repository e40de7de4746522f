// The control blocks through which the host and the capture framing in Wasm (capture-rx.ts,
// capture-tx.ts) talk: what the host set up (format, byte order, interfaces) and what a call did
// (bytes consumed or written, why it stopped). One block each, at captureRxAddress() and
// captureTxAddress(). Valid AssemblyScript and TypeScript.

export const CAPTURE_FORMAT_PCAP = 1;
export const CAPTURE_FORMAT_PCAPNG = 2;

// ---- receive: capture records -> the next vector -------------------------------------------
export const RX_FORMAT = 0; // u32: CAPTURE_FORMAT_*
export const RX_BIG_ENDIAN = 4; // u32: 1 when the file (pcap) or section (pcapng) is big-endian
export const RX_PCAP_NANOSECOND = 8; // u32: pcap records count nanoseconds, not microseconds
export const RX_PCAP_LINK_TYPE = 12; // u32: the pcap file's link type
export const RX_MAX_UNIT = 16; // u32: the longest record or block accepted (a corrupt length cannot claim more)
export const RX_INTERFACE = 20; // u32: software interface index the frames arrive on
export const RX_IF_COUNT = 24; // u32: pcapng interfaces of the current section in RX_IFACES
export const RX_CONSUMED = 28; // u32, out: bytes of the chunk the call consumed
export const RX_STOP = 32; // u32, out: RX_STOP_*
export const RX_NOT_AFTER = 40; // i64, in: a frame stamped later (ns) is left for a later vector; -1: no limit
export const RX_NEXT_TIME = 48; // u64, out: with RX_STOP_NOT_AFTER, that frame's time (ns)
export const RX_IFACES = 64; // RX_IFACE_SIZE octets per pcapng interface id
export const RX_IFACE_LINK_TYPE = 0; // u16
export const RX_IFACE_TICKS_EXPONENT = 2; // u8: timestamps count 10^-e s, e <= 9; RX_IFACE_SLOW: the host converts
export const RX_IFACE_TS_OFFSET = 8; // i64: if_tsoffset, seconds added to every timestamp
export const RX_IFACE_SIZE = 16;
export const RX_IFACE_SLOW = 0xff;
export const RX_IFACES_MAX = 256;
export const RX_BLOCK_SIZE = RX_IFACES + RX_IFACES_MAX * RX_IFACE_SIZE;

// Why a receive call stopped; the host acts on each.
export const RX_STOP_NEED_MORE = 1; // the next record is not whole in the chunk: read more (or, at the end, truncated)
export const RX_STOP_VECTOR_FULL = 2; // as many frames as the vector may hold
export const RX_STOP_NOT_AFTER = 3; // the next frame is stamped after RX_NOT_AFTER
export const RX_STOP_HOST = 4; // the next unit is one the host parses: a file header, a non-packet or unusual block, a malformed record

// ---- transmit: the transmit list -> capture records -----------------------------------------
export const TX_FORMAT = 0; // u32: CAPTURE_FORMAT_*
export const TX_PCAP_NANOSECOND = 4; // u32
export const TX_PCAP_LINK_TYPE = 8; // u32: a pcap file holds one link type
export const TX_WRITTEN = 12; // u32, out: bytes written into the output chunk
export const TX_DONE = 16; // u32, out: transmit-list entries written so far this vector
export const TX_STOP = 20; // u32, out: TX_STOP_*
// pcapng: per software interface index, the interface id its frames were last written under and
// that id's link type (TX_IF_NONE: none yet; the host writes the interface description block).
export const TX_IF_MAP = 64;
export const TX_IF_ENTRY_SIZE = 8;
export const TX_IF_ENTRY_LINK_TYPE = 0; // u32
export const TX_IF_ENTRY_ID = 4; // u32
export const TX_IF_NONE = 0xffffffff;
export const TX_IF_MAP_ENTRIES = 65536; // a descriptor's interface index is 16 bits
export const TX_BLOCK_SIZE = TX_IF_MAP + TX_IF_MAP_ENTRIES * TX_IF_ENTRY_SIZE;

export const TX_STOP_DONE = 1; // the whole transmit list is written
export const TX_STOP_CHUNK_FULL = 2; // the output chunk is full: write it out, call again
export const TX_STOP_HOST = 3; // the next packet needs the host (pcapng: a new interface; pcap: another link type)
