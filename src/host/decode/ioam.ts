// The RFC 9486 IOAM option (0x31, and 0x11 which tshark 4.0 does not know). Trace data is
// dissected as tshark does; POT, E2E and DEX, which tshark leaves undecoded, get our own fields.
import { hexNumber } from "./format.js";
import { hex, u16, u24, u32, u8, u64 } from "./bytes.js";
import { ownField, tsharkField } from "./field.js";
import { dissectTrace } from "./ioam-trace.js";
import { OPT, type OptionSpan } from "./options.js";
import type { TreeNode } from "./tree.js";
import {
  DEX_EXTENSION_FLAGS,
  DEX_EXT_FLOW_ID,
  DEX_EXT_SEQUENCE,
  DEX_FLAGS,
  DEX_HEADER_LENGTH,
  DEX_NAMESPACE,
  DEX_TRACE_TYPE,
  E2E_BITS_UNDEFINED,
  E2E_BIT_SEQ32,
  E2E_BIT_SEQ64,
  E2E_BIT_TS_FRACTION,
  E2E_BIT_TS_SECONDS,
  E2E_HEADER_LENGTH,
  E2E_NAMESPACE,
  E2E_TYPE,
  IOAM_DATA,
  IOAM_OPTION_HEADER_LENGTH,
  IOAM_OPTION_TYPE,
  IOAM_RESERVED,
  IOAM_TYPE_DEX,
  IOAM_TYPE_E2E,
  IOAM_TYPE_INCREMENTAL_TRACE,
  IOAM_TYPE_POT,
  IOAM_TYPE_PREALLOC_TRACE,
  POT_CUMULATIVE,
  POT_FLAGS,
  POT_LENGTH,
  POT_NAMESPACE,
  POT_RANDOM,
  POT_TYPE,
  TRACE_HEADER_LENGTH,
  TRACE_WORD,
} from "../../../assembly/wire/ioam.layout.js";
import { OPTION_DATA } from "../../../assembly/wire/options.layout.js";
import { headerShort } from "./guard.js";

export const IOAM = {
  rsv: tsharkField("ipv6.opt.ioam.rsv", "Reserved", "uint", { bits: 8 }),
  optType: tsharkField("ipv6.opt.ioam.opt_type", "Option-Type", "uint", { bits: 8 }),
  potNs: ownField("ipv6.opt.ioam.pot.ns", "Namespace ID", "uint", { bits: 16, doc: "POT namespace" }),
  potType: ownField("ipv6.opt.ioam.pot.type", "POT Type", "uint", { bits: 8 }),
  potFlags: ownField("ipv6.opt.ioam.pot.flags", "POT Flags", "uint", { bits: 8, base: "hex" }),
  potRandom: ownField("ipv6.opt.ioam.pot.random", "Random", "uint", { bits: 64, base: "hex" }),
  potCumulative: ownField("ipv6.opt.ioam.pot.cumulative", "Cumulative", "uint", { bits: 64, base: "hex" }),
  e2eNs: ownField("ipv6.opt.ioam.e2e.ns", "Namespace ID", "uint", { bits: 16 }),
  e2eType: ownField("ipv6.opt.ioam.e2e.type", "E2E Type", "uint", { bits: 16, base: "hex" }),
  e2eSeq64: ownField("ipv6.opt.ioam.e2e.seq64", "Sequence Number (64 bit)", "uint", { bits: 64 }),
  e2eSeq32: ownField("ipv6.opt.ioam.e2e.seq32", "Sequence Number (32 bit)", "uint", { bits: 32 }),
  e2eTss: ownField("ipv6.opt.ioam.e2e.tss", "Timestamp Seconds", "uint", { bits: 32, base: "hex" }),
  e2eTsf: ownField("ipv6.opt.ioam.e2e.tsf", "Timestamp Fraction", "uint", { bits: 32, base: "hex" }),
  e2eUndefined: ownField("ipv6.opt.ioam.e2e.undefined", "Undefined bits", "bytes"),
  dexNs: ownField("ipv6.opt.ioam.dex.ns", "Namespace ID", "uint", { bits: 16 }),
  dexFlags: ownField("ipv6.opt.ioam.dex.flags", "Flags", "uint", { bits: 8, base: "hex" }),
  dexExtFlags: ownField("ipv6.opt.ioam.dex.ext_flags", "Extension Flags", "uint", { bits: 8, base: "hex" }),
  dexTraceType: ownField("ipv6.opt.ioam.dex.trace_type", "Trace Type", "uint", { bits: 24, base: "hex" }),
  dexFlowId: ownField("ipv6.opt.ioam.dex.flow_id", "Flow ID", "uint", { bits: 32 }),
  dexSeq: ownField("ipv6.opt.ioam.dex.seq", "Sequence Number", "uint", { bits: 32 }),
};

