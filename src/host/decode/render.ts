// Text renderings of decoded frames: summary lines, the `-V` tree, JSON and `-T fields` lines.
// Browser-safe: strings in, strings out.
import type { DecodedFrame } from "./frame.js";
import type { DecodedItem } from "./tree.js";
import { terminalSafe } from "../text/terminal-safe.js";

const INDENT = "    ";
// tshark's default columns: number and time right-aligned, source right- and destination left-aligned.
const FRAME_NUMBER_WIDTH = 5;
const TIME_WIDTH = 10;
const TIME_DECIMALS = 6;
const ADDRESS_WIDTH = 12;

/** `    1   0.000000 src → dst PROTO len info [problem]`, laid out like tshark's default output. */
export function renderSummaryLine(frame: DecodedFrame): string {
  const { src, dst, protocol, info } = frame.columns;
  const time = (frame.relativeTime ?? 0).toFixed(TIME_DECIMALS);
  const line =
    `${String(frame.number).padStart(FRAME_NUMBER_WIDTH)} ${time.padStart(TIME_WIDTH)} ${src.padStart(ADDRESS_WIDTH)} → ${dst.padEnd(ADDRESS_WIDTH)} ${protocol} ${frame.originalLength} ${info}`.trimEnd();
  // Strings from the capture (an interface name, a payload shown as text) reach a terminal:
  // control characters are escaped, never printed.
  return terminalSafe(frame.problems.length ? `${line} [${frame.problems.join("; ")}]` : line);
}

function renderItem(item: DecodedItem, depth: number, out: string[]): void {
  out.push(INDENT.repeat(depth) + terminalSafe(item.label));
  for (const child of item.children ?? []) renderItem(child, depth + 1, out);
}

/** The layer trees, four spaces per level, `Frame N: ...` first, then a blank line. */
export function renderTree(frame: DecodedFrame): string {
  const out: string[] = [];
  for (const layer of frame.layers) renderItem(layer, 0, out);
  return out.join("\n") + "\n\n";
}

export interface JsonFrame {
  number: number;
  summary: string;
  problems: string[];
  timestamp?: { sec: number; nsec: number };
  capturedLength: number;
  originalLength: number;
  layers: DecodedItem[];
  fields: Record<string, string[]>;
}

export function toJsonFrame(frame: DecodedFrame): JsonFrame {
  return {
    number: frame.number,
    summary: frame.summary,
    problems: frame.problems,
    ...(frame.timestamp ? { timestamp: frame.timestamp } : {}),
    capturedLength: frame.capturedLength,
    originalLength: frame.originalLength,
    layers: frame.layers,
    fields: Object.fromEntries(frame.fields),
  };
}

/** One JSON array of per-frame objects. */
export function renderJson(frames: readonly DecodedFrame[]): string {
  return JSON.stringify(frames.map(toJsonFrame), null, 2) + "\n";
}

/** Streams the same JSON array a frame at a time: open, frames (with commas), close. */
export class JsonArrayWriter {
  private count = 0;

  open(): string {
    return "[\n";
  }

  frame(frame: DecodedFrame): string {
    const text = JSON.stringify(toJsonFrame(frame), null, 2)
      .split("\n")
      .map((line) => "  " + line)
      .join("\n");
    return (this.count++ === 0 ? "" : ",\n") + text;
  }

  close(): string {
    return this.count === 0 ? "]\n" : "\n]\n";
  }
}

export type Occurrence = "f" | "l" | "a";
export type Quote = "d" | "s" | "n";

export interface FieldsOptions {
  separator: string;
  occurrence: Occurrence;
  aggregator: string;
  header: boolean;
  quote: Quote;
}

export const DEFAULT_FIELDS_OPTIONS: FieldsOptions = { separator: "\t", occurrence: "a", aggregator: ",", header: false, quote: "n" };

export class FieldsOptionError extends Error {
  override name = "FieldsOptionError";
}

/** `/t` and `/s` mean tab and space; otherwise tshark uses the first character. */
function separatorValue(value: string): string {
  if (value === "/t") return "\t";
  if (value === "/s") return " ";
  return value.slice(0, 1);
}

/** Applies one `-E name=value` the way tshark does. */
export function applyFieldsOption(options: FieldsOptions, spec: string): FieldsOptions {
  const eq = spec.indexOf("=");
  const name = eq < 0 ? spec : spec.slice(0, eq);
  const value = eq < 0 ? "" : spec.slice(eq + 1);
  const bad = () =>
    new FieldsOptionError(
      `"${spec}" is not a valid field output option=value pair (use separator=/t|/s|X, occurrence=f|l|a, aggregator=,|/s|X, header=y|n, quote=d|s|n)`,
    );
  switch (name) {
    case "separator":
      if (!value) throw bad();
      return { ...options, separator: separatorValue(value) };
    case "aggregator":
      if (!value) throw bad();
      return { ...options, aggregator: separatorValue(value) };
    case "occurrence":
      if (value !== "f" && value !== "l" && value !== "a") throw bad();
      return { ...options, occurrence: value };
    case "header":
      if (value !== "y" && value !== "n") throw bad();
      return { ...options, header: value === "y" };
    case "quote":
      if (value !== "d" && value !== "s" && value !== "n") throw bad();
      return { ...options, quote: value };
  }
  throw bad();
}

export function parseFieldsOptions(specs: readonly string[]): FieldsOptions {
  return specs.reduce(applyFieldsOption, DEFAULT_FIELDS_OPTIONS);
}

function quoted(value: string, quote: Quote): string {
  if (!value || quote === "n") return value;
  const mark = quote === "d" ? '"' : "'";
  return mark + value + mark;
}

/** The header line tshark prints with `-E header=y` (never quoted). */
export function renderFieldsHeader(names: readonly string[], options: FieldsOptions = DEFAULT_FIELDS_OPTIONS): string {
  return names.join(options.separator);
}

/** One `-T fields` line (without the newline). */
export function renderFieldsLine(frame: DecodedFrame, names: readonly string[], options: FieldsOptions = DEFAULT_FIELDS_OPTIONS): string {
  return names
    .map((name) => {
      const values = frame.fields.get(name);
      if (!values || values.length === 0) return "";
      const chosen = options.occurrence === "f" ? [values[0]!] : options.occurrence === "l" ? [values[values.length - 1]!] : values;
      return quoted(terminalSafe(chosen.join(options.aggregator)), options.quote);
    })
    .join(options.separator);
}
