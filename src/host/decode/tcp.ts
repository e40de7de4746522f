// TCP header, flags and options.
import { hexNumber } from "./format.js";
import { ascii, hex, u16, u32, u8 } from "./bytes.js";
import { dissectData } from "./data.js";
import { tsharkField } from "./field.js";
import { HeaderGuard } from "./guard.js";
import { dissectTcpOptions } from "./tcp-options.js";
import type { Dissection } from "./dissection.js";
import type { IpEndpoints } from "./ip-payload.js";
import {
  TCP_ACK,
  TCP_CHECKSUM,
  TCP_DATA_OFFSET,
  TCP_DATA_OFFSET_SHIFT,
  TCP_DATA_OFFSET_UNIT,
  TCP_DST_PORT,
  TCP_FLAGS_MASK,
  TCP_FLAG_ACK,
  TCP_FLAG_AE,
  TCP_FLAG_CWR,
  TCP_FLAG_ECE,
  TCP_FLAG_FIN,
  TCP_FLAG_PSH,
  TCP_FLAG_RST,
  TCP_FLAG_SYN,
  TCP_FLAG_URG,
  TCP_MIN_HEADER_LENGTH,
  TCP_SEQ,
  TCP_SRC_PORT,
  TCP_URGENT,
  TCP_WINDOW,
} from "../../../assembly/wire/tcp.layout.js";

const FLAG_BITS = 12;
const RESERVED_FLAGS = 0xe00;
const HDR_LEN_MASK = 0xf0;
const CHECKSUM_UNVERIFIED = 2;

const flag = (name: string, title: string, mask: number) =>
  tsharkField(`tcp.flags.${name}`, title, "bool", { bits: FLAG_BITS, mask, trueFalse: ["Set", "Not set"] });

export const TCP = {
  srcport: tsharkField("tcp.srcport", "Source Port", "uint", { bits: 16 }),
  dstport: tsharkField("tcp.dstport", "Destination Port", "uint", { bits: 16 }),
  port: tsharkField("tcp.port", "Source or Destination Port", "uint", { bits: 16 }),
  len: tsharkField("tcp.len", "TCP Segment Len", "uint", { bits: 32 }),
  seqRaw: tsharkField("tcp.seq_raw", "Sequence Number (raw)", "uint", { bits: 32 }),
  ackRaw: tsharkField("tcp.ack_raw", "Acknowledgment number (raw)", "uint", { bits: 32 }),
  hdrLen: tsharkField("tcp.hdr_len", "Header Length", "uint", { bits: 8, mask: HDR_LEN_MASK }),
  flags: tsharkField("tcp.flags", "Flags", "uint", { bits: 16, base: "hex", mask: TCP_FLAGS_MASK }),
  res: flag("res", "Reserved", RESERVED_FLAGS),
  ae: flag("ae", "Accurate ECN", TCP_FLAG_AE),
  cwr: flag("cwr", "Congestion Window Reduced", TCP_FLAG_CWR),
  ece: flag("ece", "ECN-Echo", TCP_FLAG_ECE),
  urg: flag("urg", "Urgent", TCP_FLAG_URG),
  ack: flag("ack", "Acknowledgment", TCP_FLAG_ACK),
  push: flag("push", "Push", TCP_FLAG_PSH),
  reset: flag("reset", "Reset", TCP_FLAG_RST),
  syn: flag("syn", "Syn", TCP_FLAG_SYN),
  fin: flag("fin", "Fin", TCP_FLAG_FIN),
  flagsStr: tsharkField("tcp.flags.str", "TCP Flags", "string"),
  window: tsharkField("tcp.window_size_value", "Window", "uint", { bits: 16 }),
  checksum: tsharkField("tcp.checksum", "Checksum", "uint", { bits: 16, base: "hex" }),
  checksumStatus: tsharkField("tcp.checksum.status", "Checksum Status", "uint", { bits: 8 }),
  urgent: tsharkField("tcp.urgent_pointer", "Urgent Pointer", "uint", { bits: 16 }),
  options: tsharkField("tcp.options", "Options", "bytes"),
  payload: tsharkField("tcp.payload", "TCP payload", "bytes"),
};

