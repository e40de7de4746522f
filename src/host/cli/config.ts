// Runs VPP CLI text (a config file, --exec lines, later the control socket) command by command.
// Configs pasted from VPP's docs run unchanged: a `vpp#` prompt is ignored, and a line that does
// not begin with a command word continues the previous command (the docs wrap long commands).
// A `#` comment ends its own physical line only, so a wrapped continuation after a commented line
// still joins its command. A bad command is reported with its source, line and column and is not
// applied; the others are. Text is bounded: lines longer than CONFIG_LINE_MAX are refused where
// they pass the limit, and a leading UTF-8 byte order mark is not part of the first command.
import type { CommandRegistry } from "./registry.js";
import { CliError, commentStart, tokenize } from "./tokens.js";
import { EngineMemoryError } from "../engine/engine-memory.js";
import { safeMessage, terminalSafe } from "../text/terminal-safe.js";

/** Longest physical line accepted, in characters (VPP's own CLI reads lines of a few KiB). */
export const CONFIG_LINE_MAX = 8192;
/** Largest config file read, in bytes (a million-route FIB fits). */
export const CONFIG_MAX_BYTES = 64 * 1024 * 1024;
/** Problems kept from one text: past this, they are counted, not listed. */
export const CONFIG_PROBLEMS_MAX = 100;

export interface ConfigProblem {
  source: string;
  line: number;
  column: number;
  message: string;
  text: string;
}

/** How much of the offending line is echoed around the column. */
const ECHO_BEFORE = 60;
const ECHO_AFTER = 100;

/** `FILE:LINE:COLUMN: message` and the line, safe for a terminal (controls escaped, long text cut). */
export function formatProblem(p: ConfigProblem): string {
  return `${terminalSafe(p.source)}:${p.line}:${p.column}: ${safeMessage(p.message)}\n    ${echoedLine(p.text, p.column)}`;
}

function echoedLine(text: string, column: number): string {
  const trimmed = text.trim();
  const lead = text.length - text.trimStart().length;
  const at = Math.max(0, column - 1 - lead);
  if (trimmed.length <= ECHO_BEFORE + ECHO_AFTER) return terminalSafe(trimmed);
  const start = Math.max(0, at - ECHO_BEFORE);
  const end = Math.min(trimmed.length, at + ECHO_AFTER);
  return `${start > 0 ? "…" : ""}${terminalSafe(trimmed.slice(start, end))}${end < trimmed.length ? "…" : ""}`;
}

export interface ConfigResult {
  output: string[];
  problems: ConfigProblem[];
  /** Problems found beyond CONFIG_PROBLEMS_MAX, not listed. */
  problemsNotListed: number;
}

interface Piece {
  line: number; // 1-based physical line
  text: string; // the physical line, prompt and comment blanked out (columns unchanged)
  raw: string; // the physical line as written, for messages
  at: number; // where it starts in the joined command text (0-based)
}

const PROMPT = /^(\s*)(?:DBG)?vpp#/;
const BYTE_ORDER_MARK = "\ufeff";

function withoutPrompt(line: string): string {
  return line.replace(PROMPT, (m, indent: string) => indent + " ".repeat(m.length - indent.length));
}

/** The comment blanked out, so the line's columns stay where they were. */
function withoutComment(line: string): string {
  const start = commentStart(line);
  return start < 0 ? line : line.slice(0, start) + " ".repeat(line.length - start);
}

interface Grouping {
  groups: Piece[][];
  tooLong: ConfigProblem[];
}

/** Groups physical lines into commands; a command with a line past CONFIG_LINE_MAX is not run. */
function commands<Context>(registry: CommandRegistry<Context>, text: string, source: string): Grouping {
  const groups: Piece[][] = [];
  const tooLong: ConfigProblem[] = [];
  let current: Piece[] | undefined;
  const refused = new Set<Piece[]>();
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
  body.split("\n").forEach((raw, i) => {
    // Past the limit only the start is looked at (which command it begins or continues): a line
    // of a million characters costs no more than one of a few thousand.
    const line = withoutComment(withoutPrompt(raw.length > CONFIG_LINE_MAX ? raw.slice(0, CONFIG_LINE_MAX) : raw));
    let first: string | undefined;
    try {
      first = tokenize(line)[0]?.text;
    } catch {
      first = line.trim().split(/\s+/)[0];
    }
    if (first === undefined) {
      current = undefined;
      return;
    }
    if (current && !registry.startsCommand(first)) {
      const last = current[current.length - 1];
      current.push({ line: i + 1, text: line, raw, at: last.at + last.text.length + 1 });
    } else {
      current = [{ line: i + 1, text: line, raw, at: 0 }];
      groups.push(current);
    }
    if (raw.length > CONFIG_LINE_MAX) {
      refused.add(current);
      tooLong.push({
        source,
        line: i + 1,
        column: CONFIG_LINE_MAX + 1,
        message: `line is longer than ${CONFIG_LINE_MAX} characters (${raw.length}): wrap it, since a line that does not begin with a command word continues the one before`,
        text: raw.slice(0, CONFIG_LINE_MAX + ECHO_AFTER),
      });
    }
  });
  return { groups: refused.size > 0 ? groups.filter((g) => !refused.has(g)) : groups, tooLong };
}

function locate(pieces: Piece[], column: number): { line: number; column: number; text: string } {
  const offset = column - 1;
  for (let k = pieces.length - 1; k >= 0; k--) {
    if (offset >= pieces[k].at) return { line: pieces[k].line, column: offset - pieces[k].at + 1, text: pieces[k].raw };
  }
  return { line: pieces[0].line, column, text: pieces[0].raw };
}

function firstColumn(text: string): number {
  return text.search(/\S/) + 1 || 1;
}

export interface RunOptions {
  /** false: parse every command and report its problems, apply none (lines checked before a job). */
  apply?: boolean;
}

export function runCliText<Context>(
  registry: CommandRegistry<Context>,
  context: Context,
  text: string,
  source: string,
  options: RunOptions = {},
): ConfigResult {
  const apply = options.apply ?? true;
  const result: ConfigResult = { output: [], problems: [], problemsNotListed: 0 };
  const report = (problem: ConfigProblem) => {
    if (result.problems.length < CONFIG_PROBLEMS_MAX) result.problems.push(problem);
    else result.problemsNotListed++;
  };
  const { groups, tooLong } = commands(registry, text, source);
  tooLong.forEach(report);
  for (const pieces of groups) {
    const joined = pieces.map((p) => p.text).join(" ");
    try {
      const action = registry.prepare(joined, context);
      const out = apply ? (action?.() ?? "") : "";
      if (out) result.output.push(out);
    } catch (err) {
      // Tables that grow as lines add to them (routes, sessions, SR lists) meet the engine's
      // memory limit while the line is applied: that line is the one reported.
      const column = err instanceof CliError ? err.column : err instanceof EngineMemoryError ? firstColumn(joined) : undefined;
      if (column === undefined) throw err;
      const where = locate(pieces, column);
      report({ source, line: where.line, column: where.column, message: (err as Error).message, text: where.text });
    }
  }
  result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}