const OPTION_TYPES = new Map<number, string>([
  [IOAM_TYPE_PREALLOC_TRACE, "Pre-allocated Trace"],
  [IOAM_TYPE_INCREMENTAL_TRACE, "Incremental Trace"],
  [IOAM_TYPE_POT, "Proof of Transit"],
  [IOAM_TYPE_E2E, "Edge-to-Edge"],
]);

function dissectPot(node: TreeNode, data: Uint8Array, base: number, end: number): void {
  if (headerShort(node, "IOAM POT data", base, end, POT_LENGTH)) return;
  node.add(IOAM.potNs, u16(data, base + POT_NAMESPACE));
  node.add(IOAM.potType, u8(data, base + POT_TYPE));
  node.add(IOAM.potFlags, u8(data, base + POT_FLAGS));
  node.add(IOAM.potRandom, u64(data, base + POT_RANDOM));
  node.add(IOAM.potCumulative, u64(data, base + POT_CUMULATIVE));
}

function dissectE2e(node: TreeNode, data: Uint8Array, base: number, end: number): void {
  if (headerShort(node, "IOAM E2E header", base, end, E2E_HEADER_LENGTH)) return;
  const type = u16(data, base + E2E_TYPE);
  node.add(IOAM.e2eNs, u16(data, base + E2E_NAMESPACE));
  node.add(IOAM.e2eType, type);
  let at = base + E2E_HEADER_LENGTH;
  const fieldsInOrder = [
    { bit: E2E_BIT_SEQ64, size: 8 },
    { bit: E2E_BIT_SEQ32, size: 4 },
    { bit: E2E_BIT_TS_SECONDS, size: 4 },
    { bit: E2E_BIT_TS_FRACTION, size: 4 },
  ];
  for (const { bit, size } of fieldsInOrder) {
    if (!(type & bit)) continue;
    if (at + size > end) {
      node.problem(`IOAM E2E data truncated: type ${hexNumber(type, 4)} needs more than ${end - base} bytes`);
      return;
    }
    if (bit === E2E_BIT_SEQ64) node.add(IOAM.e2eSeq64, u64(data, at));
    else node.add(bit === E2E_BIT_SEQ32 ? IOAM.e2eSeq32 : bit === E2E_BIT_TS_SECONDS ? IOAM.e2eTss : IOAM.e2eTsf, u32(data, at));
    at += size;
  }
  if (type & E2E_BITS_UNDEFINED && at < end) node.add(IOAM.e2eUndefined, hex(data, at, end));
}

