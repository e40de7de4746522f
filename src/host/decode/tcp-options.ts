// TCP options (RFC 9293 §3.2 and the kinds tshark names), including RFC 6994 experiments.
import { hexNumber } from "./format.js";
import { hex, u16, u32, u8 } from "./bytes.js";
import { ownField, tsharkField } from "./field.js";
import { formatIpv4, formatIpv6 } from "./address.js";
import type { TreeNode } from "./tree.js";
import {
  TCP_OPTION_EXID,
  TCP_OPTION_KIND,
  TCP_OPTION_LENGTH,
  TCP_OPTION_VALUE,
  TCP_OPT_EOL,
  TCP_OPT_EXID_LENGTH,
  TCP_OPT_EXPERIMENT_1,
  TCP_OPT_EXPERIMENT_2,
  TCP_OPT_MSS,
  TCP_OPT_MSS_LENGTH,
  TCP_OPT_NOP,
  TCP_OPT_SACK,
  TCP_OPT_SACK_BLOCK,
  TCP_OPT_SACK_PERMITTED,
  TCP_OPT_SACK_PERMITTED_LENGTH,
  TCP_OPT_SACK_RIGHT_EDGE,
  TCP_OPT_TIMESTAMP,
  TCP_OPT_TIMESTAMP_ECHO,
  TCP_OPT_TIMESTAMP_LENGTH,
  TCP_OPT_WINDOW_SCALE,
  TCP_OPT_WINDOW_SCALE_LENGTH,
} from "../../../assembly/wire/tcp.layout.js";
import {
  TCP_AFFINITY_ADDRESS_OFFSET,
  TCP_AFFINITY_EXID,
  TCP_AFFINITY_FAMILY_IP4,
  TCP_AFFINITY_FAMILY_IP6,
  TCP_AFFINITY_FAMILY_MASK,
  TCP_AFFINITY_FAMILY_OFFSET,
  TCP_AFFINITY_FLAGS_MASK,
  TCP_AFFINITY_IP4_LENGTH,
  TCP_AFFINITY_IP4_PORT_OFFSET,
  TCP_AFFINITY_IP6_LENGTH,
  TCP_AFFINITY_IP6_PORT_OFFSET,
} from "../../../assembly/wire/tcp-affinity.layout.js";

export const TCP_OPT = {
  kind: tsharkField("tcp.option_kind", "Kind", "uint", { bits: 8 }),
  len: tsharkField("tcp.option_len", "Length", "uint", { bits: 8 }),
  mss: tsharkField("tcp.options.mss_val", "MSS Value", "uint", { bits: 16 }),
  wsShift: tsharkField("tcp.options.wscale.shift", "Shift count", "uint", { bits: 8 }),
  wsMultiplier: tsharkField("tcp.options.wscale.multiplier", "Multiplier", "uint", { bits: 16 }),
  sackLe: tsharkField("tcp.options.sack_le", "left edge", "uint", { bits: 32 }),
  sackRe: tsharkField("tcp.options.sack_re", "right edge", "uint", { bits: 32 }),
  sackCount: tsharkField("tcp.options.sack.count", "TCP SACK Count", "uint", { bits: 8 }),
  tsval: tsharkField("tcp.options.timestamp.tsval", "Timestamp value", "uint", { bits: 32 }),
  tsecr: tsharkField("tcp.options.timestamp.tsecr", "Timestamp echo reply", "uint", { bits: 32 }),
  exid: tsharkField("tcp.options.experimental.exid", "Experiment Identifier", "uint", { bits: 16, base: "hex" }),
  expData: tsharkField("tcp.options.experimental.data", "Data", "bytes"),
  unknownPayload: tsharkField("tcp.options.unknown.payload", "Payload", "bytes"),
};

// The service-affinity option (kind 253, ExID 0x5341: docs/tcp-service-affinity.md). tshark shows it
// as an unknown experiment (the exid and data fields above, emitted unchanged); these add its content.
const sa = (name: string, title: string, kind: "uint" | "ipv4" | "ipv6", bits = 0, mask = 0) =>
  ownField(`tcp.options.service_affinity.${name}`, title, kind, bits ? { bits, mask } : {});
export const TCP_AFFINITY = {
  family: sa("family", "Address Family", "uint", 8, TCP_AFFINITY_FAMILY_MASK),
  flags: sa("flags", "Flags", "uint", 8, TCP_AFFINITY_FLAGS_MASK),
  address: sa("address", "Server IPv6 Address", "ipv6"),
  addressV4: sa("address_v4", "Server IPv4 Address", "ipv4"),
  port: sa("port", "Server Port", "uint", 16),
};

