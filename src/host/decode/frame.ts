// Decoding one captured frame: the Frame layer, the link layer down, the summary line.
import { tsharkField } from "./field.js";
import { DecodeContext, type Timestamp } from "./context.js";
import { Dissection, type Columns } from "./dissection.js";
import { dissectLink } from "./link.js";
import { encapsulationOf } from "../capture/link-types.js";
import type { DecodedItem, FieldMap, TreeNode } from "./tree.js";
import { beginSpans, endSpans } from "./read-spans.js";

export interface FrameInfo {
  /** Defaults to the context's next frame number. */
  number?: number;
  /** Length on the wire; defaults to the captured length. */
  originalLength?: number;
  timestamp?: Timestamp;
  interfaceIndex?: number;
  interfaceName?: string;
}

export interface DecodedFrame {
  number: number;
  linkType: number;
  capturedLength: number;
  originalLength: number;
  timestamp?: Timestamp;
  /** Seconds since the first frame of the capture, when timestamps are known. */
  relativeTime?: number;
  /** One tree per protocol, `Frame N: ...` first, labelled like `tshark -V`. */
  layers: DecodedItem[];
  /** tshark field name -> values in wire order, formatted like `tshark -T fields`. */
  fields: FieldMap;
  /** What is wrong with the packet, one sentence each; empty when it is well formed. */
  problems: string[];
  /** `src → dst PROTO len info`, plus ` [problem]` when malformed. */
  summary: string;
  columns: Columns;
  /** tshark's "Protocols in frame", e.g. `eth:ethertype:ipv6:ipv6.hopopts:icmpv6:data`. */
  protocols: string;
}

export const FRAME = {
  encapType: tsharkField("frame.encap_type", "Encapsulation type", "uint", { bits: 16 }),
  timeEpoch: tsharkField("frame.time_epoch", "Epoch Time", "string"),
  timeDelta: tsharkField("frame.time_delta", "Time delta from previous captured frame", "string"),
  timeRelative: tsharkField("frame.time_relative", "Time since reference or first frame", "string"),
  number: tsharkField("frame.number", "Frame Number", "uint", { bits: 32 }),
  len: tsharkField("frame.len", "Frame Length", "uint", { bits: 32 }),
  capLen: tsharkField("frame.cap_len", "Capture Length", "uint", { bits: 32 }),
};

const NANOS = 1_000_000_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function seconds(nanos: bigint): string {
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  return `${negative ? "-" : ""}${abs / BigInt(NANOS)}.${(abs % BigInt(NANOS)).toString().padStart(9, "0")}`;
}

function toNanos(t: Timestamp): bigint {
  return BigInt(t.sec) * BigInt(NANOS) + BigInt(t.nsec);
}

function arrivalText(t: Timestamp): string {
  const date = new Date(t.sec * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())}, ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())}.${String(t.nsec).padStart(9, "0")} UTC`;
}

function addFrameFields(
  frame: TreeNode,
  ctx: DecodeContext,
  linkType: number,
  number: number,
  captured: number,
  original: number,
  info: FrameInfo,
): number | undefined {
  const encapsulation = encapsulationOf(linkType);
  frame.add(FRAME.encapType, encapsulation.number, { text: `${encapsulation.name} (${encapsulation.number})` });
  let relative: number | undefined;
  if (info.timestamp) {
    const now = toNanos(info.timestamp);
    ctx.firstTimestamp ??= info.timestamp;
    const previous = ctx.previousTimestamp ?? info.timestamp;
    ctx.previousTimestamp = info.timestamp;
    const sinceFirst = now - toNanos(ctx.firstTimestamp);
    relative = Number(sinceFirst) / NANOS;
    const delta = seconds(now - toNanos(previous));
    frame.text(`Arrival Time: ${arrivalText(info.timestamp)}`);
    frame.text("[Time shift for this packet: 0.000000000 seconds]");
    frame.add(FRAME.timeEpoch, seconds(now), { text: `${seconds(now)} seconds` });
    frame.add(FRAME.timeDelta, delta, { label: `[Time delta from previous captured frame: ${delta} seconds]` });
    frame.text(`[Time delta from previous displayed frame: ${delta} seconds]`);
    frame.add(FRAME.timeRelative, seconds(sinceFirst), { label: `[Time since reference or first frame: ${seconds(sinceFirst)} seconds]` });
  }
  frame.add(FRAME.number, number);
  frame.add(FRAME.len, original, { text: `${original} bytes (${original * 8} bits)` });
  frame.add(FRAME.capLen, captured, { text: `${captured} bytes (${captured * 8} bits)` });
  frame.text("[Frame is marked: False]");
  frame.text("[Frame is ignored: False]");
  return relative;
}

function summaryLine(columns: Columns, length: number, problems: readonly string[]): string {
  const base = `${columns.src} → ${columns.dst} ${columns.protocol} ${length} ${columns.info}`.trimEnd();
  return problems.length ? `${base} [${problems.join("; ")}]` : base;
}

export function decodeFrame(data: Uint8Array, linkType: number, ctx: DecodeContext = new DecodeContext(), info: FrameInfo = {}): DecodedFrame {
  const number = info.number ?? ctx.nextFrameNumber();
  if (info.number !== undefined) ctx.noteFrameNumber(info.number);
  const captured = data.length;
  const original = Math.max(info.originalLength ?? captured, captured);
  const d = new Dissection(ctx, number);
  const frame = d.layer(
    `Frame ${number}: ${original} bytes on wire (${original * 8} bits), ${captured} bytes captured (${captured * 8} bits)${
      info.interfaceName ? ` on interface ${info.interfaceName}, id ${info.interfaceIndex ?? 0}` : ""
    }`,
  );
  const relativeTime = addFrameFields(frame, ctx, linkType, number, captured, original, info);
  d.truncatedByCapture = captured < original;
  if (captured < original) frame.problem(`packet size limited during capture: ${captured} of ${original} bytes captured`);
  if (ctx.spans) beginSpans(data);
  try {
    dissectLink(d, data, linkType);
  } catch (err) {
    // Dissectors check every read; reaching this is a decoder bug, still reported, never thrown.
    frame.problem(`internal decoder error: ${(err as Error).message}`);
  } finally {
    if (ctx.spans) endSpans();
  }
  const protocols = ["frame", ...d.protocols].join(":");
  frame.text(`[Protocols in frame: ${protocols.slice("frame:".length)}]`);
  return {
    number,
    linkType,
    capturedLength: captured,
    originalLength: original,
    ...(info.timestamp ? { timestamp: info.timestamp } : {}),
    ...(relativeTime !== undefined ? { relativeTime } : {}),
    layers: d.out.layers,
    fields: d.out.fields,
    problems: d.out.problems,
    summary: summaryLine(d.columns, original, d.out.problems),
    columns: d.columns,
    protocols: d.protocols.join(":"),
  };
}
