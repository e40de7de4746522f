// Hop-by-Hop and Destination Options headers: the TLV walk and the simple options. IOAM (RFC 9486)
// and VPP's pre-standard options have their own modules.
import { hexNumber } from "./format.js";
import { hex, u16, u32, u8 } from "./bytes.js";
import { tsharkField } from "./field.js";
import { dissectIoamOption } from "./ioam.js";
import { dissectVppOption, isVppOption } from "./vpp-ioam.js";
import type { TreeNode } from "./tree.js";
import {
  JUMBO_DATA_LENGTH,
  OPTION_ACTION_MASK,
  OPTION_CHANGE_EN_ROUTE,
  OPTION_DATA,
  OPTION_EXPERIMENTAL_LOW_BITS,
  OPTION_HEADER_LENGTH,
  OPTION_LENGTH,
  OPTION_TYPE_REST_MASK,
  OPT_IOAM,
  OPT_IOAM_NOCHANGE,
  OPT_JUMBO,
  OPT_PAD1,
  OPT_PADN,
  OPT_ROUTER_ALERT,
  OPT_TUNNEL_ENCAP_LIMIT,
  ROUTER_ALERT_DATA_LENGTH,
} from "../../../assembly/wire/options.layout.js";

const ACTION_SHIFT = 6;

export const OPT = {
  type: tsharkField("ipv6.opt.type", "Type", "uint", { bits: 8, base: "hex" }),
  action: tsharkField("ipv6.opt.type.action", "Action", "uint", { bits: 8, mask: OPTION_ACTION_MASK }),
  change: tsharkField("ipv6.opt.type.change", "May Change", "bool", { bits: 8, mask: OPTION_CHANGE_EN_ROUTE, trueFalse: ["Yes", "No"] }),
  rest: tsharkField("ipv6.opt.type.rest", "Low-Order Bits", "uint", { bits: 8, base: "hex", mask: OPTION_TYPE_REST_MASK }),
  length: tsharkField("ipv6.opt.length", "Length", "uint", { bits: 8 }),
  pad1: tsharkField("ipv6.opt.pad1", "Pad1", "none"),
  padn: tsharkField("ipv6.opt.padn", "PadN", "bytes"),
  routerAlert: tsharkField("ipv6.opt.router_alert", "Router Alert", "uint", { bits: 16 }),
  jumbo: tsharkField("ipv6.opt.jumbo", "Payload Length", "uint", { bits: 32 }),
  tel: tsharkField("ipv6.opt.tel", "Tunnel Encapsulation Limit", "uint", { bits: 8 }),
  experimental: tsharkField("ipv6.opt.experimental", "Experimental Option", "bytes"),
  unknown: tsharkField("ipv6.opt.unknown", "Unknown Option Payload", "bytes"),
  unknownData: tsharkField("ipv6.opt_unknown_data", "Unknown Data", "bytes"),
  unknownDataExpert: tsharkField("ipv6.opt.unknown_data.expert", "Unknown Data (not interpreted)", "none"),
  invalidLen: tsharkField("ipv6.opt.invalid_len", "Invalid IPv6 option length", "none"),
  headerMismatch: tsharkField("ipv6.opt.header_mismatch", "Wrong options extension header for type", "none"),
};

const ACTIONS = ["Skip and continue", "Discard", "Discard and send ICMP Parameter Problem", "Discard and send ICMP if not multicast"];

const KNOWN_OPTIONS = new Map<number, string>([
  [OPT_PAD1, "Pad1"],
  [OPT_PADN, "PadN"],
  [OPT_TUNNEL_ENCAP_LIMIT, "Tunnel Encapsulation Limit"],
  [OPT_ROUTER_ALERT, "Router Alert"],
  [0x07, "CALIPSO"],
  [0x08, "SMF_DPD"],
  [0x0f, "Performance and Diagnostic Metrics"],
  [0x26, "Quick-Start"],
  [OPT_IOAM, "IOAM Option"],
  [0x63, "RPL Option"],
  [0x6d, "MPL Option"],
  [0x8a, "Endpoint Identification"],
  [OPT_JUMBO, "Jumbo Payload"],
  [0xc9, "Home Address Option"],
  [0xee, "IP_DFF"],
]);

const ROUTER_ALERT_VALUES = new Map<number, string>([
  [0, "MLD"],
  [1, "RSVP"],
  [2, "Active Networks"],
]);

export type OptionsHeaderKind = "Hop-by-Hop" | "Destination Options";

/** Where an option sits: its header's bounds and how far the data goes. */
export interface OptionSpan {
  start: number;
  dataEnd: number;
  headerStart: number;
  headerEnd: number;
  /** tshark reads an option's fields up to the end of the IPv6 payload, not just the header. */
  limit: number;
  header: OptionsHeaderKind;
}

function isExperimental(type: number): boolean {
  return (type & OPTION_TYPE_REST_MASK) === OPTION_EXPERIMENTAL_LOW_BITS;
}

function optionName(type: number): string | undefined {
  if (isExperimental(type)) return `Experimental (0x${type.toString(16).toUpperCase().padStart(2, "0")})`;
  return KNOWN_OPTIONS.get(type);
}

