// Classic libpcap layout: a 24-byte file header, then per packet a 16-byte record header and the
// captured bytes. Shared by the capture framing in Wasm (assembly/io) and the host's reader and writer.
export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;

export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_FILE_MAGIC_OFFSET = 0;
export const PCAP_FILE_VERSION_MAJOR_OFFSET = 4;
export const PCAP_FILE_VERSION_MINOR_OFFSET = 6;
export const PCAP_FILE_THISZONE_OFFSET = 8;
export const PCAP_FILE_SIGFIGS_OFFSET = 12;
export const PCAP_FILE_SNAPLEN_OFFSET = 16;
export const PCAP_FILE_LINKTYPE_OFFSET = 20;
// The upper bits of the link-type field carry FCS information that readers of the packet bytes do not need.
export const PCAP_LINKTYPE_MASK = 0xffff;

export const PCAP_RECORD_HEADER_LENGTH = 16;
export const PCAP_RECORD_SECONDS_OFFSET = 0;
export const PCAP_RECORD_FRACTION_OFFSET = 4;
export const PCAP_RECORD_CAPTURED_LENGTH_OFFSET = 8;
export const PCAP_RECORD_ORIGINAL_LENGTH_OFFSET = 12;
