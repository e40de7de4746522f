// RFC 9197 Pre-allocated and Incremental Trace option data, dissected the way tshark 4.0 does so
// that every `ipv6.opt.ioam.trace.*` field matches it, including its handling of odd lengths.
import { hexNumber } from "./format.js";
import { hex, u16, u24, u32, u8, uN } from "./bytes.js";
import { tsharkField } from "./field.js";
import { OPT } from "./options.js";
import { rfcBitOctets, rfcNodeLength } from "../ioam/trace-sizes.js";
import type { TreeNode } from "./tree.js";
import {
  OSS_HEADER_LENGTH,
  OSS_SCHEMA_ID,
  TRACE_BITS_UNDEFINED,
  TRACE_BIT_BUFFER_OCCUPANCY,
  TRACE_BIT_CHECKSUM_COMPLEMENT,
  TRACE_BIT_HOPLIM_NODE_ID,
  TRACE_BIT_HOPLIM_NODE_ID_WIDE,
  TRACE_BIT_IF_IDS,
  TRACE_BIT_IF_IDS_WIDE,
  TRACE_BIT_NS_DATA,
  TRACE_BIT_NS_DATA_WIDE,
  TRACE_BIT_OSS,
  TRACE_BIT_QUEUE_DEPTH,
  TRACE_BIT_RESERVED,
  TRACE_BIT_TRANSIT_DELAY,
  TRACE_BIT_TS_FRACTION,
  TRACE_BIT_TS_SECONDS,
  TRACE_FLAGS_MASK,
  TRACE_FLAGS_SHIFT,
  TRACE_FLAG_ACTIVE,
  TRACE_FLAG_LOOPBACK,
  TRACE_FLAG_OVERFLOW,
  TRACE_FLAG_RESERVED,
  TRACE_HEADER_LENGTH,
  TRACE_NAMESPACE,
  TRACE_NODELEN_FLAGS_REMLEN,
  TRACE_NODELEN_SHIFT,
  TRACE_NODE_EGRESS_ID,
  TRACE_NODE_EGRESS_ID_WIDE,
  TRACE_NODE_ID,
  TRACE_REMLEN_MASK,
  TRACE_RESERVED,
  TRACE_TYPE,
  TRACE_WIDE_NODE_ID_LENGTH,
  TRACE_WORD,
} from "../../../assembly/wire/ioam.layout.js";
import { headerShort } from "./guard.js";

const TYPE_BITS = 24;
const WORD_BITS = 16;
const NODELEN_MASK = 0xf8; // within the first octet of the NodeLen/Flags/RemainingLen word
const FLAGS_FIELD_MASK = TRACE_FLAGS_MASK << TRACE_FLAGS_SHIFT;
// The reserved and IOAM option-type octets that precede the trace header inside the option data.
const OPTION_TYPE_OCTETS = 2;

const t = (name: string, title: string, kind: "uint" | "bool" | "bytes", bits: number, base: "dec" | "hex" = "dec", mask = 0) =>
  tsharkField(`ipv6.opt.ioam.trace.${name}`, title, kind, { bits, base, mask });

