// The replay's output format and link type, decided before anything runs. A pcap file holds one
// link type: the engine transmits frames with the link type they came in with, so the input's
// link types (those the engine reads; it drops the others, counted) decide. A regular input file
// is scanned for them up front; a stream (FIFO, /dev/stdin) can be read once only, so its first
// interface decides, and a later frame of another link type stops the output with a summary.
import { extname } from "node:path";
import { CaptureFileReader, type CaptureFormatError } from "../io/capture-file.js";
import type { CaptureFormat } from "../host/capture/capture-record.js";
import { LINKTYPE_ETHERNET, linkTypeName } from "../host/capture/link-types.js";
import { ENGINE_LINK_TYPES, linkEntry } from "../host/engine/link-entry.js";
import { terminalSafe } from "../host/text/terminal-safe.js";
import { UsageError } from "./session.js";

export interface ReplayOutputFormat {
  format: CaptureFormat;
  /** pcap: the file's link type; pcapng: the link type of frames that name none. */
  linkType: number;
}

/** Link types of the frames in a regular capture file (up to a format error, where the replay stops too). */
function scanLinkTypes(path: string): Set<number> {
  const types = new Set<number>();
  const scan = CaptureFileReader.open(path);
  try {
    for (let record = scan.next(); record !== null; record = scan.next()) types.add(record.linkType);
  } catch (err) {
    if ((err as CaptureFormatError).name !== "CaptureFormatError") throw err;
  } finally {
    scan.close();
  }
  return types;
}

const names = (types: Iterable<number>) => [...types].map(linkTypeName).join(" and ");

export function replayOutputFormat(input: CaptureFileReader, output: string): ReplayOutputFormat {
  const format: CaptureFormat = extname(output).toLowerCase() === ".pcapng" ? "pcapng" : "pcap";
  const whole = input.format === "pcap" || input.seekable;
  const types = input.format === "pcap" ? new Set([input.linkType ?? LINKTYPE_ETHERNET]) : whole ? scanLinkTypes(input.path) : new Set(input.linkType === undefined ? [] : [input.linkType]);
  const readable = [...types].filter((t) => linkEntry(t) !== undefined);
  const inputName = terminalSafe(input.path);
  if (types.size > 0 && readable.length === 0) {
    const what = whole ? `has frames of link type ${names(types)} only` : `starts with an interface of link type ${names(types)}`;
    throw new UsageError(
      `${inputName}: ${what}, which the engine does not read (it reads ${ENGINE_LINK_TYPES.map(linkTypeName).join(", ")}): nothing would be replayed; nothing was run`,
    );
  }
  if (format === "pcapng") return { format, linkType: readable[0] ?? LINKTYPE_ETHERNET };
  if (readable.length > 1) {
    throw new UsageError(
      `${inputName} has frames of link types ${names(readable)}, and a pcap file holds one: write a .pcapng output instead of ${terminalSafe(output)}; nothing was run`,
    );
  }
  return { format, linkType: readable[0] ?? LINKTYPE_ETHERNET };
}