function addType(node: TreeNode, type: number): void {
  const typeNode = node.add(OPT.type, type, { text: `${optionName(type) ?? "Unknown"} (${hexNumber(type, 2)})` });
  if (type === OPT_PAD1) return;
  const action = (type & OPTION_ACTION_MASK) >>> ACTION_SHIFT;
  typeNode.add(OPT.action, action, { whole: type, text: `${ACTIONS[action]} (${action})` });
  typeNode.add(OPT.change, (type & OPTION_CHANGE_EN_ROUTE) !== 0, { whole: type });
  typeNode.add(OPT.rest, type & OPTION_TYPE_REST_MASK, { whole: type });
}

/** tshark shows an empty PadN as `<none>` but an empty unknown or experimental option as `<MISSING>`. */
function bytesText(data: Uint8Array, start: number, end: number, empty: string): string {
  return end > start ? hex(data, start, end) : empty;
}

/** Returns where the walk continues: the option end, or further if tshark read past it. */
function dissectOptionData(node: TreeNode, data: Uint8Array, type: number, span: OptionSpan): number {
  const { start, dataEnd } = span;
  const dataStart = start + OPTION_DATA;
  const length = dataEnd - dataStart;
  if (type === OPT_IOAM) return Math.max(dataEnd, dissectIoamOption(node, data, span, true));
  if (type === OPT_PADN) {
    node.add(OPT.padn, bytesText(data, dataStart, dataEnd, "<none>"));
    if (length > 0 && data.subarray(dataStart, dataEnd).some((b) => b !== 0)) node.text("[PadN carries non-zero data]");
    return dataEnd;
  }
  if (type === OPT_ROUTER_ALERT && length === ROUTER_ALERT_DATA_LENGTH) {
    const value = u16(data, dataStart);
    node.add(OPT.routerAlert, value, { text: `${ROUTER_ALERT_VALUES.get(value) ?? "Unknown"} (${value})` });
    return dataEnd;
  }
  if (type === OPT_JUMBO && length === JUMBO_DATA_LENGTH) {
    node.add(OPT.jumbo, u32(data, dataStart));
    return dataEnd;
  }
  if (type === OPT_TUNNEL_ENCAP_LIMIT && length === 1) {
    node.add(OPT.tel, u8(data, dataStart));
    return dataEnd;
  }
  if (isExperimental(type)) node.add(OPT.experimental, bytesText(data, dataStart, dataEnd, "<MISSING>"));
  else {
    const item = node.add(KNOWN_OPTIONS.has(type) ? OPT.unknownData : OPT.unknown, bytesText(data, dataStart, dataEnd, "<MISSING>"));
    item.expert(OPT.unknownDataExpert, "Unknown Data (not interpreted)", "Note", "Undecoded");
  }
  if (isVppOption(type)) dissectVppOption(node, data, type, span);
  else if (type === OPT_IOAM_NOCHANGE) dissectIoamOption(node, data, span, false);
  return dataEnd;
}

/**
 * Walks the options of one HBH/DOH header, [start, headerEnd), reading no further than `limit`.
 * Returns false when an option runs past the packet: nothing after it can be dissected.
 */
export function dissectOptionList(
  node: TreeNode,
  data: Uint8Array,
  headerStart: number,
  start: number,
  headerEnd: number,
  limit: number,
  header: OptionsHeaderKind,
): boolean {
  let offset = start;
  while (offset < headerEnd) {
    if (offset >= limit) {
      node.problem(`${header} header truncated: options stop at byte ${offset - headerStart} of ${headerEnd - headerStart}`);
      return false;
    }
    const type = u8(data, offset);
    if (type === OPT_PAD1) {
      const pad = node.text("Pad1");
      addType(pad, type);
      pad.add(OPT.pad1, "1", { label: "Pad1" });
      offset += 1;
      continue;
    }
    if (offset + OPTION_LENGTH >= limit) {
      node.problem(`${header} option ${hexNumber(type, 2)} has no length byte`);
      return false;
    }
    const optionNode = node.text(optionName(type) ?? `Unknown IPv6 Option (${type})`);
    addType(optionNode, type);
    const length = u8(data, offset + OPTION_LENGTH);
    optionNode.add(OPT.length, length);
    const optionEnd = offset + OPTION_HEADER_LENGTH + length;
    if (optionEnd > headerEnd) {
      optionNode.problem(
        `${header} option ${hexNumber(type, 2)} length ${length} runs past the end of the ${header} header (${headerEnd - offset - OPTION_HEADER_LENGTH} bytes left)`,
      );
    }
    if (optionEnd > limit) {
      // tshark shows an IOAM option's first two fields before it finds the rest missing.
      if (type === OPT_IOAM) dissectOptionData(optionNode, data, type, { start: offset, dataEnd: optionEnd, headerStart, headerEnd, limit, header });
      else
        optionNode.problem(
          `${header} option ${hexNumber(type, 2)} length ${length} runs past the end of the packet (${limit - offset - OPTION_HEADER_LENGTH} bytes left)`,
        );
      return false;
    }
    offset = dissectOptionData(optionNode, data, type, { start: offset, dataEnd: optionEnd, headerStart, headerEnd, limit, header });
  }
  return true;
}