export const TRACE = {
  ns: t("ns", "Namespace ID", "uint", 16),
  nodelen: t("nodelen", "Node Length", "uint", 8, "dec", NODELEN_MASK),
  flags: t("flags", "Flags", "uint", 16, "hex", FLAGS_FIELD_MASK),
  flagO: t("flag.o", "Overflow", "bool", WORD_BITS, "dec", TRACE_FLAG_OVERFLOW << TRACE_FLAGS_SHIFT),
  flagL: t("flag.l", "Loopback", "bool", WORD_BITS, "dec", TRACE_FLAG_LOOPBACK << TRACE_FLAGS_SHIFT),
  flagA: t("flag.a", "Active", "bool", WORD_BITS, "dec", TRACE_FLAG_ACTIVE << TRACE_FLAGS_SHIFT),
  flagRsv: t("flag.rsv", "Reserved", "bool", WORD_BITS, "dec", TRACE_FLAG_RESERVED << TRACE_FLAGS_SHIFT),
  remlen: t("remlen", "Remaining Length", "uint", 8, "dec", TRACE_REMLEN_MASK),
  type: t("type", "Trace Type", "uint", 24, "hex"),
  typeUndef: t("type.undef", "Undefined", "bool", TYPE_BITS, "dec", TRACE_BITS_UNDEFINED),
  typeBit22: t("type.bit22", "Opaque State Snapshot", "bool", TYPE_BITS, "dec", TRACE_BIT_OSS),
  typeRsv: t("type.rsv", "Reserved", "bool", TYPE_BITS, "dec", TRACE_BIT_RESERVED),
  rsv: t("rsv", "Reserved", "uint", 8),
  freeSpace: t("free_space", "Free space", "bytes", 0),
  invalidNodelen: tsharkField("ipv6.opt.ioam.trace.invalid_nodelen", 'Invalid "NodeLen" value: cannot be 0', "none"),
  invalidRemlen: tsharkField("ipv6.opt.ioam.trace.invalid_remlen", 'Invalid "RemLen" value', "none"),
  invalidType: tsharkField("ipv6.opt.ioam.trace.invalid_type", "Mismatch between Trace Type and NodeLen", "none"),
  hlim: t("node.hlim", "Hop Limit", "uint", 8),
  id: t("node.id", "ID", "uint", 24, "hex"),
  iif: t("node.iif", "Ingress ID", "uint", 16, "hex"),
  eif: t("node.eif", "Egress ID", "uint", 16, "hex"),
  tss: t("node.tss", "Timestamp Seconds", "uint", 32, "hex"),
  tsf: t("node.tsf", "Timestamp Fraction", "uint", 32, "hex"),
  trdelay: t("node.trdelay", "Transit Delay", "uint", 32, "hex"),
  nsdata: t("node.nsdata", "Namespace Data (short)", "uint", 32, "hex"),
  qdepth: t("node.qdepth", "Queue Depth", "uint", 32, "hex"),
  csum: t("node.csum", "Checksum Complement", "uint", 32, "hex"),
  idWide: t("node.id_wide", "ID", "uint", 56, "hex"),
  iifWide: t("node.iif_wide", "Ingress ID", "uint", 32, "hex"),
  eifWide: t("node.eif_wide", "Egress ID", "uint", 32, "hex"),
  nsdataWide: t("node.nsdata_wide", "Namespace Data (wide)", "uint", 64, "hex"),
  bufoccup: t("node.bufoccup", "Buffer Occupancy", "uint", 32, "hex"),
  undefined: t("node.undefined", "Undefined bit", "uint", 32, "hex"),
  ossLen: t("node.oss.len", "Length", "uint", 8),
  ossScid: t("node.oss.scid", "Schema ID", "uint", 24, "hex"),
  ossData: t("node.oss.data", "Data", "bytes", 0),
};

/** Trace-type bits 0-11 in order: their names and the tshark field behind each. */
const NAMED_BITS: readonly { mask: number; name: string }[] = [
  { mask: TRACE_BIT_HOPLIM_NODE_ID, name: "Hop_Lim and Node ID (short)" },
  { mask: TRACE_BIT_IF_IDS, name: "Ingress and Egress IDs (short)" },
  { mask: TRACE_BIT_TS_SECONDS, name: "Timestamp seconds" },
  { mask: TRACE_BIT_TS_FRACTION, name: "Timestamp fraction" },
  { mask: TRACE_BIT_TRANSIT_DELAY, name: "Transit delay" },
  { mask: TRACE_BIT_NS_DATA, name: "IOAM-Namespace specific data (short)" },
  { mask: TRACE_BIT_QUEUE_DEPTH, name: "Queue depth" },
  { mask: TRACE_BIT_CHECKSUM_COMPLEMENT, name: "Checksum complement" },
  { mask: TRACE_BIT_HOPLIM_NODE_ID_WIDE, name: "Hop_Lim and Node ID (wide)" },
  { mask: TRACE_BIT_IF_IDS_WIDE, name: "Ingress and Egress IDs (wide)" },
  { mask: TRACE_BIT_NS_DATA_WIDE, name: "IOAM-Namespace specific data (wide)" },
  { mask: TRACE_BIT_BUFFER_OCCUPANCY, name: "Buffer occupancy" },
];