function dissectDex(node: TreeNode, data: Uint8Array, base: number, end: number): void {
  if (headerShort(node, "IOAM DEX header", base, end, DEX_HEADER_LENGTH)) return;
  const extFlags = u8(data, base + DEX_EXTENSION_FLAGS);
  node.add(IOAM.dexNs, u16(data, base + DEX_NAMESPACE));
  node.add(IOAM.dexFlags, u8(data, base + DEX_FLAGS));
  node.add(IOAM.dexExtFlags, extFlags);
  node.add(IOAM.dexTraceType, u24(data, base + DEX_TRACE_TYPE));
  let at = base + DEX_HEADER_LENGTH;
  for (const [bit, def] of [
    [DEX_EXT_FLOW_ID, IOAM.dexFlowId],
    [DEX_EXT_SEQUENCE, IOAM.dexSeq],
  ] as const) {
    if (!(extFlags & bit)) continue;
    if (at + TRACE_WORD > end) {
      node.problem(`IOAM DEX data truncated: extension flags ${hexNumber(extFlags, 2)} need more than ${end - base} bytes`);
      return;
    }
    node.add(def, u32(data, at));
    at += TRACE_WORD;
  }
}

/**
 * `tsharkKnows` is false for 0x11: tshark shows it as an unknown option, so our decoding of it
 * is tree-only except for the fields that are ours anyway.
 */
export function dissectIoamOption(optionNode: TreeNode, data: Uint8Array, span: OptionSpan, tsharkKnows: boolean): number {
  const { start, dataEnd, limit } = span;
  const ioamNode = tsharkKnows ? optionNode : optionNode.text("IOAM Option (RFC 9486, change bit clear)");
  const node = tsharkKnows ? ioamNode : ioamNode.treeOnly();
  if (tsharkKnows && span.header !== "Hop-by-Hop") node.expert(OPT.headerMismatch, "IOAM Option must use a hop-by-hop options header", "Warning", "Protocol");
  const optionLength = dataEnd - start - OPTION_DATA;
  if (optionLength < IOAM_OPTION_HEADER_LENGTH - OPTION_DATA) {
    node.expert(OPT.invalidLen, `IOAM Option: Invalid length (${optionLength} bytes)`, "Error", "Malformed");
    node.problem(`IOAM option length ${optionLength} is shorter than its 2-byte header`);
  }
  if (start + IOAM_RESERVED >= limit) return dataEnd;
  node.add(IOAM.rsv, u8(data, start + IOAM_RESERVED));
  if (start + IOAM_OPTION_TYPE >= limit) return dataEnd;
  const type = u8(data, start + IOAM_OPTION_TYPE);
  node.add(IOAM.optType, type, { text: `${OPTION_TYPES.get(type) ?? "Unknown"} (${type})` });
  const base = start + IOAM_DATA;
  let consumed = base;
  const own = (label: string): TreeNode => ioamNode.text(label);
  if (dataEnd > limit) {
    node.problem(`IOAM option truncated: ${limit - start} of ${dataEnd - start} bytes`);
    return dataEnd;
  }
  switch (type) {
    case IOAM_TYPE_PREALLOC_TRACE:
    case IOAM_TYPE_INCREMENTAL_TRACE:
      consumed = dissectTrace(node, data, {
        base,
        optionEnd: dataEnd,
        optionLength,
        dataLength: optionLength - (IOAM_OPTION_HEADER_LENGTH - OPTION_DATA) - TRACE_HEADER_LENGTH,
        limit,
        incremental: type === IOAM_TYPE_INCREMENTAL_TRACE,
      });
      break;
    case IOAM_TYPE_POT:
      node.text("Proof of Transit");
      break;
    case IOAM_TYPE_E2E:
      node.text("Edge-to-Edge");
      break;
    default:
      node.text("Unknown Option-Type");
  }
  if (consumed < dataEnd && consumed < limit) {
    node
      .add(OPT.unknownData, hex(data, consumed, Math.min(dataEnd, limit)))
      .expert(OPT.unknownDataExpert, "Unknown Data (not interpreted)", "Note", "Undecoded");
  }
  const end = Math.min(dataEnd, limit);
  if (type === IOAM_TYPE_POT) dissectPot(own("Proof of Transit data"), data, base, end);
  else if (type === IOAM_TYPE_E2E) dissectE2e(own("Edge-to-Edge data"), data, base, end);
  else if (type === IOAM_TYPE_DEX) dissectDex(own("Direct Export (RFC 9326)"), data, base, end);
  return consumed;
}
