// pcapng layout: a stream of blocks (type, total length, body, total length again) grouped into
// sections. Shared by the capture framing in Wasm (assembly/io) and the host's reader and writer.
export const PCAPNG_BLOCK_SECTION_HEADER = 0x0a0d0d0a;
export const PCAPNG_BLOCK_INTERFACE_DESCRIPTION = 0x00000001;
/** Obsolete since pcapng 1.0 but still written by old tools. */
export const PCAPNG_BLOCK_PACKET = 0x00000002;
export const PCAPNG_BLOCK_SIMPLE_PACKET = 0x00000003;
export const PCAPNG_BLOCK_NAME_RESOLUTION = 0x00000004;
export const PCAPNG_BLOCK_INTERFACE_STATISTICS = 0x00000005;
export const PCAPNG_BLOCK_ENHANCED_PACKET = 0x00000006;
export const PCAPNG_BLOCK_DECRYPTION_SECRETS = 0x0000000a;
export const PCAPNG_BLOCK_CUSTOM = 0x00000bad;

export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const PCAPNG_VERSION_MAJOR = 1;
export const PCAPNG_VERSION_MINOR = 0;

export const PCAPNG_BLOCK_TYPE_OFFSET = 0;
export const PCAPNG_BLOCK_TOTAL_LENGTH_OFFSET = 4;
export const PCAPNG_BLOCK_HEADER_LENGTH = 8;
export const PCAPNG_BLOCK_TRAILER_LENGTH = 4;
export const PCAPNG_MIN_BLOCK_LENGTH = PCAPNG_BLOCK_HEADER_LENGTH + PCAPNG_BLOCK_TRAILER_LENGTH;
export const PCAPNG_ALIGNMENT = 4;

export const SHB_BYTE_ORDER_MAGIC_OFFSET = 8;
export const SHB_VERSION_MAJOR_OFFSET = 12;
export const SHB_VERSION_MINOR_OFFSET = 14;
export const SHB_SECTION_LENGTH_OFFSET = 16;
export const SHB_OPTIONS_OFFSET = 24;
export const SHB_MIN_LENGTH = SHB_OPTIONS_OFFSET + PCAPNG_BLOCK_TRAILER_LENGTH;
/** Bytes needed to learn a section's byte order, and so its block length. */
export const SHB_BYTE_ORDER_PREFIX_LENGTH = SHB_BYTE_ORDER_MAGIC_OFFSET + 4;

export const IDB_LINKTYPE_OFFSET = 8;
export const IDB_RESERVED_OFFSET = 10;
export const IDB_SNAPLEN_OFFSET = 12;
export const IDB_OPTIONS_OFFSET = 16;
export const IDB_MIN_LENGTH = IDB_OPTIONS_OFFSET + PCAPNG_BLOCK_TRAILER_LENGTH;

export const EPB_INTERFACE_ID_OFFSET = 8;
export const EPB_TIMESTAMP_HIGH_OFFSET = 12;
export const EPB_TIMESTAMP_LOW_OFFSET = 16;
export const EPB_CAPTURED_LENGTH_OFFSET = 20;
export const EPB_ORIGINAL_LENGTH_OFFSET = 24;
export const EPB_DATA_OFFSET = 28;
export const EPB_MIN_LENGTH = EPB_DATA_OFFSET + PCAPNG_BLOCK_TRAILER_LENGTH;

// The obsolete Packet Block has the Enhanced Packet Block's layout with a 16-bit interface id and a drop count.
export const PB_INTERFACE_ID_OFFSET = 8;
export const PB_DROPS_COUNT_OFFSET = 10;

export const SPB_ORIGINAL_LENGTH_OFFSET = 8;
export const SPB_DATA_OFFSET = 12;
export const SPB_MIN_LENGTH = SPB_DATA_OFFSET + PCAPNG_BLOCK_TRAILER_LENGTH;

export const OPTION_HEADER_LENGTH = 4;
export const OPT_ENDOFOPT = 0;
export const OPT_IF_NAME = 2;
export const OPT_IF_TSRESOL = 9;
export const OPT_IF_TSOFFSET = 14;
export const IF_TSRESOL_LENGTH = 1;
export const IF_TSOFFSET_LENGTH = 8;