export const TRACE_TYPE_BITS = NAMED_BITS.map((bit, index) =>
  tsharkField(`ipv6.opt.ioam.trace.type.bit${index}`, bit.name, "bool", { bits: TYPE_BITS, mask: bit.mask }),
);

/** NodeLen the trace type implies (in 4-octet words, without the OSS), as Linux computes it. */
export const nodeLenOfType = rfcNodeLength;

function typeLabel(type: number): string {
  const names = NAMED_BITS.filter((bit) => (type & bit.mask) !== 0).map((bit) => bit.name);
  if (type & TRACE_BITS_UNDEFINED) names.push("Undefined");
  if (type & TRACE_BIT_OSS) names.push("Opaque State Snapshot");
  if (type & TRACE_BIT_RESERVED) names.push("Reserved");
  return [`${hexNumber(type, 6)}`, ...names].join(", ");
}

export interface TraceSpan {
  /** First octet of the trace header (the namespace). */
  base: number;
  /** The option's end as its length says. */
  optionEnd: number;
  /** The option's data length octet, as tshark quotes it. */
  optionLength: number;
  /** Node data octets the option length leaves after the trace header (may be negative). */
  dataLength: number;
  /** How far reads may go. */
  limit: number;
  incremental: boolean;
}

/** One node's data, in trace-type bit order; returns where it ends, or undefined if it ran out. */
function dissectNode(node: TreeNode, data: Uint8Array, offset: number, type: number, limit: number): number | undefined {
  let at = offset;
  const need = (length: number): boolean => at + length <= limit;
  for (const bit of NAMED_BITS) {
    if (!(type & bit.mask)) continue;
    const size = rfcBitOctets(bit.mask);
    if (!need(size)) return undefined;
    switch (bit.mask) {
      case TRACE_BIT_HOPLIM_NODE_ID: {
        const sub = node.text(bit.name);
        sub.add(TRACE.hlim, u8(data, at));
        sub.add(TRACE.id, u24(data, at + TRACE_NODE_ID));
        break;
      }
      case TRACE_BIT_IF_IDS: {
        const sub = node.text(bit.name);
        sub.add(TRACE.iif, u16(data, at));
        sub.add(TRACE.eif, u16(data, at + TRACE_NODE_EGRESS_ID));
        break;
      }
      case TRACE_BIT_HOPLIM_NODE_ID_WIDE: {
        const sub = node.text(bit.name);
        sub.add(TRACE.hlim, u8(data, at));
        sub.add(TRACE.idWide, uN(data, at + TRACE_NODE_ID, TRACE_WIDE_NODE_ID_LENGTH));
        break;
      }
      case TRACE_BIT_IF_IDS_WIDE: {
        const sub = node.text(bit.name);
        sub.add(TRACE.iifWide, u32(data, at));
        sub.add(TRACE.eifWide, u32(data, at + TRACE_NODE_EGRESS_ID_WIDE));
        break;
      }
      case TRACE_BIT_NS_DATA_WIDE:
        node.add(TRACE.nsdataWide, uN(data, at, 2 * TRACE_WORD));
        break;
      default:
        node.add(SINGLE_WORD_FIELDS.get(bit.mask)!, u32(data, at));
    }
    at += size;
  }
  // Undefined bits 12..21 each carry one word, after the defined fields, in bit order.
  for (let bitMask = TRACE_BIT_HOPLIM_NODE_ID; bitMask !== 0; bitMask >>>= 1) {
    if (!(type & bitMask & TRACE_BITS_UNDEFINED)) continue;
    if (!need(TRACE_WORD)) return undefined;
    node.add(TRACE.undefined, u32(data, at));
    at += TRACE_WORD;
  }
  if (type & TRACE_BIT_OSS) {
    if (!need(OSS_HEADER_LENGTH)) return undefined;
    const oss = node.text("Opaque State Snapshot");
    const words = u8(data, at);
    oss.add(TRACE.ossLen, words);
    oss.add(TRACE.ossScid, u24(data, at + OSS_SCHEMA_ID));
    at += OSS_HEADER_LENGTH;
    if (words > 0) {
      if (!need(words * TRACE_WORD)) return undefined;
      oss.add(TRACE.ossData, hex(data, at, at + words * TRACE_WORD));
      at += words * TRACE_WORD;
    }
  }
  return at;
}

