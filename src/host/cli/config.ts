// Runs VPP CLI text (a config file, --exec lines, later the control socket) command by command.
// Configs pasted from VPP's docs run unchanged: a `vpp#` prompt is ignored, and a line that does
// not begin with a command word continues the previous command (the docs wrap long commands).
// A bad command is reported with its source, line and column and is not applied; the others are.
import type { CommandRegistry } from "./registry.js";
import { CliError, tokenize } from "./tokens.js";
import { EngineMemoryError } from "../engine/engine-memory.js";

function firstColumn(text: string): number {
  return text.search(/\S/) + 1 || 1;
}

export interface ConfigProblem {
  source: string;
  line: number;
  column: number;
  message: string;
  text: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.source}:${p.line}:${p.column}: ${p.message}\n    ${p.text.trim()}`;
}

export interface ConfigResult {
  output: string[];
  problems: ConfigProblem[];
}

interface Piece {
  line: number; // 1-based physical line
  text: string; // the physical line, prompt blanked out
  at: number; // where it starts in the joined command text (0-based)
}

const PROMPT = /^(\s*)(?:DBG)?vpp#/;

function withoutPrompt(line: string): string {
  return line.replace(PROMPT, (m, indent: string) => indent + " ".repeat(m.length - indent.length));
}

/** Groups physical lines into commands. */
function commands<Context>(registry: CommandRegistry<Context>, text: string): Piece[][] {
  const groups: Piece[][] = [];
  let current: Piece[] | undefined;
  text.split("\n").forEach((raw, i) => {
    const line = withoutPrompt(raw);
    let first: string | undefined;
    try {
      first = tokenize(line)[0]?.text;
    } catch {
      first = line.trim().split(/\s+/)[0];
    }
    if (first === undefined) {
      current = undefined;
      if (line.trim()) groups.push([{ line: i + 1, text: line, at: 0 }]); // a comment: nothing to run
      return;
    }
    if (current && !registry.startsCommand(first)) {
      const last = current[current.length - 1];
      current.push({ line: i + 1, text: line, at: last.at + last.text.length + 1 });
      return;
    }
    current = [{ line: i + 1, text: line, at: 0 }];
    groups.push(current);
  });
  return groups;
}

function locate(pieces: Piece[], column: number): { line: number; column: number; text: string } {
  const offset = column - 1;
  for (let k = pieces.length - 1; k >= 0; k--) {
    if (offset >= pieces[k].at) return { line: pieces[k].line, column: offset - pieces[k].at + 1, text: pieces[k].text };
  }
  return { line: pieces[0].line, column, text: pieces[0].text };
}

export function runCliText<Context>(
  registry: CommandRegistry<Context>,
  context: Context,
  text: string,
  source: string,
): ConfigResult {
  const result: ConfigResult = { output: [], problems: [] };
  for (const pieces of commands(registry, text)) {
    const joined = pieces.map((p) => p.text).join(" ");
    try {
      const out = registry.execute(joined, context);
      if (out) result.output.push(out);
    } catch (err) {
      // Tables that grow as lines add to them (routes, sessions, SR lists) meet the engine's
      // memory limit while the line is applied: that line is the one reported.
      const column = err instanceof CliError ? err.column : err instanceof EngineMemoryError ? firstColumn(joined) : undefined;
      if (column === undefined) throw err;
      const where = locate(pieces, column);
      result.problems.push({ source, line: where.line, column: where.column, message: (err as Error).message, text: where.text });
    }
  }
  return result;
}
