// The tshark 4.0 fields our decoder must reproduce exactly:
//   manycast decode FILE -T fields -e F ...   ==   tshark -r FILE -T fields -e F ...
//
// IOAM_FIELDS is the exact list `tshark -G fields | grep ipv6.opt.ioam` gives on
// tshark 4.0.17, minus the three FT_NONE expert-info entries (IOAM_EXPERT_FIELDS),
// which carry no value. test/oracles.test.ts checks both lists against the installed
// tshark, so a tshark upgrade that adds or renames a field fails loudly.
//
// FIELD_GROUPS splits everything into groups of at most 16 fields, each starting
// with frame.number, so a test can ask tshark (and the decoder) for one group at a time.

/** RFC 9486 option header. */
const IOAM_OPTION_HEADER_FIELDS = ["ipv6.opt.ioam.rsv", "ipv6.opt.ioam.opt_type"] as const;

/** RFC 9197 trace header up to the trace type, whose bits tshark lists next (IOAM_TYPE_BIT_FIELDS). */
const IOAM_TRACE_HEADER_FIELDS = [
  "ipv6.opt.ioam.trace.ns",
  "ipv6.opt.ioam.trace.nodelen",
  "ipv6.opt.ioam.trace.flags",
  "ipv6.opt.ioam.trace.flag.o",
  "ipv6.opt.ioam.trace.flag.l",
  "ipv6.opt.ioam.trace.flag.a",
  "ipv6.opt.ioam.trace.flag.rsv",
  "ipv6.opt.ioam.trace.remlen",
  "ipv6.opt.ioam.trace.type",
] as const;

const IOAM_TYPE_BIT_FIELDS = [
  "ipv6.opt.ioam.trace.type.bit0",
  "ipv6.opt.ioam.trace.type.bit1",
  "ipv6.opt.ioam.trace.type.bit2",
  "ipv6.opt.ioam.trace.type.bit3",
  "ipv6.opt.ioam.trace.type.bit4",
  "ipv6.opt.ioam.trace.type.bit5",
  "ipv6.opt.ioam.trace.type.bit6",
  "ipv6.opt.ioam.trace.type.bit7",
  "ipv6.opt.ioam.trace.type.bit8",
  "ipv6.opt.ioam.trace.type.bit9",
  "ipv6.opt.ioam.trace.type.bit10",
  "ipv6.opt.ioam.trace.type.bit11",
  "ipv6.opt.ioam.trace.type.undef",
  "ipv6.opt.ioam.trace.type.bit22",
  "ipv6.opt.ioam.trace.type.rsv",
] as const;

/** The rest of the trace header, after the trace type. */
const IOAM_TRACE_TAIL_FIELDS = ["ipv6.opt.ioam.trace.rsv", "ipv6.opt.ioam.trace.free_space"] as const;

const IOAM_NODE_FIELDS = [
  "ipv6.opt.ioam.trace.node.hlim",
  "ipv6.opt.ioam.trace.node.id",
  "ipv6.opt.ioam.trace.node.iif",
  "ipv6.opt.ioam.trace.node.eif",
  "ipv6.opt.ioam.trace.node.tss",
  "ipv6.opt.ioam.trace.node.tsf",
  "ipv6.opt.ioam.trace.node.trdelay",
  "ipv6.opt.ioam.trace.node.nsdata",
  "ipv6.opt.ioam.trace.node.qdepth",
  "ipv6.opt.ioam.trace.node.csum",
  "ipv6.opt.ioam.trace.node.id_wide",
  "ipv6.opt.ioam.trace.node.iif_wide",
  "ipv6.opt.ioam.trace.node.eif_wide",
  "ipv6.opt.ioam.trace.node.nsdata_wide",
  "ipv6.opt.ioam.trace.node.bufoccup",
  "ipv6.opt.ioam.trace.node.undefined",
  "ipv6.opt.ioam.trace.node.oss.len",
  "ipv6.opt.ioam.trace.node.oss.scid",
  "ipv6.opt.ioam.trace.node.oss.data",
] as const;

/** IOAM option header, trace header, trace-type bits and node data fields, in tshark 4.0.17's order. */
export const IOAM_FIELDS = [
  ...IOAM_OPTION_HEADER_FIELDS,
  ...IOAM_TRACE_HEADER_FIELDS,
  ...IOAM_TYPE_BIT_FIELDS,
  ...IOAM_TRACE_TAIL_FIELDS,
  ...IOAM_NODE_FIELDS,
] as const;