// Info-column order and the one-letter flag string (most significant bit first).
const INFO_FLAGS: readonly [number, string][] = [
  [TCP_FLAG_FIN, "FIN"],
  [TCP_FLAG_SYN, "SYN"],
  [TCP_FLAG_RST, "RST"],
  [TCP_FLAG_PSH, "PSH"],
  [TCP_FLAG_ACK, "ACK"],
  [TCP_FLAG_URG, "URG"],
  [TCP_FLAG_ECE, "ECE"],
  [TCP_FLAG_CWR, "CWR"],
  [TCP_FLAG_AE, "AE"],
];
const FLAG_LETTERS = "RRRACEUAPRSF";
const UNSET_LETTER = "·";

function flagString(flags: number): string {
  let out = "";
  for (let bit = FLAG_BITS - 1; bit >= 0; bit--) out += flags & (1 << bit) ? FLAG_LETTERS[FLAG_BITS - 1 - bit] : UNSET_LETTER;
  return out;
}

export function dissectTcp(d: Dissection, data: Uint8Array, start: number, limit: number, ip: IpEndpoints): void {
  d.enter("tcp", "TCP");
  const node = d.layer("Transmission Control Protocol");
  const guard = new HeaderGuard(node, data, start, limit, "TCP header", TCP_MIN_HEADER_LENGTH);
  if (guard.short(TCP_SRC_PORT, 2)) return;
  const sport = u16(data, start + TCP_SRC_PORT);
  node.add(TCP.srcport, sport);
  if (guard.short(TCP_DST_PORT, 2)) return;
  const dport = u16(data, start + TCP_DST_PORT);
  node.add(TCP.dstport, dport);
  node.add(TCP.port, sport, { hidden: true });
  node.add(TCP.port, dport, { hidden: true });
  node.setLabel(`Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}`);
  d.setInfo(`${sport} → ${dport}`);
  // tshark reads sequence numbers, offset, flags and window together before showing any of them.
  if (guard.short(TCP_SEQ, TCP_CHECKSUM - TCP_SEQ)) return;
  const seq = u32(data, start + TCP_SEQ);
  const offsetOctet = u8(data, start + TCP_DATA_OFFSET);
  const headerLength = (offsetOctet >>> TCP_DATA_OFFSET_SHIFT) * TCP_DATA_OFFSET_UNIT;
  const flags = u16(data, start + TCP_DATA_OFFSET) & TCP_FLAGS_MASK;
  const ack = u32(data, start + TCP_ACK);
  const segmentLength = limit - start - headerLength;
  if (segmentLength >= 0 && !d.inError) node.add(TCP.len, segmentLength, { label: `[TCP Segment Len: ${segmentLength}]` });
  node.add(TCP.seqRaw, seq);
  const flagNames = INFO_FLAGS.filter(([bit]) => flags & bit).map(([, name]) => name);
  const flagList = flagNames.length ? flagNames.join(", ") : "<None>";
  const relative = d.ctx.tcpSequences.relative(
    `${ip.src}/${sport}/${ip.dst}/${dport}`,
    `${ip.dst}/${dport}/${ip.src}/${sport}`,
    seq,
    ack,
    (flags & TCP_FLAG_SYN) !== 0,
    (flags & TCP_FLAG_ACK) !== 0,
  );
  const hdrLenText = `${headerLength} bytes (${offsetOctet >>> TCP_DATA_OFFSET_SHIFT})`;
  if (headerLength < TCP_MIN_HEADER_LENGTH) {
    node
      .add(TCP.hdrLen, headerLength, { whole: offsetOctet, text: hdrLenText })
      .problem(`TCP header length ${headerLength} is shorter than ${TCP_MIN_HEADER_LENGTH} bytes`);
    d.setInfo(
      `${sport} → ${dport} [${flagList}] Seq=${relative.seq} Win=${u16(data, start + TCP_WINDOW)}, bogus TCP header length (${headerLength}, must be at least ${TCP_MIN_HEADER_LENGTH})`,
    );
    return;
  }
  node.add(TCP.ackRaw, ack);
  node.add(TCP.hdrLen, headerLength, { whole: offsetOctet, text: hdrLenText });
  const flagsNode = node.add(TCP.flags, flags, { text: `${hexNumber(flags, 3)} (${flagList})` });
  for (const def of [TCP.res, TCP.ae, TCP.cwr, TCP.ece, TCP.urg, TCP.ack, TCP.push, TCP.reset, TCP.syn, TCP.fin]) {
    flagsNode.add(def, (flags & def.mask) !== 0, { whole: flags });
  }
  flagsNode.add(TCP.flagsStr, flagString(flags), { label: `[TCP Flags: ${flagString(flags)}]` });
  const window = u16(data, start + TCP_WINDOW);
  node.add(TCP.window, window);
  const info = [`${sport} → ${dport}`, `[${flagList}]`, `Seq=${relative.seq}`];
  if (flags & TCP_FLAG_ACK) info.push(`Ack=${relative.ack}`);
  info.push(`Win=${window}`);
  d.setInfo(info.join(" "));
  if (guard.short(TCP_CHECKSUM, 2)) return;
  const checksum = u16(data, start + TCP_CHECKSUM);
  node.add(TCP.checksum, checksum, { text: `${hexNumber(checksum, 4)} [unverified]` });
  node.add(TCP.checksumStatus, CHECKSUM_UNVERIFIED, { label: "[Checksum Status: Unverified]" });
  if (guard.short(TCP_URGENT, 2)) return;
  const urgent = u16(data, start + TCP_URGENT);
  node.add(TCP.urgent, urgent);
  if (flags & TCP_FLAG_URG) info.push(`Urg=${urgent}`);
  node.setLabel(
    `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Seq: ${relative.seq}${flags & TCP_FLAG_ACK ? `, Ack: ${relative.ack}` : ""}, Len: ${segmentLength}`,
  );
  const headerEnd = start + headerLength;
  const complete = headerEnd <= limit;
  if (!complete) node.problem(`TCP header length ${headerLength} runs past the end of the packet (${limit - start} bytes left)`);
  else info.push(`Len=${segmentLength}`);
  if (headerLength > TCP_MIN_HEADER_LENGTH) {
    const optionsStart = start + TCP_MIN_HEADER_LENGTH;
    // Like tshark: what was captured of the options, then each option until one runs out.
    const captured = hex(data, optionsStart, Math.min(headerEnd, limit));
    const optionsNode = node.add(TCP.options, captured || "<MISSING>");
    const reverse = `${ip.dst}/${dport}/${ip.src}/${sport}`;
    const summary = dissectTcpOptions(optionsNode, data, optionsStart, headerEnd, limit, (edge) => d.ctx.tcpSequences.relativeTo(reverse, edge));
    optionsNode.setLabel(`Options: (${headerLength - TCP_MIN_HEADER_LENGTH} bytes), ${summary.names.join(", ")}`);
    info.push(...summary.info);
  }
  d.setInfo(info.join(" "));
  if (!complete || headerEnd >= limit) return;
  if (flags & TCP_FLAG_RST) {
    node.text(`Reset cause: ${ascii(data, headerEnd, limit)}`);
    return;
  }
  node.add(TCP.payload, hex(data, headerEnd, limit), { label: `TCP payload (${segmentLength} byte${segmentLength === 1 ? "" : "s"})` });
  dissectData(d, data, headerEnd, limit);
}
