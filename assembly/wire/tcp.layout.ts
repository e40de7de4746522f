// TCP header (RFC 9293 §3.1) and option kinds.
export const TCP_SRC_PORT = 0;
export const TCP_DST_PORT = 2;
export const TCP_SEQ = 4;
export const TCP_ACK = 8;
export const TCP_DATA_OFFSET = 12; // high nibble, 4-octet words; low nibble: reserved + AE flag
export const TCP_FLAGS = 13;
export const TCP_WINDOW = 14;
export const TCP_CHECKSUM = 16;
export const TCP_URGENT = 18;
export const TCP_MIN_HEADER_LENGTH = 20;
export const TCP_MAX_HEADER_LENGTH = 60;
export const TCP_DATA_OFFSET_UNIT = 4;
export const TCP_FLAGS_MASK = 0x0fff; // 12 bits across octets 12-13, as Wireshark's tcp.flags

export const TCP_FLAG_FIN = 0x001;
export const TCP_FLAG_SYN = 0x002;
export const TCP_FLAG_RST = 0x004;
export const TCP_FLAG_PSH = 0x008;
export const TCP_FLAG_ACK = 0x010;
export const TCP_FLAG_URG = 0x020;
export const TCP_FLAG_ECE = 0x040;
export const TCP_FLAG_CWR = 0x080;
export const TCP_FLAG_AE = 0x100;

export const TCP_OPTION_KIND = 0;
export const TCP_OPTION_LENGTH = 1;
export const TCP_OPT_EOL = 0;
export const TCP_OPT_NOP = 1;
export const TCP_OPT_MSS = 2;
export const TCP_OPT_WINDOW_SCALE = 3;
export const TCP_OPT_SACK_PERMITTED = 4;
export const TCP_OPT_SACK = 5;
export const TCP_OPT_TIMESTAMP = 8;
export const TCP_OPT_MD5 = 19;
export const TCP_OPT_USER_TIMEOUT = 28;
export const TCP_OPT_AUTH = 29;
export const TCP_OPT_MPTCP = 30;
export const TCP_OPT_FAST_OPEN = 34;
// RFC 4727 experimental kinds; RFC 6994 puts a 16-bit ExID right after the length.
export const TCP_OPT_EXPERIMENT_1 = 253;
export const TCP_OPT_EXPERIMENT_2 = 254;
export const TCP_OPTION_EXID = 2;

export const TCP_DATA_OFFSET_SHIFT = 4;
// Option lengths (kind and length octets included) and where values sit inside an option.
export const TCP_OPTION_VALUE = 2;
export const TCP_OPT_MSS_LENGTH = 4;
export const TCP_OPT_WINDOW_SCALE_LENGTH = 3;
export const TCP_OPT_SACK_PERMITTED_LENGTH = 2;
export const TCP_OPT_TIMESTAMP_LENGTH = 10;
export const TCP_OPT_TIMESTAMP_ECHO = 6;
export const TCP_OPT_SACK_BLOCK = 8;
export const TCP_OPT_EXID_LENGTH = 4; // kind, length and the 16-bit ExID
export const TCP_OPT_SACK_RIGHT_EDGE = 4; // within a SACK block