const SINGLE_WORD_FIELDS = new Map([
  [TRACE_BIT_TS_SECONDS, TRACE.tss],
  [TRACE_BIT_TS_FRACTION, TRACE.tsf],
  [TRACE_BIT_TRANSIT_DELAY, TRACE.trdelay],
  [TRACE_BIT_NS_DATA, TRACE.nsdata],
  [TRACE_BIT_QUEUE_DEPTH, TRACE.qdepth],
  [TRACE_BIT_CHECKSUM_COMPLEMENT, TRACE.csum],
  [TRACE_BIT_BUFFER_OCCUPANCY, TRACE.bufoccup],
]);

/**
 * The trace header and node list. Returns the offset tshark considers consumed: what follows up to
 * the option end is shown as `ipv6.opt_unknown_data`.
 */
export function dissectTrace(node: TreeNode, data: Uint8Array, span: TraceSpan): number {
  const { base, dataLength, limit } = span;
  const trace = node.text(span.incremental ? "Incremental Trace" : "Pre-allocated Trace");
  if (dataLength < 0) {
    trace.expert(OPT.invalidLen, `IOAM Option: Invalid length (${span.optionLength} bytes)`, "Error", "Malformed");
    if (span.optionLength >= OPTION_TYPE_OCTETS)
      trace.problem(`IOAM trace header does not fit in option length ${span.optionLength} (needs ${OPTION_TYPE_OCTETS + TRACE_HEADER_LENGTH})`);
  }
  if (headerShort(trace, "IOAM trace header", base, limit, TRACE_HEADER_LENGTH)) return limit;
  trace.add(TRACE.ns, u16(data, base + TRACE_NAMESPACE));
  const word = u16(data, base + TRACE_NODELEN_FLAGS_REMLEN);
  const nodeLen = word >>> TRACE_NODELEN_SHIFT;
  const flags = (word >>> TRACE_FLAGS_SHIFT) & TRACE_FLAGS_MASK;
  const remLen = word & TRACE_REMLEN_MASK;
  const type = u24(data, base + TRACE_TYPE);
  const nodeLenItem = trace.add(TRACE.nodelen, nodeLen, { whole: word >>> 8 });
  if (nodeLen === 0) nodeLenItem.expert(TRACE.invalidNodelen, TRACE.invalidNodelen.title, "Error", "Protocol");
  const flagsItem = trace.add(TRACE.flags, flags, { whole: word });
  flagsItem.add(TRACE.flagO, (flags & TRACE_FLAG_OVERFLOW) !== 0, { whole: word });
  flagsItem.add(TRACE.flagL, (flags & TRACE_FLAG_LOOPBACK) !== 0, { whole: word });
  flagsItem.add(TRACE.flagA, (flags & TRACE_FLAG_ACTIVE) !== 0, { whole: word });
  flagsItem.add(TRACE.flagRsv, (flags & TRACE_FLAG_RESERVED) !== 0, { whole: word });
  const remLenItem = trace.add(TRACE.remlen, remLen, { whole: word & 0xff });
  const remLenValid = remLen * TRACE_WORD <= dataLength;
  if (!remLenValid) {
    remLenItem.expert(TRACE.invalidRemlen, `IOAM RemLen: Invalid length (${remLen * TRACE_WORD} bytes)`, "Error", "Protocol");
    remLenItem.problem(`IOAM trace RemainingLen ${remLen} (${remLen * TRACE_WORD} bytes) exceeds the ${Math.max(0, dataLength)} bytes of node data`);
  }
  const typeItem = trace.add(TRACE.type, type, { text: typeLabel(type) });
  TRACE_TYPE_BITS.forEach((def) => typeItem.add(def, (type & def.mask) !== 0, { whole: type }));
  typeItem.add(TRACE.typeUndef, (type & TRACE_BITS_UNDEFINED) !== 0, { whole: type });
  typeItem.add(TRACE.typeBit22, (type & TRACE_BIT_OSS) !== 0, { whole: type });
  typeItem.add(TRACE.typeRsv, (type & TRACE_BIT_RESERVED) !== 0, { whole: type });
  const expectedNodeLen = nodeLenOfType(type);
  if (nodeLen !== expectedNodeLen) {
    typeItem.problem(`IOAM trace NodeLen ${nodeLen} does not match trace type ${hexNumber(type, 6)} (NodeLen ${expectedNodeLen})`);
  }
  trace.add(TRACE.rsv, u8(data, base + TRACE_RESERVED));
  const offset = base + TRACE_HEADER_LENGTH;
  if (!remLenValid) return offset;
  if (nodeLen === 0) {
    // tshark rejects NodeLen 0, but an OSS-only trace legitimately has it: show it, tree only.
    if (expectedNodeLen === 0 && type & TRACE_BIT_OSS) dissectTraceData(trace.treeOnly(), data, offset, remLen, 0, type, span);
    return offset;
  }
  return dissectTraceData(trace, data, offset, remLen, nodeLen, type, span);
}

