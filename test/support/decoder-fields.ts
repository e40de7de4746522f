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

/** IOAM option header, trace header, trace-type bits and node data fields (tshark 4.0.17). */
export const IOAM_FIELDS = [
  // RFC 9486 option header
  "ipv6.opt.ioam.rsv",
  "ipv6.opt.ioam.opt_type",
  // RFC 9197 trace header
  "ipv6.opt.ioam.trace.ns",
  "ipv6.opt.ioam.trace.nodelen",
  "ipv6.opt.ioam.trace.flags",
  "ipv6.opt.ioam.trace.flag.o",
  "ipv6.opt.ioam.trace.flag.l",
  "ipv6.opt.ioam.trace.flag.a",
  "ipv6.opt.ioam.trace.flag.rsv",
  "ipv6.opt.ioam.trace.remlen",
  "ipv6.opt.ioam.trace.type",
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
  "ipv6.opt.ioam.trace.rsv",
  "ipv6.opt.ioam.trace.free_space",
  // node data
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

/** Expert-info-only IOAM fields (FT_NONE): they match in filters but print nothing with -e. */
export const IOAM_EXPERT_FIELDS = ["ipv6.opt.ioam.trace.invalid_nodelen", "ipv6.opt.ioam.trace.invalid_remlen", "ipv6.opt.ioam.trace.invalid_type"] as const;

/** The required non-IOAM fields. */
export const CORE_FIELDS = [
  "ipv6.src",
  "ipv6.dst",
  "ipv6.nxt",
  "ipv6.hlim",
  "ipv6.plen",
  "ipv6.routing.type",
  "ipv6.routing.segleft",
  "ipv6.routing.srh.last_entry",
  "ipv6.routing.srh.flags",
  "ipv6.routing.srh.tag",
  "ipv6.routing.srh.addr",
  "tcp.srcport",
  "tcp.dstport",
  "tcp.seq_raw",
  "tcp.ack_raw",
  "tcp.flags",
  "udp.srcport",
  "udp.dstport",
  "udp.length",
] as const;

/** Useful extras the decoder should also reproduce. */
export const EXTRA_FIELDS = [
  "frame.number",
  "frame.len",
  "ipv6.flow",
  "ipv6.tclass",
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
  "icmpv6.type",
  "icmpv6.code",
  "ip.src",
  "ip.dst",
  "ip.proto",
] as const;

export type DecoderField = (typeof IOAM_FIELDS)[number] | (typeof CORE_FIELDS)[number] | (typeof EXTRA_FIELDS)[number];

/** Every field, without duplicates: core, extras, then IOAM. */
export const ALL_DECODER_FIELDS: readonly DecoderField[] = [...new Set<DecoderField>([...CORE_FIELDS, ...EXTRA_FIELDS, ...IOAM_FIELDS])];

/** Groups of <= 16 fields, each led by frame.number, covering ALL_DECODER_FIELDS. */
export const FIELD_GROUPS = {
  ipv6: ["frame.number", "frame.len", "ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.hlim", "ipv6.plen", "ipv6.flow", "ipv6.tclass"],
  extensions: [
    "frame.number",
    "ipv6.hopopts.nxt",
    "ipv6.dstopts.nxt",
    "ipv6.opt.type",
    "ipv6.opt.length",
    "ipv6.routing.nxt",
    "ipv6.routing.len",
    "ipv6.fraghdr.nxt",
    "ipv6.fraghdr.offset",
    "ipv6.fraghdr.more",
    "ipv6.fraghdr.ident",
  ],
  srh: [
    "frame.number",
    "ipv6.routing.type",
    "ipv6.routing.segleft",
    "ipv6.routing.srh.last_entry",
    "ipv6.routing.srh.flags",
    "ipv6.routing.srh.tag",
    "ipv6.routing.srh.addr",
  ],
  transport: [
    "frame.number",
    "tcp.srcport",
    "tcp.dstport",
    "tcp.seq_raw",
    "tcp.ack_raw",
    "tcp.flags",
    "udp.srcport",
    "udp.dstport",
    "udp.length",
    "icmpv6.type",
    "icmpv6.code",
    "ip.src",
    "ip.dst",
    "ip.proto",
  ],
  ioamHeader: [
    "frame.number",
    "ipv6.opt.ioam.rsv",
    "ipv6.opt.ioam.opt_type",
    "ipv6.opt.ioam.trace.ns",
    "ipv6.opt.ioam.trace.nodelen",
    "ipv6.opt.ioam.trace.flags",
    "ipv6.opt.ioam.trace.flag.o",
    "ipv6.opt.ioam.trace.flag.l",
    "ipv6.opt.ioam.trace.flag.a",
    "ipv6.opt.ioam.trace.flag.rsv",
    "ipv6.opt.ioam.trace.remlen",
    "ipv6.opt.ioam.trace.type",
    "ipv6.opt.ioam.trace.rsv",
    "ipv6.opt.ioam.trace.free_space",
  ],
  ioamTypeBits: [
    "frame.number",
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
  ],
  ioamNode: [
    "frame.number",
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
  ],
  ioamNodeWide: [
    "frame.number",
    "ipv6.opt.ioam.trace.node.nsdata_wide",
    "ipv6.opt.ioam.trace.node.bufoccup",
    "ipv6.opt.ioam.trace.node.undefined",
    "ipv6.opt.ioam.trace.node.oss.len",
    "ipv6.opt.ioam.trace.node.oss.scid",
    "ipv6.opt.ioam.trace.node.oss.data",
  ],
} as const satisfies Record<string, readonly DecoderField[]>;

export type FieldGroupName = keyof typeof FIELD_GROUPS;

/** [name, fields] pairs, handy for `it.each`. */
export const FIELD_GROUP_LIST: ReadonlyArray<readonly [FieldGroupName, readonly DecoderField[]]> = Object.entries(FIELD_GROUPS) as Array<
  [FieldGroupName, readonly DecoderField[]]
>;