/** Our fields for a service-affinity option at `at` of `length` octets (its ExID already checked). */
function dissectServiceAffinity(option: TreeNode, data: Uint8Array, at: number, length: number): void {
  const octet = u8(data, at + TCP_AFFINITY_FAMILY_OFFSET);
  const family = octet & TCP_AFFINITY_FAMILY_MASK;
  if (family === TCP_AFFINITY_FAMILY_IP6 && length === TCP_AFFINITY_IP6_LENGTH) {
    option.add(TCP_AFFINITY.family, family, { whole: octet, text: "IPv6 (6)" });
    option.add(TCP_AFFINITY.flags, (octet & TCP_AFFINITY_FLAGS_MASK) >> 4, { whole: octet });
    option.add(TCP_AFFINITY.address, formatIpv6(data, at + TCP_AFFINITY_ADDRESS_OFFSET));
    option.add(TCP_AFFINITY.port, u16(data, at + TCP_AFFINITY_IP6_PORT_OFFSET));
  } else if (family === TCP_AFFINITY_FAMILY_IP4 && length === TCP_AFFINITY_IP4_LENGTH) {
    option.add(TCP_AFFINITY.family, family, { whole: octet, text: "IPv4 (4)" });
    option.add(TCP_AFFINITY.flags, (octet & TCP_AFFINITY_FLAGS_MASK) >> 4, { whole: octet });
    option.add(TCP_AFFINITY.addressV4, formatIpv4(data, at + TCP_AFFINITY_ADDRESS_OFFSET));
    option.add(TCP_AFFINITY.port, u16(data, at + TCP_AFFINITY_IP4_PORT_OFFSET));
  }
  // Another family or length: not ours after all (another experiment may share the ExID), so only
  // tshark's fields are shown and the frame is not called malformed.
}

const KIND_NAMES = new Map<number, string>([
  [TCP_OPT_EOL, "End of Option List"],
  [TCP_OPT_NOP, "No-Operation"],
  [TCP_OPT_MSS, "Maximum Segment Size"],
  [TCP_OPT_WINDOW_SCALE, "Window Scale"],
  [TCP_OPT_SACK_PERMITTED, "SACK Permitted"],
  [TCP_OPT_SACK, "SACK"],
  [TCP_OPT_TIMESTAMP, "Time Stamp Option"],
  [TCP_OPT_EXPERIMENT_1, "RFC3692-style Experiment 1"],
  [TCP_OPT_EXPERIMENT_2, "RFC3692-style Experiment 2"],
]);

/** Relative sequence numbers for SACK edges: they count in the peer's sequence space. */
export type SackBase = (edge: number) => number;

export interface TcpOptionSummary {
  /** The "MSS=1460 SACK_PERM ..." part of tshark's info column. */
  info: string[];
  names: string[];
}

function kindText(kind: number): string {
  return `${KIND_NAMES.get(kind) ?? "Unknown"} (${kind})`;
}