/** Expert-info-only IOAM fields (FT_NONE): they match in filters but print nothing with -e. */
export const IOAM_EXPERT_FIELDS = ["ipv6.opt.ioam.trace.invalid_nodelen", "ipv6.opt.ioam.trace.invalid_remlen", "ipv6.opt.ioam.trace.invalid_type"] as const;

/** The routing header's type and segments left, and the SRH's own fields (RFC 8754). */
export const SRH_FIELDS = [
  "ipv6.routing.type",
  "ipv6.routing.segleft",
  "ipv6.routing.srh.last_entry",
  "ipv6.routing.srh.flags",
  "ipv6.routing.srh.tag",
  "ipv6.routing.srh.addr",
] as const;

const TCP_UDP_FIELDS = ["tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.flags", "udp.srcport", "udp.dstport", "udp.length"] as const;

/** Extension header chaining and lengths, option types, and the fragment header. */
const EXTENSION_FIELDS = [
  "ipv6.opt.type",
  "ipv6.opt.length",
  "ipv6.hopopts.nxt",
  "ipv6.dstopts.nxt",
  "ipv6.routing.nxt",
  "ipv6.routing.len",
  // tshark 4.0 names the fragment header fields ipv6.fraghdr.* (ipv6.fragment.* are reassembly fields)
  "ipv6.fraghdr.nxt",
  "ipv6.fraghdr.offset",
  "ipv6.fraghdr.more",
  "ipv6.fraghdr.ident",
] as const;

/** ICMPv6's type and code, and an IPv4 packet's addresses and protocol. */
const ICMPV6_IPV4_FIELDS = ["icmpv6.type", "icmpv6.code", "ip.src", "ip.dst", "ip.proto"] as const;

/** The required non-IOAM fields. */
export const CORE_FIELDS = ["ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.hlim", "ipv6.plen", ...SRH_FIELDS, ...TCP_UDP_FIELDS] as const;

/** Useful extras the decoder should also reproduce. */
export const EXTRA_FIELDS = ["frame.number", "frame.len", "ipv6.flow", "ipv6.tclass", ...EXTENSION_FIELDS, ...ICMPV6_IPV4_FIELDS] as const;

export type DecoderField = (typeof IOAM_FIELDS)[number] | (typeof CORE_FIELDS)[number] | (typeof EXTRA_FIELDS)[number];

/** Every field, without duplicates: core, extras, then IOAM. */
export const ALL_DECODER_FIELDS: readonly DecoderField[] = [...new Set<DecoderField>([...CORE_FIELDS, ...EXTRA_FIELDS, ...IOAM_FIELDS])];

/** Groups of <= 16 fields, each led by frame.number, covering ALL_DECODER_FIELDS. */
export const FIELD_GROUPS = {
  ipv6: ["frame.number", "frame.len", "ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.hlim", "ipv6.plen", "ipv6.flow", "ipv6.tclass"],
  extensions: ["frame.number", ...EXTENSION_FIELDS],
  srh: ["frame.number", ...SRH_FIELDS],
  transport: ["frame.number", ...TCP_UDP_FIELDS, ...ICMPV6_IPV4_FIELDS],
  ioamHeader: ["frame.number", ...IOAM_OPTION_HEADER_FIELDS, ...IOAM_TRACE_HEADER_FIELDS, ...IOAM_TRACE_TAIL_FIELDS],
  ioamTypeBits: ["frame.number", ...IOAM_TYPE_BIT_FIELDS],
  ioamNode: ["frame.number", ...IOAM_NODE_FIELDS.slice(0, 15)],
  ioamNodeWide: ["frame.number", ...IOAM_NODE_FIELDS.slice(15)],
} as const satisfies Record<string, readonly DecoderField[]>;

export type FieldGroupName = keyof typeof FIELD_GROUPS;

/** [name, fields] pairs, handy for `it.each`. */
export const FIELD_GROUP_LIST: ReadonlyArray<readonly [FieldGroupName, readonly DecoderField[]]> = Object.entries(FIELD_GROUPS) as Array<
  [FieldGroupName, readonly DecoderField[]]
>;
