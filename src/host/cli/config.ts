// Runs VPP CLI text (a config file, --exec lines, later the control socket) line by line. A bad
// line is reported with its source, line and column and is not applied; the others are.
import type { CommandRegistry } from "./registry.js";
import { CliError } from "./tokens.js";

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

export function runCliText<Context>(
  registry: CommandRegistry<Context>,
  context: Context,
  text: string,
  source: string,
): ConfigResult {
  const result: ConfigResult = { output: [], problems: [] };
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    try {
      const out = registry.execute(line, context);
      if (out) result.output.push(out);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      result.problems.push({ source, line: i + 1, column: err.column, message: err.message, text: line });
    }
  });
  return result;
}