/** Options in [start, end); bytes past `captured` are missing, and the walk stops there like tshark's. */
export function dissectTcpOptions(node: TreeNode, data: Uint8Array, start: number, end: number, captured: number, sackBase: SackBase): TcpOptionSummary {
  const summary: TcpOptionSummary = { info: [], names: [] };
  let at = start;
  while (at < end) {
    if (at >= captured) {
      node.problem(`TCP options truncated: ${captured - start} of ${end - start} bytes captured`);
      return summary;
    }
    const kind = u8(data, at + TCP_OPTION_KIND);
    if (kind === TCP_OPT_EOL || kind === TCP_OPT_NOP) {
      const name = kind === TCP_OPT_EOL ? "End of Option List (EOL)" : "No-Operation (NOP)";
      node.text(`TCP Option - ${name}`).add(TCP_OPT.kind, kind, { text: kindText(kind) });
      summary.names.push(name);
      at += 1;
      continue;
    }
    if (at + TCP_OPTION_LENGTH >= end) {
      node.problem(`TCP option ${kind} has no length byte before the end of the options`);
      return summary;
    }
    if (at + TCP_OPTION_LENGTH >= captured) {
      node.problem(`TCP options truncated: ${captured - start} of ${end - start} bytes captured`);
      return summary;
    }
    const length = u8(data, at + TCP_OPTION_LENGTH);
    if (length < TCP_OPTION_VALUE || at + length > end) {
      node.problem(
        `TCP option ${kind} length ${length} ${length < TCP_OPTION_VALUE ? "is shorter than 2" : `runs past the end of the options (${end - at} bytes left)`}`,
      );
      return summary;
    }
    const option = node.text("TCP Option - Unknown");
    option.add(TCP_OPT.kind, kind, { text: kindText(kind) });
    option.add(TCP_OPT.len, length);
    if (at + length > captured) {
      option.problem(`TCP option ${kind} truncated: ${captured - at} of ${length} bytes captured`);
      return summary;
    }
    const value = at + TCP_OPTION_VALUE;
    if (kind === TCP_OPT_MSS && length === TCP_OPT_MSS_LENGTH) {
      const mss = u16(data, value);
      option.setLabel(`TCP Option - Maximum segment size: ${mss} bytes`);
      option.add(TCP_OPT.mss, mss);
      summary.info.push(`MSS=${mss}`);
      summary.names.push("Maximum segment size");
    } else if (kind === TCP_OPT_WINDOW_SCALE && length === TCP_OPT_WINDOW_SCALE_LENGTH) {
      const shift = u8(data, value);
      const multiplier = shift <= 14 ? 2 ** shift : 2 ** 14;
      option.setLabel(`TCP Option - Window scale: ${shift} (multiply by ${multiplier})`);
      option.add(TCP_OPT.wsShift, shift);
      option.add(TCP_OPT.wsMultiplier, multiplier, { label: `[Multiplier: ${multiplier}]` });
      summary.info.push(`WS=${multiplier}`);
      summary.names.push("Window scale");
    } else if (kind === TCP_OPT_SACK_PERMITTED && length === TCP_OPT_SACK_PERMITTED_LENGTH) {
      option.setLabel("TCP Option - SACK permitted");
      summary.info.push("SACK_PERM");
      summary.names.push("SACK permitted");
    } else if (kind === TCP_OPT_TIMESTAMP && length === TCP_OPT_TIMESTAMP_LENGTH) {
      const tsval = u32(data, value);
      const tsecr = u32(data, at + TCP_OPT_TIMESTAMP_ECHO);
      option.setLabel(`TCP Option - Timestamps: TSval ${tsval}, TSecr ${tsecr}`);
      option.add(TCP_OPT.tsval, tsval);
      option.add(TCP_OPT.tsecr, tsecr);
      summary.info.push(`TSval=${tsval}`, `TSecr=${tsecr}`);
      summary.names.push("Timestamps");
    } else if (kind === TCP_OPT_SACK && (length - TCP_OPTION_VALUE) % TCP_OPT_SACK_BLOCK === 0) {
      const blocks = (length - TCP_OPTION_VALUE) / TCP_OPT_SACK_BLOCK;
      const edges: string[] = [];
      for (let block = 0; block < blocks; block++) {
        const le = sackBase(u32(data, value + block * TCP_OPT_SACK_BLOCK));
        const re = sackBase(u32(data, value + block * TCP_OPT_SACK_BLOCK + TCP_OPT_SACK_RIGHT_EDGE));
        option.add(TCP_OPT.sackLe, le);
        option.add(TCP_OPT.sackRe, re);
        edges.push(`${le}-${re}`);
        summary.info.push(`SLE=${le}`, `SRE=${re}`);
      }
      option.setLabel(`TCP Option - SACK ${edges.join(" ")}`);
      option.add(TCP_OPT.sackCount, blocks, { label: `[TCP SACK Count: ${blocks}]` });
      summary.names.push("SACK");
    } else if ((kind === TCP_OPT_EXPERIMENT_1 || kind === TCP_OPT_EXPERIMENT_2) && length >= TCP_OPT_EXID_LENGTH) {
      const exid = u16(data, at + TCP_OPTION_EXID);
      option.setLabel("TCP Option - Experimental: Unknown");
      option.add(TCP_OPT.exid, exid, { text: `Unknown (${hexNumber(exid, 4)})` });
      if (length > TCP_OPT_EXID_LENGTH) option.add(TCP_OPT.expData, hex(data, at + TCP_OPT_EXID_LENGTH, at + length));
      if (kind === TCP_OPT_EXPERIMENT_1 && exid === TCP_AFFINITY_EXID) dissectServiceAffinity(option, data, at, length);
      summary.info.push(`ExID=${exid.toString(16).toUpperCase().padStart(4, "0")}`);
      summary.names.push("Experimental");
    } else {
      if (length > TCP_OPTION_VALUE) option.add(TCP_OPT.unknownPayload, hex(data, value, at + length));
      summary.names.push(`Unknown (${hexNumber(kind, 2)})`);
    }
    at += length;
  }
  return summary;
}