function dissectTraceData(trace: TreeNode, data: Uint8Array, start: number, remLen: number, nodeLen: number, type: number, span: TraceSpan): number {
  const { optionEnd, limit } = span;
  let offset = start;
  const list = trace.text("Trace Data");
  if (remLen > 0) {
    if (offset + remLen * TRACE_WORD > limit) {
      list.problem(`IOAM trace free space runs past the end of the packet (${Math.max(0, limit - offset)} of ${remLen * TRACE_WORD} bytes)`);
      return limit;
    }
    list.add(TRACE.freeSpace, hex(data, offset, offset + remLen * TRACE_WORD));
    offset += remLen * TRACE_WORD;
  }
  const expectedNodeLen = nodeLenOfType(type);
  const ossOnly = (type & TRACE_BIT_OSS) !== 0;
  for (let index = 1; offset < optionEnd; index++) {
    if (optionEnd - offset < nodeLen * TRACE_WORD) {
      list.expert(OPT.invalidLen, `IOAM Option: Invalid length (${span.optionLength} bytes)`, "Error", "Malformed");
      list.problem(`IOAM trace node ${index} truncated: ${optionEnd - offset} bytes left, NodeLen needs ${nodeLen * TRACE_WORD}`);
      break;
    }
    const nodeItem = list.text(`Node ${index}`);
    const end = dissectNode(nodeItem, data, offset, type, limit);
    if (end === undefined) {
      nodeItem.problem(`IOAM trace node ${index} runs past the end of the packet`);
      return limit;
    }
    const ossBytes = ossOnly ? end - offset - expectedNodeLen * TRACE_WORD : 0;
    // tshark stops at the first node whose size disagrees with NodeLen and leaves it "unknown".
    if (end - offset - ossBytes !== nodeLen * TRACE_WORD) {
      nodeItem.expert(TRACE.invalidType, TRACE.invalidType.title, "Error", "Protocol");
      break;
    }
    offset = end;
  }
  return offset;
}
