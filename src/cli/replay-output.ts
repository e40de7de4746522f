// The replay's output format and link type, decided before anything runs. A pcap file holds one
// link type: the engine transmits frames with the link type they came in with, so the input's
// link types (those the engine reads; it drops the others, counted) decide. A regular input file
// is scanned for them up front; a stream (FIFO, /dev/stdin) can be read once only, so its first
// interface decides, and a later frame of another link type stops the output with a summary.
import { extname } from "node:path";
import { CaptureFileReader, type CaptureFormatError } from "../io/capture-file.js";
import type { CaptureFormat } from "../host/capture/capture-record.js";
import { ENGINE_LINK_TYPES, LINKTYPE_ETHERNET, linkEntry, linkTypeName } from "../host/capture/link-types.js";
import { terminalSafe } from "../host/text/terminal-safe.js";
import { UsageError } from "./session.js";

export interface ReplayOutputFormat {
  format: CaptureFormat;
  /** pcap: the file's link type; pcapng: the link type of frames that name none. */
  linkType: number;
}

/** pcap's seconds are 32 bits: its last second is 2106-02-07T06:28:15Z. */
export const PCAP_MAX_SECONDS = 0xffff_ffff;

interface Scan {
  types: Set<number>;
  latestSeconds: number;
}

/** Link types and the latest time of the frames in a regular capture file (up to a format error, where the replay stops too). */
function scanFrames(path: string): Scan {
  const scan: Scan = { types: new Set(), latestSeconds: 0 };
  const reader = CaptureFileReader.open(path);
  try {
    for (let record = reader.next(); record !== null; record = reader.next()) {
      scan.types.add(record.linkType);
      if (record.tsSec > scan.latestSeconds) scan.latestSeconds = record.tsSec;
    }
  } catch (err) {
    if ((err as CaptureFormatError).name !== "CaptureFormatError") throw err;
  } finally {
    reader.close();
  }
  return scan;
}

const names = (types: Iterable<number>) => [...types].map(linkTypeName).join(" and ");

/** What the decision needs of the opened input (a CaptureFileReader or a CaptureFileSource). */
export interface OpenedCapture {
  path: string;
  format: CaptureFormat;
  linkType: number | undefined;
  seekable: boolean;
}

export function replayOutputFormat(input: OpenedCapture, output: string): ReplayOutputFormat {
  const format: CaptureFormat = extname(output).toLowerCase() === ".pcapng" ? "pcapng" : "pcap";
  const inputName = terminalSafe(input.path);
  const first = input.linkType;
  if (format === "pcapng") {
    // pcapng holds every link type: nothing to decide, nothing to scan. Frames the engine does
    // not read are dropped and counted; a file of only those gets a section and no interface,
    // which every reader opens.
    return { format, linkType: first !== undefined && linkEntry(first) ? first : LINKTYPE_ETHERNET };
  }
  // A pcap input holds one link type and 32-bit seconds; a regular pcapng file is scanned; a
  // stream's first interface decides.
  const scan = input.format === "pcapng" && input.seekable ? scanFrames(input.path) : undefined;
  const types = scan?.types ?? new Set(first === undefined ? [] : [first]);
  const whole = input.format === "pcap" || scan !== undefined;
  const readable = [...types].filter((t) => linkEntry(t) !== undefined);
  if (types.size > 0 && readable.length === 0) {
    const what = whole ? `has frames of link type ${names(types)} only` : `starts with an interface of link type ${names(types)}`;
    const then = whole ? "nothing would be replayed" : "a pcap output takes its link type from it: write a .pcapng output";
    throw new UsageError(
      `${inputName}: ${what}, which the engine does not read (it reads ${ENGINE_LINK_TYPES.map(linkTypeName).join(", ")}): ${then}; nothing was run`,
    );
  }
  if (readable.length > 1) {
    throw new UsageError(
      `${inputName} has frames of link types ${names(readable)}, and a pcap file holds one: write a .pcapng output instead of ${terminalSafe(output)}; nothing was run`,
    );
  }
  if (scan && scan.latestSeconds > PCAP_MAX_SECONDS) {
    throw new UsageError(
      `${inputName} has frames stamped past 2106-02-07T06:28:15Z, which pcap's 32-bit seconds cannot hold: write a .pcapng output instead of ${terminalSafe(output)}; nothing was run`,
    );
  }
  return { format, linkType: readable[0] ?? LINKTYPE_ETHERNET };
}
